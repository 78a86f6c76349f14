import type { AwsCatalog } from "../catalog/catalog.js";
import type { ActionExpander } from "../catalog/expand.js";
import { type KeyTemplate, keyTemplate, matchesTemplate } from "../catalog/key-template.js";
import type { ActionInfo } from "../catalog/types.js";
import type { ConditionClause } from "../policy/types.js";
import type { AwsRule } from "./rule.js";
import { memoize, memoizePerObject } from "./support/memo.js";

/** The service condition keys an action is authorized with, lower-cased. */
interface Supported {
  exact: Set<string>;
  /** Keys with a variable part (`s3:ExistingObjectTag/<key>`), by their text around it. */
  templates: KeyTemplate[];
}

/** Adds a template unless an equal one is there. */
function addTemplate(list: KeyTemplate[], t: KeyTemplate): void {
  if (!list.some((x) => x.prefix === t.prefix && x.suffix === t.suffix)) list.push(t);
}

/** `pattern\nkey` → whether some action of the (wildcard) pattern supports the key. */
const wildcardSupports = memoize((expander: ActionExpander, memo: string) => {
  const [pattern = "", key = ""] = memo.split("\n");
  const actions = expander.expand(pattern);
  // A pattern that matches nothing is aws/wildcard-matches-nothing's finding.
  return actions.length === 0 || actions.some((a) => supports(expander.catalog, a, key));
});

const supportedBy = memoizePerObject((action: ActionInfo, catalog: AwsCatalog): Supported => {
  const keys = [...action.conditionKeys];
  const svc = catalog.service(action.service);
  for (const rt of action.resourceTypes) {
    keys.push(...rt.conditionKeys);
    if (rt.name !== "")
      keys.push(...(svc?.resourceTypes.get(rt.name.toLowerCase())?.conditionKeys ?? []));
  }
  const supported: Supported = { exact: new Set(), templates: [] };
  for (const k of keys) {
    supported.exact.add(k.toLowerCase());
    const t = keyTemplate(k);
    if (t) addTemplate(supported.templates, t);
  }
  return supported;
});

function has(s: Supported, key: string): boolean {
  return s.exact.has(key) || s.templates.some((t) => matchesTemplate(t, key));
}

function supports(catalog: AwsCatalog, action: ActionInfo, key: string): boolean {
  return has(supportedBy(action, catalog), key);
}

/** Every service key some action of the service lists. */
const listedKeysOf = memoize((catalog: AwsCatalog, service: string): Supported => {
  const all: Supported = { exact: new Set(), templates: [] };
  for (const a of catalog.service(service)?.actions.values() ?? []) {
    const s = supportedBy(a, catalog);
    for (const k of s.exact) all.exact.add(k);
    for (const t of s.templates) addTemplate(all.templates, t);
  }
  return all;
});

/**
 * Whether some action of the service lists the key. A key that the service
 * defines but no action lists (the reference does not say which actions send
 * it) is not judged.
 */
function listedByService(catalog: AwsCatalog, service: string, key: string): boolean {
  return has(listedKeysOf(catalog, service), key);
}

/** Whether an Action pattern names an action that supports the (lower-case) key. */
function patternSupports(
  catalog: AwsCatalog,
  expander: ActionExpander,
  pattern: string,
  key: string,
): boolean {
  if (pattern === "*") return true;
  if (!/[*?]/.test(pattern)) {
    const info = catalog.action(pattern);
    return info === undefined || supports(catalog, info, key); // unknown actions: aws/unknown-action
  }
  return wildcardSupports(expander, `${pattern.toLowerCase()}\n${key}`);
}

/**
 * Whether the (lower-case) key is a service key the service defines, exactly
 * or through a template key. Global keys outside `aws:` (`ec2:SourceInstanceArn`)
 * are in every request, so they are not.
 */
const known = memoize(
  (catalog: AwsCatalog, key: string) =>
    catalog.globalConditionKey(key) === undefined && catalog.serviceConditionKey(key) !== undefined,
);

/** What the clause evaluates to when its key is absent from the request. */
function whenAbsent(c: ConditionClause): boolean {
  if (c.operator === "Null") return c.values.some((v) => v.value.toLowerCase() === "true");
  if (c.ifExists || c.setQualifier === "ForAllValues") return true;
  return /Not/.test(c.operator);
}

/**
 * A service condition key that none of the statement's actions is authorized
 * with is never in the request context: the condition never holds (or,
 * negated, always holds), so the statement does not do what it says.
 */
export const conditionKeyNotForAction: AwsRule = {
  id: "aws/condition-key-not-for-action",
  title: "Condition key no action of the statement supports",
  category: "invalid",
  severity: "medium",
  description:
    "A condition uses a service condition key that none of the statement's actions supports, so it is never in the request.",
  checkPolicy({ policy, catalog, expander }) {
    const out = [];
    for (const s of policy.statements) {
      const actions = s.statement.action;
      if (!actions || s.statement.conditions.length === 0) continue;
      if (actions.some((a) => a.value === "*")) continue;
      for (const c of s.statement.conditions) {
        const key = c.key.toLowerCase();
        const colon = key.indexOf(":");
        const prefix = key.slice(0, colon);
        // Global keys (`aws:`, and the few others in every request such as `ec2:SourceInstanceArn`),
        // web identity and SAML keys (`host:claim`), and unknown keys (aws/unknown-condition-key).
        if (prefix === "aws" || prefix.includes(".") || prefix.includes("/")) continue;
        if (!known(catalog, key)) continue;
        if (actions.some((a) => patternSupports(catalog, expander, a.value, key))) continue;
        if (!listedByService(catalog, prefix, key)) continue;
        const always = whenAbsent(c);
        const names = actions.map((a) => `\`${a.value}\``);
        const users = [...(catalog.service(prefix)?.actions.values() ?? [])]
          .filter((a) => supports(catalog, a, key))
          .map((a) => `\`${a.fullName}\``);
        out.push({
          message: `no action of the statement supports \`${c.key}\` (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", ..." : ""}): the \`${c.rawOperator}\` condition is ${always ? "always" : "never"} true`,
          help: `\`${c.key}\` is sent with ${users.slice(0, 3).join(", ")}${users.length > 3 ? ` and ${users.length - 3} more` : ""}: move the condition to a statement of those actions, or remove it`,
          location: c.loc,
        });
      }
    }
    return out;
  },
};
