import { describe, expect, it } from "vitest";
import { readCloudFormation } from "../../src/clouds/aws/inputs/cloudformation.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { at, fixture, nodeAt } from "./support.js";

const yaml = fixture("template.yaml");
const json = fixture("template.json");

function doc(result: ReturnType<typeof readCloudFormation>, name: string, principal?: string) {
  const d = result.documents.find(
    (x) => x.name === name && (principal === undefined || x.principal === principal),
  );
  if (!d) throw new Error(`no document ${name}`);
  return d;
}

describe("readCloudFormation (YAML)", () => {
  const result = readCloudFormation(yaml.text, yaml.file);

  it("finds the documents of IAM and resource-policy resources", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["trust", "role/train", "TrainingRole trust policy"],
      ["identity", "role/train", "TrainingRole policy read-data"],
      // `Roles: [!Ref TrainingRole]` names the role by its RoleName.
      ["identity", "role/train", "WriteModels"],
      ["resource", undefined, "DataBucketPolicy PolicyDocument"],
      ["resource", undefined, "ModelKey KeyPolicy"],
      ["resource", undefined, "JobQueuePolicy PolicyDocument"],
    ]);
  });

  it("locates values by the YAML node ranges, with JSON pointers from the path", () => {
    const trust = doc(result, "TrainingRole trust policy");
    const action = nodeAt(trust.node, "Statement", 0, "Action");
    expect(at(action)).toBe("21:21");
    expect(action.loc.pointer).toBe(
      "/Resources/TrainingRole/Properties/AssumeRolePolicyDocument/Statement/0/Action",
    );
    expect(at(nodeAt(trust.node, "Statement", 0, "Principal", "Service"))).toBe("20:24");
  });

  it("replaces intrinsic functions by placeholders located at their tag", () => {
    const trust = doc(result, "TrainingRole trust policy");
    const account = nodeAt(
      trust.node,
      "Statement",
      0,
      "Condition",
      "StringEquals",
      "aws:SourceAccount",
    );
    // The account is unknown until deployment: it stays visible, never a made-up account.
    expect(account).toMatchObject({ kind: "string", value: "${AWS::AccountId}" });
    expect(at(account)).toBe("24:36");

    const readData = doc(result, "TrainingRole policy read-data");
    const resource = nodeAt(readData.node, "Statement", 0, "Resource");
    // `${DataBucket.Arn}` stays visible; the ARN shape (service from the bucket's type) keeps it valid.
    expect(resource).toMatchObject({ value: "arn:aws:s3:::${DataBucket.Arn}/*" });
    expect(at(resource)).toBe("32:27");
  });

  it("keeps the first branch of `!If` and drops `AWS::NoValue`", () => {
    const readData = doc(result, "TrainingRole policy read-data");
    expect(toPlain(nodeAt(readData.node, "Statement"))).toEqual([
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::${DataBucket.Arn}/*" },
      {
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::${GetAtt:DataBucket.Arn}",
      },
    ]);
    expect(at(nodeAt(readData.node, "Statement", 1, "Action"))).toBe("36:27");
  });

  it("renders Join, Sub, Ref and GetAtt in resource and principal positions", () => {
    expect(toPlain(doc(result, "WriteModels").node)).toMatchObject({
      Statement: [{ Resource: "arn:aws:s3:::${Ref:DataBucket}/models/*" }],
    });
    expect(toPlain(doc(result, "ModelKey KeyPolicy").node)).toMatchObject({
      Statement: [
        // A principal needs an account: the unknown one (`isUnknownAccount`).
        { Principal: { AWS: "arn:aws:iam::000000000000:root" } },
        { Principal: { AWS: "arn:aws:iam::000000000000:role/${GetAtt:TrainingRole.Arn}" } },
      ],
    });
    expect(toPlain(doc(result, "JobQueuePolicy PolicyDocument").node)).toMatchObject({
      Statement: [
        {
          Resource: "arn:aws:sqs:::${GetAtt:JobQueue.Arn}",
          Condition: {
            ArnEquals: {
              "aws:SourceArn": "arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/*",
            },
          },
        },
      ],
    });
  });

  it("gives the linter documents that parse: placeholders cause no syntax findings", () => {
    const findings = lintAws(result.documents);
    expect(findings.filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
    // Its only broad statement is AWS's default key policy (kms:* for the account's own root),
    // which delegates to IAM and is no finding: every document reaches the rules and passes.
    expect(findings.map((f) => f.ruleId)).toEqual([]);
  });
});

describe("readCloudFormation (JSON)", () => {
  const result = readCloudFormation(json.text, json.file);

  it("finds documents, principals from Refs and literal names, and JSON-string documents", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["resource", undefined, "TopicPolicy PolicyDocument"],
      ["identity", "user/Deployer", "Deployer policy deploy"],
      ["identity", "role/existing-role", "SharedPolicy"],
      ["identity", "user/Deployer", "SharedPolicy"],
    ]);
    const deploy = doc(result, "Deployer policy deploy");
    expect(toPlain(deploy.node)).toMatchObject({ Statement: [{ Action: "cloudformation:*" }] });
    // A document given as JSON text is reported at the string.
    expect(at(nodeAt(deploy.node, "Statement", 0, "Action"))).toBe("33:31");
  });

  it("replaces long-form intrinsics, located at the function object", () => {
    const topic = doc(result, "TopicPolicy PolicyDocument");
    const resource = nodeAt(topic.node, "Statement", 0, "Resource");
    expect(resource).toMatchObject({ value: "arn:aws:sns:::${Ref:Topic}" });
    expect(at(resource)).toBe("16:27");
    const source = nodeAt(topic.node, "Statement", 0, "Condition", "ArnLike", "aws:SourceArn");
    expect(source).toMatchObject({ value: "arn:aws:s3:::${Ref:BucketName}" });
    expect(at(source)).toBe("19:36");
    expect(toPlain(doc(result, "SharedPolicy").node)).toMatchObject({
      Statement: [{ Resource: "arn:aws:logs:::${GetAtt:Logs.Arn}" }],
    });
  });
});

describe("readCloudFormation intrinsics", () => {
  const template = (statement: string) => `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
${statement}`;

  it.each([
    [
      "!Sub with variables",
      `          - Action: sts:AssumeRole
            Principal:
              AWS: !Sub
                - "arn:aws:iam::\${Account}:role/\${Name}"
                - Account: !Ref TrustedAccount
                  Name: ci`,
      { Action: "sts:AssumeRole", Principal: { AWS: "arn:aws:iam::000000000000:role/ci" } },
    ],
    [
      "`${!Literal}` in !Sub",
      `          - Action: sts:AssumeRole
            Condition:
              StringLike:
                aws:PrincipalTag/x: !Sub "\${!aws:username}"`,
      {
        Action: "sts:AssumeRole",
        Condition: { StringLike: { "aws:PrincipalTag/x": "${aws:username}" } },
      },
    ],
    [
      "!If whose first branch is AWS::NoValue",
      `          - Action: sts:AssumeRole
            Condition: !If [IsProd, !Ref AWS::NoValue, {Bool: {aws:MultiFactorAuthPresent: true}}]`,
      { Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
    ],
    [
      "!Select, !ImportValue and !FindInMap",
      `          - Action: [!Select [1, [a, "sts:AssumeRole"]]]
            Condition:
              StringEquals:
                aws:SourceAccount: [!ImportValue shared-account, !FindInMap [Accounts, !Ref Stage, Id]]`,
      {
        Action: ["sts:AssumeRole"],
        Condition: {
          StringEquals: {
            "aws:SourceAccount": [
              "${ImportValue:shared-account}",
              "${FindInMap:Accounts.${Ref:Stage}.Id}",
            ],
          },
        },
      },
    ],
  ])("%s", (_, statement, expected) => {
    const { documents, diagnostics } = readCloudFormation(template(statement), "t.yaml");
    expect(diagnostics).toEqual([]);
    expect(toPlain(nodeAt(documents[0]!.node, "Statement", 0))).toEqual(expected);
  });
});

describe("readCloudFormation bad input", () => {
  it.each([
    ["YAML syntax", "Resources:\n  Role: [unclosed\n", "input/yaml-syntax", 3, 1],
    ["JSON syntax", '{"Resources": {', "input/json-syntax", 1, 16],
    ["no Resources", "AWSTemplateFormatVersion: '2010-09-09'\n", "input/invalid-template", 1, 1],
    [
      "a policy that is a list",
      "Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument: [1]\n",
      "input/invalid-policy",
      5,
      23,
    ],
    [
      "a policy that is broken JSON text",
      "Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument: '{\"Statement\": ['\n",
      "input/invalid-policy-json",
      5,
      23,
    ],
    [
      "a role without its trust policy",
      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: {}\n",
      "input/missing-policy",
      4,
      17,
    ],
  ])("%s is a diagnostic, not an exception", (_, text, code, line, column) => {
    const { documents, diagnostics } = readCloudFormation(text, "t.yaml");
    expect(documents).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code, location: { file: "t.yaml", line, column } });
  });
});

describe("readCloudFormation with names of Object's own properties", () => {
  // Types and Refs are the template author's text: `__proto__` or `constructor` must read as
  // unknown names, not as Object's own properties (this crashed with an internal error).
  it("takes a resource type `__proto__` or `constructor` as an unknown type, and a Ref to `constructor` as a parameter", () => {
    const text = JSON.stringify({
      Resources: {
        A: { Type: "__proto__", Properties: {} },
        B: { Type: "constructor", Properties: {} },
        P: {
          Type: "AWS::IAM::ManagedPolicy",
          Properties: {
            PolicyDocument: {
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Action: "s3:GetObject",
                  Resource: { "Fn::Sub": "arn:aws:s3:::${constructor}/*" },
                },
              ],
            },
          },
        },
      },
    });
    const { documents, diagnostics } = readCloudFormation(text, "t.json");
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => d.name)).toEqual(["P"]);
    expect(toPlain(documents[0]!.node)).toMatchObject({
      Statement: [{ Resource: "arn:aws:s3:::${constructor}/*" }],
    });
  });
});

describe("readCloudFormation permissions boundaries and attached managed policies", () => {
  const boundary = {
    Type: "AWS::IAM::ManagedPolicy",
    Properties: {
      ManagedPolicyName: "team-boundary",
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      },
    },
  };
  const role = (name: string, props: Record<string, unknown>) => ({
    Type: "AWS::IAM::Role",
    Properties: {
      RoleName: name,
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "sagemaker.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      },
      ...props,
    },
  });
  const read = (resources: Record<string, unknown>) =>
    readCloudFormation(
      JSON.stringify({ Resources: { Boundary: boundary, ...resources } }),
      "t.json",
    );
  const uses = (result: ReturnType<typeof readCloudFormation>) =>
    result.documents.filter((d) => d.name === "Boundary").map((d) => [d.type, d.principal]);

  it.each([
    ["`Ref`", { Ref: "Boundary" }],
    ["`Fn::Ref`", { "Fn::Ref": "Boundary" }],
    [
      "an ARN with the policy's name (`Fn::Sub`)",
      { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/team-boundary" },
    ],
    ["a literal ARN with a path", "arn:aws:iam::111122223333:policy/teams/team-boundary"],
    [
      "`Fn::If` with a `Ref` branch",
      { "Fn::If": ["Bounded", { Ref: "Boundary" }, { Ref: "AWS::NoValue" }] },
    ],
  ])(
    "judges a managed policy set as a role's PermissionsBoundary by %s as its boundary (it was an identity policy)",
    (_, ref) => {
      const result = read({
        A: role("a", { PermissionsBoundary: ref }),
        B: role("b", { PermissionsBoundary: ref }),
      });
      expect(result.diagnostics).toEqual([]);
      expect(uses(result)).toEqual([
        ["boundary", "role/a"],
        ["boundary", "role/b"],
      ]);
    },
  );

  it("does not take an AWS managed policy's ARN for the template's policy of the same name", () => {
    // `arn:aws:iam::aws:policy/team-boundary` is AWS's, not the template's `team-boundary`.
    const result = read({
      A: role("a", { PermissionsBoundary: "arn:aws:iam::aws:policy/team-boundary" }),
    });
    expect(uses(result).filter(([type]) => type === "boundary")).toEqual([]);
  });

  it("judges a policy in ManagedPolicyArns as an identity policy of the role, and a user's boundary as its boundary", () => {
    const result = read({
      A: role("a", { ManagedPolicyArns: [{ Ref: "Boundary" }] }),
      U: {
        Type: "AWS::IAM::User",
        Properties: { UserName: "u", PermissionsBoundary: { Ref: "Boundary" } },
      },
    });
    expect(uses(result)).toEqual([
      ["boundary", "user/u"],
      ["identity", "role/a"],
    ]);
  });

  it("keeps a policy that no principal uses, or one set by an unknown ARN, as a standalone identity policy", () => {
    const result = read({
      A: role("a", { PermissionsBoundary: "arn:aws:iam::111122223333:policy/other" }),
    });
    expect(uses(result)).toEqual([["identity", undefined]]);
  });

  it("bounds the role's own policies: a boundary that allows no iam: action drops an escalation", () => {
    const escalating = {
      Policies: [
        {
          PolicyName: "admin-ish",
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" }],
          },
        },
      ],
    };
    const bounded = lintAws(
      read({ A: role("a", { ...escalating, PermissionsBoundary: { Ref: "Boundary" } }) }).documents,
    );
    const unbounded = lintAws(read({ A: role("a", escalating) }).documents);
    expect(unbounded.map((f) => f.ruleId)).toContain("aws/privilege-escalation");
    expect(bounded.map((f) => f.ruleId)).not.toContain("aws/privilege-escalation");
  });
});
