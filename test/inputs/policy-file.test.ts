import { describe, expect, it } from "vitest";
import { readPolicyFile } from "../../src/clouds/aws/inputs/policy-file.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { at, nodeAt } from "./support.js";

const identity = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ml-data/*" }
  ]
}`;

const githubTrust = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
      "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }
    }
  ]
}`;

const bucketPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::ml-data/*"
    }
  ]
}`;

describe("readPolicyFile", () => {
  it("reads one policy, located in the file", () => {
    const { documents, diagnostics } = readPolicyFile(identity, "role.json");
    expect(diagnostics).toEqual([]);
    expect(documents).toHaveLength(1);
    const doc = documents[0]!;
    expect(doc).toMatchObject({ file: "role.json", type: "identity", name: "role.json" });
    expect(doc.principal).toBeUndefined();
    const action = nodeAt(doc.node, "Statement", 0, "Action");
    expect(at(action)).toBe("4:36");
    expect(action.loc.pointer).toBe("/Statement/0/Action");
  });

  it.each([
    ["an identity policy", identity, "identity"],
    ["a trust policy (AssumeRole* and TagSession only)", githubTrust, "trust"],
    ["a resource policy (a Principal, other actions)", bucketPolicy, "resource"],
  ])("detects %s", (_, text, type) => {
    expect(readPolicyFile(text, "p.json").documents[0]?.type).toBe(type);
  });

  it("a statement with a Principal and AssumeRole among other actions is a resource policy", () => {
    const text = bucketPolicy.replace(
      '"Action": "s3:GetObject"',
      '"Action": ["sts:AssumeRole", "s3:GetObject"]',
    );
    expect(readPolicyFile(text, "p.json").documents[0]?.type).toBe("resource");
  });

  it("the type option wins over detection", () => {
    const { documents } = readPolicyFile(identity, "scp.json", { type: "scp" });
    expect(documents[0]?.type).toBe("scp");
  });

  it("reads an array of policies, each detected and named by index; other items are reported", () => {
    const text = `[\n${identity},\n${githubTrust},\n  "not a policy"\n]`;
    const { documents, diagnostics } = readPolicyFile(text, "all.json");
    expect(documents.map((d) => [d.name, d.type, d.node.loc.pointer])).toEqual([
      ["all.json[0]", "identity", "/0"],
      ["all.json[1]", "trust", "/1"],
    ]);
    expect(toPlain(documents[1]!.node)).toEqual(JSON.parse(githubTrust));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "input/invalid-policy",
        severity: "error",
        message: "item 2 of the policy array is a string, not a policy document",
        location: { file: "all.json", pointer: "/2", line: 19, column: 3 },
      }),
    ]);
  });

  it.each([
    ['{"Version": "2012-10-17",\n  "Statement": [}', "input/json-syntax", 2, 17],
    ['"just a string"', "input/invalid-policy", 1, 1],
    ["", "input/json-syntax", 1, 1],
  ])("reports %j without throwing", (text, code, line, column) => {
    const { documents, diagnostics } = readPolicyFile(text, "bad.json");
    expect(documents).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, severity: "error", location: { line, column } });
    expect(diagnostics[0]?.help).toBeTruthy();
  });
});
