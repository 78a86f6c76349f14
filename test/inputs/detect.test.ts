import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectInputKind, readInputs } from "../../src/clouds/aws/inputs/detect.js";
import { readPolicyFile } from "../../src/clouds/aws/inputs/policy-file.js";
import { FIXTURES, fixture } from "./support.js";

const policy =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';

/** Ten levels of ten aliases each: 10^10 values when expanded. */
const ALIAS_BOMB = `a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
  { length: 9 },
  (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]\n`,
).join(
  "",
)}Resources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: *a9\n`;

describe("detectInputKind", () => {
  it.each([
    ["account-authorization-details.json", "account-authorization-details"],
    ["template.yaml", "cloudformation"],
    ["template.json", "cloudformation"],
    ["plan.json", "terraform-plan"],
    ["terraform/main.tf", "terraform"],
  ])("%s is %s", async (name, kind) => {
    const { file, text } = fixture(name);
    expect((await detectInputKind(text, file)).kind).toBe(kind);
  });

  it.each([
    ["a policy", policy, "p.json", "policy"],
    ["an array of policies", `[${policy}]`, "p.json", "policy"],
    ["a policy in any file name", `\n${policy}`, "policy.txt", "policy"],
    [
      "a template with only Resources",
      '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}',
      "t.json",
      "cloudformation",
    ],
    [
      "a YAML template with short forms",
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Ref Name\n",
      "t.yml",
      "cloudformation",
    ],
    [
      "an export of managed policies only",
      '{"Policies": [{"PolicyName": "p", "PolicyVersionList": []}]}',
      "e.json",
      "account-authorization-details",
    ],
    [
      "a state",
      '{"format_version": "1.0", "values": {"root_module": {}}}',
      "s.json",
      "terraform-plan",
    ],
    ["a YAML template whose aliases expand past the bound", ALIAS_BOMB, "t.yaml", "cloudformation"],
    ["another JSON object", '{"name": "x"}', "package.json", undefined],
    ["another YAML file", "name: x\n", "config.yaml", undefined],
    ["text", "hello", "README.md", undefined],
  ])("%s", async (_, text, file, kind) => {
    expect((await detectInputKind(text, file)).kind).toBe(kind);
  });

  it("returns the parse error of a broken JSON or YAML file", async () => {
    expect(await detectInputKind('{"UserDetailList": [', "p.json")).toMatchObject({
      kind: undefined,
      parseError: { code: "input/json-syntax", location: { line: 1, column: 21 } },
    });
    // A text that looks like a policy goes to the policy reader unparsed (no second parse),
    // which reports the same syntax error at the same place.
    expect(await detectInputKind('{"Statement": [', "p.json")).toEqual({ kind: "policy" });
    expect(readPolicyFile('{"Statement": [', "p.json", {}).diagnostics).toMatchObject([
      { code: "input/json-syntax", location: { line: 1, column: 16 } },
    ]);
    expect(await detectInputKind("a: [1,\nb", "t.yaml")).toMatchObject({
      kind: undefined,
      parseError: { code: "input/yaml-syntax" },
    });
  });
});

describe("readInputs", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "leash-inputs-"));
    cpSync(FIXTURES, join(dir, "repo"), { recursive: true });
    const repo = join(dir, "repo");
    writeFileSync(join(repo, "package.json"), '{"name": "not-a-policy"}');
    writeFileSync(join(repo, "notes.txt"), policy); // not a scanned extension: never opened
    mkdirSync(join(repo, "policies"));
    writeFileSync(join(repo, "policies", "read.json"), policy);
    mkdirSync(join(repo, "node_modules", "pkg"), { recursive: true });
    writeFileSync(join(repo, "node_modules", "pkg", "policy.json"), policy);
    mkdirSync(join(repo, ".terraform"));
    writeFileSync(join(repo, ".terraform", "policy.json"), policy);
    writeFileSync(join(repo, "broken.yaml"), "key: [unclosed\n");
    writeFileSync(join(dir, "unknown.json"), '{"hello": "world"}');
    writeFileSync(join(dir, "bad.json"), '{"Statement": [}');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("expands directories recursively, skipping node_modules and dot-directories", async () => {
    const repo = join(dir, "repo");
    const { documents, diagnostics, sources, files: read, skipped } = await readInputs([repo]);
    expect(skipped.map((s) => [s.file.slice(repo.length + 1), s.reason])).toEqual([
      ["package.json", "not-iam"],
    ]);
    expect(read).toBe(7);
    const files = [...new Set(documents.map((d) => d.file))].map((f) => f.slice(repo.length + 1));
    expect(files).toEqual([
      "account-authorization-details.json",
      "plan.json",
      "policies/read.json",
      "template.json",
      "template.yaml",
      "terraform/main.tf",
    ]);
    expect(documents.find((d) => d.file.endsWith("read.json"))?.type).toBe("identity");
    // Inside a directory, unrelated files are skipped (and listed); a broken YAML file is an
    // error, as when it is named (the linter makes it a finding: a file that cannot be parsed
    // never passes silently; it was a warning before issue 9).
    expect(
      diagnostics.map((d) => [d.code, d.severity, d.location?.file.slice(repo.length + 1)]),
    ).toEqual([
      ["input/missing-managed-policy", "warning", "account-authorization-details.json"],
      ["input/yaml-syntax", "error", "broken.yaml"],
      ["input/unknown-at-plan", "warning", "plan.json"],
      ["input/unresolved-policy", "warning", "terraform/main.tf"],
    ]);
    expect(sources.get(join(repo, "template.yaml"))).toBe(fixture("template.yaml").text);
    expect(sources.has(join(repo, "notes.txt"))).toBe(false);
  });

  it("applies the type option to policy files", async () => {
    const { documents } = await readInputs([join(dir, "repo", "policies", "read.json")], {
      type: "scp",
    });
    expect(documents.map((d) => d.type)).toEqual(["scp"]);
  });

  it("reports named files that are not inputs, do not parse or do not exist", async () => {
    const { documents, diagnostics } = await readInputs([
      join(dir, "unknown.json"),
      join(dir, "bad.json"),
      join(dir, "missing.json"),
      join(dir, "repo", "notes.txt"),
    ]);
    expect(
      diagnostics.map((d) => [d.code, d.severity, d.location?.file.slice(dir.length + 1)]),
    ).toEqual([
      ["input/unrecognized", "error", "unknown.json"],
      ["input/json-syntax", "error", "bad.json"],
      ["input/not-found", "error", "missing.json"],
    ]);
    // A named file is read whatever its extension.
    expect(documents.map((d) => d.file)).toEqual([join(dir, "repo", "notes.txt")]);
  });

  it("reads the .tf files of a folder together, as one module", async () => {
    const module = join(dir, "module");
    mkdirSync(module);
    writeFileSync(
      join(module, "data.tf"),
      'data "aws_iam_policy_document" "read" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n  }\n}\n',
    );
    writeFileSync(
      join(module, "iam.tf"),
      'resource "aws_iam_role_policy" "read" {\n  role   = "train"\n  policy = data.aws_iam_policy_document.read.json\n}\n',
    );
    const { documents, diagnostics } = await readInputs([module]);
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.principal, d.name, d.node.loc.file, d.node.loc.line])).toEqual([
      [
        "role/train",
        "aws_iam_role_policy.read (data.aws_iam_policy_document.read)",
        join(module, "data.tf"),
        1,
      ],
    ]);
  });

  it("reads each file once", async () => {
    const read = join(dir, "repo", "policies", "read.json");
    const { documents } = await readInputs([read, join(dir, "repo", "policies")]);
    expect(documents).toHaveLength(1);
  });
});

describe("a YAML template read only in part", () => {
  it("says where its aliases were cut off", async () => {
    const { readCloudFormation } = await import("../../src/clouds/aws/inputs/cloudformation.js");
    const { diagnostics } = readCloudFormation(ALIAS_BOMB, "t.yaml");
    expect(diagnostics[0]).toMatchObject({
      code: "input/yaml-aliases",
      severity: "error",
      message: "the YAML expands more than 10000 aliases",
      location: { file: "t.yaml", line: 2 },
    });
  });
});
