import { describe, expect, it } from "vitest";
import { type DraftStatement, toStatements } from "../../src/clouds/aws/generate/statements.js";

const tag = { StringEquals: { "aws:RequestTag/team": "${aws:PrincipalTag/team}" } };
const draft = (sid: string, resources: string[], extra: Partial<DraftStatement> = {}) => ({
  sid,
  effect: "Allow" as const,
  actions: ["sagemaker:AddTags"],
  resources,
  conditions: tag,
  ...extra,
});
const config = "arn:aws:sagemaker:us-east-1:111122223333:endpoint-config/risk*";
const endpoint = "arn:aws:sagemaker:us-east-1:111122223333:endpoint/risk";

describe("toStatements", () => {
  it("drops a statement that another strictly covers (what aws/redundant-statement reports)", () => {
    const out = toStatements([
      draft("ConfigTags", [config]),
      draft("EndpointTags", [config, endpoint]),
    ]);
    expect(out.map((s) => s.Sid)).toEqual(["EndpointTags"]);
  });

  it("merges statements identical but for their Sid, keeping the first", () => {
    const out = toStatements([draft("A", [config]), draft("B", [config])]);
    expect(out.map((s) => s.Sid)).toEqual(["A"]);
  });

  it("keeps statements that only overlap, or differ in conditions or effect", () => {
    expect(toStatements([draft("A", [config]), draft("B", [endpoint])])).toHaveLength(2);
    expect(
      toStatements([draft("A", [config]), draft("B", [config, endpoint], { conditions: {} })]),
    ).toHaveLength(2);
    expect(
      toStatements([draft("A", [config]), draft("B", [config, endpoint], { effect: "Deny" })]),
    ).toHaveLength(2);
  });

  it("drops a statement whose actions another covers on the same resources", () => {
    const out = toStatements([
      draft("Narrow", [config]),
      draft("Wide", [config], { actions: ["sagemaker:AddTags", "sagemaker:DeleteTags"] }),
    ]);
    expect(out.map((s) => s.Sid)).toEqual(["Wide"]);
  });
});

describe("toStatements, Sids", () => {
  it("numbers repeated Sids among the statements kept, not those dropped", () => {
    const out = toStatements([
      draft("Tags", [config]),
      draft("Tags", [config, endpoint]),
      draft("Tags", [endpoint], { actions: ["sagemaker:DeleteTags"] }),
    ]);
    // The first is covered by the second and dropped: the two kept are Tags and Tags2.
    expect(out.map((s) => s.Sid)).toEqual(["Tags", "Tags2"]);
  });
});
