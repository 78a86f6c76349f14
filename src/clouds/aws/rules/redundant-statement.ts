import {
  type ConditionClause,
  type PrincipalSet,
  type Statement,
  statementLabel,
} from "../policy/types.js";
import type { AwsRule, StatementView } from "./rule.js";
import { CoverCandidates, firstInUnion } from "./support/cover-candidates.js";
import { WildIndex } from "./support/pattern-cover.js";
import { cappedFinding, WorkBudget } from "./support/work-cap.js";

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

/** Whether `wide` covers `narrow` (see `covers`): the comparison the index narrows down. */
export function statementCovers(wide: StatementView, narrow: StatementView): boolean {
  return covers(new Shape(wide), new Shape(narrow));
}

interface Group {
  actions: CoverCandidates;
  resources: CoverCandidates;
  /** Statements without a condition: they may cover any statement of the group. */
  unconditional: number[];
  /**
   * Statements by their rarest condition clause: a coverer's clauses are all
   * the covered statement's, so it is found under one of them.
   */
  byClause: Map<string, number[]>;
}

/**
 * Statements that may cover each other, indexed: a coverer has the same
 * effect, the same principal and Resource present or absent alike (one
 * group each), names a pattern that could cover each of the covered
 * statement's actions and resources, and has no clause it lacks.
 */
class Groups {
  private readonly groups = new Map<string, Group>();

  constructor(shapes: readonly Shape[]) {
    const clauseCounts = new Map<Group, Map<string, number>>();
    shapes.forEach((t, i) => {
      if (t.negated) return;
      const g = this.of(t, true)!;
      for (const a of t.view.actionsLower) g.actions.add(a, i);
      for (const r of t.statement.resource ?? []) g.resources.add(r.value, i);
      if (t.statement.conditions.length === 0) return;
      let counts = clauseCounts.get(g);
      if (!counts) {
        counts = new Map();
        clauseCounts.set(g, counts);
      }
      for (const c of t.clauses) counts.set(c, (counts.get(c) ?? 0) + 1);
    });
    shapes.forEach((t, i) => {
      if (t.negated) return;
      const g = this.of(t, false)!;
      if (t.statement.conditions.length === 0) {
        g.unconditional.push(i);
        return;
      }
      const counts = clauseCounts.get(g)!;
      let rarest: string | undefined;
      for (const c of t.clauses) if (!rarest || counts.get(c)! < counts.get(rarest)!) rarest = c;
      const list = g.byClause.get(rarest!);
      if (list) list.push(i);
      else g.byClause.set(rarest!, [i]);
    });
    for (const g of this.groups.values()) {
      g.actions.seal();
      g.resources.seal();
    }
  }

  private of(t: Shape, create: boolean): Group | undefined {
    const s = t.statement;
    const key = `${s.effect}\n${s.resource ? "R" : "-"}\n${s.principal ? t.principal : "-"}`;
    let g = this.groups.get(key);
    if (!g && create) {
      g = {
        actions: new CoverCandidates(),
        resources: new CoverCandidates(),
        unconditional: [],
        byClause: new Map(),
      };
      this.groups.set(key, g);
    }
    return g;
  }

  /**
   * The fewest candidates: those that could cover the statement's most
   * selective action or resource, or those whose conditions it could have.
   */
  candidates(t: Shape): readonly (readonly number[])[] {
    const g = this.of(t, false)!;
    let best: { lists: number[][]; size: number } | undefined;
    for (const a of t.view.actionsLower) {
      const c = g.actions.lists(a);
      if (!best || c.size < best.size) best = c;
      if (best.size <= 1) return best.lists; // the statement itself only
    }
    for (const r of t.statement.resource ?? []) {
      const c = g.resources.lists(r.value);
      if (!best || c.size < best.size) best = c;
      if (best.size <= 1) return best.lists;
    }
    if (best && best.size > 1 && best.size > g.unconditional.length) {
      const c = {
        lists: g.unconditional.length > 0 ? [g.unconditional] : [],
        size: g.unconditional.length,
      };
      if (t.statement.conditions.length > 0)
        for (const clause of t.clauses) {
          const list = g.byClause.get(clause);
          if (list) {
            c.lists.push(list);
            c.size += list.length;
          }
        }
      if (c.size < best.size) best = c;
    }
    return best?.lists ?? [];
  }
}

/** Most policies have a few statements: below this, `FewStatements` is cheaper than `Groups`. */
const FEW = 64;

/**
 * The candidates of a policy of a few statements: those that name a
 * statement's first action, and those with a wildcard action. Building
 * `Groups` costs more than it saves on the 1,594 AWS managed policies.
 */
class FewStatements {
  private readonly naming = new Map<string, number[]>();
  private readonly wild: number[] = [];

  constructor(shapes: readonly Shape[]) {
    for (const t of shapes)
      if (!t.negated && t.view.actionsLower.length > 0)
        this.naming.set(t.view.actionsLower[0]!, []);
    shapes.forEach((t, j) => {
      if (t.negated) return;
      let isWild = false;
      for (const a of t.view.actionsLower) {
        if (!isWild && (a.includes("*") || a.includes("?"))) isWild = true;
        const list = this.naming.get(a);
        if (list && list[list.length - 1] !== j) list.push(j);
      }
      if (isWild) this.wild.push(j);
    });
  }

  candidates(t: Shape): readonly (readonly number[])[] {
    const named = this.naming.get(t.view.actionsLower[0]!) ?? [];
    if (named.length < 2 && this.wild.length === 0) return [];
    return this.wild.length === 0 ? [named] : [named, this.wild];
  }
}

/**
 * Each statement that another covers, with the first statement (in the
 * policy's order) that does; of two that cover each other, the later is
 * the redundant one. Stops when `budget` runs out: `compared` then says
 * how many statements were checked.
 */
export function redundantStatements(
  statements: readonly StatementView[],
  budget: WorkBudget = new WorkBudget(),
  /** Up to this many statements, the plain index (see `FewStatements`). */
  few = FEW,
): { redundant: [number, number][]; compared: number } {
  const redundant: [number, number][] = [];
  if (statements.length < 2) return { redundant, compared: statements.length };
  const shapes = statements.map((v) => new Shape(v));
  const groups = shapes.length <= few ? new FewStatements(shapes) : new Groups(shapes);
  for (const [i, shape] of shapes.entries()) {
    if (shape.negated || shape.view.actionsLower.length === 0) continue;
    // Each comparison costs about one look-up per action and resource of the narrower.
    const cost = 1 + shape.view.actionsLower.length + (shape.statement.resource?.length ?? 0);
    const by = firstInUnion(groups.candidates(shape), (j) => {
      if (j === i) return false;
      if (!budget.spend(cost)) return null;
      return covers(shapes[j]!, shape) && (j < i || !covers(shape, shapes[j]!));
    });
    if (budget.exhausted) return { redundant, compared: i };
    if (by !== undefined) redundant.push([i, by]);
  }
  return { redundant, compared: shapes.length };
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
    const statements = policy.statements;
    const { redundant, compared } = redundantStatements(statements);
    const out = redundant.map(([i, by]) => {
      const s = statements[i]!.statement;
      const [does, doNot] = s.effect === "Allow" ? ["allows", "allow"] : ["denies", "deny"];
      return {
        message: `statement ${statementLabel(s)} ${does} nothing that statement ${statementLabel(statements[by]!.statement)} does not already ${doNot}`,
        help: "remove it, or merge what it was meant to add into the other statement",
        location: s.loc,
      };
    });
    if (compared < statements.length)
      out.push(
        cappedFinding(
          redundantStatement.id,
          compared,
          statements.length,
          "statements",
          policy.policy.loc,
        ),
      );
    return out;
  },
};
