import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { readCloudFormation } from "../../src/clouds/aws/inputs/cloudformation.js";
import {
  parseCloudFormationYaml,
  reindentContinuations,
} from "../../src/clouds/aws/inputs/cloudformation-yaml.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { at, fixture, nodeAt } from "./support.js";

/**
 * A template written as CloudFormation accepts it (multi-line `!Sub '...'`
 * continued at the key's indentation, `!Sub |` JSON, every short form,
 * dynamic references, pseudo parameters): it parses, and what is only known
 * at deployment stays unknown, never a made-up account.
 */
// Outside `fixtures/inputs`, which other tests read as one folder of inputs.
const template = fixture("../cloudformation/template-unknowns.yaml");
const result = readCloudFormation(template.text, template.file);

function doc(name: string) {
  const d = result.documents.find((x) => x.name === name);
  if (!d) throw new Error(`no document ${name}`);
  return d;
}

describe("a CloudFormation template with values known only at deployment", () => {
  it("parses; only the macro-built key policy is reported, as not analysed", () => {
    expect(
      result.diagnostics.map((d) => [d.code, d.severity, `${d.location?.line}`, d.message]),
    ).toEqual([
      [
        "input/unsupported-expression",
        "warning",
        "140",
        "`KeyPolicy` of MacroKey KeyPolicy is built by the `MergeStatements` macro (`Fn::Transform`), whose output leash cannot know: not analysed",
      ],
    ]);
    expect(result.documents.map((d) => d.name)).toEqual([
      "ModelKey KeyPolicy",
      "ExecutionRole trust policy",
      "ExecutionRole policy models",
      "ModelBucketPolicy PolicyDocument",
      "DeployerPolicy",
      "CdnReadPolicy PolicyDocument",
    ]);
  });

  it("reads a multi-line `!Sub '...'` policy continued at the key's indentation, located at the tag", () => {
    const key = doc("ModelKey KeyPolicy");
    expect(at(key.node)).toBe("26:18");
    expect(toPlain(nodeAt(key.node, "Statement", 0, "Principal"))).toEqual({
      AWS: "arn:aws:iam::000000000000:root",
    });
  });

  it("writes the unknown account where a principal needs one, and keeps pseudo parameters visible elsewhere", () => {
    const trust = doc("ExecutionRole trust policy");
    expect(toPlain(nodeAt(trust.node, "Statement"))).toEqual([
      {
        Effect: "Allow",
        // `!FindInMap [ServicePrincipals, !Ref AWS::Partition, SageMaker]`, from `Mappings`.
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "${AWS::AccountId}" } },
      },
      // `arn:${AWS::Partition}:iam::${PipelineAccountId}:root`: a parameter's account.
      {
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::000000000000:root" },
        Action: "sts:AssumeRole",
      },
      // `{{resolve:ssm:/ml/deployer-account}}`: an account fetched at deployment.
      { Effect: "Allow", Principal: { AWS: "000000000000" }, Action: "sts:AssumeRole" },
    ]);
    expect(
      toPlain(nodeAt(doc("ModelBucketPolicy PolicyDocument").node, "Statement", 0)),
    ).toMatchObject({
      Principal: { AWS: "arn:aws:iam::000000000000:role/${ProjectName}-execution" },
    });
  });

  it("takes dynamic references and other unknown values as placeholders", () => {
    const models = doc("ExecutionRole policy models");
    expect(toPlain(nodeAt(models.node, "Statement"))).toMatchObject([
      { Resource: "arn:aws:s3:::${GetAtt:ModelBucket.Arn}/${ImportValue:shared-model-prefix}/*" },
      { Resource: "arn:aws:kms:::${GetAtt:ModelKey.Arn}" },
      { Resource: "arn:aws:ssm:::${resolve:ssm:/ml/parameter-arn}" },
      // Pseudo parameters known only at deployment stay as written.
      {
        Resource:
          "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/sagemaker/${AWS::StackName}*",
      },
    ]);
    expect(toPlain(nodeAt(doc("CdnReadPolicy PolicyDocument").node, "Statement", 0))).toMatchObject(
      {
        Principal: { CanonicalUser: "0".repeat(64) },
      },
    );
  });

  it("gives the rules documents with no syntax error and no cross-account finding", () => {
    const findings = lintAws(result.documents);
    const ids = findings.map((f) => f.ruleId);
    expect(ids).not.toContain("aws/policy-syntax");
    expect(ids).not.toContain("aws/cross-account-principal");
    expect(findings.map((f) => f.message).join("\n")).not.toMatch(/\d{12}/);
    // The key policy's kms:* for the account's own root (an unknown account here) is AWS's
    // default key policy, no finding: nothing else in the template is broad either.
    expect(ids).toEqual([]);
  });

  it("a literal foreign account is still cross-account", () => {
    const text = template.text.replace("${PipelineAccountId}", "444455556666");
    const findings = lintAws(readCloudFormation(text, template.file).documents);
    expect(findings.filter((f) => f.ruleId === "aws/cross-account-principal")).toMatchObject([
      { message: expect.stringContaining("`444455556666`") },
    ]);
  });
});

describe("short-form intrinsic functions", () => {
  it.each([
    ["!Ref Bucket", { Ref: "Bucket" }],
    ["!Condition IsProd", { Condition: "IsProd" }],
    ["!GetAtt Role.Arn", { "Fn::GetAtt": "Role.Arn" }],
    ["!GetAtt [Role, Arn]", { "Fn::GetAtt": ["Role", "Arn"] }],
    ["!Sub 'arn:aws:s3:::${B}'", { "Fn::Sub": "arn:aws:s3:::${B}" }],
    ["!Sub ['${A}-x', {A: !Ref B}]", { "Fn::Sub": ["${A}-x", { A: { Ref: "B" } }] }],
    ["!Join ['', [a, b]]", { "Fn::Join": ["", ["a", "b"]] }],
    ["!Select [0, [a]]", { "Fn::Select": [0, ["a"]] }],
    ["!Split [',', 'a,b']", { "Fn::Split": [",", "a,b"] }],
    ["!If [C, a, b]", { "Fn::If": ["C", "a", "b"] }],
    ["!Equals [a, b]", { "Fn::Equals": ["a", "b"] }],
    ["!And [!Condition A, !Condition B]", { "Fn::And": [{ Condition: "A" }, { Condition: "B" }] }],
    ["!Or [!Condition A, !Condition B]", { "Fn::Or": [{ Condition: "A" }, { Condition: "B" }] }],
    ["!Not [!Condition A]", { "Fn::Not": [{ Condition: "A" }] }],
    ["!FindInMap [M, a, b]", { "Fn::FindInMap": ["M", "a", "b"] }],
    ["!ImportValue shared", { "Fn::ImportValue": "shared" }],
    ["!GetAZs ''", { "Fn::GetAZs": "" }],
    ["!Base64 text", { "Fn::Base64": "text" }],
    ["!Cidr [10.0.0.0/16, 4, 8]", { "Fn::Cidr": ["10.0.0.0/16", 4, 8] }],
    ["!Transform {Name: M}", { "Fn::Transform": { Name: "M" } }],
    ["!ToJsonString {a: 1}", { "Fn::ToJsonString": { a: 1 } }],
    ["!Length [a, b]", { "Fn::Length": ["a", "b"] }],
  ])("`%s`", (yaml, expected) => {
    const { node, diagnostics } = parseCloudFormationYaml(`V: ${yaml}\n`, "t.yaml");
    expect(diagnostics).toEqual([]);
    expect(toPlain(node!)).toEqual({ V: expected });
  });
});

describe("reindentContinuations", () => {
  it.each([
    [
      "a single-quoted !Sub",
      "A:\n  B: !Sub '{\n    \"x\": 1\n  }'\n",
      { A: { B: { "Fn::Sub": '{ "x": 1 }' } } },
    ],
    ["a double-quoted scalar with escapes", 'A:\n  B: "x\\"\n  y"\n', { A: { B: 'x" y' } }],
    ["a quoted `''`", "A:\n  B: 'it''s\n  ok'\n", { A: { B: "it's ok" } }],
    ["a sequence item", "A:\n  - 'a\n  b'\n", { A: ["a b"] }],
    [
      "a flow sequence",
      "A:\n  Action: [\n  's3:GetObject',\n  s3:PutObject\n  ]\n",
      { A: { Action: ["s3:GetObject", "s3:PutObject"] } },
    ],
    [
      "a flow mapping in a !Sub",
      "A:\n  B: !Sub ['${X}', {\n  X: 1 }]\n",
      { A: { B: { "Fn::Sub": ["${X}", { X: 1 }] } } },
    ],
  ])("makes %s parse as CloudFormation reads it", (_, text, expected) => {
    // YAML 1.2 parsers reject these; CloudFormation (and PyYAML) take them.
    expect(parseDocument(text, { logLevel: "silent" }).errors).not.toEqual([]);
    expect(reindentContinuations(text)!.split("\n")).toHaveLength(text.split("\n").length);
    const { node, diagnostics } = parseCloudFormationYaml(text, "t.yaml");
    expect(diagnostics).toEqual([]);
    expect(toPlain(node!)).toEqual(expected);
  });

  it("leaves block scalars, quotes inside plain scalars and comments alone", () => {
    const text =
      "A: |\n  don't 'touch\nB: It's fine # don't\nC: 'one line'\nD: >-\n  \"still\n  text\n";
    expect(reindentContinuations(text)).toBeUndefined();
  });
});

describe("Fn::ForEach (AWS::LanguageExtensions)", () => {
  const loop = (collection: string) => `Transform: AWS::LanguageExtensions
Parameters:
  Teams:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Roles:
    - Team
    - ${collection}
    - "&{Team}Role":
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Principal: {Service: sagemaker.amazonaws.com}
                Action: sts:AssumeRole
          Policies:
            - PolicyName: data
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: "arn:aws:s3:::data/\${Team}/*"
`;

  it("expands a loop over a literal list, with `${Id}` and `&{Id}` replaced", () => {
    const { documents, diagnostics } = readCloudFormation(loop("[fraud, churn-model]"), "t.yaml");
    expect(diagnostics).toEqual([]);
    expect(
      documents.map((d) => [
        d.name,
        toPlain(nodeAt(d.node, "Statement", 0, d.type === "trust" ? "Action" : "Resource")),
      ]),
    ).toEqual([
      ["fraudRole trust policy", "sts:AssumeRole"],
      ["fraudRole policy data", "arn:aws:s3:::data/fraud/*"],
      ["churnmodelRole trust policy", "sts:AssumeRole"],
      ["churnmodelRole policy data", "arn:aws:s3:::data/churn-model/*"],
    ]);
  });

  it("reports a loop over a collection known only at deployment as not analysed", () => {
    const { documents, diagnostics } = readCloudFormation(loop("!Ref Teams"), "t.yaml");
    expect(documents).toEqual([]);
    expect(diagnostics).toMatchObject([
      {
        code: "input/unsupported-expression",
        severity: "warning",
        location: { line: 6, column: 3, pointer: "/Resources/Fn::ForEach::Roles" },
      },
    ]);
  });
});

describe("a policy document known only at deployment", () => {
  it.each([
    ["!Ref PolicyJson", "${Ref:PolicyJson}"],
    ["!ImportValue shared-policy", "${ImportValue:shared-policy}"],
    ["'{{resolve:ssm:/ml/policy}}'", "${resolve:ssm:/ml/policy}"],
  ])("`PolicyDocument: %s` is not analysed, a warning (not a JSON error)", (value, shown) => {
    const text = `Parameters:
  PolicyJson:
    Type: String
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: ${value}
`;
    const { documents, diagnostics } = readCloudFormation(text, "t.yaml");
    expect(documents).toEqual([]);
    expect(diagnostics).toMatchObject([
      {
        code: "input/unresolved-policy",
        severity: "warning",
        message: `\`PolicyDocument\` of P is only known at deployment (\`${shown}\`): not analysed`,
        location: { line: 8, column: 23 },
      },
    ]);
  });
});

describe("statements whose actions are known only at deployment", () => {
  const policy = (statements: string) => `Parameters:
  Actions:
    Type: CommaDelimitedList
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
${statements}`;
  const unknown = `          - Effect: Allow
            Action: !Ref Actions
            Resource: "*"
`;
  const known = `          - Effect: Allow
            Action: s3:GetObject
            Resource: "*"
`;

  it("are left out with a warning; the others are read", () => {
    const { documents, diagnostics } = readCloudFormation(policy(unknown + known), "t.yaml");
    expect(diagnostics).toMatchObject([
      {
        code: "input/unresolved-statement",
        severity: "warning",
        message:
          "a statement of `PolicyDocument` of P depends on values known only at deployment (`${Ref:Actions}`): not analysed",
        location: { line: 11, column: 13 },
      },
    ]);
    expect(toPlain(nodeAt(documents[0]!.node, "Statement"))).toEqual([
      { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
    ]);
    expect(lintAws(documents).filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
  });

  it("a document left with none is not linted (never an empty Statement)", () => {
    const { documents, diagnostics } = readCloudFormation(policy(unknown), "t.yaml");
    expect(documents).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(["input/unresolved-statement"]);
  });
});

describe("other values known only at deployment in a statement", () => {
  const text = `Parameters:
  Svc:
    Type: String
  Env:
    Type: String
  Eff:
    Type: String
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: !Ref Svc
            Action: sts:AssumeRole
          - Sid: !Sub "\${Env}Trust"
            Effect: Allow
            Principal:
              Service: !Sub "sagemaker.\${AWS::URLSuffix}"
            Action: sts:AssumeRole
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: !Ref Eff
            Action: s3:GetObject
            Resource: "*"
          - Effect: Allow
            Action: s3:ListBucket
            Resource: "*"
`;
  const { documents, diagnostics } = readCloudFormation(text, "t.yaml");

  it("an unknown Effect or service principal leaves its statement out; an unknown Sid is kept valid", () => {
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.message])).toEqual([
      [
        "input/unresolved-statement",
        15,
        "a statement of `AssumeRolePolicyDocument` of R trust policy depends on values known only at deployment (`${Ref:Svc}`): not analysed",
      ],
      [
        "input/unresolved-statement",
        30,
        "a statement of `PolicyDocument` of P depends on values known only at deployment (`${Ref:Eff}`): not analysed",
      ],
    ]);
    expect(documents.map((d) => toPlain(nodeAt(d.node, "Statement")))).toEqual([
      [
        {
          Sid: "EnvTrust",
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ],
      [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }],
    ]);
    expect(lintAws(documents).filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
  });
});

describe("dynamic references", () => {
  it.each([
    ["{{resolve:secretsmanager:trusted:SecretString:account}}", "000000000000"],
    [
      "arn:aws:iam::{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:111122223333:secret:ids:SecretString:account}}:root",
      "arn:aws:iam::000000000000:root",
    ],
    ["arn:aws:iam::{{resolve:ssm:/org/ci-account:3}}:role/ci", "arn:aws:iam::000000000000:role/ci"],
  ])("a principal `%s` is the unknown account", (value, shaped) => {
    const text = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: "${value}"
            Action: sts:AssumeRole
`;
    const { documents, diagnostics } = readCloudFormation(text, "t.yaml");
    expect(diagnostics).toEqual([]);
    expect(toPlain(nodeAt(documents[0]!.node, "Statement", 0, "Principal"))).toEqual({
      AWS: shaped,
    });
    const ids = lintAws(documents).map((f) => f.ruleId);
    expect(ids).not.toContain("aws/policy-syntax");
    expect(ids).not.toContain("aws/cross-account-principal");
  });
});

describe("SAM functions (AWS::Serverless transform)", () => {
  const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Infer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy:
            BucketName: models
        - Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: sagemaker:InvokeEndpoint
              Resource: !Sub "arn:\${AWS::Partition}:sagemaker:\${AWS::Region}:\${AWS::AccountId}:endpoint/fraud"
  WithRole:
    Type: AWS::Serverless::Function
    Properties:
      Role: !GetAtt Existing.Arn
      Policies:
        - Statement:
            - Effect: Allow
              Action: "*"
              Resource: "*"
`;

  it("reads inline policy documents as the generated role's, and reports policy templates as not analysed", () => {
    const { documents, diagnostics } = readCloudFormation(text, "t.yaml");
    expect(documents.map((d) => [d.type, d.principal, d.name, at(d.node)])).toEqual([
      ["identity", "role/InferRole", "Infer Policies[2]", "12:11"],
    ]);
    expect(diagnostics).toMatchObject([
      {
        code: "input/unsupported-expression",
        severity: "warning",
        message:
          "`Infer` uses SAM policy templates leash does not expand (`S3ReadPolicy`): their permissions are not analysed",
        location: { line: 9, column: 9 },
      },
    ]);
  });
});
