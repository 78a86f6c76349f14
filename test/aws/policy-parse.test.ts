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

/** A one-statement policy text of a type, with extra statement elements. */
function one(statement: Record<string, unknown>, type: PolicyType = "identity"): string {
  const who = type === "resource" || type === "trust" ? { Principal: { AWS: "111122223333" } } : {};
  const what = type === "trust" ? { Action: "sts:AssumeRole" } : { Action: "s3:*", Resource: "*" };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", ...who, ...what, ...statement }],
  });
}

const cond = (operator: string, key: string, value: unknown) =>
  one({ Condition: { [operator]: { [key]: value } } });

/**
 * Issue 9: element errors AWS rejects or that make a part of the policy mean
 * nothing. Given a policy text, when parsed, then exactly these diagnostics:
 * code, severity, pointer, and the column of `at` in the one-line text.
 * `error` blocks evaluation (AWS rejects the policy when it is saved);
 * `warning` leaves the policy to evaluate as AWS would (the value never matches).
 */
const elementCases: [
  string,
  PolicyType,
  string,
  [string, "error" | "warning", string, string][],
][] = [
  [
    "a Sid with a hyphen and a space in an identity policy",
    "identity",
    one({ Sid: "Read data-sets" }),
    [["aws-policy/invalid-sid", "error", "/Statement/0/Sid", '"Read data-sets"']],
  ],
  [
    "a Sid with an underscore in a permissions boundary",
    "boundary",
    one({ Sid: "Max_ML" }),
    [["aws-policy/invalid-sid", "error", "/Statement/0/Sid", '"Max_ML"']],
  ],
  [
    "a Sid with spaces in a resource policy (KMS's default key policy has one)",
    "resource",
    one({ Sid: "Enable IAM User Permissions" }, "resource"),
    [],
  ],
  ["letters and digits", "identity", one({ Sid: "ReadDatasets2" }), []],
  ["an empty Sid", "identity", one({ Sid: "" }), []],
  [
    "two statements with one Sid: reported at the second",
    "identity",
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
        { Sid: "Read", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" },
      ],
    }),
    [
      [
        "aws-policy/duplicate-sid",
        "error",
        "/Statement/1/Sid",
        '"Read","Effect":"Allow","Action":"s3:ListBucket"',
      ],
    ],
  ],
  [
    "a Date operator with a word",
    "identity",
    cond("DateLessThan", "aws:CurrentTime", "tomorrow"),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/DateLessThan/aws:CurrentTime",
        '"tomorrow"',
      ],
    ],
  ],
  [
    "a Date operator with ISO 8601",
    "identity",
    cond("DateLessThan", "aws:CurrentTime", "2026-01-31T00:00:00Z"),
    [],
  ],
  [
    "a Date operator with a day",
    "identity",
    cond("DateGreaterThan", "aws:CurrentTime", "2026-01-31"),
    [],
  ],
  [
    "a Date operator with epoch seconds",
    "identity",
    cond("DateLessThan", "aws:EpochTime", 1767139200),
    [],
  ],
  [
    // The engine reads it as never matching (conformance: conditions/date.yaml).
    "an impossible calendar date has the shape of a date",
    "identity",
    cond("DateEquals", "aws:CurrentTime", "2024-02-30T00:00:00Z"),
    [],
  ],
  [
    "epoch seconds beyond the year 9999 (and beyond what JavaScript's Date holds)",
    "identity",
    cond("DateLessThan", "aws:EpochTime", [
      "99999999999999999999",
      "8640000000001",
      "253402300799",
    ]),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/DateLessThan/aws:EpochTime/0",
        '"99999999999999999999"',
      ],
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/DateLessThan/aws:EpochTime/1",
        '"8640000000001"',
      ],
    ],
  ],
  [
    // Its zone moves it past 9999 in UTC: it never matches, and now says why.
    "an ISO time that is past the year 9999 in UTC",
    "identity",
    cond("DateLessThan", "aws:CurrentTime", [
      "9999-12-31T23:59:59-01:00",
      "9999-12-31T22:00:00-01:00",
    ]),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/DateLessThan/aws:CurrentTime/0",
        '"9999-12-31T23:59:59-01:00"',
      ],
    ],
  ],
  [
    "a Date operator with a policy variable",
    "identity",
    cond("DateGreaterThan", "aws:CurrentTime", "${aws:TokenIssueTime}"),
    [
      [
        "aws-policy/variable-not-allowed",
        "warning",
        "/Statement/0/Condition/DateGreaterThan/aws:CurrentTime",
        '"${aws:TokenIssueTime}"',
      ],
    ],
  ],
  [
    "a Numeric operator with a word",
    "identity",
    cond("NumericLessThan", "s3:max-keys", "ten"),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/NumericLessThan/s3:max-keys",
        '"ten"',
      ],
    ],
  ],
  [
    "a Numeric operator with a JSON number",
    "identity",
    cond("NumericLessThan", "s3:max-keys", 10),
    [],
  ],
  [
    "Bool with yes",
    "identity",
    cond("Bool", "aws:SecureTransport", "yes"),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/Bool/aws:SecureTransport",
        '"yes"',
      ],
    ],
  ],
  [
    "Bool with TRUE (case-insensitive)",
    "identity",
    cond("Bool", "aws:SecureTransport", "TRUE"),
    [],
  ],
  [
    "Bool with both true and false",
    "identity",
    cond("Bool", "aws:SecureTransport", [true, false]),
    [
      [
        "aws-policy/multiple-booleans",
        "warning",
        "/Statement/0/Condition/Bool/aws:SecureTransport",
        '"aws:SecureTransport"',
      ],
    ],
  ],
  [
    "IpAddress with a host name and with a /33",
    "identity",
    cond("IpAddress", "aws:SourceIp", ["office.example.com", "203.0.113.0/33"]),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/IpAddress/aws:SourceIp/0",
        '"office.example.com"',
      ],
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/IpAddress/aws:SourceIp/1",
        '"203.0.113.0/33"',
      ],
    ],
  ],
  [
    // Condition operators page, Boolean: "You can use a policy variable with the Boolean condition operator".
    "Bool with a policy variable",
    "identity",
    cond("Bool", "aws:ViaAWSService", "${aws:SecureTransport}"),
    [],
  ],
  [
    "Bool with a policy variable beside `true` (the variable is neither boolean here)",
    "identity",
    cond("Bool", "aws:ViaAWSService", ["true", "${aws:SecureTransport}"]),
    [],
  ],
  [
    // Not CIDR format; Node's isIP accepts it, and the engine crashed on it.
    "IpAddress with an IPv6 zone id",
    "identity",
    cond("IpAddress", "aws:SourceIp", ["fe80::%eth0", "fe80::1%25eth0/64"]),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/IpAddress/aws:SourceIp/0",
        '"fe80::%eth0"',
      ],
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/IpAddress/aws:SourceIp/1",
        '"fe80::1%25eth0/64"',
      ],
    ],
  ],
  [
    "IpAddress with IPv4 and IPv6 ranges",
    "identity",
    cond("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"]),
    [],
  ],
  [
    "ArnLike with a role name",
    "identity",
    cond("ArnLike", "aws:PrincipalArn", "ml-training"),
    [
      [
        "aws-policy/invalid-condition-value",
        "warning",
        "/Statement/0/Condition/ArnLike/aws:PrincipalArn",
        '"ml-training"',
      ],
    ],
  ],
  [
    "ArnLike with an ARN and a variable",
    "identity",
    cond("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/${aws:username}"),
    [],
  ],
  [
    "a CloudFormation expression (its value is not known)",
    "identity",
    cond("NumericLessThan", "s3:max-keys", "${Ref:MaxKeys}"),
    [],
  ],
  [
    "an ARN with an unknown partition",
    "identity",
    one({ Resource: "arn:amazon:s3:::bucket" }),
    [["aws-policy/invalid-arn", "error", "/Statement/0/Resource", '"arn:amazon:s3:::bucket"']],
  ],
  [
    "an ARN with an upper-case service",
    "identity",
    one({ Resource: "arn:aws:S3:::bucket" }),
    [["aws-policy/invalid-arn", "error", "/Statement/0/Resource", '"arn:aws:S3:::bucket"']],
  ],
  [
    "an ARN with a misspelt region",
    "identity",
    one({ Resource: "arn:aws:sqs:us-east:111122223333:queue" }),
    [
      [
        "aws-policy/invalid-arn",
        "error",
        "/Statement/0/Resource",
        '"arn:aws:sqs:us-east:111122223333:queue"',
      ],
    ],
  ],
  [
    "an ARN with an 11-digit account",
    "identity",
    one({ Resource: "arn:aws:sqs:us-east-1:11112222333:queue" }),
    [
      [
        "aws-policy/invalid-arn",
        "error",
        "/Statement/0/Resource",
        '"arn:aws:sqs:us-east-1:11112222333:queue"',
      ],
    ],
  ],
  [
    "ARNs with wildcards, `aws` as account, GovCloud and no region",
    "identity",
    one({
      Resource: [
        "arn:*:sqs:*:*:queue",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws-us-gov:sqs:us-gov-west-1:111122223333:q",
        "arn:aws:iam::111122223333:role/x",
      ],
    }),
    [],
  ],
];

describe("parsePolicy element checks", () => {
  it.each(elementCases)("%s", (_name, type, text, want) => {
    const { policy, diagnostics } = parsePolicy(text, { type, file: "p.json" });
    const got = diagnostics.map((d) => [
      d.code,
      d.severity,
      d.location?.pointer,
      d.location?.column,
    ]);
    expect(got).toEqual(
      want.map(([code, severity, pointer, at]) => [code, severity, pointer, text.indexOf(at) + 1]),
    );
    for (const d of diagnostics) expect(d.help).toMatch(/\S/);
    // Errors keep the policy from the engine; warnings leave it to evaluate.
    expect(policy === undefined).toBe(want.some((w) => w[1] === "error"));
  });
});

describe("parsePolicy with a Resource the service implies", () => {
  const text =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ecr:BatchGetImage"}]}';

  it("reads a statement without Resource as acting on the implied resource", () => {
    const implied = "arn:aws:ecr:::${GetAtt:Repo.Arn}";
    const { policy, diagnostics } = parsePolicy(text, {
      type: "resource",
      file: "p.json",
      impliedResource: implied,
    });
    expect(diagnostics).toEqual([]);
    expect(policy?.statements[0]?.resource?.map((r) => r.value)).toEqual([implied]);
  });

  it("still requires Resource without one", () => {
    const { diagnostics } = parsePolicy(text, { type: "resource", file: "p.json" });
    expect(diagnostics.map((d) => d.code)).toEqual(["aws-policy/missing-element"]);
  });
});
