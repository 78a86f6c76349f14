import { awsCatalog } from "../../src/clouds/aws/catalog/catalog.js";

/**
 * Checks of IAM policy parts against the catalog (the Service Authorization
 * Reference): is a resource an ARN an action accepts, is a condition key one
 * it supports. Shared by the knowledge-base and generator tests.
 */
export const catalog = awsCatalog();

/** A catalog ARN template as a regex: placeholders match any text, the account twelve digits. */
function arnRegex(template: string): RegExp {
  const source = template
    .split(/(\$\{[^}]+\})/)
    .map((part) =>
      part === "${Account}"
        ? "\\d{12}"
        : part.startsWith("${")
          ? ".+"
          : part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`);
}

/** Resource types an action accepts: `[key, ARN template]`. */
function acceptedTypes(action: string): [string, string][] {
  const info = catalog.action(action)!;
  const types = [...catalog.service(info.service)!.resourceTypes.values()];
  return info.resourceTypes.flatMap((r) => {
    const t = types.find((x) => x.key.toLowerCase() === r.name.toLowerCase());
    return r.name && t ? [[t.key, t.arn] as [string, string]] : [];
  });
}

/**
 * Why a filled resource is fine for an action, or undefined when it is not:
 * the first accepted resource type it is an ARN of (a `*` or `?` in it may
 * stand for any text, so a concrete instance is matched), or `*` for an
 * action that takes no required resource.
 */
export function resourceVerdict(action: string, resource: string): string | undefined {
  const info = catalog.action(action)!;
  if (resource === "*") {
    const noneRequired = info.resourceTypes.every((r) => !r.name || !r.required);
    return info.wildcardOnly || noneRequired ? "*" : undefined;
  }
  const instance = resource.replace(/[*?]/g, "x");
  return acceptedTypes(action).find(([, arn]) => arnRegex(arn).test(instance))?.[0];
}

/** Whether the catalog lists a condition key for an action, its resource types, or globally. */
export function keySupported(action: string, key: string): boolean {
  const info = catalog.action(action)!;
  const service = catalog.service(info.service)!;
  const listed = [
    ...info.conditionKeys,
    ...info.resourceTypes.flatMap((r) => r.conditionKeys),
    ...info.resourceTypes.flatMap(
      (r) =>
        [...service.resourceTypes.values()].find(
          (t) => t.key.toLowerCase() === r.name.toLowerCase(),
        )?.conditionKeys ?? [],
    ),
  ].map((k) => k.toLowerCase());
  const global =
    key.toLowerCase().startsWith("aws:") && catalog.globalConditionKey(key) !== undefined;
  return global || listed.includes(key.toLowerCase());
}
