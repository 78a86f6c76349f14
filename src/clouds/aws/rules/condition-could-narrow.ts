import type { ActionInfo } from "../catalog/types.js";
import { hasTemplateExpression } from "../policy/condition-values.js";
import type { AwsRule } from "./rule.js";
import { memoizePerObject } from "./support/memo.js";

/** Writes and permission changes: reads and lists are left to the broader rules. */
function changesThings(a: ActionInfo): boolean {
  return a.accessLevel.includes("Write") || a.accessLevel.includes("Permissions management");
}

/**
 * The condition keys that could narrow an action, the service's own first;
 * null unless it takes no ARN, writes, and has keys.
 */
const narrowingKeys = memoizePerObject((a: ActionInfo): string[] | null => {
  if (!a.wildcardOnly || !changesThings(a)) return null;
  const keys = new Set(a.conditionKeys);
  for (const rt of a.resourceTypes) for (const k of rt.conditionKeys) keys.add(k);
  if (keys.size === 0) return null;
  const own = `${a.service}:`;
  const mine = [...keys].filter((k) => k.toLowerCase().startsWith(own));
  const others = [...keys].filter((k) => !k.toLowerCase().startsWith(own));
  return [...mine, ...others];
});

/**
 * An action that takes no resource ARN can be narrowed only by a condition.
 * `aws/star-resource` leaves these actions alone (there is no ARN to name);
 * this rule says which condition keys the catalog lists for them, so that an
 * unconditional grant of, say, `kms:CreateKey` can be pinned to a key spec or
 * a request tag.
 */
export const conditionCouldNarrow: AwsRule = {
  id: "aws/condition-could-narrow",
  title: "Grant that only a condition can narrow",
  category: "suggestion",
  severity: "low",
  description:
    "An unconditional Allow grants write actions that take no resource ARN, though the catalog lists condition keys that could narrow them.",
  types: ["identity", "session"],
  checkPolicy({ policy, expander }) {
    const out = [];
    for (const s of policy.statements) {
      const actions = s.statement.action;
      if (!s.allow || !actions || !s.unconditional) continue;
      // These actions are requested on `*`: without a Resource that matches it the statement
      // grants nothing for them (aws/star-only-action says so), and a condition would not help.
      const resources = s.statement.resource;
      if (
        resources &&
        !resources.some((r) => /^\**\??\**$/.test(r.value) || hasTemplateExpression(r.value))
      )
        continue;
      const found = new Map<string, string[]>();
      const infos = s.expanded(expander);
      for (let i = 0; i < actions.length; i++) {
        const value = actions[i]!.value;
        // `*` and `service:*` are aws/star-action's to report.
        if (value === "*" || value.endsWith(":*")) continue;
        const named = infos[i]!;
        // Indexed, as in aws/star-resource: patterns expand to hundreds of actions.
        for (let j = 0; j < named.length; j++) {
          const info = named[j]!;
          // Most actions take an ARN: the cheap test first.
          if (!info.wildcardOnly) continue;
          const keys = narrowingKeys(info);
          if (keys && !found.has(info.fullName)) found.set(info.fullName, keys);
        }
      }
      if (found.size === 0) continue;
      const [[first, keys]] = [...found] as [[string, string[]]];
      const more =
        found.size > 1 ? ` and ${found.size - 1} more action${found.size > 2 ? "s" : ""}` : "";
      out.push({
        message: `\`${first}\`${more} take${found.size > 1 ? "" : "s"} no resource ARN, and the statement has no condition to narrow ${found.size > 1 ? "them" : "it"}`,
        help: `add a condition on a key the action supports (for \`${first}\`: ${keys
          .slice(0, 5)
          .map((k) => `\`${k}\``)
          .join(", ")}${keys.length > 5 ? ", ..." : ""}), or \`aws:RequestedRegion\``,
        location: s.statement.loc,
      });
    }
    return out;
  },
};
