import { describe, expect, it } from "vitest";
import { readRequest } from "../../src/clouds/aws/evaluate/policy-set-input.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";

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
