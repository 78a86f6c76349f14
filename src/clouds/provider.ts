import type { Diagnostic, JsonNode } from "../diagnostics/index.js";
import type { Spec } from "../spec/index.js";

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

/** What a cloud generated for a spec: rendered by the outputs layer, by its `cloud`. */
export interface CloudGeneration {
  cloud: CloudId;
}

export interface GenerateResult {
  /** Absent when the spec cannot be generated for this cloud (the diagnostics say why). */
  generation?: CloudGeneration;
  /** One self-check line per workload. */
  summary: string[];
  diagnostics: Diagnostic[];
}

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
  /** Whether the spec says where this cloud's resources live (`targets.<cloud>`). */
  targeted(spec: Spec): boolean;
  /**
   * The spec's IAM in this cloud, proven by its self-check. Asynchronous so
   * that the generator (and the spec schema it needs) loads only when asked:
   * `simulate` reaches the same providers and must start fast.
   */
  generate(spec: Spec): Promise<GenerateResult>;
}
