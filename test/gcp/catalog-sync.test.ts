import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  GcpCatalog,
  gcpCatalog,
  loadGcpCatalog,
  resetGcpCatalog,
  SHIPPED_CATALOG_URL,
  userCatalogPath,
} from "../../src/clouds/gcp/catalog/catalog.js";
import {
  decodeGcpCatalog,
  encodeGcpCatalog,
  type GcpRoleRecord,
} from "../../src/clouds/gcp/catalog/compact-catalog.js";
import {
  type GcpIamClient,
  syncFromApi,
  syncFromExport,
  writeUserCatalog,
} from "../../src/clouds/gcp/catalog/sync.js";

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `leash-${prefix}-`));
const fixed = () => new Date("2026-10-01T12:00:00Z");

const ROLES: GcpRoleRecord[] = [
  {
    name: "roles/storage.objectViewer",
    title: "Storage Object Viewer",
    stage: "GA",
    includedPermissions: ["storage.objects.get", "storage.objects.list"],
  },
  {
    name: "roles/aiplatform.user",
    title: "Vertex AI User",
    stage: "BETA",
    includedPermissions: ["aiplatform.endpoints.predict", "storage.objects.get"],
  },
  // Predefined roles with no permissions exist; gcloud then prints no includedPermissions.
  { name: "roles/empty.role", title: "Empty", stage: "GA" },
];

function exportFile(content: string, name = "roles.json"): string {
  const file = join(temp("export"), name);
  writeFileSync(file, content);
  return file;
}

describe("syncFromExport: a `gcloud iam roles list --view=FULL --format=json` file", () => {
  it("becomes a compact catalog with every role and permission, dated by the file's mtime", () => {
    const file = exportFile(JSON.stringify(ROLES, null, 2));
    utimesSync(file, new Date("2025-03-04T10:00:00Z"), new Date("2025-03-04T10:00:00Z"));
    const r = syncFromExport(readFileSync(file, "utf8"), file, { today: fixed });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: "gcp-catalog/few-roles", severity: "warning" }),
    ]);
    expect(r.version).toBe("gcloud export 2025-03-04 (3 roles)");
    expect(r.notes).toEqual([`the version's date is the modification time of \`${file}\``]);
    expect(r).toMatchObject({ roles: 3, permissions: 3 });
    const c = new GcpCatalog(decodeGcpCatalog(r.text!));
    expect(c.version).toBe("gcloud export 2025-03-04 (3 roles)");
    expect([...c.role("roles/aiplatform.user")!.permissions].sort()).toEqual([
      "aiplatform.endpoints.predict",
      "storage.objects.get",
    ]);
    expect(c.role("roles/aiplatform.user")!.stage).toBe("BETA");
    expect(c.role("roles/empty.role")!.permissions.size).toBe(0);
    expect(c.permissions()).toEqual([
      "aiplatform.endpoints.predict",
      "storage.objects.get",
      "storage.objects.list",
    ]);
  });

  it("from standard input is dated today, and says so", () => {
    const r = syncFromExport(JSON.stringify(ROLES), "-", { today: fixed });
    expect(r.version).toBe("gcloud export 2026-10-01 (3 roles)");
    expect(r.notes[0]).toBe(
      "the version's date is today (standard input has no modification time)",
    );
  });

  it("accepts `gcloud iam roles describe` outputs gathered in an array, and a single role", () => {
    const described = ROLES.map((r) => ({ ...r, etag: "BwX=", description: "d" }));
    const many = syncFromExport(JSON.stringify(described), "-", { today: fixed });
    expect(many.roles).toBe(3);
    const one = syncFromExport(JSON.stringify(described[0]), "-", { today: fixed });
    expect(one.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(one.roles).toBe(1);
    expect(one.version).toBe("gcloud export 2026-10-01 (1 roles)");
  });

  it("an export without --view=FULL (no includedPermissions anywhere) is refused with the fix", () => {
    const basic = ROLES.map(({ includedPermissions: _, ...rest }) => rest);
    const r = syncFromExport(JSON.stringify(basic, null, 2), "basic.json");
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: "gcp-catalog/no-permissions",
      severity: "error",
      location: { file: "basic.json", line: 1, column: 1 },
    });
    expect(r.diagnostics[0]!.message).toContain("--view=FULL");
    expect(r.diagnostics[0]!.help).toContain("gcloud iam roles list --view=FULL --format=json");
  });

  it("malformed JSON is one diagnostic at its line and column, and no catalog", () => {
    const text = '[\n  {"name": "roles/a",\n   "includedPermissions": ["a.b.c",]}\n]';
    const r = syncFromExport(text, "bad.json");
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: "gcp-catalog/invalid-json",
      severity: "error",
      location: { file: "bad.json", line: 3, column: 36 },
    });
  });

  it("bad roles and permissions are errors at their place; custom and deleted roles are left out", () => {
    const text = JSON.stringify(
      [
        { name: "roles/ok", includedPermissions: ["a.b.get", 7, "not a permission"] },
        { title: "no name" },
        "roles/x",
        { name: "projects/p/roles/custom", includedPermissions: ["a.b.get"] },
        { name: "roles/gone", deleted: true, includedPermissions: ["a.b.get"] },
        { name: "roles/ok", includedPermissions: ["a.b.list"] },
        { name: "roles/new", stage: "PREVIEW", includedPermissions: "a.b.get" },
      ],
      null,
      1,
    );
    const r = syncFromExport(text, "roles.json");
    expect(r.text).toBeUndefined();
    const found = r.diagnostics.map((d) => [d.code, d.severity, d.location?.pointer]);
    expect(found).toEqual([
      ["gcp-catalog/invalid-permission", "error", "/0/includedPermissions/1"],
      ["gcp-catalog/invalid-permission", "error", "/0/includedPermissions/2"],
      ["gcp-catalog/invalid-role", "error", "/1"],
      ["gcp-catalog/invalid-role", "error", "/2"],
      ["gcp-catalog/custom-role", "warning", "/3/name"],
      ["gcp-catalog/deleted-role", "warning", "/4/deleted"],
      ["gcp-catalog/duplicate-role", "warning", "/5/name"],
      ["gcp-catalog/unknown-stage", "warning", "/6/stage"],
      ["gcp-catalog/invalid-role", "error", "/6/includedPermissions"],
    ]);
  });

  it("a document that is not roles, or no role at all, is an error", () => {
    expect(syncFromExport('"roles"', "x.json").diagnostics[0]?.code).toBe("gcp-catalog/not-roles");
    expect(syncFromExport("[]", "x.json").diagnostics[0]?.code).toBe("gcp-catalog/no-roles");
  });

  it("a full export draws no warning about its size", () => {
    const shipped = loadGcpCatalog({ LEASH_NO_USER_CATALOG: "1" }).catalog;
    const roles = [...shipped.roleNames()].map((name) => ({
      name,
      includedPermissions: [...shipped.role(name)!.permissions],
    }));
    const r = syncFromExport(JSON.stringify(roles), "-", { today: fixed });
    expect(r.diagnostics).toEqual([]);
    expect(r.permissions).toBe(shipped.permissions().length);
  });
});

/** A fake IAM v1 client: pages of roles and permissions, and the calls made. */
function fakeClient(
  rolePages: object[][],
  permissionPages: object[][] = [],
): GcpIamClient & { calls: unknown[] } {
  const calls: unknown[] = [];
  const page = <T>(pages: object[][], key: string, token: string | undefined) => {
    const i = token ? Number(token.slice(1)) : 0;
    return Promise.resolve({
      data: {
        [key]: pages[i] as T[],
        ...(i + 1 < pages.length ? { nextPageToken: `p${i + 1}` } : {}),
      },
    });
  };
  return {
    calls,
    roles: {
      list(params) {
        calls.push(["roles.list", params]);
        return page(rolePages, "roles", params.pageToken);
      },
    },
    permissions: {
      queryTestablePermissions(params) {
        calls.push(["queryTestablePermissions", params]);
        return page(permissionPages, "permissions", params.requestBody.pageToken);
      },
    },
  };
}

describe("syncFromApi: roles.list and queryTestablePermissions through an injected client", () => {
  const rolePages = [
    [
      {
        name: "roles/storage.objectViewer",
        title: "Storage Object Viewer",
        stage: "GA",
        includedPermissions: ["storage.objects.get", "storage.objects.list"],
      },
      { name: "roles/old", deleted: true, includedPermissions: ["old.things.get"] },
    ],
    [
      {
        name: "roles/resourcemanager.organizationAdmin",
        title: "Organization Administrator",
        includedPermissions: ["resourcemanager.organizations.get", "iam.roles.create"],
      },
    ],
  ];
  const permissionPages = [
    [
      { name: "storage.objects.get" }, // the API omits SUPPORTED, the default
      { name: "storage.objects.list", customRolesSupportLevel: "SUPPORTED" },
    ],
    [
      { name: "resourcemanager.organizations.get", customRolesSupportLevel: "TESTING" },
      { name: "iam.roles.create", customRolesSupportLevel: "NOT_SUPPORTED" },
      { name: "compute.instances.get" }, // in no predefined role listed: not recorded
    ],
  ];

  it("pages through both listings and records each permission's custom-role support level", async () => {
    const client = fakeClient(rolePages, permissionPages);
    const r = await syncFromApi({ client, organization: "123456789012", today: fixed });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(client.calls).toEqual([
      ["roles.list", { view: "FULL", pageSize: 1000 }],
      ["roles.list", { view: "FULL", pageSize: 1000, pageToken: "p1" }],
      [
        "queryTestablePermissions",
        {
          requestBody: {
            fullResourceName: "//cloudresourcemanager.googleapis.com/organizations/123456789012",
            pageSize: 1000,
          },
        },
      ],
      [
        "queryTestablePermissions",
        {
          requestBody: {
            fullResourceName: "//cloudresourcemanager.googleapis.com/organizations/123456789012",
            pageSize: 1000,
            pageToken: "p1",
          },
        },
      ],
    ]);
    expect(r.version).toBe(
      "IAM API 2026-10-01 (2 roles; support levels from organizations/123456789012)",
    );
    expect(r).toMatchObject({ roles: 2, permissions: 4, supportLevels: 4 });
    const c = new GcpCatalog(decodeGcpCatalog(r.text!));
    expect(c.role("roles/old")).toBeUndefined();
    expect(c.role("roles/resourcemanager.organizationAdmin")!.stage).toBe("GA");
    expect(c.customRoleSupport("storage.objects.get")).toBe("SUPPORTED");
    expect(c.customRoleSupport("storage.objects.list")).toBe("SUPPORTED");
    expect(c.customRoleSupport("resourcemanager.organizations.get")).toBe("TESTING");
    expect(c.customRoleSupport("iam.roles.create")).toBe("NOT_SUPPORTED");
    expect(c.customRoleSupport("compute.instances.get")).toBeUndefined();
    expect(c.hasPermission("compute.instances.get")).toBe(false);
    expect(c.supportScope()).toBe(
      "//cloudresourcemanager.googleapis.com/organizations/123456789012",
    );
  });

  it("queries a project when given one, and records no levels without organization or project", async () => {
    const client = fakeClient(rolePages, permissionPages);
    await syncFromApi({ client, project: "my-ml-project" });
    expect(client.calls[2]).toMatchObject([
      "queryTestablePermissions",
      {
        requestBody: {
          fullResourceName: "//cloudresourcemanager.googleapis.com/projects/my-ml-project",
        },
      },
    ]);
    const bare = fakeClient(rolePages, permissionPages);
    const r = await syncFromApi({ client: bare, today: fixed });
    expect(bare.calls.map((c) => (c as [string])[0])).toEqual(["roles.list", "roles.list"]);
    expect(r.version).toBe("IAM API 2026-10-01 (2 roles)");
    expect(r.notes[0]).toContain("no custom-role support levels");
    expect(new GcpCatalog(decodeGcpCatalog(r.text!)).customRoleSupport("storage.objects.get")).toBe(
      undefined,
    );
  });

  it.each([
    [
      "no credentials",
      new Error(
        "Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.",
      ),
      "gcloud auth application-default login",
    ],
    [
      "no network",
      Object.assign(new Error("request to https://iam.googleapis.com/v1/roles failed"), {
        code: "ENOTFOUND",
      }),
      "check the network connection",
    ],
    [
      "permission denied",
      Object.assign(new Error("The caller does not have permission"), { status: 403 }),
      "check the ID",
    ],
  ])("%s is one error that says what to do", async (_, error, help) => {
    const client = fakeClient(rolePages, permissionPages);
    client.permissions.queryTestablePermissions = () => Promise.reject(error);
    const r = await syncFromApi({ client, organization: "1" });
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "gcp-catalog/api-failed", severity: "error" });
    expect(r.diagnostics[0]!.message).toMatch(/^permissions\.queryTestablePermissions failed: /);
    expect(r.diagnostics[0]!.help).toContain(help);
  });

  it("a missing @googleapis/iam (an optional dependency) says how to install it", async () => {
    const missing = Object.assign(new Error("Cannot find package '@googleapis/iam'"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const r = await syncFromApi({ loadClient: () => Promise.reject(missing) });
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toBe(
      "loading @googleapis/iam failed: Cannot find package '@googleapis/iam'",
    );
    expect(r.diagnostics[0]!.help).toContain("npm install @googleapis/iam");
  });

  it("a failing roles.list names that call", async () => {
    const client = fakeClient(rolePages);
    client.roles.list = () => Promise.reject(new Error("socket hang up"));
    const r = await syncFromApi({ client });
    expect(r.diagnostics.map((d) => d.message)).toEqual(["roles.list failed: socket hang up"]);
  });

  it("refuses an organization and a project together, and IDs of the wrong shape, before any call", async () => {
    const client = fakeClient(rolePages);
    const both = await syncFromApi({ client, organization: "1", project: "my-project" });
    expect(both.diagnostics[0]?.code).toBe("gcp-catalog/one-scope");
    const org = await syncFromApi({ client, organization: "acme.com" });
    expect(org.diagnostics[0]?.code).toBe("gcp-catalog/invalid-scope");
    expect(client.calls).toEqual([]);
  });

  it("stops a listing that never stops paging, and an empty listing", async () => {
    const endless: GcpIamClient = {
      ...fakeClient([]),
      roles: {
        list: () =>
          Promise.resolve({
            data: {
              roles: [{ name: "roles/a", includedPermissions: ["a.b.c"] }],
              nextPageToken: "again",
            },
          }),
      },
    };
    const r = await syncFromApi({ client: endless, maxPages: 5 });
    expect(r.diagnostics[0]).toMatchObject({ code: "gcp-catalog/api-failed" });
    expect(r.diagnostics[0]!.message).toContain("endless paging");
    const empty = await syncFromApi({ client: fakeClient([[]]) });
    expect(empty.diagnostics[0]?.code).toBe("gcp-catalog/no-roles");
  });
});

describe("the compact format's support levels", () => {
  it("are optional: the shipped file has none and still reads", () => {
    const data = decodeGcpCatalog(readFileSync(SHIPPED_CATALOG_URL, "utf8"));
    expect(data.support).toBeUndefined();
    const c = new GcpCatalog(data);
    expect(c.customRoleSupport("storage.objects.get")).toBeUndefined();
    expect(c.supportScope()).toBeUndefined();
  });

  it("round-trip, and a file with them is still format 1", () => {
    const text = encodeGcpCatalog(ROLES, "v", "test", {
      scope: "//cloudresourcemanager.googleapis.com/projects/p",
      levels: new Map([
        ["storage.objects.get", "SUPPORTED"],
        ["storage.objects.list", "TESTING"],
        ["aiplatform.endpoints.predict", "NOT_SUPPORTED"],
        ["not.in.roles", "SUPPORTED"],
      ]),
    });
    const file = JSON.parse(text) as { format: number; support: Record<string, string> };
    expect(file.format).toBe(1);
    expect(Object.keys(file.support).sort()).toEqual([
      "NOT_SUPPORTED",
      "SUPPORTED",
      "TESTING",
      "scope",
    ]);
    const c = new GcpCatalog(decodeGcpCatalog(text));
    expect(c.customRoleSupport("storage.objects.list")).toBe("TESTING");
    expect(c.customRoleSupport("aiplatform.endpoints.predict")).toBe("NOT_SUPPORTED");
    expect(c.customRoleSupport("storage.objects.get")).toBe("SUPPORTED");
    expect(c.customRoleSupport("not.in.roles")).toBeUndefined();
  });

  it.each([
    ["{}", /format/],
    ['{"format":1,"version":"v","permissions":"","roles":[]}', /no `roles`/],
    ['{"format":1,"version":"v","permissions":"","roles":[["roles/a"]]}', /not \[name/],
    [
      '{"format":1,"version":"v","permissions":"","roles":[["roles/a","","GA",""]],"support":{"scope":1}}',
      /support/,
    ],
    ["[1]", /no JSON object/],
  ])("a damaged file %s is an error that says what is wrong", (text, message) => {
    expect(() => decodeGcpCatalog(text)).toThrow(message);
  });
});

describe("the user cache", () => {
  it("lives in LEASH_CACHE_DIR, else XDG_CACHE_HOME/leash (absolute only), else ~/.cache/leash", () => {
    expect(userCatalogPath({ LEASH_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" })).toBe(
      "/c/gcp-catalog.json",
    );
    expect(userCatalogPath({ XDG_CACHE_HOME: "/x" })).toBe("/x/leash/gcp-catalog.json");
    const home = join(homedir(), ".cache", "leash", "gcp-catalog.json");
    expect(userCatalogPath({ XDG_CACHE_HOME: "relative/dir" })).toBe(home);
    expect(userCatalogPath({})).toBe(home);
  });

  it("is written atomically, into a folder made for it, and replaced by the next write", () => {
    const dir = join(temp("cache"), "deep", "er");
    const env = { LEASH_CACHE_DIR: dir };
    expect(writeUserCatalog("first\n", env)).toEqual({ path: join(dir, "gcp-catalog.json") });
    expect(writeUserCatalog("second\n", env).diagnostic).toBeUndefined();
    expect(readFileSync(join(dir, "gcp-catalog.json"), "utf8")).toBe("second\n");
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(["gcp-catalog.json"]);
  });

  it("a write that fails is a diagnostic, leaves no temporary file and keeps what was there", () => {
    const dir = temp("cache");
    // A folder where the cache file should be: the rename over it fails.
    mkdirSync(join(dir, "gcp-catalog.json"));
    writeFileSync(join(dir, "gcp-catalog.json", "keep"), "x");
    const r = writeUserCatalog("new\n", { LEASH_CACHE_DIR: dir });
    expect(r.diagnostic).toMatchObject({ code: "gcp-catalog/cache-unwritable", severity: "error" });
    expect(readdirSync(dir)).toEqual(["gcp-catalog.json"]);
    expect(readdirSync(join(dir, "gcp-catalog.json"))).toEqual(["keep"]);
    // A cache folder under a file cannot be made: said, not thrown.
    const file = join(dir, "plain");
    writeFileSync(file, "");
    expect(writeUserCatalog("x", { LEASH_CACHE_DIR: join(file, "sub") }).diagnostic?.code).toBe(
      "gcp-catalog/cache-unwritable",
    );
  });
});

describe("loading the catalog: the user cache first, the shipped one otherwise", () => {
  const synced = () => syncFromExport(JSON.stringify(ROLES), "-", { today: fixed }).text!;

  it("prefers a readable cache, and the version names it", () => {
    const dir = temp("cache");
    writeUserCatalog(synced(), { LEASH_CACHE_DIR: dir });
    const { catalog, warning } = loadGcpCatalog({ LEASH_CACHE_DIR: dir });
    expect(warning).toBeUndefined();
    expect(catalog.version).toBe("gcloud export 2026-10-01 (3 roles), user cache");
    expect(catalog.origin).toEqual({ path: join(dir, "gcp-catalog.json"), userCache: true });
    expect([...catalog.roleNames()].length).toBe(3);
  });

  it("ignores the cache when LEASH_NO_USER_CATALOG is set, and when there is none", () => {
    const dir = temp("cache");
    writeUserCatalog(synced(), { LEASH_CACHE_DIR: dir });
    const ignored = loadGcpCatalog({ LEASH_CACHE_DIR: dir, LEASH_NO_USER_CATALOG: "1" });
    expect(ignored.catalog.origin.userCache).toBe(false);
    expect(ignored.catalog.version).toMatch(/^iam-dataset snapshot \d{4}-\d{2}-\d{2}$/);
    expect(
      loadGcpCatalog({ LEASH_CACHE_DIR: dir, LEASH_NO_USER_CATALOG: "0" }).catalog.origin.userCache,
    ).toBe(true);
    const none = loadGcpCatalog({ LEASH_CACHE_DIR: temp("empty") });
    expect(none).toEqual({ catalog: ignored.catalog });
  });

  it.each([
    ["not JSON", '{"format":1,'],
    ["another format", '{"format":2}'],
    ["truncated to nothing", ""],
  ])(
    "falls back to the shipped catalog with a one-line warning when the cache is %s",
    (_, text) => {
      const dir = temp("cache");
      writeFileSync(join(dir, "gcp-catalog.json"), text);
      const { catalog, warning } = loadGcpCatalog({ LEASH_CACHE_DIR: dir });
      expect(catalog.origin.userCache).toBe(false);
      expect(warning).toMatch(/^warning gcp-catalog\/cache-unusable: ignoring the user catalog `/);
      expect(warning).toContain(join(dir, "gcp-catalog.json"));
      expect(warning).not.toContain("\n");
    },
  );

  describe("gcpCatalog(), what every GCP command uses", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
      resetGcpCatalog();
    });

    it("reads the cache of LEASH_CACHE_DIR once, until reset", () => {
      const dir = temp("cache");
      writeUserCatalog(synced(), { LEASH_CACHE_DIR: dir });
      vi.stubEnv("LEASH_CACHE_DIR", dir);
      vi.stubEnv("LEASH_NO_USER_CATALOG", "");
      resetGcpCatalog();
      const c = gcpCatalog();
      expect(c.version).toBe("gcloud export 2026-10-01 (3 roles), user cache");
      expect(gcpCatalog()).toBe(c);
      vi.stubEnv("LEASH_NO_USER_CATALOG", "1");
      expect(gcpCatalog()).toBe(c);
      resetGcpCatalog();
      expect(gcpCatalog().origin.userCache).toBe(false);
    });

    it("warns once on standard error about a damaged cache", () => {
      const dir = temp("cache");
      writeFileSync(join(dir, "gcp-catalog.json"), "garbage");
      vi.stubEnv("LEASH_CACHE_DIR", dir);
      vi.stubEnv("LEASH_NO_USER_CATALOG", "");
      const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      resetGcpCatalog();
      expect(gcpCatalog().origin.userCache).toBe(false);
      gcpCatalog();
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0]![0])).toMatch(
        /^warning gcp-catalog\/cache-unusable: .*\n$/,
      );
    });

    it("ignores the cache under the test configuration (LEASH_NO_USER_CATALOG=1)", () => {
      expect(process.env.LEASH_NO_USER_CATALOG).toBe("1");
      expect(gcpCatalog().origin.userCache).toBe(false);
    });
  });
});
