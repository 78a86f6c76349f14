import { describe, expect, it } from "vitest";
import { readRequest } from "../../src/clouds/aws/evaluate/policy-set-input.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import { AwsEngine, parsePolicy } from "../../src/index.js";

describe("readRequest", () => {
  // Context keys are the user's text: a key `__proto__` must be a key, not the context's
  // prototype (an array there made the context inherit its indexes).
  it("keeps a context key `__proto__` as an own key", () => {
    const text = JSON.stringify({
      principal: "arn:aws:iam::111122223333:user/alice",
      action: "s3:GetObject",
      resource: "arn:aws:s3:::data/a",
      context: JSON.parse('{"__proto__": ["x", "y"], "aws:SourceIp": "203.0.113.7"}'),
    });
    const { request, diagnostics } = readRequest(parseLocatedJson(text, "r.json").node!);
    expect(diagnostics).toEqual([]);
    const context = request!.context!;
    expect(Object.getPrototypeOf(context)).toBe(Object.prototype);
    expect(Object.keys(context).sort()).toEqual(["__proto__", "aws:SourceIp"]);
    expect(Object.getOwnPropertyDescriptor(context, "__proto__")?.value).toEqual(["x", "y"]);
  });
});

describe("AwsEngine.explainChecked (a batch checks each request once)", () => {
  const policy = parsePolicy(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:*",
          Resource: "*",
          Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
        },
        { Effect: "Deny", NotAction: "s3:Get*", Resource: "arn:aws:s3:::data/*" },
      ],
    }),
    { type: "identity" },
  ).policy!;
  const engine = new AwsEngine({ identityPolicies: [policy] }, { clock: () => 0 });
  const base = {
    principal: "arn:aws:iam::111122223333:user/alice",
    resource: "arn:aws:s3:::data/a",
  };

  it.each([
    [
      "an allowed request",
      { ...base, action: "s3:GetObject", context: { "aws:SourceIp": "203.0.113.7" } },
    ],
    ["a denied request", { ...base, action: "s3:PutObject" }],
    // A warning of the checks (the ARN's account wins) comes with the answer, as from explain.
    [
      "a request with a warning",
      {
        ...base,
        action: "s3:GetObject",
        resource: "arn:aws:s3:us-east-1:111122223333:accesspoint/a",
        context: { "aws:ResourceAccount": "444455556666" },
      },
    ],
  ])("answers as explain does: %s", (_, request) => {
    const read = readRequest(parseLocatedJson(JSON.stringify(request), "r.json").node!);
    expect(read.diagnostics).toEqual([]);
    expect(read.checked).toBeDefined();
    expect(engine.explainChecked(read.checked!)).toEqual(engine.explain(read.request!));
  });

  it("gives no checked request for a request with an error", () => {
    const read = readRequest(
      parseLocatedJson(JSON.stringify({ ...base, action: "s3:GetObjectt" }), "r.json").node!,
    );
    expect(read.checked).toBeUndefined();
    expect(read.diagnostics.map((d) => d.code)).toEqual(["aws-request/unknown-action"]);
  });
});
