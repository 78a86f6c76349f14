import { closest } from "../../../diagnostics/index.js";
import type { AwsRule } from "./rule.js";

/**
 * Condition keys that no service defines. A condition on a key AWS never
 * sends is false (or, negated, always true): the statement does not do what
 * it says. Web identity and SAML keys (`host:claim`) are not in the catalog.
 */
export const unknownConditionKey: AwsRule = {
  id: "aws/unknown-condition-key",
  title: "Unknown condition key",
  category: "invalid",
  severity: "high",
  description: "A condition uses a key that neither AWS globally nor the named service defines.",
  checkPolicy({ policy, catalog }) {
    const out = [];
    for (const s of policy.statements) {
      for (const c of s.statement.conditions) {
        const colon = c.key.indexOf(":");
        const prefix = c.key.slice(0, colon).toLowerCase();
        if (prefix.includes(".") || prefix.includes("/")) continue; // web identity / SAML provider keys
        if (prefix === "aws") {
          if (!catalog.globalConditionKey(c.key)) {
            out.push({
              message: `unknown global condition key \`${c.key}\``,
              help: "see AWS global condition context keys",
              location: c.loc,
            });
          }
          continue;
        }
        const svc = catalog.service(prefix);
        if (!svc) continue; // unknown services are reported by aws/unknown-action
        const lower = c.key.toLowerCase();
        const known = [...svc.conditionKeys.keys()];
        const ok = known.some(
          (k) => k === lower || (/[$<]/.test(k) && lower.startsWith(k.slice(0, k.search(/[$<]/)))),
        );
        if (!ok) {
          const near = closest(
            c.key,
            [...svc.conditionKeys.values()].map((k) => k.key),
          );
          out.push({
            message: `\`${prefix}\` has no condition key \`${c.key}\``,
            help: near ? `did you mean \`${near}\`?` : `see the condition keys of ${svc.name}`,
            location: c.loc,
          });
        }
      }
    }
    return out;
  },
};
