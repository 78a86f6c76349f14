import { closest } from "../../../diagnostics/index.js";
import type { ServiceInfo } from "../catalog/types.js";
import type { AwsRule } from "./rule.js";

const namesByService = new WeakMap<ServiceInfo, string[]>();

/** A service's action names, listed once for suggestions. */
function actionNames(svc: ServiceInfo): string[] {
  let names = namesByService.get(svc);
  if (!names) {
    names = [...svc.actions.values()].map((x) => x.name);
    namesByService.set(svc, names);
  }
  return names;
}

/** Names in Action/NotAction that are no action of the catalog: AWS rejects or ignores them. */
export const unknownAction: AwsRule = {
  id: "aws/unknown-action",
  title: "Unknown service or action",
  category: "invalid",
  severity: "error",
  description: "An Action or NotAction names a service or action that does not exist.",
  checkPolicy({ policy, catalog }) {
    const out = [];
    for (const s of policy.statements) {
      for (const a of [...(s.statement.action ?? []), ...(s.statement.notAction ?? [])]) {
        if (a.value === "*" || /[*?]/.test(a.value)) continue;
        const [service = "", name = ""] = a.value.split(":");
        const svc = catalog.service(service);
        if (!svc) {
          const near = closest(service, catalog.serviceKeys());
          out.push({
            message: `unknown service \`${service}\` in \`${a.value}\``,
            help: near
              ? `did you mean \`${near}:${name}\`?`
              : "check the service prefix in the Service Authorization Reference",
            location: a.loc,
          });
        } else if (!svc.actions.has(name.toLowerCase())) {
          const near = closest(name, actionNames(svc));
          out.push({
            message: `\`${service}\` has no action \`${name}\``,
            help: near ? `did you mean \`${service}:${near}\`?` : `see the actions of ${svc.name}`,
            location: a.loc,
          });
        }
      }
    }
    return out;
  },
};
