import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { type Finding, legacyFindingFingerprint } from "../src/model/index.js";
import { titled } from "./support/rows.js";

const dir = mkdtempSync(join(tmpdir(), "leash-lint-"));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return path;
};

const escalating = file("escalating.json", {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }],
});
const oldVersion = file("old.json", {
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
});
const broken = file(
  "broken.json",
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}',
);

describe("leash lint", () => {
  it("fails (1) on a finding at or above --fail-on and prints a code frame", async () => {
    const r = await run(["lint", escalating]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(`${escalating}:4:5: high aws/privilege-escalation:`);
    expect(r.stdout).toMatch(/^> 4 \| {5}\{$/m);
  });

  it("passes (0) when every finding is below --fail-on", async () => {
    const r = await run(["lint", oldVersion, "--format", "json"]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout ?? "").findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([
      "aws/old-version",
    ]);
    expect((await run(["lint", oldVersion, "--fail-on", "low"])).exitCode).toBe(1);
  });

  it("reports what AWS would reject as an error finding at its position", async () => {
    const r = await run(["lint", broken, "--format", "json"]);
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout ?? "").findings[0]).toMatchObject({
      ruleId: "aws/policy-syntax",
      severity: "error",
      location: { pointer: "/Statement/0", line: 1, column: 41 },
    });
  });

  it("writes valid SARIF and markdown", async () => {
    const sarif = JSON.parse((await run(["lint", escalating, "--format", "sarif"])).stdout ?? "");
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results[0].ruleId).toBe("aws/passrole-without-service");
    expect((await run(["lint", escalating, "--format", "markdown"])).stdout).toMatch(/^## /);
  });

  it("applies a config: rules off, severity overrides, ignored paths", async () => {
    const config = file(
      "leash.config.yaml",
      "failOn: high\nrules:\n  aws/privilege-escalation: off\n  aws/passrole-without-service: low\nignore:\n  - '**/old.json'\n",
    );
    const r = await run(["lint", escalating, oldVersion, "--config", config, "--format", "json"]);
    const findings = JSON.parse(r.stdout ?? "").findings as { ruleId: string; severity: string }[];
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ["aws/passrole-without-service", "low"],
      ["aws/star-resource", "medium"],
    ]);
    expect(r.exitCode).toBe(0);
  });

  it("takes trustedAccounts from the config: their principals are not cross-account", async () => {
    const trust = file("trust.json", {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: "444455556666" }, Action: "sts:AssumeRole" },
      ],
    });
    const ruleIds = async (...args: string[]) =>
      (
        JSON.parse((await run(["lint", trust, "--format", "json", ...args])).stdout ?? "")
          .findings as { ruleId: string }[]
      ).map((f) => f.ruleId);
    expect(await ruleIds()).toContain("aws/cross-account-principal");
    const config = file("trusted.config.yaml", 'trustedAccounts: ["444455556666"]\n');
    expect(await ruleIds("--config", config)).not.toContain("aws/cross-account-principal");
    const bad = file("bad-account.config.yaml", "trustedAccounts: [4444]\n");
    const r = await run(["lint", trust, "--config", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error config/invalid");
  });

  it("reports a baseline it cannot write as a diagnostic, not an internal error", async () => {
    // A file where a folder should be: the write fails.
    const blocker = file("not-a-folder", "x");
    const r = await run(["lint", escalating, "--write-baseline", join(blocker, "baseline.json")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error output/unwritable: cannot write");
  });

  it("reports a bad config at its line with a suggestion", async () => {
    const config = file("bad.config.yaml", "rules:\n  aws/privilege-escalaton: off\n");
    const r = await run(["lint", escalating, "--config", config]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(":2:3 (/rules/aws~1privilege-escalaton): error config/unknown-rule");
    expect(r.stderr).toContain("did you mean `aws/privilege-escalation`?");
  });

  it("accepts the findings of a baseline and fails only on new ones", async () => {
    const baseline = join(dir, "baseline.json");
    expect((await run(["lint", escalating, "--write-baseline", baseline])).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(baseline, "utf8")).findings.length).toBeGreaterThan(0);
    const accepted = await run(["lint", escalating, "--baseline", baseline]);
    expect(accepted.exitCode).toBe(0);
    expect(accepted.stderr).toMatch(/\d+ findings accepted by the baseline/);
    const fresh = await run(["lint", escalating, broken, "--baseline", baseline]);
    expect(fresh.exitCode).toBe(1);
    expect((await run(["lint", escalating, "--write-baseline", baseline])).exitCode).toBe(2);
  });

  it("lints what a leash.yaml would generate: the examples are clean", async () => {
    for (const name of [
      "sagemaker-training",
      "github-mlops-pipeline",
      "inference-api",
      "multi-tenant-platform",
    ]) {
      const r = await run([
        "lint",
        join(import.meta.dirname, "..", "examples", name, "leash.yaml"),
        "--fail-on",
        "info",
      ]);
      // The summary line says what was checked (issue 9: no format hides what it did not read).
      expect([name, r.stdout]).toEqual([name, "0 findings\nchecked 1 file"]);
      expect(r.exitCode).toBe(0);
    }
  });

  it("refuses a path it cannot read with exit status 2", async () => {
    const r = await run(["lint", join(dir, "missing.json")]);
    expect(r.exitCode).toBe(2);
  });
});

describe("leash lint, one principal per input", () => {
  // Two account exports that both have a role `train`: they are two accounts, two roles.
  const exportWith = (name: string, action: string) =>
    file(name, {
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [],
      RoleDetailList: [
        {
          RoleName: "train",
          Arn: "arn:aws:iam::111122223333:role/train",
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "ec2.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
              },
            ],
          },
          RolePolicyList: [
            {
              PolicyName: "p",
              PolicyDocument: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: action, Resource: "*" }],
              },
            },
          ],
          AttachedManagedPolicies: [],
        },
      ],
    });

  it("does not add up the policies of same-named principals of two exports", async () => {
    const a = exportWith("account-a.json", "iam:PassRole");
    const b = exportWith("account-b.json", "ec2:RunInstances");
    const escalations = async (...paths: string[]) =>
      JSON.parse((await run(["lint", ...paths, "--format", "json"])).stdout ?? "").findings.filter(
        (f: { ruleId: string }) => f.ruleId === "aws/privilege-escalation",
      );
    expect(await escalations(a, b)).toEqual([]);
    // One export with both grants on the role does escalate: the grouping is per principal.
    const both = exportWith("account-both.json", "iam:PassRole");
    const doc = JSON.parse(readFileSync(both, "utf8"));
    doc.RoleDetailList[0].RolePolicyList.push({
      PolicyName: "q",
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "ec2:RunInstances", Resource: "*" }],
      },
    });
    writeFileSync(both, JSON.stringify(doc, null, 2));
    expect(await escalations(both)).toHaveLength(1);
  });
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
          at: { pointer: "/workloads/risk-train/needs/1/read", line: 68, column: 15 },
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

describe("leash lint of an account export", () => {
  const doc = (statement: Record<string, unknown>) => ({
    Version: "2012-10-17",
    Statement: [statement],
  });
  const managed = (name: string, arn: string, statement: Record<string, unknown>) => ({
    PolicyName: name,
    Arn: arn,
    DefaultVersionId: "v1",
    PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: doc(statement) }],
  });
  const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
  const role = (name: string, trusted: string, attached: string[], inline: unknown[] = []) => ({
    RoleName: name,
    Arn: `arn:aws:iam::111122223333:role/${name}`,
    AssumeRolePolicyDocument: doc({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${trusted}:root` },
      Action: "sts:AssumeRole",
    }),
    RolePolicyList: inline,
    AttachedManagedPolicies: attached.map((arn) => ({ PolicyArn: arn })),
  });
  const exported = file("account.json", {
    UserDetailList: [],
    GroupDetailList: [],
    Policies: [
      managed("AdministratorAccess", ADMIN, { Effect: "Allow", Action: "*", Resource: "*" }),
      managed("mine", "arn:aws:iam::111122223333:policy/mine", {
        Effect: "Allow",
        Action: "s3:*",
        Resource: "*",
      }),
    ],
    RoleDetailList: [
      role("admin-a", "111122223333", [ADMIN]),
      role("admin-b", "111122223333", [ADMIN]),
      role(
        "partner",
        "444455556666",
        ["arn:aws:iam::111122223333:policy/mine"],
        [
          {
            PolicyName: "pass",
            PolicyDocument: doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
          },
        ],
      ),
    ],
  });
  const findings = async (...args: string[]) =>
    JSON.parse((await run(["lint", exported, "--format", "json", ...args])).stdout ?? "")
      .findings as { ruleId: string; message: string; location: { pointer: string } }[];
  const inAdmin = (f: { location: { pointer: string } }) =>
    f.location.pointer.startsWith("/Policies/0/");

  it("reports a per-document finding of an AWS managed policy once, at its place in Policies", async () => {
    const all = await findings();
    // AdministratorAccess, attached to two roles, is one finding (its `*` on `*` is full admin),
    // as the customer policy's `s3:*` is one.
    const at = (rule: string) =>
      all.filter((f) => f.ruleId === rule).map((f) => f.location.pointer.split("/Statement/")[0]);
    expect(at("aws/full-admin")).toEqual(["/Policies/0/PolicyVersionList/0/Document"]);
    expect(at("aws/star-action")).toEqual(["/Policies/1/PolicyVersionList/0/Document"]);
  });

  it("drops every finding inside AWS managed policies with awsManagedPolicies: off", async () => {
    const config = file("aws-managed-off.config.yaml", "awsManagedPolicies: off\n");
    const before = await findings();
    expect(before.some(inAdmin)).toBe(true);
    const after = await findings("--config", config);
    expect(after.filter(inAdmin)).toEqual([]);
    // The rest is untouched: the customer policy's and the inline policy's findings stay.
    expect(after).toEqual(before.filter((f) => !inAdmin(f)));
    expect(after.some((f) => f.location.pointer.startsWith("/Policies/1/"))).toBe(true);
    const bad = file("aws-managed-bad.config.yaml", "awsManagedPolicies: sometimes\n");
    const r = await run(["lint", exported, "--config", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error config/invalid: `awsManagedPolicies`");
  });

  it("trusts the export's own account (from its ARNs) in trust policies", async () => {
    const cross = (await findings()).filter((f) => f.ruleId === "aws/cross-account-principal");
    expect(cross.map((f) => [f.location.pointer, f.message])).toEqual([
      [
        "/RoleDetailList/2/AssumeRolePolicyDocument/Statement/0/Principal/AWS",
        "account `444455556666` is outside the accounts this policy trusts (`111122223333`)",
      ],
    ]);
  });
});

describe("leash lint baselines follow statements, not positions", () => {
  const statements = {
    named: {
      Sid: "ReadEverything",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
    },
    anonymous: { Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" },
    fresh: { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" },
  };
  const policy = (name: string, list: unknown[], indent = 2) =>
    file(name, JSON.stringify({ Version: "2012-10-17", Statement: list }, null, indent));

  it.each(
    titled(
      [
        {
          name: "a statement inserted before them",
          after: [statements.fresh, statements.named, statements.anonymous],
        },
        {
          name: "the statements reordered",
          after: [statements.anonymous, statements.named],
        },
        {
          name: "keys reordered, a one-item list written as a string, other white space",
          after: [
            { Resource: "*", Action: "s3:GetObject", Effect: "Allow", Sid: "ReadEverything" },
            { Resource: ["*"], Action: "iam:PassRole", Effect: "Allow" },
          ],
          indent: 0,
        },
      ],
      (row) => `keeps accepted findings accepted with ${row.name}`,
    ),
  )("%s", async (_, { after, indent }) => {
    const name = `baseline-${after.length}-${indent ?? 2}.json`;
    const before = policy(name, [statements.named, statements.anonymous]);
    const baseline = join(dir, `${name}.baseline`);
    expect((await run(["lint", before, "--write-baseline", baseline, "--force"])).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(baseline, "utf8")).version).toBe(2);
    policy(name, after, indent);
    const r = await run(["lint", before, "--baseline", baseline, "--format", "json"]);
    const fresh = JSON.parse(r.stdout ?? "").findings as { location: { pointer: string } }[];
    // Only the inserted statement's findings are new.
    const insertedAt = (after as unknown[]).indexOf(statements.fresh);
    expect(fresh.map((f) => f.location.pointer.split("/")[2])).toEqual(
      fresh.map(() => String(insertedAt)),
    );
    expect(r.exitCode).toBe(insertedAt >= 0 && fresh.length > 0 ? 1 : 0);
  });

  it("revives a finding whose statement changed, and separates same-Sid statements of two policies", async () => {
    const before = policy("changed.json", [statements.anonymous]);
    const baseline = join(dir, "changed.baseline");
    await run(["lint", before, "--write-baseline", baseline, "--force"]);
    policy("changed.json", [
      { ...statements.anonymous, Action: ["iam:PassRole", "ec2:RunInstances"] },
    ]);
    const r = await run(["lint", before, "--baseline", baseline]);
    expect(r.exitCode).toBe(1);
  });

  it("takes the same statement given to a new role for a new finding, a moved resource for an old one", async () => {
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
    const role = (name: string) => ({
      Type: "AWS::IAM::Policy",
      Properties: {
        PolicyName: name,
        Roles: [name],
        PolicyDocument: { Version: "2012-10-17", Statement: [statement] },
      },
    });
    const template = (resources: Record<string, unknown>) =>
      file("roles.template.json", { AWSTemplateFormatVersion: "2010-09-09", Resources: resources });
    const path = template({ Train: role("train"), Serve: role("serve") });
    const baseline = join(dir, "roles.baseline");
    await run(["lint", path, "--write-baseline", baseline, "--force"]);
    template({ Serve: role("serve"), Other: { Type: "AWS::S3::Bucket" }, Train: role("train") });
    expect((await run(["lint", path, "--baseline", baseline])).exitCode).toBe(0);
    template({ Train: role("train"), Serve: role("serve"), Deploy: role("deploy") });
    const r = await run(["lint", path, "--baseline", baseline, "--format", "json"]);
    expect(r.exitCode).toBe(1);
    const fresh = JSON.parse(r.stdout ?? "").findings as { location: { pointer: string } }[];
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f) => f.location.pointer.startsWith("/Resources/Deploy/"))).toBe(true);
  });

  it("still reads a version 1 baseline (by position) and says to rewrite it", async () => {
    const p = policy("v1.json", [statements.named, statements.anonymous]);
    const findings = JSON.parse((await run(["lint", p, "--format", "json"])).stdout ?? "")
      .findings as Finding[];
    const v1 = file("v1.baseline.json", {
      version: 1,
      findings: findings.map((f) => ({
        fingerprint: legacyFindingFingerprint(f),
        ruleId: f.ruleId,
        file: f.location.file,
        pointer: f.location.pointer,
      })),
    });
    const r = await run(["lint", p, "--baseline", v1]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`${findings.length} findings accepted by the baseline`);
    expect(r.stderr).toContain("warning config/baseline-v1:");
    expect(r.stderr).toContain("help: rewrite it with --write-baseline");
  });
});
