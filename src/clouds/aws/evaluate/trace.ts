import { statementLabel } from "../policy/types.js";
import type { CompiledPolicy } from "./compiled-policy.js";
import { evaluateCondition } from "./condition.js";
import type { DecisionInputs, DecisionOutcome } from "./decide.js";
import type { Explanation, StatementTrace } from "./explanation.js";
import type { CompiledLayers, Layer } from "./layers.js";
import type { PreparedRequest } from "./prepared-request.js";
import { type CompiledStatement, matchResource, principalMatch } from "./statement.js";

/** Re-walks one statement recording each step; the slow, explaining twin of `evaluateLayer`. */
function traceStatement(
  s: CompiledStatement,
  layer: Layer,
  req: PreparedRequest,
  level?: number,
): StatementTrace {
  const resource = matchResource(s.resource, req.resource, req.ctx);
  const kind = layer === "resource" ? principalMatch(s, req.principal, req.hasBoundary) : "exact";
  const conditions = s.conditions.map((c) => {
    const o = evaluateCondition(c, req.ctx);
    return {
      operator: c.clause.rawOperator,
      key: c.clause.key,
      contextValue: o.contextValue ?? null,
      values: o.policyValues.map((v) => v ?? null),
      matched: o.matched,
      ...(o.missingVariables.length > 0 ? { missingVariables: o.missingVariables } : {}),
    };
  });
  const matched = resource.matched && kind !== undefined && conditions.every((c) => c.matched);
  return {
    layer,
    ...(level !== undefined ? { level } : {}),
    policy: s.policy.name,
    statement: statementLabel(s.statement),
    effect: s.deny ? "Deny" : "Allow",
    matched,
    resource: {
      matched: resource.matched,
      ...(resource.pattern !== undefined ? { by: resource.pattern } : {}),
      ...(resource.missingVariables.length > 0
        ? { missingVariables: resource.missingVariables }
        : {}),
    },
    ...(layer === "resource"
      ? { principal: { matched: kind !== undefined, ...(kind ? { kind } : {}) } }
      : {}),
    conditions,
    line: s.statement.loc.line,
    column: s.statement.loc.column,
  };
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
