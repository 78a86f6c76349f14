import { closest, editDistance } from "../../../diagnostics/index.js";
import type { AwsCatalog } from "./catalog.js";
import type { ServiceInfo } from "./types.js";

/**
 * "Did you mean" for an action name the catalog does not list, shared by the
 * engine's request checks and lint's aws/unknown-action: a suggestion is
 * always an action the catalog lists, never a guess (`foo:bar` once drew
 * `fis:bar`, which does not exist).
 */

/** A service's action names, listed once: `closest` lower-cases each list once, by identity. */
const actionNames = new WeakMap<ServiceInfo, string[]>();

function namesOf(svc: ServiceInfo): string[] {
  let names = actionNames.get(svc);
  if (!names) {
    names = [...svc.actions.values()].map((a) => a.name);
    actionNames.set(svc, names);
  }
  return names;
}

/** Suggestions already worked out, per catalog: lint meets the same unknown names again and again. */
const known = new WeakMap<AwsCatalog, Map<string, string | null>>();

/**
 * The catalog action closest to `service:name`, as `service:Action`, or
 * undefined when none is close. For a known service, its closest action;
 * for an unknown one, the services whose prefix is close to it are searched
 * for the action's name, a closer prefix and a closer name winning.
 */
export function suggestAction(
  catalog: AwsCatalog,
  service: string,
  name: string,
): string | undefined {
  let cache = known.get(catalog);
  if (!cache) {
    cache = new Map();
    known.set(catalog, cache);
  }
  const key = `${service}\n${name}`.toLowerCase();
  let hit = cache.get(key);
  if (hit === undefined) {
    hit = compute(catalog, service, name) ?? null;
    if (cache.size >= 10_000) cache.clear();
    cache.set(key, hit);
  }
  return hit ?? undefined;
}

function compute(catalog: AwsCatalog, service: string, name: string): string | undefined {
  const svc = catalog.service(service);
  if (svc) {
    const near = closest(name, namesOf(svc));
    return near ? `${svc.key}:${near}` : undefined;
  }
  // The distance `closest` allows a misspelt word, for the prefix and the name each.
  const allowed = (w: string) => Math.max(2, Math.floor(w.length / 3));
  const prefix = service.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of catalog.serviceKeys()) {
    const d = editDistance(prefix, candidate, allowed(prefix));
    if (d > allowed(prefix) || d >= bestScore) continue;
    const other = catalog.service(candidate);
    const exact = other?.actions.get(name.toLowerCase());
    const near = exact?.name ?? (other && closest(name, namesOf(other)));
    if (!near) continue;
    const score = d + editDistance(name.toLowerCase(), near.toLowerCase());
    if (score < bestScore) {
      best = `${candidate}:${near}`;
      bestScore = score;
    }
  }
  return best;
}
