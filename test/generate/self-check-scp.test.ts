import { describe, expect, it } from "vitest";
import { type RoleUnderCheck, selfCheck } from "../../src/clouds/aws/generate/self-check.js";
import type { DraftStatement } from "../../src/clouds/aws/generate/statements.js";
import type {
  NamedPolicy,
  PolicyStatementJson,
  RoleSelfCheck,
} from "../../src/clouds/aws/generate/types.js";

/**
 * SCPs do not bind the organization's management account (AWS Organizations
 * User Guide: "SCPs don't affect users or roles in the management account"),
 * and a spec does not say whether its account is that one. So the self-check
 * asks for the needs under the SCPs, and for everything else without them: a
 * grant that only an SCP stops is an extra.
 */

const ACCOUNT = "111122223333";
const read: DraftStatement = {
  sid: "ReadData",
  effect: "Allow",
  actions: ["s3:GetObject"],
  resources: ["arn:aws:s3:::acme-data/x/*"],
  need: "read data",
};

function roleWith(...more: PolicyStatementJson[]): RoleUnderCheck {
  return {
    role: {
      name: "acme-train",
      workload: "train",
      description: "",
      trustPolicy: { Version: "2012-10-17", Statement: [] },
      inlinePolicies: [
        {
          name: "acme-train-least-privilege",
          document: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "ReadData",
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::acme-data/x/*",
              },
              ...more,
            ],
          },
        },
      ],
      permissionBoundary: null,
      permissionBoundaryName: null,
      tags: {},
    },
    allows: [read],
    needs: 1,
    baseContext: { "aws:RequestedRegion": "us-east-1", "aws:SecureTransport": true },
  };
}

const deny = (name: string, statement: PolicyStatementJson): NamedPolicy => ({
  name,
  document: { Version: "2012-10-17", Statement: [statement] },
});
const trailScp = deny("never-disable-cloudtrail", {
  Effect: "Deny",
  Action: "cloudtrail:StopLogging",
  Resource: "*",
});
// The role works in us-east-1; this SCP allows only eu-west-1.
const regionScp = deny("stay-in-eu-west-1", {
  Effect: "Deny",
  NotAction: "iam:*",
  Resource: "*",
  Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } },
});

const owners = { tagKey: "team", ownerOf: () => undefined };
const check = (role: RoleUnderCheck, scps: NamedPolicy[]): RoleSelfCheck =>
  selfCheck([role], scps, ACCOUNT, "aws", owners).roles[0]!;

describe("the self-check does not count on SCPs binding the role's account", () => {
  it("reports a grant that only an SCP denies as extra", () => {
    const role = roleWith({ Effect: "Allow", Action: "cloudtrail:StopLogging", Resource: "*" });
    const extra = check(role, [trailScp]).extra;
    expect([...new Set(extra.map((e) => e.action))]).toEqual(["cloudtrail:StopLogging"]);
    expect(extra).toContainEqual({ action: "cloudtrail:StopLogging", resource: "*" });
  });

  it("still asks for the needs under the SCPs, which bind every member account", () => {
    expect(check(roleWith(), [regionScp]).needsDenied).toMatchObject([
      {
        action: "s3:GetObject",
        resource: "arn:aws:s3:::acme-data/x/leash-probe",
        decision: "ExplicitlyDenied",
      },
    ]);
    expect(check(roleWith(), []).needsDenied).toEqual([]);
  });

  it.each([
    ["no SCP", []],
    ["an SCP", [trailScp]],
  ])("passes a role that allows only its needs, under %s", (_, scps) => {
    const result = selfCheck([roleWith()], scps, ACCOUNT, "aws", owners);
    expect(result.ok).toBe(true);
    expect(result.roles[0]!.needsGranted).toBe(1);
  });
});
