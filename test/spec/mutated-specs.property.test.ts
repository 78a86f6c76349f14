import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { loadSpec, SCENARIOS, STARTERS } from "../../src/spec/index.js";

/**
 * Valid specs (the bundled examples and the `leash init` starters), mutated
 * at random places into values authors write by mistake or attackers on
 * purpose: whatever comes out, `validate` and `generate` answer with
 * diagnostics, never an exception (`leash: internal error`). Deterministic
 * (fixed seed) and small: a spec that validates costs a full self-check.
 */

const examplesDir = join(import.meta.dirname, "..", "..", "examples");
const SEEDS: unknown[] = [
  ...readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      try {
        return [readFileSync(join(examplesDir, d.name, "leash.yaml"), "utf8")];
      } catch {
        return []; // an example without a spec (simulate/)
      }
    }),
  ...SCENARIOS.map((s) => STARTERS[s]),
].map((text) => parse(text));

/**
 * Fixed by default, so that `npm test` is deterministic and takes about two
 * seconds; a longer hunt sets LEASH_FUZZ_SEED, LEASH_FUZZ_RUNS (1,000 take a
 * minute) and LEASH_FUZZ_MUTATIONS.
 */
const SEED = Number(process.env.LEASH_FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.LEASH_FUZZ_RUNS ?? 40);
const MAX_MUTATIONS = Number(process.env.LEASH_FUZZ_MUTATIONS ?? 3);

type Path = (string | number)[];

/** Every path to a value in `v`, the root excluded. */
function paths(v: unknown, at: Path = []): Path[] {
  if (v === null || typeof v !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [i, x])
    : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...paths(x, [...at, k])]);
}

/** What goes wrong in specs: Object's own names, control characters, policy variables... */
const NASTY: unknown[] = [
  "",
  " ",
  "toString",
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "a\u0000b",
  "tab\there",
  "${aws:username}",
  "*",
  "x".repeat(300),
  "s3://acme-data/",
  "s3://acme-data",
  "arn:aws:kms:us-east-1:444455556666:key/k1",
  "us-est-1",
  "cn-north-1",
  "read",
  "a b",
  "Ünïcödé",
  null,
  0,
  -1,
  1.5,
  true,
  [],
  {},
  ["a"],
  { toString: 1 },
  { read: "datasets" },
];

type Mutation =
  | { op: "set"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "rename"; at: number; key: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Replacing a value is what most bugs need: it is tried three times as often.
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("set" as const),
      at: fc.nat(),
      value: fc.constantFrom(...NASTY),
    }),
  },
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("rename" as const),
    at: fc.nat(),
    key: fc.constantFrom(
      "toString",
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "",
      "a b",
      "k\u0001",
    ),
  }),
);

const isContainer = (v: unknown) => v !== null && typeof v === "object";
const at = (root: unknown, path: Path) =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root);

/** Sets an own property, even `__proto__`, as a YAML mapping would have it. */
function put(target: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function mutate(seed: unknown, mutations: readonly Mutation[]): unknown {
  const root = structuredClone(seed) as Record<string, unknown>;
  for (const m of mutations) {
    // A value is replaced where the spec has a word or number: names, verbs, ARNs, Regions.
    const all = m.op === "set" ? paths(root).filter((p) => !isContainer(at(root, p))) : paths(root);
    if (all.length === 0) break;
    const path = all[m.at % all.length]!;
    const parent = at(root, path.slice(0, -1)) as Record<string | number, unknown>;
    const key = path[path.length - 1]!;
    if (m.op === "set") put(parent, key, structuredClone(m.value));
    else if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
    else if (m.op === "delete") delete parent[key];
    else {
      const value = parent[key];
      delete parent[key];
      put(parent, m.key, value);
    }
  }
  return root;
}

describe("mutated valid specs", () => {
  it("never make validate or generate throw: every failure is a diagnostic", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: MAX_MUTATIONS }),
        (seed, mutations) => {
          const text = stringify(mutate(SEEDS[seed], mutations));
          const { spec, diagnostics } = loadSpec(text, "leash.yaml");
          for (const d of diagnostics) {
            expect(d.code).toMatch(/^(spec|yaml)\/[a-z-]+$/);
            expect(d.location?.line).toBeGreaterThanOrEqual(1);
          }
          // Never neither a spec nor an error: a refused spec always says why.
          if (!spec) {
            expect(diagnostics.some((d) => d.severity === "error")).toBe(true);
            return;
          }
          const generated = generateAws(spec);
          for (const d of generated.diagnostics) expect(d.code).toMatch(/^generate\/[a-z-]+$/);
          // These two say "a bug in leash's knowledge base": a valid spec must never cause them.
          expect(
            generated.diagnostics.filter((d) =>
              ["generate/loose-condition", "generate/extra-access"].includes(d.code),
            ),
          ).toEqual([]);
        },
      ),
      // Mutations that still validate run the whole self-check: keep the runs few.
      { seed: SEED, numRuns: RUNS },
    );
  });
});
