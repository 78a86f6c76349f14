import { closest } from "../../../diagnostics/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import type { AwsRule } from "./rule.js";
import { memoize } from "./support/memo.js";

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
        const verdict = verdictOf(catalog, c.key);
        if (verdict) out.push({ ...verdict, location: c.loc });
      }
    }
    return out;
  },
};

/** A key's finding without its location; null when the key is known (or not the catalog's). */
type Verdict = { message: string; help: string } | null;

// Policies repeat their condition keys: each is judged once.
const verdictOf = memoize((catalog: AwsCatalog, key: string): Verdict => {
  const colon = key.indexOf(":");
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix.includes(".") || prefix.includes("/")) return null; // web identity / SAML provider keys
  // SAML federation keys (`saml:aud`, `saml:sub`, `saml:edupersonaffiliation`, any case): IAM User
  // Guide, "Configure SAML assertions for the authentication response", mapping of SAML
  // attributes to trust policy context keys. Not in the catalog, and not judged, as web identity.
  if (prefix === "saml") return null;
  if (prefix === "aws") {
    return catalog.globalConditionKey(key)
      ? null
      : {
          message: `unknown global condition key \`${key}\``,
          help: "see AWS global condition context keys",
        };
  }
  const svc = catalog.service(prefix);
  if (!svc) {
    const near = closest(prefix, catalog.serviceKeys());
    return {
      message: `unknown service \`${prefix}\` in condition key \`${key}\``,
      help: near ? `did you mean \`${near}:${key.slice(colon + 1)}\`?` : "check the service prefix",
    };
  }
  if (catalog.serviceConditionKey(key)) return null;
  const near = closest(
    key,
    [...svc.conditionKeys.values()].map((k) => k.key),
  );
  return {
    message: `\`${prefix}\` has no condition key \`${key}\``,
    help: near ? `did you mean \`${near}\`?` : `see the condition keys of ${svc.name}`,
  };
});
