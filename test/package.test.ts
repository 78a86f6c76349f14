import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_RULES } from "../src/clouds/aws/rules/index.js";
import { PACKAGE_NAME, ruleHelpUri } from "../src/outputs/findings-sarif.js";
import { STARTERS } from "../src/spec/index.js";
import { writeWidePolicy } from "./support/wide-policy.js";

/**
 * The package as npm would publish and install it: this checkout copied to a
 * temporary folder (the repository is left as it is), packed there with
 * `npm pack` (which builds it through `prepare`), then installed into an
 * empty project with `--offline`. The runtime dependencies come from this
 * checkout's node_modules, packed the same way, so that nothing is fetched
 * and a dependency that package.json does not declare is missing.
 */
const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};

interface PackedFile {
  path: string;
  size: number;
}
let work: string;
let packed: { files: PackedFile[]; unpackedSize: number; filename: string };
let app: string;

const npm = (args: string[], cwd: string) =>
  execFileSync(
    "npm",
    [
      ...args,
      "--cache",
      join(work, "npm-cache"),
      "--no-audit",
      "--no-fund",
      "--no-update-notifier",
    ],
    {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
const leash = (args: string[], cwd = app) =>
  execFileSync(join(app, "node_modules", ".bin", "leash"), args, { cwd, encoding: "utf8" });

/** The folders of the runtime dependencies and theirs, as node_modules resolves them. */
function runtimeDependencyFolders(): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string) => {
    let dir = from;
    while (!existsSync(join(dir, "node_modules", name, "package.json"))) {
      if (dir === root) throw new Error(`${name} is not installed`);
      dir = join(dir, "..", "..").replace(/\/node_modules\/?$/, "");
    }
    const folder = join(dir, "node_modules", name);
    if (found.has(folder)) return;
    found.add(folder);
    const deps = (
      JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      }
    ).dependencies;
    for (const dep of Object.keys(deps ?? {})) visit(dep, folder);
  };
  for (const name of Object.keys(pkg.dependencies)) visit(name, root);
  return [...found];
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "leash-package-"));
  const stage = join(work, "stage");
  cpSync(root, stage, {
    recursive: true,
    filter: (src) =>
      !["node_modules", "dist", ".git"].includes(relative(root, src).split(/[\\/]/)[0]!),
  });
  symlinkSync(join(root, "node_modules"), join(stage, "node_modules"), "dir");
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", tarballs], stage)) as [
    typeof packed,
  ];
  npm(
    ["pack", "--ignore-scripts", "--pack-destination", tarballs, ...runtimeDependencyFolders()],
    work,
  );
  app = join(work, "app");
  mkdirSync(app);
  // A folder without package.json is no project to npm: it installs into the nearest
  // ancestor that has one or a node_modules (a stray one above the temp folder took it).
  writeFileSync(join(app, "package.json"), '{"name": "app", "private": true}\n');
  const all = readdirSync(tarballs).map((f) => join(tarballs, f));
  npm(["install", "--offline", "--ignore-scripts", "--no-package-lock", ...all], app);
  // A global install puts each tarball in the prefix's lib/node_modules, where leash-iam
  // finds its dependencies as Node resolves them, and links its bin into the prefix's bin.
  npm(["install", "--global", "--prefix", join(work, "global"), "--offline", ...all], work);
}, 180_000);

// The installed project holds a copy of every runtime dependency: tens of megabytes.
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`the ${PACKAGE_NAME} package`, () => {
  it("is published as leash-iam, with the command leash", () => {
    expect(pkg.name).toBe("leash-iam");
    expect(PACKAGE_NAME).toBe(pkg.name);
    expect(pkg.bin).toEqual({ leash: "dist/cli/bin.js" });
    expect(packed.filename).toBe(`leash-iam-${pkg.version}.tgz`);
  });

  it("`npm install -g` puts `leash` on PATH", () => {
    const bin = join(work, "global", "bin");
    expect(readdirSync(bin)).toContain("leash");
    const onPath = execFileSync("leash", ["--version"], {
      cwd: work,
      encoding: "utf8",
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}` },
    });
    expect(onPath.trim()).toBe(pkg.version);
  });

  it("installs offline from its tarball, and `leash --version` and `npx leash-iam` run", () => {
    expect(leash(["--version"]).trim()).toBe(pkg.version);
    const viaNpx = execFileSync(
      "npx",
      ["--offline", "--cache", join(work, "npm-cache"), PACKAGE_NAME, "-V"],
      {
        cwd: app,
        encoding: "utf8",
      },
    );
    expect(viaNpx.trim()).toBe(pkg.version);
  });

  it("runs every command on what it installed: the catalog index, YAML, the schema, Terraform", () => {
    const policy = writeWidePolicy(app);
    const lint = JSON.parse(
      execFileSync(
        join(app, "node_modules", ".bin", "leash"),
        ["lint", policy, "--format", "json", "--fail-on", "error"],
        {
          cwd: app,
          encoding: "utf8",
        },
      ),
    ) as { findings: { ruleId: string }[] };
    expect(lint.findings.map((f) => f.ruleId)).toEqual([
      "aws/data-exfiltration",
      "aws/star-resource",
    ]);
    leash(["init", "--output", "leash.yaml", "--quiet"]);
    const generated = JSON.parse(leash(["generate", "leash.yaml"])) as { roles: unknown[] };
    expect(generated.roles.length).toBeGreaterThan(0);
    writeFileSync(
      join(app, "main.tf"),
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]\n  })\n}\n',
    );
    expect(leash(["lint", "main.tf", "--fail-on", "error"])).toContain("aws/data-exfiltration");
    const decided = leash([
      "simulate",
      "--policy",
      policy,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::b/k",
    ]);
    expect(decided).toMatch(/^Allowed: /);
  });

  it("ships what the runtime reads and the links name, and nothing it does not need", () => {
    const paths = new Set(packed.files.map((f) => f.path));
    for (const needed of [
      "dist/cli/bin.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/clouds/aws/catalog/aws-catalog.ndjson",
      "schema/leash.schema.json",
      "docs/rules/README.md",
      "README.md",
      "package.json",
    ])
      expect(paths, needed).toContain(needed);
    // Every rule's helpUri and init's $schema name a file of this package.
    const prefix = `https://unpkg.com/${pkg.name}@${pkg.version}/`;
    for (const id of Object.keys(AWS_RULES)) {
      const uri = ruleHelpUri(id, pkg.version);
      expect(uri.startsWith(prefix)).toBe(true);
      expect(paths, uri).toContain(uri.slice(prefix.length));
    }
    for (const starter of Object.values(STARTERS)) {
      const schema = /\$schema=https:\/\/unpkg\.com\/([^/]+)\/(\S+)/.exec(starter)!;
      expect(schema[1]).toBe(pkg.name);
      expect(paths).toContain(schema[2]);
    }
    const unwanted = [...paths].filter((p) =>
      /^(src|test|bench|examples|conformance|scripts|node_modules)\/|\.map$|\.tsbuildinfo$|^\.|\/\.leash-tmp-/.test(
        p,
      ),
    );
    expect(unwanted).toEqual([]);
    expect(packed.unpackedSize).toBeLessThan(5_000_000);
  });
});
