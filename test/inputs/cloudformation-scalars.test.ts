import { describe, expect, it } from "vitest";
import { readCloudFormation } from "../../src/clouds/aws/inputs/cloudformation.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { titled } from "../support/rows.js";
import { nodeAt } from "./support.js";

/**
 * Scalars CloudFormation passes on as text: a number or boolean in a
 * template's policy reaches IAM as a string, so it is no syntax error.
 */
const yaml = (statement: string, version = "2012-10-17") => `Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: ${version}
        Statement:
          - ${statement}
`;
const BASE =
  "Effect: Allow\n            Action: s3:GetObject\n            Resource: arn:aws:s3:::b/*";

const ROWS = [
  {
    given: "`Sid: 1` (a YAML number)",
    text: yaml(`Sid: 1\n            ${BASE}`),
    path: ["Statement", 0, "Sid"],
    want: "1",
  },
  {
    given: "an unquoted `Version: 2012-10-17` (a string in YAML 1.2, not a date)",
    text: yaml(BASE),
    path: ["Version"],
    want: "2012-10-17",
  },
  {
    given: "a boolean condition value",
    text: yaml(`${BASE}\n            Condition: { Bool: { aws:SecureTransport: true } }`),
    path: ["Statement", 0, "Condition", "Bool", "aws:SecureTransport"],
    want: "true",
  },
  {
    given: "numbers in a condition, as written",
    text: yaml(`${BASE}\n            Condition: { NumericLessThan: { s3:max-keys: [10, 1.0] } }`),
    path: ["Statement", 0, "Condition", "NumericLessThan", "s3:max-keys"],
    want: ["10", "1.0"],
  },
  {
    given: "`Sid: 1` in a JSON template",
    text: JSON.stringify({
      Resources: {
        Policy: {
          Type: "AWS::IAM::ManagedPolicy",
          Properties: {
            PolicyDocument: {
              Version: "2012-10-17",
              Statement: [{ Sid: 1, Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
            },
          },
        },
      },
    }),
    path: ["Statement", 0, "Sid"],
    want: "1",
  },
];

describe("CloudFormation scalars in policy documents", () => {
  it.each(titled(ROWS, (r) => r.given))("%s: the string IAM receives", (_, row) => {
    const { documents, diagnostics } = readCloudFormation(row.text, "t.yaml");
    expect(diagnostics).toEqual([]);
    expect(toPlain(nodeAt(documents[0]!.node, ...row.path))).toEqual(row.want);
    expect(lintAws(documents).filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
  });

  it("a null stays an error: IAM rejects it", () => {
    const { documents } = readCloudFormation(
      yaml(`${BASE}\n            Condition: { StringEquals: { aws:PrincipalTag/x: null } }`),
      "t.yaml",
    );
    expect(lintAws(documents).map((f) => f.ruleId)).toContain("aws/policy-syntax");
  });

  it("policy text (`!Sub '{...}'`) is IAM's as written: a number Sid there is an error", () => {
    const text = `Resources:
  Policy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Sid": 1, "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}'
`;
    const { documents } = readCloudFormation(text, "t.yaml");
    expect(lintAws(documents).map((f) => f.ruleId)).toContain("aws/policy-syntax");
  });
});
