import type { ConditionBlock, PolicyStatementJson } from "./types.js";

/** A statement being built, with the requests that must prove it (self-check). */
export interface DraftStatement {
  sid: string;
  effect: "Allow" | "Deny";
  actions?: string[];
  notActions?: string[];
  resources: string[];
  conditions?: ConditionBlock;
  /** Which spec need this serves, for the self-check's count. */
  need?: string;
}

function sorted(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

function sortConditions(c: ConditionBlock | undefined): ConditionBlock | undefined {
  if (!c || Object.keys(c).length === 0) return undefined;
  const out: ConditionBlock = {};
  for (const op of Object.keys(c).sort()) {
    const inner: Record<string, string | string[]> = {};
    for (const key of Object.keys(c[op]!).sort()) inner[key] = c[op]![key]!;
    out[op] = inner;
  }
  return out;
}

/** The values of an Action or Resource element as a list. */
function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : typeof v === "string" ? [v] : v;
}

/**
 * Whether `t` grants all that `s` grants and more: the same effect and
 * conditions, and a strict superset of its actions and resources (compared
 * as written: generated statements name exact actions). `aws/redundant-statement`
 * would report `s`.
 */
function strictlyCovers(t: PolicyStatementJson, s: PolicyStatementJson): boolean {
  if (t === s || t.Effect !== s.Effect || t.NotAction || s.NotAction) return false;
  if (JSON.stringify(t.Condition) !== JSON.stringify(s.Condition)) return false;
  const tActions = new Set(values(t.Action));
  const tResources = new Set(values(t.Resource));
  const sActions = values(s.Action);
  const sResources = values(s.Resource);
  return (
    sActions.every((a) => tActions.has(a)) &&
    sResources.every((r) => tResources.has(r)) &&
    sActions.length + sResources.length < tActions.size + tResources.size
  );
}

/**
 * Renders drafts as policy statements: actions and resources sorted and
 * de-duplicated, statements identical but for their Sid merged, statements
 * that another one strictly covers dropped (two needs may ask for the same
 * tagging grant on overlapping resources), so the same spec always gives the
 * same bytes.
 */
export function toStatements(drafts: readonly DraftStatement[]): PolicyStatementJson[] {
  const unique: PolicyStatementJson[] = [];
  const seen = new Set<string>();
  for (const d of drafts) {
    const s: PolicyStatementJson = { Sid: d.sid, Effect: d.effect };
    if (d.actions) s.Action = sorted(d.actions);
    if (d.notActions) s.NotAction = sorted(d.notActions);
    s.Resource = d.resources.length === 1 ? d.resources[0]! : sorted(d.resources);
    const c = sortConditions(d.conditions);
    if (c) s.Condition = c;
    const key = JSON.stringify({ ...s, Sid: undefined });
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(s);
  }
  // Strict covering has no cycles, so every covered statement can go at once.
  const out = unique.filter((s) => !unique.some((t) => strictlyCovers(t, s)));
  // The same Sid twice would make the policy invalid: number the later ones, among those kept.
  const taken = new Set<string>();
  for (const s of out) {
    const base = s.Sid!;
    let sid = base;
    for (let n = 2; taken.has(sid); n++) sid = `${base}${n}`;
    s.Sid = sid;
    taken.add(sid);
  }
  return out;
}
