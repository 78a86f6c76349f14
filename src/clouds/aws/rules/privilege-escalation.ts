import { hasTemplateExpression } from "../policy/condition-values.js";
import {
  type AwsRule,
  type FindingBody,
  type LintedPolicy,
  type StatementView,
  serviceOf,
  servicesNamed,
} from "./rule.js";
import { leadsFurther } from "./support/escalation-grants.js";
import { ESCALATION_PATHS, type EscalationPath } from "./support/escalation-paths.js";
import { fullAdminKind } from "./support/full-admin.js";

/**
 * The first Allow across the principal's policies that grants the action
 * on something that leads further (support/escalation-grants.ts), and, for
 * `iam:PassRole`, to one of the services the path runs code in. A full
 * admin statement comes first: the paths it grants are then reported at it,
 * and folded into its aws/full-admin finding.
 */
function grantOf(
  allows: readonly StatementView[],
  action: string,
  passedTo: readonly string[] | undefined,
): StatementView | undefined {
  for (const s of allows) {
    if (!s.covers(action) || !leadsFurther(s, action)) continue;
    // Passed to a service the path runs code in, as the condition on iam:PassedToService allows.
    if (
      action === "iam:PassRole" &&
      passedTo &&
      !passedTo.some((svc) => s.conditionAllows("iam:PassedToService", svc))
    )
      continue;
    return s;
  }
  return undefined;
}

/** One finding for the paths reported at one statement: one path in full, several by id and actions. */
function finding(
  principal: string,
  at: StatementView,
  paths: readonly EscalationPath[],
): FindingBody {
  const actions = (p: EscalationPath) => p.actions.map((a) => `\`${a}\``).join(" + ");
  const first = paths[0]!;
  // Resources that are all template expressions (`${var.arns}`) may or may not lead further:
  // still reported (a gate does not pass what it cannot know), but not as a certainty.
  const resources = at.statement.resource ?? [];
  const unknown =
    at.statement.notResource === undefined &&
    resources.length > 0 &&
    resources.every((r) => hasTemplateExpression(r.value));
  const can = unknown ? "may" : "can";
  const shown = resources[0]?.value ?? "";
  const known = unknown
    ? `, if \`${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}\` (known only at deployment) names such a resource`
    : "";
  return {
    message:
      paths.length === 1
        ? `${principal} ${can} escalate (${first.id}): ${actions(first)} lets it ${first.how}${known}`
        : `${principal} ${can} escalate by ${paths.length} paths${known}: ${paths.map((p) => `(${p.id}): ${actions(p)}`).join("; ")}`,
    help: "remove one action of each path, or scope it to resources that cannot lead to more privilege (and PassRole with iam:PassedToService); docs/rules/privilege-escalation.md says what each path lets it do",
    location: at.statement.loc,
  };
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
  severity: "high",
  description:
    "The principal's policies together grant every action of a known privilege-escalation path.",
  checkPrincipal({ policies, principal, bounded }) {
    // Paths share actions (iam:PassRole above all): each answer is worked out once per principal.
    const deniedMemo = new Map<string, boolean>();
    const denied = (action: string) => {
      let d = deniedMemo.get(action);
      if (d === undefined) {
        d = policies.some((p: LintedPolicy) =>
          p.statements.some(
            (s) => !s.allow && s.covers(action) && s.everyResource && s.unconditional,
          ),
        );
        deniedMemo.set(action, d);
      }
      return d;
    };
    const allows = policies.flatMap((p) => p.statements.filter((s) => s.allow));
    // Full admin statements first (a stable sort keeps the policies' order otherwise).
    const ordered = allows.some((s) => fullAdminKind(s))
      ? [...allows].sort((a, b) => Number(!fullAdminKind(a)) - Number(!fullAdminKind(b)))
      : allows;
    // Cheap first pass: a path whose actions no Allow even mentions is skipped.
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
    // The paths of each statement, reported together at it (in the order of the paths).
    const byStatement = new Map<StatementView, EscalationPath[]>();
    for (const path of ESCALATION_PATHS) {
      // An action of a service no Allow names is not held: a set look-up, before any matching.
      if (services && !path.actions.every((a) => services.has(serviceOf(a)))) continue;
      if (!path.actions.every(anyAllow)) continue;
      const grants = path.actions.map((a) =>
        denied(a) ? undefined : grantOf(ordered, a, path.passedTo),
      );
      if (grants.some((g) => g === undefined)) continue;
      const at = grants[grants.length - 1]!;
      const list = byStatement.get(at);
      if (list) list.push(path);
      else byStatement.set(at, [path]);
    }
    return [...byStatement].map(([at, paths]) => finding(principal, at, paths));
  },
};
