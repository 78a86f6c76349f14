import { closest } from "../../../diagnostics/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import type { ActionInfo, ServiceInfo } from "../catalog/types.js";
import type { LocatedString } from "../policy/types.js";
import type { AwsRule, FindingBody } from "./rule.js";
import { memoize, memoizePerObject } from "./support/memo.js";

/** A service's action names, listed once for suggestions. */
const actionNames = memoizePerObject((svc: ServiceInfo) =>
  [...svc.actions.values()].map((x) => x.name),
);

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

/** The closest known service to an unknown prefix (null: none close). */
const nearService = memoize(
  (catalog: AwsCatalog, service: string) => closest(service, catalog.serviceKeys()) ?? null,
);

/** The finding for a name the catalog does not expand: an unknown service or action, or a malformed name. */
const verdictOf = memoize((catalog: AwsCatalog, value: string): Verdict => {
  const [service = "", name = ""] = value.split(":");
  const svc = catalog.service(service);
  if (!svc) {
    const near = nearService(catalog, service);
    return {
      message: `unknown service \`${service}\` in \`${value}\``,
      help: near
        ? `did you mean \`${near}:${name}\`?`
        : "check the service prefix in the Service Authorization Reference",
    };
  }
  if (svc.actions.has(name.toLowerCase())) return null;
  const near = closest(name, actionNames(svc));
  return {
    message: `\`${service}\` has no action \`${name}\``,
    help: near ? `did you mean \`${service}:${near}\`?` : `see the actions of ${svc.name}`,
  };
});
