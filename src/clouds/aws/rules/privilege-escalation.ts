import {
  type AwsRule,
  type LintedPolicy,
  type StatementView,
  serviceOf,
  servicesNamed,
} from "./rule.js";
import { ESCALATION_PATHS } from "./support/escalation-paths.js";

/**
 * The first Allow across the principal's policies that grants the action
 * beyond the principal's own user, and, for
 * `iam:PassRole`, to one of the services the path runs code in.
 */
function grantOf(
  policies: readonly LintedPolicy[],
  action: string,
  passedTo: readonly string[] | undefined,
): StatementView | undefined {
  for (const p of policies) {
    for (const s of p.statements) {
      if (!s.allow || !s.covers(action) || !s.beyondSelf) continue;
      // Passing exactly named roles reaches only what those roles can do: like cloudsplaining,
      // a path needs PassRole on `*` or a pattern of roles, one of which may be more powerful.
      if (
        action === "iam:PassRole" &&
        !s.anyResource &&
        !(s.statement.resource ?? []).some((r) => /[*?]/.test(r.value))
      )
        continue;
      // Passed to a service the path runs code in, as the condition on iam:PassedToService allows.
      if (
        action === "iam:PassRole" &&
        passedTo &&
        !passedTo.some((svc) => s.conditionAllows("iam:PassedToService", svc))
      )
        continue;
      return s;
    }
  }
  return undefined;
}

/**
 * Judged across all the policies of one principal, not one document at a
 * time: `iam:PassRole` in one policy and `ec2:RunInstances` in another add
 * up to a path. Explicit denies of the same action are taken into account.
 */
export const privilegeEscalation: AwsRule = {
  id: "aws/privilege-escalation",
  title: "Privilege escalation path",
  category: "privilege-escalation",
  severity: "error",
  description:
    "The principal's policies together grant every action of a known privilege-escalation path.",
  checkPrincipal({ policies, principal, bounded }) {
    const out = [];
    // Paths share actions (iam:PassRole above all): each answer is worked out once per principal.
    const deniedMemo = new Map<string, boolean>();
    const denied = (action: string) => {
      let d = deniedMemo.get(action);
      if (d === undefined) {
        d = policies.some((p) =>
          p.statements.some(
            (s) => !s.allow && s.covers(action) && s.everyResource && s.unconditional,
          ),
        );
        deniedMemo.set(action, d);
      }
      return d;
    };
    // Cheap first pass: a path whose actions no Allow even mentions is skipped.
    const allows = policies.flatMap((p) => p.statements.filter((s) => s.allow));
    const mentioned = new Map<string, boolean>();
    const anyAllow = (action: string) => {
      let m = mentioned.get(action);
      if (m === undefined) {
        m = allows.some((s) => s.covers(action)) && bounded(action);
        mentioned.set(action, m);
      }
      return m;
    };
    const services = servicesNamed(allows);
    for (const path of ESCALATION_PATHS) {
      // An action of a service no Allow names is not held: a set look-up, before any matching.
      if (services && !path.actions.every((a) => services.has(serviceOf(a)))) continue;
      if (!path.actions.every(anyAllow)) continue;
      const grants = path.actions.map((a) =>
        denied(a) ? undefined : grantOf(policies, a, path.passedTo),
      );
      if (grants.some((g) => g === undefined)) continue;
      const first = grants[grants.length - 1]!;
      out.push({
        message: `${principal} can escalate (${path.id}): ${path.actions.map((a) => `\`${a}\``).join(" + ")} lets it ${path.how}`,
        help: "remove one of the actions, or scope it to resources that cannot lead to more privilege (and PassRole with iam:PassedToService)",
        location: first.statement.loc,
      });
    }
    return out;
  },
};
