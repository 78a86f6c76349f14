import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Data flows one way (../shared/DESIGN.md, "Architecture"):
 * diagnostics -> spec -> model -> clouds -> analysis -> outputs -> cli.
 * A module may import only from its own layer or layers to its left, and the
 * cloud folders never import each other.
 */
const LAYERS = ["diagnostics", "spec", "model", "clouds", "analysis", "outputs", "cli"];
const src = join(import.meta.dirname, "..", "src");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

function layerOf(file: string): { layer: number; cloud?: string } {
  const parts = relative(src, file).split(/[\\/]/);
  if (parts.length === 1) return { layer: LAYERS.length }; // index.ts: the public API sits on top
  const layer = LAYERS.indexOf(parts[0]!);
  const cloud = parts[0] === "clouds" && parts.length > 2 ? parts[1] : undefined;
  return { layer, ...(cloud ? { cloud } : {}) };
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+["'](\.[^"']+)["']|import\(\s*["'](\.[^"']+)["']\s*\)/g;

function violations(): string[] {
  const out: string[] = [];
  for (const file of tsFiles(src)) {
    const from = layerOf(file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1] ?? m[2]!);
      const to = layerOf(target.replace(/\.js$/, ".ts"));
      const where = `${relative(src, file)} -> ${relative(src, target)}`;
      if (to.layer > from.layer) out.push(`backwards import ${where}`);
      if (from.cloud && to.cloud && from.cloud !== to.cloud)
        out.push(`cloud imports another cloud ${where}`);
    }
  }
  return out;
}

describe("architecture", () => {
  it("every top-level folder of src is a known layer", () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory());
    for (const f of folders) expect(LAYERS).toContain(f);
  });

  it("imports only go to the same layer or layers to the left, and clouds stay apart", () => {
    expect(violations()).toEqual([]);
  });

  it("the check itself catches a backwards import", () => {
    // Guard against a regex that silently matches nothing.
    const sample = 'import { x } from "../../cli/main.js";';
    expect([...sample.matchAll(IMPORT)].map((m) => m[1])).toEqual(["../../cli/main.js"]);
  });

  it("leash generate reaches the clouds through the provider registry, never a cloud by name", () => {
    // Adding a cloud must need no change to the command beyond registering its provider.
    for (const command of ["generate.ts", "simulate-provider-cases.ts"]) {
      const text = readFileSync(join(src, "cli", command), "utf8");
      const named = [...text.matchAll(IMPORT)]
        .map((m) => m[1] ?? m[2]!)
        .filter((p) => /clouds\/(aws|gcp|azure)\//.test(p));
      expect(named, command).toEqual([]);
    }
  });
});
