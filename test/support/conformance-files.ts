import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";

/** A conformance file: cases of one topic, with the documentation page they come from. */
export interface ConformanceFile<Case> {
  description: string;
  source?: string;
  cases: Case[];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith(".yaml") ? [path] : [];
  });
}

/** Every `.yaml` file under `conformance/CLOUD/evaluate`, parsed, with its path inside it. */
export function conformanceFiles<Case>(cloud: "aws" | "gcp" | "azure"): {
  path: string;
  data: ConformanceFile<Case>;
}[] {
  const root = join(import.meta.dirname, "..", "..", "conformance", cloud, "evaluate");
  return yamlFiles(root).map((path) => ({
    path: relative(root, path),
    data: parse(readFileSync(path, "utf8")) as ConformanceFile<Case>,
  }));
}
