import type { Explanation } from "../../src/clouds/aws/evaluate/index.js";
import { AwsEngine, readCase } from "../../src/clouds/aws/evaluate/index.js";
import { fromPlain } from "../../src/diagnostics/index.js";
import type { Decision } from "../../src/model/index.js";

/** Runs one batch-format case through both engine paths; fails loudly on bad input. */
export function runCase(
  input: unknown,
  file = "<case>",
): { decision: Decision; explanation: Explanation } {
  const c = readCase(fromPlain(input, file), file);
  if (!c.set || !c.request) {
    throw new Error(
      `invalid case: ${c.diagnostics.map((d) => `${d.location?.pointer} ${d.message}`).join("; ")}`,
    );
  }
  const engine = new AwsEngine(c.set);
  const fast = engine.decide(c.request);
  const { explanation } = engine.explain(c.request);
  if (!explanation) throw new Error("no explanation");
  if (explanation.decision !== fast.decision) {
    throw new Error(
      `fast path says ${fast.decision}, explaining path says ${explanation.decision}`,
    );
  }
  return { decision: fast.decision, explanation };
}
