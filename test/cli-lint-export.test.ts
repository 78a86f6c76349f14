import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { tempFiles } from "./support/temp-files.js";

const { file } = tempFiles("leash-lint-export-");

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

  it("drops the findings about AWS managed policies with awsManagedPolicies: off, keeps those about principals", async () => {
    const config = file("aws-managed-off.config.yaml", "awsManagedPolicies: off\n");
    const before = await findings();
    expect(before.filter(inAdmin).map((f) => f.ruleId)).toEqual(["aws/full-admin"]);
    const after = await findings("--config", config);
    // What the two roles hold through it is no finding about the AWS managed policy: it stays,
    // as the one aws/full-admin finding that stands for their escalation paths (all findings
    // there used to go, and with them the only sign that both roles are admins: exit 0).
    expect(after.filter(inAdmin).map((f) => f.ruleId)).toEqual(["aws/full-admin"]);
    expect((await run(["lint", exported, "--config", config])).exitCode).toBe(1);
    // The rest is untouched: the customer policy's and the inline policy's findings stay.
    expect(after.filter((f) => !inAdmin(f))).toEqual(before.filter((f) => !inAdmin(f)));
    expect(after.some((f) => f.location.pointer.startsWith("/Policies/1/"))).toBe(true);
    const bad = file("aws-managed-bad.config.yaml", "awsManagedPolicies: sometimes\n");
    const r = await run(["lint", exported, "--config", bad]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("error config/invalid: `awsManagedPolicies`");
  });

  it("keeps, with awsManagedPolicies: off, an escalation a role holds partly through an AWS managed policy", async () => {
    const EC2 = "arn:aws:iam::aws:policy/AmazonEC2FullAccess";
    const launcher = file("launcher.json", {
      UserDetailList: [],
      GroupDetailList: [],
      Policies: [
        managed("AmazonEC2FullAccess", EC2, { Effect: "Allow", Action: "ec2:*", Resource: "*" }),
      ],
      RoleDetailList: [
        role(
          "launcher",
          "111122223333",
          [EC2],
          [
            {
              PolicyName: "pass",
              PolicyDocument: doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }),
            },
          ],
        ),
      ],
    });
    const config = file("launcher-off.config.yaml", "awsManagedPolicies: off\n");
    const lint = async (...args: string[]) => {
      const r = await run(["lint", launcher, "--format", "json", ...args]);
      const found = JSON.parse(r.stdout ?? "").findings as { ruleId: string; message: string }[];
      return { exitCode: r.exitCode, ids: [...new Set(found.map((f) => f.ruleId))].sort() };
    };
    const before = await lint();
    expect(before.ids).toContain("aws/star-action");
    expect(before.ids).toContain("aws/privilege-escalation");
    // The AWS managed policy's own findings go; the role's escalation (PassRole inline, RunInstances
    // through the managed policy, located at the latter) stays and fails the gate. It used to go.
    const after = await lint("--config", config);
    expect(after.ids).not.toContain("aws/star-action");
    expect(after.ids).toContain("aws/privilege-escalation");
    expect(after.exitCode).toBe(1);
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
