import type { Decision } from "../../../model/index.js";
import type { Layer } from "./layers.js";
import type { PrincipalMatchKind } from "./principal-match.js";
import type { ContextValue, DefaultedKey } from "./request-context.js";

/** How one condition clause fared. */
export interface ConditionTrace {
  operator: string;
  key: string;
  /** The request's value, or null when the key was absent. */
  contextValue: ContextValue | null;
  /** Policy values after substitution (null where a variable had no value). */
  values: (string | null)[];
  matched: boolean;
  missingVariables?: string[];
}

/** One statement whose Action covered the request, and why it did or did not apply. */
export interface StatementTrace {
  layer: Layer;
  /** Organization level (0 = root) for SCPs and RCPs. */
  level?: number;
  policy: string;
  statement: string;
  effect: "Allow" | "Deny";
  /** The statement applied to the request. */
  matched: boolean;
  resource: { matched: boolean; by?: string; missingVariables?: string[] };
  principal?: { matched: boolean; kind?: PrincipalMatchKind };
  conditions: ConditionTrace[];
  /** Source position of the statement. */
  line: number;
  column: number;
}

export interface Explanation {
  decision: Decision;
  reason: string;
  deniedBy: Layer[];
  blockedBy: Layer | null;
  grantedBy: Layer[];
  /** Statements that decided the outcome: matching denies, or the allows it rests on. */
  deciding: StatementTrace[];
  /** Statements that applied but that the decision did not rest on (e.g. a grant to the account). */
  otherMatches: StatementTrace[];
  /** Statements whose Action matched but that did not apply: the near misses. */
  nearMisses: StatementTrace[];
  principal: { arn: string; kind: string; account: string | null };
  resourceAccount: string | null;
  sameAccount: boolean;
  /** Which organization guardrails applied (SCPs skip service-linked roles, RCPs unsupported services). */
  applied: { scp: boolean; rcp: boolean };
  /** The resource policy the service insists on, if any. */
  resourcePolicyRequirement: string | null;
  /**
   * Context keys AWS sets on every request that the request did not give,
   * with the values leash evaluated (`aws:CurrentTime`, `aws:EpochTime`:
   * the clock, or the same instant as the one given); and those it gave in
   * the other key's format, rewritten as AWS sends them (`given` set).
   */
  defaultedContext: DefaultedKey[];
  catalogVersion: string;
}
