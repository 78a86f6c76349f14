/**
 * The library's engine and `leash simulate --cases` never throw on random
 * policy sets and requests, on a small fixed sample; `npm run fuzz` runs more.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, it } from "vitest";
import { checkEngine, checkSimulateCli, simulateCases } from "./simulate.js";

const SEED = 20261203;
const scratch = mkdtempSync(join(tmpdir(), "leash-fuzz-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("simulate on fuzzed policy sets and requests", () => {
  it("AwsEngine decides and explains any typed request without throwing", () => {
    fc.assert(fc.property(simulateCases(false), checkEngine), { seed: SEED, numRuns: 200 });
  });

  it("leash simulate --cases never fails with an internal error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(simulateCases(true), { minLength: 1, maxLength: 5 }), (cases) =>
        checkSimulateCli(cases, scratch),
      ),
      { seed: SEED, numRuns: 20 },
    );
  });
});
