import type { Diagnostic, JsonNode } from "../diagnostics/index.js";

/**
 * What every cloud folder offers the layers above it. The clouds never
 * import each other; analysis, outputs and the CLI reach them through this.
 */
export type CloudId = "aws" | "gcp" | "azure";

export interface SimulateOptions {
  /** Evaluate an action or permission the catalog does not list, as written. */
  allowUnknown: boolean;
}

/** One `simulate --cases` line's answer: a decision with its explanation, or why there is none. */
export type CaseResult =
  | { decision: string; explanation?: object; warnings?: Diagnostic[] }
  | { diagnostics: Diagnostic[] };

export interface CloudProvider {
  id: CloudId;
  /** The version of the catalog that produced a result, recorded in every output. */
  catalogVersion(): string;
  /**
   * Reads and decides one line of `simulate --cases` (its JSON, with
   * locations). AWS answers its batches through its own cached path
   * (cli/simulate-cases-lines.ts) until the CLI reaches it through here too.
   */
  decideCase?(line: JsonNode, options: SimulateOptions): CaseResult;
}
