import type { SourceLocation } from "../../../diagnostics/index.js";

/**
 * Where a policy is attached decides which elements it may use and how the
 * engine combines it with others (docs/semantics/aws.md, "Policy types").
 */
export type PolicyType = "identity" | "resource" | "trust" | "scp" | "rcp" | "boundary" | "session";

export const POLICY_TYPES: readonly PolicyType[] = [
  "identity",
  "resource",
  "trust",
  "scp",
  "rcp",
  "boundary",
  "session",
];

/** A string the user wrote, with where they wrote it. */
export interface LocatedString {
  value: string;
  loc: SourceLocation;
}

export interface PrincipalSet {
  /** `"Principal": "*"`. `{"AWS": "*"}` is recorded in `aws` and treated alike. */
  wildcard: boolean;
  aws: LocatedString[];
  service: LocatedString[];
  federated: LocatedString[];
  canonicalUser: LocatedString[];
  loc: SourceLocation;
}

export type SetQualifier = "ForAllValues" | "ForAnyValue";

export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  rawOperator: string;
  /** The base operator without qualifier or `IfExists`, e.g. `StringLike`. */
  operator: string;
  setQualifier: SetQualifier | undefined;
  ifExists: boolean;
  /** The condition key as written; matching is case-insensitive. */
  key: string;
  /** Values as strings (JSON numbers and booleans are converted, as AWS does). */
  values: LocatedString[];
  loc: SourceLocation;
}

export interface Statement {
  /** 0-based position in the policy. */
  index: number;
  sid: string | undefined;
  effect: "Allow" | "Deny";
  action: LocatedString[] | undefined;
  notAction: LocatedString[] | undefined;
  resource: LocatedString[] | undefined;
  notResource: LocatedString[] | undefined;
  principal: PrincipalSet | undefined;
  notPrincipal: PrincipalSet | undefined;
  conditions: ConditionClause[];
  /**
   * An empty `Condition` object, or an operator with no keys: legal, and
   * restricting nothing (a suggestion rule reports them). Undefined when none.
   */
  emptyConditions?: SourceLocation[];
  loc: SourceLocation;
}

export interface Policy {
  /** A name for explanations: the file name, a batch pointer, or one the caller gives. */
  name: string;
  type: PolicyType;
  /** `2012-10-17`, `2008-10-17`, or undefined when absent. */
  version: string | undefined;
  id: string | undefined;
  statements: Statement[];
  loc: SourceLocation;
}

/** How a statement is named in explanations: its Sid, else its position. */
export function statementLabel(s: Statement): string {
  return s.sid !== undefined && s.sid !== "" ? s.sid : `#${s.index}`;
}
