import type { Explanation } from "../../src/clouds/aws/evaluate/index.js";
import {
  AwsEngine,
  type AwsRequest,
  readCase,
  readPolicySet,
} from "../../src/clouds/aws/evaluate/index.js";
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
  // One clock for both paths: cases that leave out aws:CurrentTime get the same instant twice.
  const now = Date.now();
  const engine = new AwsEngine(c.set, { clock: () => now });
  const fast = engine.decide(c.request);
  const explained = engine.explain(c.request);
  if (fast.outcome === "Invalid" || explained.outcome === "Invalid") {
    throw new Error(`invalid request: ${fast.diagnostics.map((d) => d.message).join("; ")}`);
  }
  const { explanation } = explained;
  if (explanation.decision !== fast.decision) {
    throw new Error(
      `fast path says ${fast.decision}, explaining path says ${explanation.decision}`,
    );
  }
  return { decision: fast.decision, explanation };
}

/**
 * Runs a case whose request the engine must refuse: the error codes the
 * batch reader gives (with locations in the case) and those the engine gives
 * a library caller handing it the same request; both must refuse it.
 */
export function runInvalidCase(
  input: { request: AwsRequest },
  file = "<case>",
): { reader: string[]; engine: string[] } {
  const c = readCase(fromPlain(input, file), file);
  if (c.request) throw new Error("the batch reader accepted the request");
  const { set } = readPolicySet(fromPlain(input, file), file);
  if (!set) throw new Error("invalid policy set");
  const engine = new AwsEngine(set);
  const fast = engine.decide(input.request);
  const explained = engine.explain(input.request);
  if (fast.outcome !== "Invalid" || explained.outcome !== "Invalid")
    throw new Error("the engine decided an invalid request");
  const errors = (ds: readonly { code: string; severity: string }[]) =>
    ds.filter((d) => d.severity === "error").map((d) => d.code);
  return { reader: errors(c.diagnostics), engine: errors(fast.diagnostics) };
}
