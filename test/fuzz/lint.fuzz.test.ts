/**
 * Lint never crashes, never passes a broken file silently and prints output
 * bounded by what it reports, on a small fixed sample of each fuzz target.
 * `npm run fuzz` runs the same targets for longer; a failure here prints the
 * seed and path that replay it (`fc.assert(..., { seed, path })`).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { checkLintCase } from "./lint-property.js";
import { lintTargets } from "./lint-targets.js";
import { managedPolicySeeds } from "./seeds.js";

/** Cases per target: enough to keep old crashes away, few enough for `npm test`. */
const RUNS = 10;
const SEED = 20261203;

const scratch = mkdtempSync(join(tmpdir(), "leash-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const targets = lintTargets(await managedPolicySeeds());

describe("lint on fuzzed inputs", () => {
  it.each(targets.map((t) => [t.name, t] as const))("%s", async (_, target) => {
    await fc.assert(
      fc.asyncProperty(target.cases, (c) => checkLintCase(c, scratch)),
      { seed: SEED, numRuns: target.slow ? Math.ceil(RUNS / 4) : RUNS },
    );
  });
});

describe("the leash binary on fuzzed inputs", () => {
  it("lints a folder of a case of every target with exit 0, 1 or 2 and JSON out", () => {
    // One process for all: spawning per input costs a second each; in process is the same code.
    const folder = mkdtempSync(join(scratch, "spawned-"));
    targets.forEach((t) => {
      fc.sample(t.cases, { seed: SEED, numRuns: 1 }).forEach((c, i) => {
        for (const f of c.files) {
          const path = join(folder, t.name, String(i), f.name);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, f.text);
        }
      });
    });
    const bin = join(import.meta.dirname, "..", "..", "src", "cli", "bin.ts");
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", bin, "lint", folder, "--format", "json"],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr).not.toContain("internal error");
    expect([0, 1, 2]).toContain(r.status);
    if (r.status !== 2) expect(JSON.parse(r.stdout).summary.files).toBeGreaterThan(targets.length);
  });
});
