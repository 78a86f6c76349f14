import type { Policy, Statement } from "../policy/types.js";
import { type CompiledCondition, compileCondition, conditionHolds } from "./condition.js";
import type { PrincipalIdentity } from "./principal.js";
import {
  type CompiledPrincipal,
  compilePrincipal,
  matchesNotPrincipal,
  matchPrincipal,
  type PrincipalMatchKind,
} from "./principal-match.js";
import type { RequestContext } from "./request-context.js";
import { parseVariables, type Segment, substitute } from "./variables.js";
import { compileAny, compileWildcard, type Matcher } from "./wildcard.js";

/** A statement compiled for evaluation: matchers built once, reused for every request. */
export interface CompiledStatement {
  readonly policy: Policy;
  readonly statement: Statement;
  readonly deny: boolean;
  /** Takes the lower-cased action; already accounts for NotAction. */
  readonly action: Matcher;
  readonly resource: ResourceMatcher;
  readonly principal: CompiledPrincipal | undefined;
  readonly notPrincipal: CompiledPrincipal | undefined;
  readonly conditions: CompiledCondition[];
}

export interface ResourceMatcher {
  negated: boolean;
  /** Undefined: the element is absent (trust policies), which matches any resource. */
  patterns: string[] | undefined;
  staticMatch: Matcher | undefined;
  /** The same patterns one by one, to name the one that matched. */
  fixed: { pattern: string; match: Matcher }[];
  /** Patterns holding policy variables, resolved per request. */
  variablePatterns: Segment[][];
}

/** Only the 2012-10-17 language substitutes variables (IAM User Guide, "Version"). */
export function substitutesVariables(policy: Policy): boolean {
  return policy.version === "2012-10-17";
}

export function compileStatement(policy: Policy, s: Statement): CompiledStatement {
  return new LazyStatement(policy, s);
}

/**
 * A compiled statement whose action matcher is built at once and the rest on
 * first use: a request reaches only the statements its action names, and a
 * batch line's policies often answer one request (a fifth of `simulate
 * --cases` went to compiling statements no request reached).
 */
class LazyStatement implements CompiledStatement {
  readonly deny: boolean;
  readonly action: Matcher;
  private compiledResource: ResourceMatcher | undefined;
  private compiledConditions: CompiledCondition[] | undefined;
  private compiledPrincipals:
    | { principal: CompiledPrincipal | undefined; notPrincipal: CompiledPrincipal | undefined }
    | undefined;

  constructor(
    readonly policy: Policy,
    readonly statement: Statement,
  ) {
    this.deny = statement.effect === "Deny";
    const actionPatterns = (statement.action ?? statement.notAction ?? []).map((a) => a.value);
    const anyAction = compileAny(actionPatterns, true);
    this.action = statement.notAction ? (a) => !anyAction(a) : anyAction;
  }

  get resource(): ResourceMatcher {
    this.compiledResource ??= compileResource(this.statement, substitutesVariables(this.policy));
    return this.compiledResource;
  }

  get conditions(): CompiledCondition[] {
    const vars = substitutesVariables(this.policy);
    this.compiledConditions ??= this.statement.conditions.map((c) => compileCondition(c, vars));
    return this.compiledConditions;
  }

  private principals() {
    const s = this.statement;
    this.compiledPrincipals ??= {
      principal: s.principal && compilePrincipal(s.principal),
      notPrincipal: s.notPrincipal && compilePrincipal(s.notPrincipal),
    };
    return this.compiledPrincipals;
  }

  get principal(): CompiledPrincipal | undefined {
    return this.principals().principal;
  }

  get notPrincipal(): CompiledPrincipal | undefined {
    return this.principals().notPrincipal;
  }
}

function compileResource(s: Statement, vars: boolean): ResourceMatcher {
  const list = s.resource ?? s.notResource;
  if (!list)
    return {
      negated: false,
      patterns: undefined,
      staticMatch: undefined,
      fixed: [],
      variablePatterns: [],
    };
  const patterns = list.map((r) => r.value);
  const fixed: string[] = [];
  const variablePatterns: Segment[][] = [];
  for (const p of patterns) {
    const segments = vars ? resourceVariables(p) : undefined;
    if (segments) variablePatterns.push(segments);
    else fixed.push(p);
  }
  return {
    negated: s.notResource !== undefined,
    patterns,
    staticMatch: fixed.length > 0 ? compileAny(fixed) : undefined,
    fixed: fixed.map((pattern) => ({ pattern, match: compileWildcard(pattern) })),
    variablePatterns,
  };
}

/**
 * Variables count only in the resource part of an ARN, after the fifth colon
 * (IAM User Guide, "Policy variables": "You can't use a variable to replace
 * parts of the ARN before the fifth colon"); before it, `${...}` is text.
 */
function resourceVariables(pattern: string): Segment[] | undefined {
  let colon = -1;
  for (let i = 0; i < 5; i++) {
    colon = pattern.indexOf(":", colon + 1);
    if (colon < 0) return undefined;
  }
  const tail = parseVariables(pattern.slice(colon + 1));
  return tail && [{ literal: pattern.slice(0, colon + 1) }, ...tail];
}

export interface ResourceOutcome {
  matched: boolean;
  /** The pattern that matched (Resource) or the one that excluded it (NotResource). */
  pattern: string | undefined;
  missingVariables: string[];
}

/**
 * Resource / NotResource (IAM User Guide, "Resource" and "NotResource").
 * A pattern whose variable has no value matches no resource, in Resource and
 * NotResource alike (IAM User Guide, "Policy variables with no value").
 */
export function matchResource(
  r: ResourceMatcher,
  resource: string,
  ctx: RequestContext,
): ResourceOutcome {
  if (!r.patterns) return { matched: true, pattern: undefined, missingVariables: [] };
  let hit = r.fixed.find((f) => f.match(resource))?.pattern;
  const missing: string[] = [];
  if (hit === undefined) {
    for (const segments of r.variablePatterns) {
      const s = substitute(segments, ctx);
      if (s.pattern === undefined) missing.push(...s.missing);
      else if (compileWildcard(s.pattern)(resource)) {
        hit = s.value;
        break;
      }
    }
  }
  if (r.negated) return { matched: hit === undefined, pattern: hit, missingVariables: missing };
  return { matched: hit !== undefined, pattern: hit, missingVariables: missing };
}

/** Fast path of `matchResource`. */
export function resourceMatches(
  r: ResourceMatcher,
  resource: string,
  ctx: RequestContext,
): boolean {
  if (!r.patterns) return true;
  if (r.variablePatterns.length === 0) {
    const hit = r.staticMatch!(resource);
    return r.negated ? !hit : hit;
  }
  return matchResource(r, resource, ctx).matched;
}

export function conditionsHold(cs: CompiledStatement, ctx: RequestContext): boolean {
  for (const c of cs.conditions) if (!conditionHolds(c, ctx)) return false;
  return true;
}

/**
 * Principal / NotPrincipal of a resource-side statement. A Deny with
 * NotPrincipal always applies to a caller that has a permissions boundary
 * (IAM User Guide, "Permissions boundaries for IAM entities", Important note).
 */
export function principalMatch(
  cs: CompiledStatement,
  who: PrincipalIdentity,
  hasBoundary: boolean,
): PrincipalMatchKind | undefined {
  if (cs.principal) return matchPrincipal(cs.principal, who);
  if (cs.notPrincipal) {
    if (cs.deny && hasBoundary) return "exact";
    return matchesNotPrincipal(cs.notPrincipal, who) ? "exact" : undefined;
  }
  // Trust policies and resource policies always name principals; identity-side statements match their owner.
  return "exact";
}
