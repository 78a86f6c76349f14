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
    ["an unknown action", { ...valid, action: "s3:GetObjectt" }, "unknown-action"],
    ["no resource for an action on objects", loose({ resource: undefined }), "missing-resource"],
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
  ])("%s", (_, context, want) => {
    expect(defaulted(context)).toEqual(want);
  });
});
