/**
 * Lint never crashes, never passes a broken file silently and prints output
 * bounded by what it reports, on a small fixed sample of each fuzz target.
 * `npm run fuzz` runs the same targets for longer; a failure here prints the
 * seed and path that replay it (`fc.assert(..., { seed, path })`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { checkLintCase } from "./lint-property.js";
import { lintTargets } from "./lint-targets.js";
import { managedPolicySeeds } from "./seeds.js";

/** Cases per target: enough to keep old crashes away, few enough for `npm test`. */
const RUNS = 20;
const SEED = 20261203;

const scratch = mkdtempSync(join(tmpdir(), "leash-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const targets = lintTargets(await managedPolicySeeds());

describe("lint on fuzzed inputs", () => {
  it.each(targets.map((t) => [t.name, t] as const))("%s", async (_, target) => {
    await fc.assert(
      fc.asyncProperty(target.cases, (c) => checkLintCase(c, scratch)),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
