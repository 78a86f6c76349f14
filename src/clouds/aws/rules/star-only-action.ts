import { hasTemplateExpression } from "../policy/condition-values.js";
import type { AwsRule, FindingBody } from "./rule.js";

/**
 * Whether a Resource value matches the resource `*` that a request for an
 * action without resource types carries (docs/semantics/aws.md, "Statements"):
 * `*` itself, or a pattern of `*` and one `?`.
 */
function matchesStar(value: string): boolean {
  return value === "*" || (value.length > 0 && /^\**\??\**$/.test(value));
}

/**
 * An action that the catalog lists with no resource type (`ec2:DescribeInstances`,
 * `s3:ListAllMyBuckets`, `sts:GetCallerIdentity`) is requested on the resource
 * `*`: a statement that names only ARNs grants (or denies) nothing for it.
 * Asking for a condition, as for a grant on `*`, would be the wrong advice.
 */
export const starOnlyAction: AwsRule = {
  id: "aws/star-only-action",
  title: 'Action that takes only "Resource": "*" given specific ARNs',
  category: "invalid",
  severity: "medium",
  description:
    'A statement names an action that takes only "Resource": "*" but lists only specific ARNs, so it grants or denies nothing for that action.',
  checkPolicy({ policy, expander }) {
    const out: FindingBody[] = [];
    for (const s of policy.statements) {
      const st = s.statement;
      const resources = st.resource;
      // NotResource leaves `*` in; trust policies name no resource.
      if (!st.action || !resources || resources.length === 0) continue;
      // An expression of CloudFormation or Terraform may stand for `*`.
      if (resources.some((r) => matchesStar(r.value) || hasTemplateExpression(r.value))) continue;
      const verb = s.allow ? "grants" : "denies";
      const expanded = s.expanded(expander);
      for (let i = 0; i < st.action.length; i++) {
        const a = st.action[i]!;
        const infos = expanded[i]!;
        // `*` and wildcards naming some ARN actions are other rules' (or fine); a pattern
        // naming only actions without resource types is the same mistake.
        if (a.value === "*" || infos.length === 0 || !infos.every((x) => x.wildcardOnly)) continue;
        const what =
          infos.length === 1 && !/[*?]/.test(a.value) ? "takes" : "names only actions that take";
        out.push({
          message: `\`${a.value}\` ${what} only \`"Resource": "*"\`; this statement ${verb} nothing for it`,
          help: `move \`${a.value}\` to a statement with \`"Resource": "*"\` (a condition such as \`aws:RequestedRegion\` can narrow it there), or remove it`,
          location: a.loc,
        });
      }
    }
    return out;
  },
};
