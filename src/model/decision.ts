import type { Diagnostic } from "../diagnostics/index.js";

/**
 * The three outcomes every cloud's engine reports. "Implicitly denied" means
 * nothing allowed the request; "explicitly denied" means a deny rule matched
 * and no allow anywhere can override it.
 */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export const DECISIONS: readonly Decision[] = ["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"];

/**
 * A request that could not be evaluated, and why: it holds no decision, so
 * that no caller can read one by mistake. Every engine's `decide` and
 * `explain` return it beside their decided results; `outcome` tells them
 * apart (`if (r.outcome === "Invalid") ...`), and TypeScript lets a caller
 * read `decision` only once it has.
 */
export interface Invalid {
  outcome: "Invalid";
  /** Why: at least one error, each with a stable code and a hint. */
  diagnostics: Diagnostic[];
}
