import {
  type ConditionClause,
  type PrincipalSet,
  type Statement,
  statementLabel,
} from "../policy/types.js";
import type { AwsRule, StatementView } from "./rule.js";
import { WildIndex } from "./support/pattern-cover.js";

/** A principal element as comparable text (undefined when absent). */
function principalKey(p: PrincipalSet | undefined): string | undefined {
  if (!p) return undefined;
  const sorted = (l: { value: string }[]) => l.map((x) => x.value).sort();
  return JSON.stringify([
    p.wildcard,
    sorted(p.aws),
    sorted(p.service),
    sorted(p.federated),
    sorted(p.canonicalUser),
  ]);
}

function clauseKey(c: ConditionClause): string {
  return JSON.stringify([c.rawOperator, c.key.toLowerCase(), c.values.map((v) => v.value).sort()]);
}

/** A pattern list prepared for "does it cover this one": exact entries in a set, wildcards indexed. */
interface Patterns {
  list: readonly string[];
  exact: Set<string>;
  wild: WildIndex;
}

function patterns(list: readonly string[]): Patterns {
  return { list, exact: new Set(list), wild: new WildIndex(list) };
}

/** Every pattern of `narrow` covered by some pattern of `wide`. */
function listCovered(wide: Patterns, narrow: Patterns): boolean {
  return narrow.list.every((q) => wide.exact.has(q) || wide.wild.coverer(q) !== undefined);
}

/** What the comparison needs of a statement, each part worked out on first use. */
class Shape {
  /** NotAction, NotResource or NotPrincipal: not compared. */
  readonly negated: boolean;
  private principalText: string | undefined | null = null;
  private clauseKeys: Set<string> | undefined;
  private actionPatterns: Patterns | undefined;
  private resourcePatterns: Patterns | undefined;

  readonly statement: Statement;

  constructor(readonly view: StatementView) {
    const s = view.statement;
    this.statement = s;
    this.negated = !s.action || !!s.notAction || !!s.notResource || !!s.notPrincipal;
  }

  get principal(): string | undefined {
    if (this.principalText === null) this.principalText = principalKey(this.statement.principal);
    return this.principalText;
  }

  get clauses(): Set<string> {
    this.clauseKeys ??= new Set(this.statement.conditions.map(clauseKey));
    return this.clauseKeys;
  }

  get actions(): Patterns {
    this.actionPatterns ??= patterns(this.view.actionsLower);
    return this.actionPatterns;
  }

  get resources(): Patterns | undefined {
    const r = this.statement.resource;
    if (!r) return undefined;
    this.resourcePatterns ??= patterns(r.map((x) => x.value));
    return this.resourcePatterns;
  }
}

/**
 * Whether `wide` applies to every request `narrow` applies to, with the same
 * effect: each of `narrow`'s actions and resources covered by `wide`'s, the
 * same principal, and every condition of `wide` also in `narrow` (conditions
 * add up with AND, so `narrow` is then as strict or stricter).
 */
function covers(wide: Shape, narrow: Shape): boolean {
  const w = wide.statement;
  const n = narrow.statement;
  if (wide.negated || narrow.negated || w.effect !== n.effect) return false;
  if ((w.resource === undefined) !== (n.resource === undefined)) return false;
  if ((w.principal === undefined) !== (n.principal === undefined)) return false;
  if (w.conditions.length > n.conditions.length) return false;
  // Cheapest first: most pairs fail on the actions.
  if (!listCovered(wide.actions, narrow.actions)) return false;
  if (w.principal && wide.principal !== narrow.principal) return false;
  if (wide.resources !== undefined && !listCovered(wide.resources, narrow.resources!)) return false;
  if (w.conditions.length > 0)
    for (const c of wide.clauses) if (!narrow.clauses.has(c)) return false;
  return true;
}

/** Two ascending lists as one, without repeats. */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
}

/**
 * A statement that another statement of the same policy already covers adds
 * nothing: Allows add up as a union, and so do Denies ("Policy evaluation
 * logic": any matching Allow allows, any matching Deny denies).
 */
export const redundantStatement: AwsRule = {
  id: "aws/redundant-statement",
  title: "Redundant statement",
  category: "suggestion",
  severity: "low",
  description:
    "A statement allows or denies nothing that another statement of the same policy does not already allow or deny.",
  checkPolicy({ policy }) {
    const out = [];
    if (policy.statements.length < 2) return [];
    const shapes = policy.statements.map((v) => new Shape(v));
    // A statement can only be covered by one that names its first action, or has a
    // wildcard: policies of a hundred statements are not compared pair by pair.
    const firsts = shapes.map((t) => (t.negated ? undefined : t.view.actionsLower[0]));
    const naming = new Map<string, number[]>();
    for (const f of firsts) if (f !== undefined) naming.set(f, []);
    const wild: number[] = [];
    shapes.forEach((t, j) => {
      if (t.negated) return;
      let isWild = false;
      for (const a of t.view.actionsLower) {
        if (!isWild && (a.includes("*") || a.includes("?"))) isWild = true;
        const list = naming.get(a);
        if (list && list[list.length - 1] !== j) list.push(j);
      }
      if (isWild) wild.push(j);
    });
    for (const [i, shape] of shapes.entries()) {
      if (shape.negated || firsts[i] === undefined) continue;
      const named = naming.get(firsts[i]!) ?? [];
      if (named.length < 2 && wild.length === 0) continue;
      const candidates = wild.length === 0 ? named : mergeSorted(named, wild);
      const by = candidates.find(
        (j) => j !== i && covers(shapes[j]!, shape) && (j < i || !covers(shape, shapes[j]!)),
      );
      if (by === undefined) continue;
      const s = shape.statement;
      const [does, doNot] = s.effect === "Allow" ? ["allows", "allow"] : ["denies", "deny"];
      out.push({
        message: `statement ${statementLabel(s)} ${does} nothing that statement ${statementLabel(shapes[by]!.statement)} does not already ${doNot}`,
        help: "remove it, or merge what it was meant to add into the other statement",
        location: s.loc,
      });
    }
    return out;
  },
};
