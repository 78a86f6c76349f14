/**
 * Every fuzz target as one property over its own cases, for the in-suite
 * tests and `npm run fuzz` alike.
 */
import fc from "fast-check";
import { checkLintCase } from "./lint-property.js";
import { lintTargets } from "./lint-targets.js";
import { managedPolicySeeds } from "./seeds.js";
import { checkEngine, checkSimulateCli, simulateCases } from "./simulate.js";

export interface FuzzTarget {
  name: string;
  /** The cases drawn for this target. */
  cases: fc.Arbitrary<unknown>;
  /** Throws (or rejects) when the case breaks a promise. */
  check(c: unknown, scratch: string): Promise<void>;
}

export async function fuzzTargets(): Promise<FuzzTarget[]> {
  const lint: FuzzTarget[] = lintTargets(await managedPolicySeeds()).map((t) => ({
    name: `lint/${t.name}`,
    cases: t.cases,
    check: (c, scratch) => checkLintCase(c as Parameters<typeof checkLintCase>[0], scratch),
  }));
  return [
    ...lint,
    {
      name: "simulate/engine",
      cases: simulateCases(false),
      check: async (c) => checkEngine(c as Parameters<typeof checkEngine>[0]),
    },
    {
      name: "simulate/engine-untyped",
      cases: simulateCases(true),
      check: async (c) => checkEngine(c as Parameters<typeof checkEngine>[0]),
    },
    {
      name: "simulate/cli-cases",
      cases: fc.array(simulateCases(true), { minLength: 1, maxLength: 5 }),
      check: (c, scratch) => checkSimulateCli(c as Parameters<typeof checkSimulateCli>[0], scratch),
    },
  ];
}
