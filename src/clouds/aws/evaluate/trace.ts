import { statementLabel } from "../policy/types.js";
import type { CompiledPolicy } from "./compiled-policy.js";
import { evaluateCondition } from "./condition.js";
import type { DecisionInputs, DecisionOutcome } from "./decide.js";
import type { ConditionTrace, Explanation, StatementTrace } from "./explanation.js";
import type { CompiledLayers, Layer } from "./layers.js";
import type { PreparedRequest } from "./prepared-request.js";
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

export function traceRequest(
  layers: CompiledLayers,
  req: PreparedRequest,
  inputs: DecisionInputs,
  outcome: DecisionOutcome,
  catalogVersion: string,
): Explanation {
  const traces: StatementTrace[] = [];
  const walk = (policies: CompiledPolicy[] | undefined, layer: Layer, level?: number) => {
    for (const p of policies ?? [])
      for (const s of p.candidates(req.action)) traces.push(traceStatement(s, layer, req, level));
  };
  if (inputs.scp)
    layers.scp?.forEach((lv, i) => {
      walk(lv, "scp", i);
    });
  if (inputs.rcp)
    layers.rcp?.forEach((lv, i) => {
      walk(lv, "rcp", i);
    });
  walk(layers.resource, "resource");
  walk(layers.identity, "identity");
  walk(layers.boundary, "boundary");
  walk(layers.session, "session");

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
