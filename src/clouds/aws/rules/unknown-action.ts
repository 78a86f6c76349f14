import { closest } from "../../../diagnostics/index.js";
import type { AwsRule } from "./rule.js";

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
          const near = closest(
            name,
            [...svc.actions.values()].map((x) => x.name),
          );
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
