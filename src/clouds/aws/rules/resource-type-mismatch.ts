import { arnService, canonicalService } from "../catalog/arn-template.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import type { ActionExpander } from "../catalog/expand.js";
import { actionTakesArn, resourceTypesOf } from "../catalog/resource-types.js";
import type { ActionInfo } from "../catalog/types.js";
import { hasTemplateExpression } from "../policy/condition-values.js";
import type { LocatedString } from "../policy/types.js";
import type { AwsRule, FindingBody } from "./rule.js";
import { memoize } from "./support/memo.js";

/** `type (template)` of each resource type an action takes, for messages. */
function formats(catalog: AwsCatalog, action: ActionInfo): string[] {
  return resourceTypesOf(catalog, action).map((t) => `${t.key} (\`${t.arn}\`)`);
}

/** Service → the services its resource types' templates name (undefined: any, as `${Vendor}`). */
const templateServices = memoize((catalog: AwsCatalog, service: string) => {
  let out: Set<string> | undefined = new Set([canonicalService(service)]);
  for (const rt of catalog.service(service)?.resourceTypes.values() ?? []) {
    for (const template of rt.arn.split(/,\s*/)) {
      const s = arnService(template);
      if (s === undefined) out = undefined;
      else out?.add(s);
    }
    if (!out) break;
  }
  return out;
});

/**
 * The services whose ARNs an Action pattern may act on: those of its
 * service's resource types (a service's actions may take other services'
 * ARNs, as `ssm` takes `s3` buckets). Undefined when any may be: a pattern
 * over several services, an unknown service, or an action that the catalog
 * lists with no resource type (whether it truly takes none is not judged).
 */
function servicesOf(
  catalog: AwsCatalog,
  expander: ActionExpander,
  pattern: string,
): Set<string> | undefined {
  const colon = pattern.indexOf(":");
  const service = pattern.slice(0, colon).toLowerCase();
  if (colon <= 0 || /[*?]/.test(service) || !catalog.hasService(service)) return undefined;
  if (!/[*?]/.test(pattern)) {
    const a = expander.expand(pattern)[0];
    if (!a || a.wildcardOnly) return undefined;
  }
  return templateServices(catalog, service);
}

/** What the rule needs of a Resource value: its written-out service, and whether its resource part is `*`. */
interface ArnFacts {
  service: string | undefined;
  /** `arn:aws:logs:*:*:*`, `arn:aws:s3:::*`: every resource of the service (whatever its type). */
  everyOfService: boolean;
}

const factsByArn = new Map<string, ArnFacts>();

function factsOf(value: string): ArnFacts {
  let facts = factsByArn.get(value);
  if (!facts) {
    const service = arnService(value);
    const parts = value.split(":");
    facts = {
      service,
      everyOfService: service !== undefined && parts.length === 6 && parts[5] === "*",
    };
    factsByArn.set(value, facts);
  }
  return facts;
}

/** Reports the ARNs of a service that none of the statement's actions acts on; adds their indexes to `wrong`. */
function wrongServices(
  catalog: AwsCatalog,
  expander: ActionExpander,
  actions: readonly LocatedString[],
  resources: readonly LocatedString[],
  arnServices: readonly (string | undefined)[],
  wrong: Set<number>,
  out: FindingBody[],
): void {
  const own = new Set(actions.map((a) => canonicalService(a.value.slice(0, a.value.indexOf(":")))));
  const services = new Set<string>();
  for (const a of actions) {
    const taken = servicesOf(catalog, expander, a.value);
    if (taken === undefined) return;
    for (const x of taken) services.add(x);
  }
  resources.forEach((r, i) => {
    const service = arnServices[i];
    if (service === undefined || own.has(service) || services.has(service)) return;
    wrong.add(i);
    out.push({
      message: `\`${r.value}\` is an ARN of \`${service}\`, but no action of the statement acts on \`${service}\` resources`,
      help: `the statement's actions are ${[...own].map((n) => `\`${n}\``).join(", ")} actions: move the ARN to a statement with the \`${service}\` actions that need it, or fix its service`,
      location: r.loc,
    });
  });
}

function formatList(formats: readonly string[]): string {
  const shown = formats.slice(0, 3).join(", or ");
  return formats.length > 3 ? `${shown}, or ${formats.length - 3} more` : shown;
}

/**
 * Resource ARNs that an action cannot act on: the action is then granted on
 * nothing, which is almost always a mistake (a bucket ARN for an object
 * action, an object ARN for a bucket action, an ARN of another service).
 */
export const resourceTypeMismatch: AwsRule = {
  id: "aws/resource-type-mismatch",
  title: "Resource ARN of a type the action does not take",
  category: "invalid",
  severity: "high",
  description:
    "An Allow statement pairs an action with Resource ARNs of no type it acts on, or names an ARN of a service none of its actions acts on.",
  checkPolicy({ policy, catalog, expander }) {
    const out = [];
    for (const s of policy.statements) {
      const st = s.statement;
      const resources = st.resource;
      if (!s.allow || !st.action || !resources) continue;
      let skip = false;
      for (const r of resources) {
        // `*`, or an expression of CloudFormation or Terraform, which may stand for any ARN.
        if (r.value === "*" || hasTemplateExpression(r.value)) {
          skip = true;
          break;
        }
      }
      if (skip) continue;
      const facts: ArnFacts[] = [];
      const arnServices: (string | undefined)[] = [];
      for (const r of resources) {
        const f = factsOf(r.value);
        facts.push(f);
        arnServices.push(f.service);
      }

      // Wrong-service ARNs: no action of the statement takes an ARN of that service. The
      // actions' own services are taken without looking further; others need the catalog's
      // resource types (a service's actions may take other services' ARNs: `ssm` takes `s3` buckets).
      let foreign = false;
      for (const a of st.action) if (a.value === "*") skip = true;
      if (skip) continue;
      for (const svc of arnServices) {
        if (svc === undefined) continue;
        let own = false;
        for (const a of st.action)
          if (
            a.value.length > svc.length &&
            a.value.charCodeAt(svc.length) === 58 &&
            a.value.startsWith(svc)
          ) {
            own = true;
            break;
          }
        if (!own) foreign = true;
      }
      const wrong = new Set<number>();
      if (foreign) wrongServices(catalog, expander, st.action, resources, arnServices, wrong, out);
      if (wrong.size === resources.length) continue;

      // Each exactly named action must take at least one of the ARNs.
      const expanded = s.expanded(expander);
      for (let k = 0; k < st.action.length; k++) {
        const a = st.action[k]!;
        if (a.value.includes("*") || a.value.includes("?")) continue;
        // An exact name expands to its one action (the expansion every rule shares).
        const info = expanded[k]![0];
        // Actions listed with no resource type are not judged (see `servicesOf`).
        if (!info || info.wildcardOnly) continue;
        let taken = false;
        // An ARN for every resource of the action's own service takes it without a look at types.
        const service = canonicalService(info.service);
        for (let i = 0; i < resources.length && !taken; i++)
          taken = facts[i]!.everyOfService && facts[i]!.service === service;
        for (let i = 0; i < resources.length && !taken; i++)
          taken = actionTakesArn(catalog, info, resources[i]!.value, arnServices[i]);
        if (taken) continue;
        const first = resources.find((_, i) => !wrong.has(i))!;
        const what =
          resources.length - wrong.size === 1
            ? `\`${first.value}\``
            : `any of the ${resources.length - wrong.size} ARNs`;
        out.push({
          message: `\`${info.fullName}\` does not act on ${what}: no resource type it takes matches`,
          help: `\`${info.fullName}\` takes ${formatList(formats(catalog, info))}`,
          location: first.loc,
        });
      }
    }
    return out;
  },
};
