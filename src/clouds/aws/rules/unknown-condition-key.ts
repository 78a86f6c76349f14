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
        if (!svc) {
          const near = closest(prefix, catalog.serviceKeys());
          out.push({
            message: `unknown service \`${prefix}\` in condition key \`${c.key}\``,
            help: near
              ? `did you mean \`${near}:${c.key.slice(colon + 1)}\`?`
              : "check the service prefix",
            location: c.loc,
          });
          continue;
        }
        const lower = c.key.toLowerCase();
        const known = [...svc.conditionKeys.keys()];
        // Keys with a variable part (`${TagKey}`, `<key>`, `tag-key`, or a bare trailing `/`) match by prefix.
        const prefixes = known
          .filter((k) => k.includes("/"))
          .map((k) => k.slice(0, k.lastIndexOf("/") + 1));
        const ok =
          known.includes(lower) ||
          prefixes.some((p) => lower.startsWith(p) && lower.length > p.length);
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
