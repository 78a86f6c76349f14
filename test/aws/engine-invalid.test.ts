import { describe, expect, it } from "vitest";
import {
  AwsEngine,
  type AwsRequest,
  type EvaluationResult,
  type ExplainedResult,
  type Invalid,
  parsePolicy,
} from "../../src/index.js";

const policy = parsePolicy(
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
  }),
  { type: "identity" },
).policy!;
const engine = new AwsEngine({ identityPolicies: [policy] });
const valid: AwsRequest = {
  principal: "arn:aws:iam::111122223333:user/alice",
  action: "s3:GetObject",
  resource: "arn:aws:s3:::data/a",
};
/** A request as a JavaScript caller may build it, outside what the types allow. */
const loose = (more: Record<string, unknown>) => ({ ...valid, ...more }) as unknown as AwsRequest;

/** The error codes of an Invalid outcome, from both paths; fails when either decided. */
function invalidCodes(request: AwsRequest): string[] {
  const fast = engine.decide(request);
  const explained = engine.explain(request);
  if (fast.outcome !== "Invalid" || explained.outcome !== "Invalid")
    throw new Error("decided an invalid request");
  expect(explained.diagnostics).toEqual(fast.diagnostics);
  // No decision a caller could read by mistake.
  expect(Object.keys(fast).sort()).toEqual(["diagnostics", "outcome"]);
  return fast.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
}

describe("AwsEngine on a request it cannot answer (the Invalid outcome)", () => {
  it.each([
    [
      "a null context value (it threw)",
      loose({ context: { "aws:x": null } }),
      "invalid-context-value",
    ],
    [
      "an object context value (it threw)",
      loose({ context: { "aws:x": { a: 1 } } }),
      "invalid-context-value",
    ],
    [
      "an undefined context value (it threw)",
      loose({ context: { "aws:x": undefined } }),
      "invalid-context-value",
    ],
    ["a NaN context value", loose({ context: { "aws:x": Number.NaN } }), "invalid-context-value"],
    ["an array of numbers", loose({ context: { "aws:TagKeys": [1, 2] } }), "invalid-context-value"],
    ["a context that is a string", loose({ context: "aws:SourceIp=1.2.3.4" }), "invalid-context"],
    ["a principal that is a number", loose({ principal: 5 }), "invalid-principal"],
    ["an action that is a number (it threw)", loose({ action: 5 }), "invalid-action"],
    ["a resource that is a number", loose({ resource: 5 }), "invalid-resource"],
    // String() throws on these: quoting the bad value in the message threw (found by fuzzing).
    [
      "a resource String() cannot convert",
      loose({ resource: { toString: null } }),
      "invalid-resource",
    ],
    [
      "a principal String() cannot convert",
      loose({ principal: Object.create(null) }),
      "invalid-principal",
    ],
    ["an action String() cannot convert", loose({ action: { toString: 1 } }), "invalid-action"],
    ["an unknown action", { ...valid, action: "s3:GetObjectt" }, "unknown-action"],
    ["no resource for an action on objects", loose({ resource: undefined }), "missing-resource"],
    [
      "an SQS queue for an S3 object action",
      { ...valid, resource: "arn:aws:sqs:us-east-1:111122223333:q" },
      "resource-type-mismatch",
    ],
    [
      "a bucket for an object action",
      { ...valid, resource: "arn:aws:s3:::data" },
      "resource-type-mismatch",
    ],
    [
      "an object for a bucket action (bucket names hold no `/`)",
      { ...valid, action: "s3:ListBucket" },
      "resource-type-mismatch",
    ],
    [
      "an ARN for an action that takes only `*`",
      { ...valid, action: "s3:ListAllMyBuckets", resource: "arn:aws:s3:::b" },
      "resource-type-mismatch",
    ],
    [
      "a role for sts:GetCallerIdentity",
      {
        ...valid,
        action: "sts:GetCallerIdentity",
        resource: "arn:aws:iam::111122223333:role/x",
      },
      "resource-type-mismatch",
    ],
    [
      "a log group for an action on log streams",
      {
        ...valid,
        action: "logs:PutLogEvents",
        resource: "arn:aws:logs:us-east-1:111122223333:log-group:g",
      },
      "resource-type-mismatch",
    ],
    [
      "an IP key that is no IP",
      { ...valid, context: { "aws:SourceIp": "fe80::%eth0" } },
      "context-type-mismatch",
    ],
    [
      "a date key that is no date",
      { ...valid, context: { "aws:CurrentTime": "noon" } },
      "context-type-mismatch",
    ],
    [
      "epoch seconds JavaScript's Date cannot hold (it threw)",
      { ...valid, context: { "aws:EpochTime": "99999999999999999999" } },
      "context-type-mismatch",
    ],
    [
      "epoch seconds one past the last instant JavaScript's Date holds (it threw)",
      { ...valid, context: { "aws:EpochTime": 8640000000001 } },
      "context-type-mismatch",
    ],
    [
      "aws:CurrentTime as epoch seconds out of range (it threw)",
      { ...valid, context: { "aws:CurrentTime": "99999999999999999999" } },
      "context-type-mismatch",
    ],
    [
      "epoch seconds after the year 9999",
      { ...valid, context: { "aws:EpochTime": "253402300800" } },
      "context-type-mismatch",
    ],
    [
      "one key spelt twice in different case (it merged them silently)",
      { ...valid, context: { "aws:SecureTransport": "true", "AWS:SECURETRANSPORT": "false" } },
      "duplicate-context-key",
    ],
    [
      "a number key that is no number",
      { ...valid, context: { "s3:max-keys": "ten" } },
      "context-type-mismatch",
    ],
    [
      "a bool key that is no boolean",
      { ...valid, context: { "aws:SecureTransport": "yes" } },
      "context-type-mismatch",
    ],
  ])("%s", (_, request, code) => {
    expect(invalidCodes(request)).toEqual([`aws-request/${code}`]);
  });

  it("refuses a request that is not an object, and reports every problem of one that is", () => {
    expect(invalidCodes(null as unknown as AwsRequest)).toEqual(["aws-request/invalid-request"]);
    expect(
      invalidCodes(
        loose({ principal: "nobody", action: "s3:GetObjectt", context: { "aws:SourceIp": "x" } }),
      ),
    ).toEqual([
      "aws-request/invalid-principal",
      "aws-request/unknown-action",
      "aws-request/context-type-mismatch",
    ]);
  });

  it("names the key and suggests the action that was meant", () => {
    const r = engine.decide({
      ...valid,
      action: "s3:GetObjectt",
      context: { "aws:SourceIp": "x" },
    });
    expect(r.outcome).toBe("Invalid");
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        message: "`s3` has no action `GetObjectt`",
        help: expect.stringContaining("did you mean `s3:GetObject`?"),
      }),
      expect.objectContaining({
        message: "context value `x` of `aws:SourceIp` is not an IP address or CIDR range",
      }),
    ]);
  });

  it("names both spellings of a key given twice in different case", () => {
    const r = engine.decide({
      ...valid,
      context: { "aws:SecureTransport": "true", "s3:prefix": "a", "AWS:SECURETRANSPORT": "false" },
    });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: "aws-request/duplicate-context-key",
        message:
          "context keys `aws:SecureTransport` and `AWS:SECURETRANSPORT` differ only in case, and name one key",
      }),
    ]);
  });

  it.each([
    [
      "an unknown service near no service with that action (it proposed `fis:bar`)",
      "foo:bar",
      undefined,
    ],
    ["a misspelt service", "s4:GetObject", "s3:GetObject"],
    ["a misspelt service and action", "sagemkr:CreateTrainingJobb", "sagemaker:CreateTrainingJob"],
  ])("suggests only actions the catalog lists: %s", (_, action, meant) => {
    const r = engine.decide({ ...valid, action, resource: "*" });
    expect(r.outcome).toBe("Invalid");
    expect(/did you mean `([^`]*)`\?/.exec(r.diagnostics[0]?.help ?? "")?.[1]).toBe(meant);
  });

  it("names the ARN format of a type the catalog's action row spells in capitals (it said `resources`)", () => {
    const r = engine.decide(
      loose({ action: "access-analyzer:ApplyArchiveRule", resource: undefined }),
    );
    expect(r.diagnostics[0]?.message).toBe(
      "`access-analyzer:ApplyArchiveRule` acts on `arn:${Partition}:access-analyzer:${Region}:${Account}:analyzer/${AnalyzerName}`, and the request names none",
    );
  });

  it("names the ARN formats the action takes when the resource is of another type", () => {
    const r = engine.decide({ ...valid, resource: "arn:aws:sqs:us-east-1:111122223333:q" });
    expect(r.diagnostics).toEqual([
      {
        code: "aws-request/resource-type-mismatch",
        severity: "error",
        message:
          "`s3:GetObject` does not act on `arn:aws:sqs:us-east-1:111122223333:q`: it acts on `arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}` or `arn:${Partition}:s3:::${BucketName}/${ObjectName}`",
        help: "give an ARN of one of those formats, or `*` to ask about statements whose Resource is `*`",
      },
    ]);
  });

  it.each([
    [
      "an object ARN through an access point",
      "s3:GetObject",
      "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/a/b.csv",
    ],
    [
      "an object through a Multi-Region Access Point (no region)",
      "s3:GetObject",
      "arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap/object/k",
    ],
    // Services documented on two reference pages under one prefix: the catalog's row of
    // each action holds one page's types, and these were refused.
    ["an HTTP API (API Gateway V2)", "apigateway:GET", "arn:aws:apigateway:us-east-1::/apis/abc"],
    [
      "a target group (Elastic Load Balancing V2)",
      "elasticloadbalancing:AddTags",
      "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/123",
    ],
    [
      "a Greengrass V2 component",
      "greengrass:TagResource",
      "arn:aws:greengrass:us-east-1:111122223333:components:my-comp",
    ],
    [
      "a public SSM parameter (no account)",
      "ssm:GetParameter",
      "arn:aws:ssm:us-east-1::parameter/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    ],
    [
      "an EC2 image without an account",
      "ec2:RunInstances",
      "arn:aws:ec2:us-east-1::image/ami-0abcdef1234567890",
    ],
    [
      "an EC2 image with its owner's account",
      "ec2:RunInstances",
      "arn:aws:ec2:us-east-1:111122223333:image/ami-0abcdef1234567890",
    ],
    [
      "a role with a path",
      "iam:PassRole",
      "arn:aws:iam::111122223333:role/service/sagemaker/train",
    ],
    [
      "a log stream in a group whose name holds `/`",
      "logs:PutLogEvents",
      "arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs:log-stream:job/algo-1",
    ],
    [
      "an API Gateway root path (an empty last segment)",
      "execute-api:Invoke",
      "arn:aws:execute-api:us-east-1:111122223333:a1b2c3/prod/GET/",
    ],
    [
      "a connection under the service's new name",
      "codestar-connections:UseConnection",
      "arn:aws:codeconnections:us-east-1:111122223333:connection/abc",
    ],
    [
      "a Lambda function with its alias",
      "lambda:InvokeFunction",
      "arn:aws:lambda:us-east-1:111122223333:function:score:live",
    ],
    [
      "a Bedrock foundation model",
      "bedrock:InvokeModel",
      "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
    ],
    ["`*` for an action on objects", "s3:GetObject", "*"],
  ])("takes a resource of a type the action takes: %s", (_, action, resource) => {
    const allowAll = new AwsEngine({
      identityPolicies: [
        parsePolicy(
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
          }),
          { type: "identity" },
        ).policy!,
      ],
    });
    expect(allowAll.decide({ ...valid, action, resource })).toEqual({
      decision: "Allowed",
      diagnostics: [],
    });
  });

  it("skips the check for an action the catalog does not list, when unknown actions are allowed", () => {
    const lenient = new AwsEngine({ identityPolicies: [policy] }, { allowUnknownActions: true });
    const r = lenient.decide({
      ...valid,
      action: "s3:GetObjectV2",
      resource: "arn:aws:sqs:us-east-1:111122223333:q",
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["aws-request/unknown-action"]);
    expect(r.outcome).toBeUndefined();
  });

  it("answers a pair of another type when told not to check types (the generator's sweep)", () => {
    const sweep = new AwsEngine({ identityPolicies: [policy] }, { checkResourceTypes: false });
    expect(sweep.decide({ ...valid, resource: "arn:aws:sqs:us-east-1:111122223333:q" })).toEqual({
      decision: "Allowed",
      diagnostics: [],
    });
  });

  it("keeps a decided request's result as it was: a decision and diagnostics, no outcome", () => {
    const r = engine.decide(valid);
    expect(r).toEqual({ decision: "Allowed", diagnostics: [] });
    const e = engine.explain(valid);
    expect(Object.keys(e).sort()).toEqual(["diagnostics", "explanation"]);
  });

  it("makes a caller handle Invalid before it can read a decision (type-checked)", () => {
    // The library exports both sides of each result.
    const r: EvaluationResult | Invalid = engine.decide(valid);
    const e: ExplainedResult | Invalid = engine.explain(valid);
    expect(e.outcome).toBeUndefined();
    // @ts-expect-error `decision` is not readable until `outcome` rules out Invalid.
    const unchecked: unknown = r.decision;
    expect(unchecked).toBe("Allowed");
    if (r.outcome === "Invalid") throw new Error("unreachable");
    const checked: "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" = r.decision;
    expect(checked).toBe("Allowed");
  });

  it("evaluates an unknown action with a warning when told to", () => {
    const lenient = new AwsEngine({ identityPolicies: [policy] }, { allowUnknownActions: true });
    const r = lenient.decide({ ...valid, action: "s3:GetObjectV2" });
    if (r.outcome === "Invalid") throw new Error("refused an allowed unknown action");
    expect(r.decision).toBe("Allowed");
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: "aws-request/unknown-action", severity: "warning" }),
    ]);
    // Still no resource to guess for it.
    expect(lenient.decide(loose({ action: "s3:GetObjectV2", resource: undefined })).outcome).toBe(
      "Invalid",
    );
  });
});

describe("AwsEngine defaults the time of the request", () => {
  const at = Date.UTC(2026, 0, 31, 12, 0, 0);
  const clocked = new AwsEngine({ identityPolicies: [policy] }, { clock: () => at });
  const defaulted = (context: Record<string, string>) => {
    const r = clocked.explain({ ...valid, context });
    if (r.outcome === "Invalid") throw new Error("invalid");
    return r.explanation.defaultedContext;
  };

  it.each([
    [
      "both from the clock when neither is given",
      {},
      [
        { key: "aws:CurrentTime", value: "2026-01-31T12:00:00Z", from: "clock" },
        { key: "aws:EpochTime", value: "1769860800", from: "clock" },
      ],
    ],
    [
      "aws:EpochTime from a given aws:CurrentTime (the same instant)",
      { "aws:CurrentTime": "2020-05-15T12:00:00Z" },
      [{ key: "aws:EpochTime", value: "1589544000", from: "aws:CurrentTime" }],
    ],
    [
      "aws:CurrentTime from a given aws:EpochTime (any case of the key)",
      { "AWS:epochtime": "1589544000" },
      [{ key: "aws:CurrentTime", value: "2020-05-15T12:00:00Z", from: "aws:EpochTime" }],
    ],
    [
      "nothing when both are given",
      { "aws:CurrentTime": "2020-05-15T12:00:00Z", "aws:EpochTime": "1" },
      [],
    ],
    [
      "aws:EpochTime given as ISO 8601 rewritten to epoch seconds, as AWS sends it",
      { "aws:EpochTime": "2020-05-15T12:00:00.750Z" },
      [
        {
          key: "aws:EpochTime",
          value: "1589544000",
          from: "aws:EpochTime",
          given: "2020-05-15T12:00:00.750Z",
        },
        { key: "aws:CurrentTime", value: "2020-05-15T12:00:00Z", from: "aws:EpochTime" },
      ],
    ],
    [
      "aws:CurrentTime given as epoch seconds rewritten to ISO 8601, as AWS sends it",
      { "aws:CurrentTime": "1589544000", "aws:EpochTime": "1589544000" },
      [
        {
          key: "aws:CurrentTime",
          value: "2020-05-15T12:00:00Z",
          from: "aws:CurrentTime",
          given: "1589544000",
        },
      ],
    ],
  ])("%s", (_, context, want) => {
    expect(defaulted(context)).toEqual(want);
  });

  const window = (condition: Record<string, Record<string, string>>) =>
    new AwsEngine({
      identityPolicies: [
        parsePolicy(
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: condition },
            ],
          }),
          { type: "identity" },
        ).policy!,
      ],
    });

  it.each([
    [
      "NumericLessThan aws:EpochTime, the time given as ISO 8601 (it compared the text: denied)",
      { NumericLessThan: { "aws:EpochTime": "1800000000" } },
      { "aws:EpochTime": "2026-01-01T00:00:00Z" },
    ],
    [
      "StringLike aws:CurrentTime, the time given as epoch seconds",
      { StringLike: { "aws:CurrentTime": "2026-01-01T*" } },
      { "aws:CurrentTime": "1767225600" },
    ],
  ])("evaluates %s", (_, condition, context) => {
    expect(window(condition).decide({ ...valid, context })).toEqual({
      decision: "Allowed",
      diagnostics: [],
    });
  });
});
