import { type AwsRule, serviceOf } from "../rule.js";

/** What a rule of fixed actions reports, and when. */
export interface ActionSetRule {
  /** The actions, in the order findings name them. */
  actions: readonly string[];
  /** Skip statements with a condition (trusted to narrow the grant). */
  unconditionalOnly: boolean;
  /** The message, from the actions the statement grants (at least one). */
  message: (granted: readonly string[]) => string;
  help: string;
}

/**
 * Rules of one shape: an Allow on every resource of actions from a fixed
 * set, reported once per statement with the actions it grants. The actions
 * are checked against the statement's compiled patterns, so `iam:*`, `*` and
 * a NotAction that leaves them count: cheaper than expanding a pattern into
 * twenty thousand names.
 */
export function actionSetRule(
  meta: Omit<AwsRule, "checkPolicy" | "checkPrincipal" | "types">,
  spec: ActionSetRule,
): AwsRule {
  const services = spec.actions.map(serviceOf);
  return {
    ...meta,
    types: ["identity", "session"],
    checkPolicy({ policy, catalog }) {
      const out = [];
      for (const s of policy.statements) {
        if (!s.allow || !s.mayReachEvery || (spec.unconditionalOnly && !s.unconditional)) continue;
        // Actions of services the statement does not name are skipped without matching.
        const named = s.actionServices;
        // On every resource: `*`, or a pattern naming every resource of a type the action takes.
        const granted = spec.actions.filter(
          (a, i) =>
            (!named || named.has(services[i]!)) && s.covers(a) && s.anyResourceFor(catalog, a),
        );
        if (granted.length > 0)
          out.push({ message: spec.message(granted), help: spec.help, location: s.statement.loc });
      }
      return out;
    },
  };
}
