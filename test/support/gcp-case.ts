import { gcpProvider } from "../../src/clouds/gcp/provider.js";
import type { CaseResult } from "../../src/clouds/provider.js";
import { fromPlain } from "../../src/diagnostics/index.js";

/** Decides one GCP case given as a plain object, the way `simulate --cloud gcp --cases` does a line. */
export function decideGcp(input: unknown, allowUnknown = false): CaseResult {
  return gcpProvider.decideCase!(fromPlain(input, "case.json"), { allowUnknown });
}

/** The decision of a case, or `Invalid` with its error codes. */
export function gcpDecision(input: unknown): string {
  const r = decideGcp(input);
  return "decision" in r
    ? r.decision
    : `Invalid: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`;
}
