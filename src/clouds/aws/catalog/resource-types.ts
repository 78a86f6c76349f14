import {
  arnService,
  canonicalArn,
  type Glob,
  intersects,
  resourceGlob,
  templateGlob,
} from "./arn-template.js";
import type { AwsCatalog } from "./catalog.js";
import type { ActionInfo, ResourceTypeInfo } from "./types.js";

/**
 * Which ARNs an action acts on: the ARN formats of its resource types in the
 * Service Authorization Reference. Lint's aws/resource-type-mismatch asks
 * it of a policy's Resource patterns, the engine's request checks of a
 * request's resource; both read a template the same way (arn-template.ts).
 */

/** What an action accepts as Resource, worked out once per action. */
interface Accepts {
  /** The action's resource types (named ones: rows with an empty name only carry condition keys). */
  types: ResourceTypeInfo[];
  /**
   * Each template with its service (undefined when variable, as `${Vendor}`); compiled on first
   * use, as written and with its region and account open (see `actionTakesArn`).
   */
  templates: { template: string; service: string | undefined; glob?: Glob; open?: Glob }[];
  /** A resource type the catalog has no template for: every ARN is taken as accepted. */
  incomplete: boolean;
  /** Resource value → whether some template matches it, as written and with region and account open. */
  verdicts: Map<string, boolean>;
  openVerdicts: Map<string, boolean>;
}

// Keyed by the catalog's own objects (a Map: faster than a WeakMap, and the catalog lives as long).
const byAction = new Map<ActionInfo, Accepts>();
/** Actions that take the same resource types share their verdicts: `service\ntype\ntype...`. */
const bySignature = new Map<string, Accepts>();
const resourceGlobs = new Map<string, Glob>();
const templateGlobs = new Map<string, Glob>();

/** A batch may ask about a new resource on every line: caches of values are bounded. */
const MAX_VALUES = 100_000;

/**
 * Prefixes the Service Authorization Reference documents on two pages whose actions
 * share names: API Gateway's management and management V2 (`/restapis/...` and
 * `/apis/...`), Elastic Load Balancing and its V2 (Classic load balancers, and target
 * groups, listeners and rules), IoT Greengrass and Greengrass V2, Kinesis Data
 * Analytics and its V2, SES and SES v2, and Lex and Lex V2. An action's row in the
 * catalog holds one page's resource types, so no ARN is refused for them.
 */
const SPLIT_REFERENCE = new Set([
  "apigateway",
  "elasticloadbalancing",
  "greengrass",
  "kinesisanalytics",
  "ses",
  "lex",
]);

function acceptsOf(catalog: AwsCatalog, action: ActionInfo): Accepts {
  let hit = byAction.get(action);
  if (hit) return hit;
  let signature = action.service;
  const names: string[] = [];
  for (const rt of action.resourceTypes) {
    if (rt.name === "") continue;
    names.push(rt.name);
    signature += `\n${rt.name}`;
  }
  hit = bySignature.get(signature);
  if (!hit) {
    const types: ResourceTypeInfo[] = [];
    const templates: Accepts["templates"] = [];
    // A service whose reference is two pages under one prefix keeps one page's row per
    // action name in the catalog, so the row may miss the other page's types.
    let incomplete = SPLIT_REFERENCE.has(action.service);
    const svc = catalog.service(action.service);
    for (const name of names) {
      // The actions' rows name a type as the reference writes it (`Analyzer`); the types are keyed lower-case.
      const type = svc?.resourceTypes.get(name.toLowerCase());
      if (!type?.arn) {
        incomplete = true;
        continue;
      }
      types.push(type);
      // API Gateway lists two templates in one: `arn:...:/apis/${ApiId}, arn:...:/restapis/...`.
      for (const template of type.arn.split(/,\s*/))
        templates.push({ template, service: arnService(template) });
    }
    hit = { types, templates, incomplete, verdicts: new Map(), openVerdicts: new Map() };
    bySignature.set(signature, hit);
  }
  byAction.set(action, hit);
  return hit;
}

/** The resource types an action takes (with their ARN formats), in the catalog's order. */
export function resourceTypesOf(
  catalog: AwsCatalog,
  action: ActionInfo,
): readonly ResourceTypeInfo[] {
  return acceptsOf(catalog, action).types;
}

/**
 * A template whose region and account take any value (no `:`): `arn:${Partition}:s3:::${BucketName}`
 * as `arn:${Partition}:s3:${Region}:${Account}:${BucketName}`.
 */
function withOpenRegionAndAccount(template: string): string {
  const parts = template.split(":");
  if (parts.length < 6) return template;
  parts[3] = "${Region}";
  parts[4] = "${Account}";
  return parts.join(":");
}

function compiled(template: string): Glob {
  let g = templateGlobs.get(template);
  if (!g) {
    g = templateGlob(canonicalArn(template));
    templateGlobs.set(template, g);
  }
  return g;
}

/**
 * Whether the action can act on a resource the value names: a policy's
 * Resource pattern (`*` and variables match anything) or a request's ARN.
 * True when the catalog lacks a template for one of the action's types.
 * `service` is the value's `arnService`, when the caller has it at hand.
 * With `openRegionAndAccount`, a template's region and account match any
 * (the resource's type is its service and resource part, see request-checks.ts).
 */
export function actionTakesArn(
  catalog: AwsCatalog,
  action: ActionInfo,
  value: string,
  service: string | undefined = arnService(value),
  openRegionAndAccount = false,
): boolean {
  const a = acceptsOf(catalog, action);
  if (a.incomplete) return true;
  const verdicts = openRegionAndAccount ? a.openVerdicts : a.verdicts;
  let verdict = verdicts.get(value);
  if (verdict === undefined) {
    let g = resourceGlobs.get(value);
    if (!g) {
      g = resourceGlob(canonicalArn(value));
      if (resourceGlobs.size >= MAX_VALUES) resourceGlobs.clear();
      resourceGlobs.set(value, g);
    }
    verdict = false;
    for (const t of a.templates) {
      // Cheap first: two written-out services that differ cannot match.
      if (service !== undefined && t.service !== undefined && t.service !== service) continue;
      if (openRegionAndAccount) t.open ??= compiled(withOpenRegionAndAccount(t.template));
      else t.glob ??= compiled(t.template);
      if (intersects(g, (openRegionAndAccount ? t.open : t.glob)!)) {
        verdict = true;
        break;
      }
    }
    if (verdicts.size >= MAX_VALUES) verdicts.clear();
    verdicts.set(value, verdict);
  }
  return verdict;
}
