import { statementLabel } from "../policy/types.js";
import type { CompiledPolicy } from "./compiled-policy.js";
import { evaluateCondition } from "./condition.js";
import type { DecisionInputs, DecisionOutcome, LevelsVerdict } from "./decide.js";
import type { ConditionTrace, Explanation, StatementTrace } from "./explanation.js";
import type { CompiledLayers, Layer, LayerVerdict } from "./layers.js";
import type { PreparedRequest } from "./prepared-request.js";
import { strongerMatch } from "./principal-match.js";
import { type CompiledStatement, matchResource, principalMatch } from "./statement.js";

/**
 * Re-walks one statement recording each step; the slow, explaining twin of
 * `evaluateLayer`. Optional members are set only when present (the keys keep
 * their order), written out rather than spread: a batch builds millions.
 */
function traceStatement(
  s: CompiledStatement,
  layer: Layer,
  req: PreparedRequest,
  level?: number,
): StatementTrace {
  const resource = matchResource(s.resource, req.resource, req.ctx);
  const kind = layer === "resource" ? principalMatch(s, req.principal, req.hasBoundary) : "exact";
  const conditions: ConditionTrace[] = [];
  let allHold = true;
  for (const c of s.conditions) {
    const o = evaluateCondition(c, req.ctx);
    const values: (string | null)[] = [];
    for (const v of o.policyValues) values.push(v ?? null);
    const t: ConditionTrace = {
      operator: c.clause.rawOperator,
      key: c.clause.key,
      contextValue: o.contextValue ?? null,
      values,
      matched: o.matched,
    };
    if (o.missingVariables.length > 0) t.missingVariables = o.missingVariables;
    if (!o.matched) allHold = false;
    conditions.push(t);
  }
  const resourceTrace: StatementTrace["resource"] = { matched: resource.matched };
  if (resource.pattern !== undefined) resourceTrace.by = resource.pattern;
  if (resource.missingVariables.length > 0)
    resourceTrace.missingVariables = resource.missingVariables;
  const trace = { layer } as StatementTrace;
  if (level !== undefined) trace.level = level;
  trace.policy = s.policy.name;
  trace.statement = statementLabel(s.statement);
  trace.effect = s.deny ? "Deny" : "Allow";
  trace.matched = resource.matched && kind !== undefined && allHold;
  trace.resource = resourceTrace;
  if (layer === "resource") trace.principal = kind ? { matched: true, kind } : { matched: false };
  trace.conditions = conditions;
  trace.line = s.statement.loc.line;
  trace.column = s.statement.loc.column;
  return trace;
}

/** What each layer said, read off its traces: the combination step's inputs. */
export interface TracedVerdicts {
  scp: LevelsVerdict | undefined;
  rcp: LevelsVerdict | undefined;
  resource: LayerVerdict | undefined;
  identity: LayerVerdict;
  boundary: LayerVerdict | undefined;
  session: LayerVerdict | undefined;
}

/**
 * Traces every statement whose action covers the request, layer by layer,
 * and reads each layer's verdict off its traces: the explaining path
 * evaluates each statement once. The verdicts decide as `evaluateLayer`'s do:
 * past a matching Deny, which the fast path stops at, the combination looks
 * at nothing else (an explicit deny wins); SCP and RCP levels after a
 * denying one count for nothing, as in `evaluateLevels`.
 */
export function traceLayers(
  layers: CompiledLayers,
  req: PreparedRequest,
  scpApplies: boolean,
  rcpApplies: boolean,
): { traces: StatementTrace[]; verdicts: TracedVerdicts } {
  const traces: StatementTrace[] = [];
  const walk = (policies: readonly CompiledPolicy[], layer: Layer, level?: number) => {
    const v: LayerVerdict = {
      deny: false,
      allow: false,
      allowKind: undefined,
      denyKind: undefined,
    };
    for (const p of policies)
      for (const s of p.candidates(req.action)) {
        const t = traceStatement(s, layer, req, level);
        traces.push(t);
        if (!t.matched) continue;
        // Identity-side statements match their owner exactly; resource-side ones say how.
        const kind = layer === "resource" ? t.principal?.kind : "exact";
        if (s.deny) {
          v.deny = true;
          v.denyKind = strongerMatch(v.denyKind, kind);
        } else {
          v.allow = true;
          v.allowKind = strongerMatch(v.allowKind, kind);
        }
      }
    return v;
  };
  const levels = (
    all: CompiledPolicy[][] | undefined,
    layer: Layer,
    applies: boolean,
  ): LevelsVerdict | undefined => {
    if (!all || !applies) return undefined;
    let deny = false;
    let firstLevelWithoutAllow: number | undefined;
    all.forEach((level, i) => {
      const v = walk(level, layer, i);
      if (deny) return;
      if (v.deny) deny = true;
      else if (!v.allow && firstLevelWithoutAllow === undefined) firstLevelWithoutAllow = i;
    });
    return {
      deny,
      allowAtEveryLevel: firstLevelWithoutAllow === undefined,
      firstLevelWithoutAllow,
    };
  };
  // In the order explanations have always listed them.
  const scp = levels(layers.scp, "scp", scpApplies);
  const rcp = levels(layers.rcp, "rcp", rcpApplies);
  const resource = layers.resource && walk(layers.resource, "resource");
  const identity = walk(layers.identity, "identity");
  const boundary = layers.boundary && walk(layers.boundary, "boundary");
  const session = layers.session && walk(layers.session, "session");
  return { traces, verdicts: { scp, rcp, resource, identity, boundary, session } };
}

/** The explanation of a decision, from the traces it was read off. */
export function explanationOf(
  traces: StatementTrace[],
  req: PreparedRequest,
  inputs: DecisionInputs,
  outcome: DecisionOutcome,
  catalogVersion: string,
): Explanation {
  const deciding = traces.filter(
    (t) =>
      t.matched &&
      (outcome.decision === "ExplicitlyDenied"
        ? t.effect === "Deny"
        : outcome.decision === "Allowed" &&
          t.effect === "Allow" &&
          outcome.grantedBy.includes(t.layer)),
  );
  const who = req.principal;
  const resourceAccount = req.ctx.get("aws:resourceaccount");
  return {
    decision: outcome.decision,
    reason: outcome.reason,
    deniedBy: outcome.deniedBy,
    blockedBy: outcome.blockedBy ?? null,
    grantedBy: outcome.grantedBy,
    deciding,
    otherMatches: traces.filter((t) => t.matched && !deciding.includes(t)),
    nearMisses: traces.filter((t) => !t.matched),
    principal: { arn: who.raw, kind: who.kind, account: who.account ?? null },
    resourceAccount: typeof resourceAccount === "string" ? resourceAccount : null,
    sameAccount: inputs.sameAccount,
    applied: { scp: inputs.scp !== undefined, rcp: inputs.rcp !== undefined },
    resourcePolicyRequirement: inputs.requirement ?? null,
    defaultedContext: req.defaulted,
    catalogVersion,
  };
}
