import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { tempFiles } from "./support/temp-files.js";

const { dir, file } = tempFiles("leash-lint-");

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
    // A baseline of other findings is not written over the one there; the same one is unchanged.
    const other = await run(["lint", escalating, broken, "--write-baseline", baseline]);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toContain("error output/exists");
    const same = await run(["lint", escalating, "--write-baseline", baseline]);
    expect(same.exitCode).toBe(0);
    expect(same.stderr).toMatch(/^unchanged .*baseline\.json: \d+ accepted findings$/m);
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
