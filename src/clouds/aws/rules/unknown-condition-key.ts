import { closest } from "../../../diagnostics/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import type { ServiceInfo } from "../catalog/types.js";
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
    let verdicts = verdictsByCatalog.get(catalog);
    if (!verdicts) {
      verdicts = new Map();
      verdictsByCatalog.set(catalog, verdicts);
    }
    const out = [];
    for (const s of policy.statements) {
      for (const c of s.statement.conditions) {
        let verdict = verdicts.get(c.key);
        if (verdict === undefined) {
          verdict = judge(c.key, catalog);
          verdicts.set(c.key, verdict);
        }
        if (verdict) out.push({ ...verdict, location: c.loc });
      }
    }
    return out;
  },
};

/** A key's finding without its location; null when the key is known (or not the catalog's). */
type Verdict = { message: string; help: string } | null;

// Policies repeat their condition keys: each is judged once.
const verdictsByCatalog = new WeakMap<AwsCatalog, Map<string, Verdict>>();

/** A service's condition keys: exact (lower case), and the prefixes of those with a variable part. */
interface KnownKeys {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}
const knownByService = new WeakMap<ServiceInfo, KnownKeys>();

function knownKeys(svc: ServiceInfo): KnownKeys {
  let known = knownByService.get(svc);
  if (!known) {
    const keys = [...svc.conditionKeys.keys()];
    known = {
      exact: new Set(keys),
      // Keys with a variable part (`${TagKey}`, `<key>`, `tag-key`, or a bare trailing `/`) match by prefix.
      prefixes: keys.filter((k) => k.includes("/")).map((k) => k.slice(0, k.lastIndexOf("/") + 1)),
    };
    knownByService.set(svc, known);
  }
  return known;
}

function judge(key: string, catalog: AwsCatalog): Verdict {
  const colon = key.indexOf(":");
  const prefix = key.slice(0, colon).toLowerCase();
  if (prefix.includes(".") || prefix.includes("/")) return null; // web identity / SAML provider keys
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
  const lower = key.toLowerCase();
  const known = knownKeys(svc);
  if (
    known.exact.has(lower) ||
    known.prefixes.some((p) => lower.startsWith(p) && lower.length > p.length)
  )
    return null;
  const near = closest(
    key,
    [...svc.conditionKeys.values()].map((k) => k.key),
  );
  return {
    message: `\`${prefix}\` has no condition key \`${key}\``,
    help: near ? `did you mean \`${near}\`?` : `see the condition keys of ${svc.name}`,
  };
}
