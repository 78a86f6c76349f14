import type { ConditionClause } from "../policy/types.js";
import { remember } from "./memo.js";
import { type ConditionOperator, OPERATORS } from "./operators/index.js";
import type { ContextValue, RequestContext } from "./request-context.js";
import { parseVariables, type Segment, substitute } from "./variables.js";

/**
 * One condition clause (`"StringLike": {"s3:prefix": [...]}` has one clause
 * per key), compiled: policy values are prepared once unless they hold
 * policy variables, which are resolved per request.
 */
export interface CompiledCondition {
  clause: ConditionClause;
  /** Lower-cased key. */
  key: string;
  /** Undefined for `Null`. */
  op: ConditionOperator<unknown> | undefined;
  /** Prepared policy values; undefined entries can never match. */
  prepared: unknown[];
  /** Per value, its variable segments when it has any (else undefined). */
  variables: (Segment[] | undefined)[] | undefined;
}

export function compileCondition(
  clause: ConditionClause,
  substituteVariables: boolean,
): CompiledCondition {
  const op =
    clause.operator === "Null"
      ? undefined
      : (OPERATORS[clause.operator as keyof typeof OPERATORS] as ConditionOperator<unknown>);
  const raw = clause.values.map((v) => v.value);
  let variables: (Segment[] | undefined)[] | undefined;
  if (op?.allowsVariables && substituteVariables) {
    const parsed = raw.map(parseVariables);
    if (parsed.some((p) => p !== undefined)) variables = parsed;
  }
  const prepared = op
    ? raw.map((v, i) => (variables?.[i] ? undefined : prepare(op, v)))
    : raw.map((v) => v.toLowerCase());
  return { clause, key: clause.key.toLowerCase(), op, prepared, variables };
}

/**
 * Prepared values by operator: policies repeat their condition values (a CIDR,
 * a date, an account), and preparing one (parsing an address range, a date)
 * costs more than finding it again. Prepared values are never changed.
 */
const preparedBy = new Map<ConditionOperator<unknown>, Map<string, unknown>>();

function prepare(op: ConditionOperator<unknown>, value: string): unknown {
  let known = preparedBy.get(op);
  if (!known) {
    known = new Map();
    preparedBy.set(op, known);
  }
  return remember(known, value, () => op.prepare(value));
}

/** What one clause saw and decided, for explanations. */
export interface ConditionOutcome {
  matched: boolean;
  contextValue: ContextValue | undefined;
  /** Policy values after variable substitution (`undefined` where a variable had no value). */
  policyValues: (string | undefined)[];
  missingVariables: string[];
}

function isPresent(v: ContextValue | undefined): v is ContextValue {
  return v !== undefined && !(typeof v !== "string" && v.length === 0);
}

/**
 * Set operators and `Null` also treat a "null dataset", such as an empty
 * string, as no value (IAM User Guide, "Multivalued context key examples":
 * ForAllValues "also returns true if ... the context key value resolves to a
 * null dataset, such as an empty string").
 */
function holdsData(v: ContextValue | undefined): v is ContextValue {
  if (v === undefined || v === "") return false;
  return typeof v === "string" || v.some((x) => x !== "");
}

/** Resolves prepared values for this request; `missing` lists unresolved variables. */
function valuesFor(
  c: CompiledCondition,
  ctx: RequestContext,
): { prepared: unknown[]; shown: (string | undefined)[]; missing: string[] } {
  const shown: (string | undefined)[] = c.clause.values.map((v) => v.value);
  if (!c.variables) return { prepared: c.prepared, shown, missing: [] };
  const prepared = [...c.prepared];
  const missing: string[] = [];
  c.variables.forEach((segments, i) => {
    if (!segments) return;
    const s = substitute(segments, ctx);
    if (s.value === undefined) {
      missing.push(...s.missing);
      shown[i] = undefined;
      return;
    }
    shown[i] = s.value;
    // *Like and every Arn operator read the value as a pattern; substituted text stays literal.
    const usesPattern = c.op!.name.includes("Like") || c.op!.name.startsWith("Arn");
    prepared[i] = c.op!.prepare(usesPattern ? s.pattern! : s.value);
  });
  return { prepared, shown, missing };
}

/**
 * Evaluates one clause (IAM User Guide, "Condition operators" and "Set
 * operators for multivalued context keys"); see docs/semantics/aws.md,
 * "Conditions", for the table this implements.
 */
export function evaluateCondition(c: CompiledCondition, ctx: RequestContext): ConditionOutcome {
  const contextValue = ctx.get(c.key);
  const q = c.clause.setQualifier;
  const present = q || !c.op ? holdsData(contextValue) : isPresent(contextValue);
  const { prepared, shown, missing } = valuesFor(c, ctx);
  const outcome = (matched: boolean): ConditionOutcome => ({
    matched,
    contextValue,
    policyValues: shown,
    missingVariables: missing,
  });

  if (!c.op) {
    // Null: "true" asks for absence, "false" for presence; several values are ORed.
    return outcome(
      (prepared as string[]).some((v) =>
        v === "true" ? !present : v === "false" ? present : false,
      ),
    );
  }
  // A value whose variable has no value is "effectively null": nothing matches it, so positive
  // operators fail on it and inverted ones succeed (IAM User Guide, "Policy variables with no value").
  const op = c.op;
  const matchesOne = (value: string): boolean => {
    for (const p of prepared) if (p !== undefined && op.matches(value, p)) return true;
    return false;
  };
  if (!present) {
    if (c.clause.ifExists) return outcome(true);
    // ForAllValues is vacuously true on an empty set; ForAnyValue is false.
    if (q === "ForAllValues") return outcome(true);
    if (q === "ForAnyValue") return outcome(false);
    // A negated operator on a missing key is true ("the key does not equal ...").
    return outcome(op.negated);
  }
  const values = typeof contextValue === "string" ? [contextValue] : (contextValue ?? []);
  if (q === "ForAllValues") return outcome(values.every((v) => matchesOne(v) !== op.negated));
  if (q === "ForAnyValue") return outcome(values.some((v) => matchesOne(v) !== op.negated));
  // No qualifier: positive operators need one match; negated ones need none.
  const any = values.some(matchesOne);
  return outcome(op.negated ? !any : any);
}

function matchesAny(
  op: ConditionOperator<unknown>,
  prepared: readonly unknown[],
  value: string,
): boolean {
  for (const p of prepared) if (p !== undefined && op.matches(value, p)) return true;
  return false;
}

/**
 * The fast path: the same decision as `evaluateCondition` without building the
 * outcome record (a property test holds the two equal).
 */
export function conditionHolds(c: CompiledCondition, ctx: RequestContext): boolean {
  if (c.variables) return evaluateCondition(c, ctx).matched;
  const v = ctx.get(c.key);
  const op = c.op;
  if (!op) {
    const present = holdsData(v);
    for (const p of c.prepared) if (p === "true" ? !present : p === "false" && present) return true;
    return false;
  }
  const q = c.clause.setQualifier;
  if (q) {
    if (!holdsData(v)) return c.clause.ifExists || q === "ForAllValues";
    const values = typeof v === "string" ? [v] : v;
    if (q === "ForAllValues") {
      for (const x of values) if (matchesAny(op, c.prepared, x) === op.negated) return false;
      return true;
    }
    for (const x of values) if (matchesAny(op, c.prepared, x) !== op.negated) return true;
    return false;
  }
  if (!isPresent(v)) return c.clause.ifExists || op.negated;
  if (typeof v === "string") return matchesAny(op, c.prepared, v) !== op.negated;
  let any = false;
  for (const x of v) if (matchesAny(op, c.prepared, x)) any = true;
  return any !== op.negated;
}
