/**
 * Files and folders that cannot be read, found inside a linted folder, are
 * findings about themselves; the rest of the folder is still linted. Reading
 * is made to fail by name, since permissions do not stop every user (root).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { run } from "../src/cli/main.js";

const denied = (path: string) =>
  Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: "EACCES" });

vi.mock("node:fs", async (original) => {
  const fs = await original<typeof import("node:fs")>();
  return {
    ...fs,
    readFileSync: ((path: string, ...rest: unknown[]) => {
      if (String(path).includes("locked")) throw denied(String(path));
      return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readFileSync,
  };
});
vi.mock("node:fs/promises", async (original) => {
  const fs = await original<typeof import("node:fs/promises")>();
  return {
    ...fs,
    readdir: (async (path: string, ...rest: unknown[]) => {
      if (String(path).endsWith("sealed")) throw denied(String(path));
      return (fs.readdir as (...a: unknown[]) => unknown)(path, ...rest);
    }) as typeof fs.readdir,
  };
});

const dir = mkdtempSync(join(tmpdir(), "leash-unreadable-"));
const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
write(
  "admin.json",
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
);
write("locked.json", "{}");
mkdirSync(join(dir, "sealed"));
write("sealed/inside.json", "{}");

describe("leash lint on a folder with unreadable entries", () => {
  it("reports each unreadable file and folder as a finding and lints the rest", async () => {
    const r = await run(["lint", dir, "--format", "json"]);
    expect(r.exitCode).toBe(1);
    const findings = JSON.parse(r.stdout ?? "").findings as {
      ruleId: string;
      code?: string;
      location: { file: string; line: number; column: number };
    }[];
    expect(findings.map((f) => [f.ruleId, f.code, f.location.file.slice(dir.length + 1)])).toEqual([
      ["aws/full-admin", undefined, "admin.json"],
      ["aws/parse-error", "input/unreadable-in-folder", "locked.json"],
      ["aws/parse-error", "input/unreadable-in-folder", "sealed"],
    ]);
  });

  it("stops the run (2) on an unreadable file named on the command line", async () => {
    const r = await run(["lint", join(dir, "locked.json"), "--format", "json"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error input/unreadable: cannot read the file: EACCES");
  });
});
