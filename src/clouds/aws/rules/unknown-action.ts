import type { AwsCatalog } from "../catalog/catalog.js";
import { suggestAction } from "../catalog/suggest.js";
import type { ActionInfo } from "../catalog/types.js";
import type { LocatedString } from "../policy/types.js";
import type { AwsRule, FindingBody } from "./rule.js";
import { memoize } from "./support/memo.js";

/** Names in Action/NotAction that are no action of the catalog: AWS rejects or ignores them. */
export const unknownAction: AwsRule = {
  id: "aws/unknown-action",
  title: "Unknown service or action",
  category: "invalid",
  severity: "error",
  description: "An Action or NotAction names a service or action that does not exist.",
  checkPolicy({ policy, catalog, expander }) {
    const out: FindingBody[] = [];
    const check = (a: LocatedString, infos: readonly ActionInfo[]) => {
      const value = a.value;
      // Patterns are aws/wildcard-matches-nothing's; a name the catalog expands is known.
      if (infos.length > 0 || value.includes("*") || value.includes("?")) return;
      const verdict = verdictOf(catalog, value);
      if (verdict) out.push({ ...verdict, location: a.loc });
    };
    for (const s of policy.statements) s.eachNamedAction(expander, check);
    return out;
  },
};

/** A name's finding without its location; null when the name is known (or a pattern). */
type Verdict = { message: string; help: string } | null;

/** The finding for a name the catalog does not expand: an unknown service or action, or a malformed name. */
const verdictOf = memoize((catalog: AwsCatalog, value: string): Verdict => {
  const [service = "", name = ""] = value.split(":");
  const svc = catalog.service(service);
  if (svc?.actions.has(name.toLowerCase())) return null;
  const near = suggestAction(catalog, service, name);
  if (!svc) {
    return {
      message: `unknown service \`${service}\` in \`${value}\``,
      help: near
        ? `did you mean \`${near}\`?`
        : "check the service prefix in the Service Authorization Reference",
    };
  }
  return {
    message: `\`${service}\` has no action \`${name}\``,
    help: near ? `did you mean \`${near}\`?` : `see the actions of ${svc.name}`,
  };
});
