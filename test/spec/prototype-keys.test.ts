import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, parseDocument } from "yaml";
import { loadSpec } from "../../src/spec/index.js";

/**
 * Names that are Object's own: a YAML mapping keeps them as keys, and a
 * loader that copies them into plain objects drops (`__proto__`) or
 * confuses them with inherited properties. Every key of every mapping of
 * the examples, renamed to each: the spec is refused with a diagnostic at
 * that key, or loads with the key still there; never neither.
 */
const OBJECT_NAMES = ["__proto__", "constructor", "hasOwnProperty", "toString"];

const examples = join(import.meta.dirname, "..", "..", "examples");
const SPECS = ["sagemaker-training", "multi-tenant-platform", "github-mlops-pipeline"].map((e) =>
  readFileSync(join(examples, e, "leash.yaml"), "utf8"),
);

/** The text of `spec` with the key at `path` renamed, keeping every other byte. */
function renamed(text: string, path: string[], name: string): string {
  const doc = parseDocument(text);
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) throw new Error(`no mapping at ${path}`);
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1));
  if (!pair || !isScalar(pair.key)) throw new Error(`no key at ${path}`);
  pair.key.value = name;
  return doc.toString();
}

/** Paths of every key of every mapping in `v`. */
function keyPaths(v: unknown, at: string[] = []): string[][] {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...keyPaths(x, [...at, k])]);
}

describe("keys named like Object's own properties", () => {
  it("`__proto__` is refused at its place, in every mapping of the spec", () => {
    for (const text of SPECS) {
      for (const path of keyPaths(parseDocument(text).toJS())) {
        const { spec, diagnostics } = loadSpec(renamed(text, path, "__proto__"), "leash.yaml");
        expect(spec, path.join(".")).toBeUndefined();
        const pointer = `/${[...path.slice(0, -1), "__proto__"].join("/")}`;
        expect(
          diagnostics.filter((d) => d.code === "spec/invalid-key"),
          path.join("."),
        ).toEqual([
          expect.objectContaining({
            severity: "error",
            location: expect.objectContaining({ pointer }),
          }),
        ]);
      }
    }
  });

  it("a workload named `__proto__` is not dropped: generate would have written no role", () => {
    const text = readFileSync(join(examples, "sagemaker-training", "leash.yaml"), "utf8");
    const { spec, diagnostics } = loadSpec(
      text.replace(/^ {2}train:/m, "  __proto__:"),
      "leash.yaml",
    );
    expect(spec).toBeUndefined();
    const d = diagnostics.find((x) => x.code === "spec/invalid-key");
    expect(d?.message).toContain("__proto__");
    expect(d?.help).toBeTruthy();
    expect(d?.location?.line).toBeGreaterThan(1);
  });

  it("no renaming leaves loadSpec with neither a spec nor an error", () => {
    for (const text of SPECS) {
      for (const path of keyPaths(parseDocument(text).toJS())) {
        for (const name of OBJECT_NAMES) {
          const { spec, diagnostics } = loadSpec(renamed(text, path, name), "leash.yaml");
          const where = `${path.join(".")} -> ${name}`;
          if (!spec)
            expect(
              diagnostics.some((d) => d.severity === "error"),
              where,
            ).toBe(true);
        }
      }
    }
  });

  it("a resource, workload or team renamed everywhere it is named is refused or loads, never neither", () => {
    for (const text of SPECS) {
      const value = parseDocument(text).toJS() as Record<string, Record<string, unknown>>;
      const names = ["resources", "workloads", "teams"].flatMap((t) => Object.keys(value[t] ?? {}));
      for (const old of names) {
        for (const name of OBJECT_NAMES) {
          // As a key and as a value (`read: datasets`, `as: train`, `team: fraud`).
          const everywhere = text.replace(new RegExp(`(?<=[ :])${old}(?=:|$)`, "gm"), name);
          const { spec, diagnostics } = loadSpec(everywhere, "leash.yaml");
          const where = `${old} -> ${name}`;
          if (!spec)
            expect(
              diagnostics.some((d) => d.severity === "error"),
              where,
            ).toBe(true);
          if (name === "__proto__") expect(spec, where).toBeUndefined();
        }
      }
    }
  });
});
