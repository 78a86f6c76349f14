import { describe, expect, it } from "vitest";
import { AwsEngine } from "../../src/clouds/aws/evaluate/index.js";
import { generationContext } from "../../src/clouds/aws/generate/context.js";
import { platformScp } from "../../src/clouds/aws/generate/scp.js";
import { parsePolicy } from "../../src/clouds/aws/policy/index.js";
import { awsView, loadSpec } from "../../src/spec/index.js";

/**
 * The SCP is attached to OUs, so it binds every account in them, not only the
 * spec's: an administrator in another account of the OU may still create a
 * role, as long as it has one of the teams' boundaries (a policy of that
 * account with the boundary's name).
 */

const SPEC = `version: 1
name: acme-ml
targets: {aws: {account: "111122223333", region: us-east-1}}
platform: {guardrails: {regions: [us-east-1]}}
resources:
  data: {type: s3-prefix, uri: s3://acme-data/risk/, team: risk}
  models: {type: s3-prefix, uri: s3://acme-models/risk/, team: risk}
workloads:
  train: {kind: training-job, team: risk, needs: [{read: data}, {write: models}]}
teams: {risk: {}}
`;

const parsed = (type: "scp" | "identity", name: string, document: unknown) =>
  parsePolicy(JSON.stringify(document), { type, name }).policy!;
const allow = (action: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: action, Resource: "*" }],
});

/** An administrator allowed every IAM action, under FullAWSAccess and the platform's SCP. */
function scpEngine(): AwsEngine {
  const { spec, diagnostics } = loadSpec(SPEC, "acme.yaml");
  expect(diagnostics).toEqual([]);
  const scp = platformScp(generationContext(awsView(spec!).spec!))!;
  return new AwsEngine({
    identityPolicies: [parsed("identity", "admin", allow("iam:*"))],
    scps: [[parsed("scp", "FullAWSAccess", allow("*")), parsed("scp", scp.name, scp.document)]],
  });
}

describe("RolesOnlyWithTeamBoundary in every account of the OU", () => {
  const engine = scpEngine();
  it.each([
    ["111122223333", "arn:aws:iam::111122223333:policy/acme-ml-risk-boundary", "Allowed"],
    ["444455556666", "arn:aws:iam::444455556666:policy/acme-ml-risk-boundary", "Allowed"],
    ["444455556666", "arn:aws:iam::444455556666:policy/admin-boundary", "ExplicitlyDenied"],
    [
      "444455556666",
      "arn:aws:iam::444455556666:policy/acme-ml-risk-boundary-2",
      "ExplicitlyDenied",
    ],
  ])("in account %s, CreateRole with boundary %s is %s", (account, boundary, decision) => {
    const result = engine.decide({
      principal: `arn:aws:iam::${account}:role/admin`,
      action: "iam:CreateRole",
      resource: `arn:aws:iam::${account}:role/new-role`,
      context: { "aws:RequestedRegion": "us-east-1", "iam:PermissionsBoundary": boundary },
    });
    expect(result).toMatchObject({ decision });
  });

  it("without a boundary, CreateRole is denied", () => {
    const result = engine.decide({
      principal: "arn:aws:iam::444455556666:role/admin",
      action: "iam:CreateRole",
      resource: "arn:aws:iam::444455556666:role/new-role",
      context: { "aws:RequestedRegion": "us-east-1" },
    });
    expect(result).toMatchObject({ decision: "ExplicitlyDenied" });
  });
});
