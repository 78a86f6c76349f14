import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = join(import.meta.dirname, "..", "..", "src");

/** The packages a module reaches through static imports (dynamic `import()` excluded). */
function packagesReached(entry: string): Map<string, string> {
  const reached = new Map<string, string>();
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/gms)) {
      const spec = m[1]!;
      if (m[0].startsWith("import type") || m[0].startsWith("export type")) continue;
      if (!spec.startsWith(".")) {
        if (!spec.startsWith("node:") && !reached.has(spec)) reached.set(spec, file);
        continue;
      }
      const path = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      if (!seen.has(path)) {
        seen.add(path);
        queue.push(path);
      }
    }
  }
  return reached;
}

describe("what a command loads at start", () => {
  // Every process start pays for the modules it loads: `simulate --cases` is timed whole
  // (npm run bench), and reading aws.json#ROLE once pulled in the YAML and Terraform readers.
  it("simulate loads no YAML, Terraform or schema library", () => {
    const reached = packagesReached(join(src, "cli", "simulate.ts"));
    for (const heavy of ["yaml", "@cdktf/hcl2json", "zod"])
      expect(reached.get(heavy)).toBeUndefined();
  });

  it("the check sees a package imported two modules away", () => {
    const reached = packagesReached(join(src, "clouds", "aws", "inputs", "index.ts"));
    expect(reached.get("yaml")).toBeDefined();
  });
});
