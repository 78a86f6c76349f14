import type { ActionInfo } from "../catalog/types.js";
import type { LocatedString } from "../policy/types.js";
import type { AwsRule } from "./rule.js";

/**
 * `"Resource": "*"` on actions that take resource ARNs, or a pattern that
 * names every resource of the type they take (`arn:aws:s3:::*\/*`,
 * `arn:*:ecr:*:*:repository/*`): the same grant written longer. Actions that
 * only accept `*` (wildcard-only in the catalog, e.g.
 * `ecr:GetAuthorizationToken`) are not findings: there is nothing narrower
 * to write.
 */
export const starResource: AwsRule = {
  id: "aws/star-resource",
  title: "Resource * on actions that take ARNs",
  category: "overly-permissive",
  severity: "medium",
  description: "An Allow statement applies actions that accept resource ARNs to every resource.",
  // Not boundaries: a boundary is a ceiling, meant to be broad.
  types: ["identity", "session"],
  checkPolicy({ policy, catalog, expander }) {
    const out = [];
    for (const s of policy.statements) {
      // A condition may narrow the resources (e.g. s3:ResourceAccount): the rule trusts it.
      const resources = s.statement.resource;
      if (
        !s.allow ||
        !resources?.some((r) => r.value.includes("*")) ||
        s.statement.notAction ||
        !s.unconditional
      )
        continue;
      const star = resources.find((r) => r.value === "*");
      if (s.statement.action?.some((a) => a.value === "*")) continue; // aws/star-action says it already
      // Each action once (two patterns may name the same), in the order the patterns name them.
      // One pattern names each action once: no set for it (the common case).
      const expanded = s.expanded(expander);
      const seen = expanded.length > 1 ? new Set<ActionInfo>() : undefined;
      const examples: string[] = [];
      let count = 0;
      // Without `*`, the first pattern that names every resource of an action's type.
      let broad: LocatedString | undefined;
      // Indexed loops: wildcards expand to hundreds of actions, and this runs before the JIT
      // has optimized it, where for-of allocates a result object per step.
      for (let i = 0; i < expanded.length; i++) {
        const infos = expanded[i]!;
        for (let j = 0; j < infos.length; j++) {
          const a = infos[j]!;
          if (a.wildcardOnly) continue;
          if (!star) {
            const every = s.everyResourceOf(catalog, a);
            if (!every) continue;
            broad ??= every;
          }
          if (seen) {
            if (seen.has(a)) continue;
            seen.add(a);
          }
          count++;
          if (examples.length < 3) examples.push(a.fullName);
        }
      }
      if (count > 0) {
        const example = examples.join("`, `");
        const actions = `${count} ${count > 1 ? "actions that take" : "action that takes"} resource ARNs (\`${example}\`${count > 3 ? ", ..." : ""})`;
        out.push({
          message: star
            ? `\`Resource: "*"\` on ${actions}`
            : `\`${broad!.value}\` names every resource of its type, as \`*\` does, on ${actions}`,
          help: "name the ARNs the actions need, or add a condition that narrows them",
          location: (star ?? broad)!.loc,
        });
      }
    }
    return out;
  },
};
