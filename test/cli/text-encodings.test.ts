import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { leashProcess } from "../support/cli-process.js";
import { WIDE_POLICY } from "../support/wide-policy.js";

const dir = mkdtempSync(join(tmpdir(), "leash-encodings-"));
// On one line: a byte-order mark counted as a character would shift every column.
const POLICY = JSON.stringify(WIDE_POLICY);
const ENCODINGS: [string, (text: string) => Buffer][] = [
  [
    "UTF-8 with a byte-order mark",
    (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]),
  ],
  [
    "UTF-16LE with a mark (PowerShell's `>`)",
    (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
  ],
  [
    "UTF-16BE with a mark",
    (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, "utf16le").swap16()]),
  ],
  ["UTF-16LE without a mark", (t) => Buffer.from(t, "utf16le")],
];
const write = (name: string, content: Buffer | string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const located = (stdout: string) =>
  (
    JSON.parse(stdout) as {
      findings: { ruleId: string; location: { line: number; column: number } }[];
    }
  ).findings.map((f) => [f.ruleId, f.location.line, f.location.column]);

describe("files in other encodings than plain UTF-8", () => {
  const plain = write("plain.json", POLICY);

  it.each(ENCODINGS)(
    "lint reads a policy in %s, at the same lines and columns",
    async (name, encode) => {
      const file = write(`${name.replace(/\W+/g, "-")}.json`, encode(POLICY));
      const expected = located((await run(["lint", plain, "--format", "json"])).stdout!);
      expect(expected.length).toBeGreaterThan(0);
      expect(located((await run(["lint", file, "--format", "json"])).stdout!)).toEqual(expected);
    },
  );

  it.each(ENCODINGS)("generate reads a spec in %s", async (name, encode) => {
    const spec = join(
      import.meta.dirname,
      "..",
      "..",
      "examples",
      "sagemaker-training",
      "leash.yaml",
    );
    const file = write(`${name.replace(/\W+/g, "-")}.yaml`, encode(readFileSync(spec, "utf8")));
    const r = await run(["generate", file]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe((await run(["generate", spec])).stdout);
  });

  it("lint and simulate read UTF-16 from standard input", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(POLICY, "utf16le")]);
    const r = leashProcess(["lint", "-", "--format", "json"], { input: utf16 });
    expect(r.status, r.stderr).toBe(1);
    expect(located(r.stdout).map(([rule]) => rule)).toContain("aws/data-exfiltration");
    const decided = leashProcess(
      ["simulate", "--policy", "-", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::b/k"],
      { input: utf16 },
    );
    expect(decided.status, decided.stderr).toBe(0);
    expect(decided.stdout).toMatch(/^Allowed: s3:GetObject on arn:aws:s3:::b\/k/);
  });

  it("names UTF-32 in the error, for lint and generate", async () => {
    const utf32 = write("utf32.json", Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]));
    const lint = await run(["lint", utf32]);
    expect(lint.exitCode).toBe(2);
    expect(lint.stderr).toContain(
      "cannot read the file: the file is UTF-32 text; save it as UTF-8",
    );
    const generate = await run(["generate", utf32]);
    expect(generate).toEqual({
      exitCode: 2,
      stderr: `error io/unreadable: cannot read \`${utf32}\`: the file is UTF-32 text; save it as UTF-8`,
    });
  });
});
