import { describe, expect, it } from "vitest";
import { readCheckedRequest, readRequest } from "../../src/clouds/aws/evaluate/policy-set-input.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import { AwsEngine, parsePolicy, readCase } from "../../src/index.js";

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

describe("AwsEngine.explainChecked and decideChecked (a batch checks each request once)", () => {
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
    const read = readCheckedRequest(parseLocatedJson(JSON.stringify(request), "r.json").node!);
    expect(read.diagnostics).toEqual([]);
    expect(read.checked).toBeDefined();
    expect(engine.explainChecked(read.checked!)).toEqual(engine.explain(read.request!));
    expect(engine.decideChecked(read.checked!)).toEqual(engine.decide(read.request!));
  });

  it("gives no checked request for a request with an error", () => {
    const read = readCheckedRequest(
      parseLocatedJson(JSON.stringify({ ...base, action: "s3:GetObjectt" }), "r.json").node!,
    );
    expect(read.checked).toBeUndefined();
    expect(read.diagnostics.map((d) => d.code)).toEqual(["aws-request/unknown-action"]);
  });
});

describe("the library's readers keep their shape", () => {
  const node = (value: unknown) => parseLocatedJson(JSON.stringify(value), "r.json").node!;
  const request = {
    principal: "arn:aws:iam::111122223333:user/alice",
    action: "s3:GetObject",
    resource: "arn:aws:s3:::data/a",
  };
  const set = {
    identityPolicies: [
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
    ],
  };

  it("readRequest returns the request and its diagnostics, nothing internal", () => {
    expect(Object.keys(readRequest(node(request)))).toEqual(["request", "diagnostics"]);
  });

  it("readCase names no request for an invalid one, and nothing internal", () => {
    const invalid = readCase(node({ ...set, request: { ...request, action: "s3:Nope" } }), "c");
    expect(Object.keys(invalid)).toEqual(["id", "diagnostics", "set"]);
    const valid = readCase(node({ ...set, request }), "c");
    expect(Object.keys(valid)).toEqual(["id", "request", "diagnostics", "set"]);
  });

  it("an engine's warnings are its caller's own: changing one changes no other answer", () => {
    const policy = parsePolicy(JSON.stringify(set.identityPolicies[0]), { type: "identity" })
      .policy!;
    const unknown = { ...request, action: "s3:BrandNewAction" };
    const one = new AwsEngine({ identityPolicies: [policy] }, { allowUnknownActions: true });
    const other = new AwsEngine({ identityPolicies: [policy] }, { allowUnknownActions: true });
    const first = one.explain(unknown);
    expect(first.diagnostics.map((d) => d.code)).toEqual(["aws-request/unknown-action"]);
    first.diagnostics[0]!.message = "changed by a caller";
    expect(other.explain(unknown).diagnostics[0]!.message).not.toBe("changed by a caller");
    expect(one.decide(unknown).diagnostics[0]!.message).not.toBe("changed by a caller");
  });
});
