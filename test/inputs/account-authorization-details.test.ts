import { describe, expect, it } from "vitest";
import { readAccountAuthorizationDetails } from "../../src/clouds/aws/inputs/account-authorization-details.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { at, fixture, nodeAt } from "./support.js";

const { file, text } = fixture("account-authorization-details.json");
const result = readAccountAuthorizationDetails(text, file);
const byName = (name: string) => {
  const doc = result.documents.find((d) => d.name === name);
  if (!doc) throw new Error(`no document ${name}`);
  return doc;
};

describe("readAccountAuthorizationDetails", () => {
  it("produces each principal's documents: inline, groups', managed, trust and boundary", () => {
    expect(result.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["identity", "user/alice", "user/alice inline read-notebooks"],
      ["identity", "user/alice", "user/alice via group data-scientists inline pass-training-role"],
      ["identity", "user/alice", "user/alice via group data-scientists managed ml-data-read"],
      ["trust", "role/train", "role/train trust policy"],
      ["identity", "role/train", "role/train inline write-models"],
      ["identity", "role/train", "role/train managed ml-data-read"],
      ["boundary", "role/train", "role/train permissions boundary ml-boundary"],
      // A customer managed policy attached to nobody is still checked, on its own.
      ["identity", undefined, "managed unused-admin"],
    ]);
    expect(result.documents.every((d) => d.file === file)).toBe(true);
  });

  it("points into the export file", () => {
    const inline = byName("user/alice inline read-notebooks");
    const action = nodeAt(inline.node, "Statement", 0, "Action");
    expect(at(action)).toBe("17:27");
    expect(action.loc).toMatchObject({
      file,
      pointer: "/UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/0/Action",
    });
    expect(at(nodeAt(byName("role/train trust policy").node, "Statement", 0, "Action"))).toBe(
      "77:23",
    );
  });

  it("decodes URL-encoded documents and reports them at the string's position", () => {
    const doc = byName("user/alice via group data-scientists inline pass-training-role");
    expect(toPlain(doc.node)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: "arn:aws:iam::123456789012:role/train",
        },
      ],
    });
    const action = nodeAt(doc.node, "Statement", 0, "Action");
    expect(action.loc).toEqual({
      file,
      line: 39,
      column: 29,
      pointer: "/GroupDetailList/0/GroupPolicyList/0/PolicyDocument/Statement/0/Action",
    });
    // `%20` spaces and `%2A` wildcards decode too.
    expect(toPlain(byName("role/train inline write-models").node)).toMatchObject({
      Statement: [{ Action: "s3:PutObject", Resource: "arn:aws:s3:::ml-models/*" }],
    });
    expect(toPlain(byName("role/train permissions boundary ml-boundary").node)).toMatchObject({
      Statement: [{ Action: ["s3:*", "sagemaker:*"], Resource: "*" }],
    });
  });

  it("uses the default version of a managed policy, shared by every principal it is attached to", () => {
    const forRole = byName("role/train managed ml-data-read");
    const forUser = byName("user/alice via group data-scientists managed ml-data-read");
    expect(forRole.node).toBe(forUser.node);
    expect(toPlain(forRole.node)).toMatchObject({ Statement: [{ Action: "s3:GetObject" }] });
    expect(at(nodeAt(forRole.node, "Statement", 0, "Action"))).toBe("119:46");
  });

  it("warns about attached policies missing from the export", () => {
    expect(result.diagnostics).toEqual([
      {
        code: "input/missing-managed-policy",
        severity: "warning",
        message:
          "managed policy `arn:aws:iam::aws:policy/ReadOnlyAccess` of group/auditors is not in the export's `Policies`",
        help: expect.any(String),
        location: {
          file,
          pointer: "/GroupDetailList/1/AttachedManagedPolicies/0/PolicyArn",
          line: 59,
          column: 24,
        },
      },
    ]);
  });

  it("picks the default version by DefaultVersionId when no version is flagged", () => {
    const export_ = {
      RoleDetailList: [
        {
          RoleName: "r",
          AttachedManagedPolicies: [{ PolicyName: "p", PolicyArn: "arn:aws:iam::1:policy/p" }],
        },
      ],
      Policies: [
        {
          PolicyName: "p",
          Arn: "arn:aws:iam::1:policy/p",
          DefaultVersionId: "v2",
          PolicyVersionList: [
            { VersionId: "v1", Document: { Statement: [{ Action: "s3:*" }] } },
            { VersionId: "v2", Document: { Statement: [{ Action: "s3:GetObject" }] } },
          ],
        },
      ],
    };
    const { documents } = readAccountAuthorizationDetails(JSON.stringify(export_), "e.json");
    expect(documents.map((d) => toPlain(d.node))).toEqual([
      { Statement: [{ Action: "s3:GetObject" }] },
    ]);
  });

  it.each([
    ["not JSON", "{ UserDetailList: [] }", "input/json-syntax", "", 1, 3],
    ["an array", "[]", "input/invalid-export", "", 1, 1],
    [
      "a list that is not an array",
      '{"RoleDetailList": {}}',
      "input/invalid-export",
      "/RoleDetailList",
      1,
      20,
    ],
    [
      "a role without a name",
      '{"RoleDetailList": [{"Arn": "x"}]}',
      "input/invalid-export",
      "/RoleDetailList/0",
      1,
      21,
    ],
    [
      "a document that is neither JSON nor URL-encoded JSON",
      '{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%E0%A4%A"}]}',
      "input/invalid-policy-json",
      "/RoleDetailList/0/AssumeRolePolicyDocument",
      1,
      67,
    ],
    [
      "URL-encoded text that is not JSON",
      '{"RoleDetailList": [{"RoleName": "r", "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Version"}]}]}',
      "input/invalid-policy-json",
      "/RoleDetailList/0/RolePolicyList/0/PolicyDocument",
      1,
      96,
    ],
    [
      "a document that is a number",
      '{"UserDetailList": [{"UserName": "u", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": 3}]}]}',
      "input/invalid-export",
      "/UserDetailList/0/UserPolicyList/0/PolicyDocument",
      1,
      96,
    ],
  ])("reports %s without throwing", (_, input, code, pointer, line, column) => {
    const { documents, diagnostics } = readAccountAuthorizationDetails(input, "e.json");
    expect(documents).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code,
      location: { file: "e.json", pointer, line, column },
    });
  });

  it("reports a user's unknown group and keeps the user's other documents", () => {
    const input = {
      UserDetailList: [
        {
          UserName: "bob",
          GroupList: ["ghost"],
          UserPolicyList: [{ PolicyName: "p", PolicyDocument: { Statement: [] } }],
        },
      ],
    };
    const { documents, diagnostics } = readAccountAuthorizationDetails(
      JSON.stringify(input),
      "e.json",
    );
    expect(documents.map((d) => d.name)).toEqual(["user/bob inline p"]);
    expect(diagnostics).toMatchObject([{ code: "input/missing-group", severity: "warning" }]);
  });

  it("names managed policies by ARN and marks AWS managed ones, whoever attaches them", () => {
    const export_ = {
      RoleDetailList: [
        {
          RoleName: "r",
          Arn: "arn:aws:iam::111122223333:role/r",
          AttachedManagedPolicies: [
            { PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
            { PolicyArn: "arn:aws:iam::111122223333:policy/mine" },
          ],
        },
      ],
      Policies: [
        {
          PolicyName: "AdministratorAccess",
          Arn: "arn:aws:iam::aws:policy/AdministratorAccess",
          PolicyVersionList: [{ IsDefaultVersion: true, Document: { Statement: [] } }],
        },
        {
          PolicyName: "mine",
          Arn: "arn:aws:iam::111122223333:policy/mine",
          PolicyVersionList: [{ IsDefaultVersion: true, Document: { Statement: [] } }],
        },
      ],
    };
    const { documents } = readAccountAuthorizationDetails(JSON.stringify(export_), "e.json");
    expect(documents.map((d) => [d.name, d.id, d.awsManaged ?? false, d.trustedAccounts])).toEqual([
      [
        "role/r managed AdministratorAccess",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        true,
        ["111122223333"],
      ],
      ["role/r managed mine", "arn:aws:iam::111122223333:policy/mine", false, ["111122223333"]],
    ]);
  });

  it("takes the export's own account from its ARNs as trusted, and a group's inline policy by its group", () => {
    expect(result.documents.every((d) => d.trustedAccounts?.join() === "123456789012")).toBe(true);
    expect(byName("user/alice via group data-scientists inline pass-training-role").id).toBe(
      "group/data-scientists inline pass-training-role",
    );
  });
});
