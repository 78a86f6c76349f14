import { describe, expect, it } from "vitest";
import { type PolicyType, parsePolicy } from "../../src/clouds/aws/policy/index.js";

/** Given a policy text, when parsed as a type, then exactly these diagnostics (code, pointer, line:column). */
const cases: [string, PolicyType, string, [string, string, number, number][]][] = [
  [
    "unknown top-level element with a suggestion",
    "identity",
    '{"Version": "2012-10-17", "Statment": []}',
    [
      ["aws-policy/unknown-element", "/Statment", 1, 27],
      ["aws-policy/missing-element", "", 1, 1],
    ],
  ],
  [
    "Action and NotAction together",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"}]}',
    [["aws-policy/conflicting-elements", "/Statement/0/NotAction", 1, 92]],
  ],
  [
    "neither Action nor NotAction",
    "identity",
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Resource":"*"}}',
    [["aws-policy/missing-element", "/Statement", 1, 37]],
  ],
  [
    "wrong Effect and wrong type of Action",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":[3],"Resource":"*"}]}',
    [
      ["aws-policy/invalid-effect", "/Statement/0/Effect", 1, 48],
      ["aws-policy/wrong-type", "/Statement/0/Action/0", 1, 66],
    ],
  ],
  [
    "unknown condition operator",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"aws:SourceVpc":"vpc-1"}}}]}',
    [["aws-policy/unknown-condition-operator", "/Statement/0/Condition/StringEqual", 1, 100]],
  ],
  [
    "bad ARN and bad action",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3GetObject","Resource":"arn:aws:s3"}]}',
    [
      ["aws-policy/invalid-action", "/Statement/0/Action", 1, 65],
      ["aws-policy/invalid-arn", "/Statement/0/Resource", 1, 90],
    ],
  ],
  [
    "Principal in an identity policy",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}',
    [["aws-policy/forbidden-element", "/Statement/0/Principal", 1, 68]],
  ],
  [
    "resource policy without Principal",
    "resource",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    [["aws-policy/missing-element", "/Statement/0", 1, 38]],
  ],
  [
    "trust policy needs no Resource",
    "trust",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
    [],
  ],
  [
    "partial wildcard in an AWS principal",
    "resource",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ml-*"},"Action":"s3:*","Resource":"*"}]}',
    [["aws-policy/invalid-principal", "/Statement/0/Principal/AWS", 1, 75]],
  ],
  [
    "RCP with an Allow other than full access",
    "rcp",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}',
    [["aws-policy/rcp-allow", "/Statement/0/Effect", 1, 48]],
  ],
  [
    // IAM User Guide, NotPrincipal: "Using it with Effect Allow is not supported"; not in trust policies.
    "NotPrincipal with Allow",
    "resource",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]}',
    [["aws-policy/forbidden-element", "/Statement/0/NotPrincipal", 1, 71]],
  ],
  [
    "Resource in a trust policy",
    "trust",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sagemaker.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}',
    [["aws-policy/forbidden-element", "/Statement/0/Resource", 1, 143]],
  ],
  [
    "RCP without Version 2012-10-17 and with NotAction",
    "rcp",
    '{"Statement":[{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}]}',
    [
      ["aws-policy/rcp-version", "", 1, 1],
      ["aws-policy/forbidden-element", "/Statement/0/NotAction", 1, 60],
    ],
  ],
  [
    "empty Principal object",
    "resource",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{},"Action":"s3:*","Resource":"*"}]}',
    [["aws-policy/empty-element", "/Statement/0/Principal", 1, 68]],
  ],
  [
    "control character in an ARN",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/\\u0000*"}]}',
    [["aws-policy/invalid-arn", "/Statement/0/Resource", 1, 83]],
  ],
  [
    "duplicate keys",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Action":"ec2:*","Resource":"*"}]}',
    [["aws-policy/duplicate-key", "/Statement/0/Action", 1, 72]],
  ],
  [
    "bad Version",
    "identity",
    '{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    [["aws-policy/invalid-version", "/Version", 1, 12]],
  ],
  ["not JSON", "identity", '{"Version":', [["json/syntax", "/Version", 1, 12]]],
  ["not an object", "identity", "[]", [["aws-policy/not-an-object", "", 1, 1]]],
  [
    "NullIfExists is not an operator",
    "identity",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:TagKeys":"true"}}}]}',
    [["aws-policy/unknown-condition-operator", "/Statement/0/Condition/NullIfExists", 1, 100]],
  ],
];

describe("parsePolicy diagnostics", () => {
  it.each(cases)("%s", (_name, type, text, want) => {
    const { policy, diagnostics } = parsePolicy(text, { type, file: "p.json" });
    const got = diagnostics.map((d) => [
      d.code,
      d.location?.pointer,
      d.location?.line,
      d.location?.column,
    ]);
    expect(got).toEqual(want);
    for (const d of diagnostics) expect(d.help).toMatch(/\S/);
    expect(policy === undefined).toBe(want.length > 0);
  });

  it("suggests the element the user meant", () => {
    const { diagnostics } = parsePolicy('{"Version": "2012-10-17", "Statment": []}', {
      type: "identity",
    });
    expect(diagnostics[0]?.help).toBe("did you mean `Statement`?");
  });

  it("parses a valid policy into the typed model with locations", () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "Read",
    "Effect": "Allow",
    "Action": ["s3:GetObject"],
    "Resource": "arn:aws:s3:::b/*",
    "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["team*", 7]}}
  }]
}`;
    const { policy, diagnostics } = parsePolicy(text, { type: "identity", file: "p.json" });
    expect(diagnostics).toEqual([]);
    const s = policy?.statements[0];
    expect(s?.sid).toBe("Read");
    expect(s?.loc).toMatchObject({ line: 3, column: 17 });
    expect(s?.conditions[0]).toMatchObject({
      operator: "StringLike",
      setQualifier: "ForAnyValue",
      ifExists: true,
      key: "aws:TagKeys",
      values: [{ value: "team*" }, { value: "7" }],
    });
  });
});
