import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { titled } from "./support/rows.js";
import { tempFiles } from "./support/temp-files.js";

const { dir, file } = tempFiles("leash-lint-gate-");

const escalating = file("escalating.json", {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }],
});

describe("leash lint never passes silently", () => {
  const folder = (name: string, files: Record<string, string>) => {
    const root = join(dir, name);
    mkdirSync(root, { recursive: true });
    for (const [f, content] of Object.entries(files)) writeFileSync(join(root, f), content);
    return root;
  };
  const policyText = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" }],
  });
  const json = async (...args: string[]) => {
    const r = await run(["lint", ...args, "--format", "json"]);
    return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
  };

  it.each(
    titled(
      [
        { name: "empty", files: {} as Record<string, string>, message: "looked at 0 files" },
        {
          name: "no-iam",
          files: { "package.json": '{"name": "x"}', "ci.yaml": "on: push\n", "a.md": "# x" },
          message: "looked at 2 files (1 .json not IAM, 1 .yaml not IAM)",
        },
        {
          name: "template-without-iam",
          files: { "t.json": '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}' },
          message: "looked at 1 file (1 with no policy in it)",
        },
      ],
      (row) => `a folder with nothing to lint (${row.name}) is exit 2 and says what was looked at`,
    ),
  )("%s", async (_, { name, files, message }) => {
    const root = folder(`nothing-${name}`, files);
    for (const format of ["text", "json", "sarif"]) {
      const r = await run(["lint", root, "--format", format]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBeUndefined();
      expect(r.stderr).toContain(
        `error input/nothing-to-lint: no IAM found in \`${root}\`: ${message}`,
      );
      expect(r.stderr).toContain("help: leash lint reads IAM policy JSON");
    }
  });

  it("shows why a file whose only policy is not analysable was not analysed (exit 2)", async () => {
    // A dynamic statement block over a variable without a default: the warning was swallowed and
    // the error said "no IAM found", as if the file held none.
    const main = file(
      "dynamic-only.tf",
      `variable "names" { type = list(string) }
data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.names
    content {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
}
`,
    );
    const r = await run(["lint", main]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(":2:1: warning input/unexpanded-dynamic:");
    expect(r.stderr).toContain(
      `error input/nothing-to-lint: no IAM analysed in \`${main}\`: looked at 1 file; the warning above says why`,
    );
  });

  it("counts files ignored by the config as looked at, and fails when nothing else is left", async () => {
    const root = folder("only-ignored", { "p.json": policyText });
    const config = file("ignore-all.config.yaml", "ignore:\n  - '**/only-ignored/**'\n");
    const r = await run(["lint", root, "--config", config]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("looked at 1 file (1 ignored)");
  });

  it("makes a file that cannot be parsed an invalid finding in every format and goes on", async () => {
    const root = folder("one-broken", {
      "a-broken.json": '{"Version": "2012-10-17", "Statement": [}',
      "b-broken.yaml": "Resources: [unclosed\n",
      "c-escalating.json": JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" },
        ],
      }),
    });
    const { exitCode, report } = await json(root);
    expect(exitCode).toBe(1);
    const invalid = report.findings.filter((f: { category: string }) => f.category === "invalid");
    expect(invalid).toEqual([
      expect.objectContaining({
        ruleId: "aws/json-syntax",
        severity: "error",
        code: "input/json-syntax",
        location: expect.objectContaining({
          file: join(root, "a-broken.json"),
          line: 1,
          column: 41,
        }),
      }),
      expect.objectContaining({
        ruleId: "aws/parse-error",
        severity: "error",
        code: "input/yaml-syntax",
        location: expect.objectContaining({ file: join(root, "b-broken.yaml"), line: 2 }),
      }),
    ]);
    // The other file's findings are all there.
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain(
      "aws/privilege-escalation",
    );
    expect(report.summary.files).toBe(3);
    const sarif = JSON.parse((await run(["lint", root, "--format", "sarif"])).stdout ?? "");
    expect(
      sarif.runs[0].results
        .filter((r: { ruleId: string }) => r.ruleId === "aws/json-syntax")
        .map((r: { level: string; locations: unknown[] }) => [r.level, r.locations]),
    ).toEqual([
      [
        "error",
        [
          {
            physicalLocation: {
              artifactLocation: { uri: join(root, "a-broken.json") },
              region: { startLine: 1, startColumn: 41 },
            },
          },
        ],
      ],
    ]);
    const text = await run(["lint", root]);
    expect(text.stdout).toContain(`${join(root, "a-broken.json")}:1:41: error aws/json-syntax:`);
    expect(text.stdout).toContain("aws/privilege-escalation");
  });

  it("makes a named file that cannot be parsed a finding too, not an exit-2 error", async () => {
    const broken = file("named-broken.json", '{"Statement": [');
    const { exitCode, report } = await json(broken, escalating);
    expect(exitCode).toBe(1);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining(["aws/json-syntax", "aws/privilege-escalation"]),
    );
    // Alone, it is still a finding: exit 1 at the default --fail-on, and listed.
    expect((await json(broken)).exitCode).toBe(1);
  });

  it("counts a file that is almost a policy as checked, with its invalid finding", async () => {
    const root = folder("almost", {
      "p.json": '{"Version": "2012-10-17", "Statment": [{"Effect": "Allow", "Action": "s3:*"}]}',
    });
    const r = await run(["lint", root]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("error aws/parse-error:");
    expect(r.stdout?.split("\n").at(-1)).toBe("checked 1 file");
  });

  it("keeps exit 2 for a missing path even beside good files", async () => {
    const r = await run(["lint", escalating, join(dir, "no-such-file.json")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error input/not-found");
  });

  it("lists reader warnings and skipped files in JSON, SARIF and the summary line", async () => {
    const root = folder("warnings", {
      "package.json": '{"name": "x"}',
      "export.json": JSON.stringify({
        UserDetailList: [],
        GroupDetailList: [],
        Policies: [],
        RoleDetailList: [
          {
            RoleName: "r",
            Arn: "arn:aws:iam::111122223333:role/r",
            RolePolicyList: [],
            AttachedManagedPolicies: [
              { PolicyName: "gone", PolicyArn: "arn:aws:iam::111122223333:policy/gone" },
            ],
          },
        ],
      }),
      "p.json": policyText,
    });
    const { report } = await json(root);
    expect(
      report.notifications.map(
        (n: { code: string; severity: string; location: { file: string } }) => [
          n.code,
          n.severity,
          n.location.file.slice(root.length + 1),
        ],
      ),
    ).toEqual([
      ["input/missing-managed-policy", "warning", "export.json"],
      ["input/skipped", "info", "package.json"],
    ]);
    expect(report.summary).toMatchObject({ files: 2, skipped: 1, notifications: 2 });

    const sarif = JSON.parse((await run(["lint", root, "--format", "sarif"])).stdout ?? "");
    const invocation = sarif.runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications[0]).toMatchObject({
      level: "warning",
      descriptor: { id: "input/missing-managed-policy" },
      locations: [{ physicalLocation: { artifactLocation: { uri: join(root, "export.json") } } }],
    });
    expect(invocation.toolExecutionNotifications[1]).toMatchObject({
      level: "note",
      descriptor: { id: "input/skipped" },
    });

    const text = await run(["lint", root]);
    expect(text.stdout?.split("\n").at(-1)).toBe(
      "checked 2 files, 1 skipped (1 .json not IAM), 1 warning",
    );
    expect(text.stderr).toContain("warning input/missing-managed-policy");
    expect((await run(["lint", root, "--format", "markdown"])).stdout).toContain(
      "Checked 2 files, 1 skipped (1 .json not IAM), against AWS catalog",
    );
  });
});

describe("leash lint of a leash.yaml that generate rejects", () => {
  const example = readFileSync(
    join(import.meta.dirname, "..", "examples", "multi-tenant-platform", "leash.yaml"),
    "utf8",
  );
  // 40 prefixes read by one workload: the generated inline policy is over AWS's 10,240 characters.
  const big = [
    "version: 1",
    "name: big",
    "targets:",
    "  aws:",
    '    account: "111122223333"',
    "    region: us-east-1",
    "resources:",
    ...Array.from({ length: 40 }, (_, i) => [
      `  d${i}:`,
      "    type: s3-prefix",
      `    uri: s3://acme-datasets-bucket-number-${i}/fraud/some/long/prefix/v${i}/`,
    ]).flat(),
    "workloads:",
    "  train:",
    "    kind: training-job",
    "    needs:",
    ...Array.from({ length: 40 }, (_, i) => `      - read: d${i}`),
    "",
  ].join("\n");

  it.each(
    titled(
      [
        {
          name: "a need on another team's data (spec validation)",
          text: example.replace(
            "      - read: risk-data\n",
            "      - read: risk-data\n      - read: growth-data\n",
          ),
          code: "spec/cross-team-resource",
          // The line of the inserted need in the example (which grew its GCP locators).
          at: { pointer: "/workloads/risk-train/needs/1/read", line: 88, column: 15 },
        },
        {
          name: "a generated policy over the size quota (generate's own check)",
          text: big,
          code: "generate/policy-too-large",
          at: { pointer: "/workloads", line: 128, column: 1 },
        },
      ],
      (row) => `${row.name} is an invalid finding with its location`,
    ),
  )("%s", async (_, { text, code, at }) => {
    const spec = file(`${code.replace("/", "-")}.leash.yaml`, text);
    const r = await run(["lint", spec, "--format", "json"]);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout ?? "").findings).toContainEqual(
      expect.objectContaining({
        ruleId: "aws/invalid-spec",
        category: "invalid",
        severity: "error",
        code,
        location: { file: spec, ...at },
      }),
    );
  });
});
