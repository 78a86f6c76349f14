/**
 * One fuzz target, run in a worker thread so that `bench/fuzz.ts` can stop it
 * when an input hangs. Before each input it bumps a shared counter and saves
 * the input, so a hang is caught with the input that caused it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import fc from "fast-check";
import { fuzzTargets } from "../test/fuzz/targets.js";

export interface WorkerInput {
  target: string;
  seed: number;
  /** When to stop, in `Date.now()` milliseconds. */
  until: number;
  out: string;
  /** [inputs run]: read by the parent to see that the worker is moving. */
  counter: SharedArrayBuffer;
  /** An input that takes longer is saved and reported as slow (not a failure). */
  slowMs: number;
}

export type WorkerMessage =
  | { kind: "failure"; seed: number; path: string; error: string; saved: string }
  | { kind: "slow"; ms: number; saved: string }
  | { kind: "done"; runs: number };

const input = workerData as WorkerInput;
const counter = new Int32Array(input.counter);
const target = (await fuzzTargets()).find((t) => t.name === input.target);
if (!target) throw new Error(`no fuzz target \`${input.target}\``);
const slug = target.name.replace(/\//g, "-");
const current = join(input.out, `${slug}.current.json`);
mkdirSync(input.out, { recursive: true });
const scratch = mkdtempSync(join(input.out, `${slug}-scratch-`));

const seen = new Set<string>();
let slow = 0;
let seed = input.seed;
while (Date.now() < input.until) {
  const details = await fc
    .check(
      fc.asyncProperty(target.cases, async (c) => {
        Atomics.add(counter, 0, 1);
        const saved = JSON.stringify({ target: target.name, case: c });
        writeFileSync(current, saved);
        const start = performance.now();
        await target.check(c, scratch);
        const ms = Math.round(performance.now() - start);
        // The slowest few are kept: a bound on time per input is a promise too.
        if (ms > input.slowMs && slow < 5) {
          const file = join(input.out, `${slug}-slow-${++slow}.json`);
          writeFileSync(file, saved);
          parentPort!.postMessage({ kind: "slow", ms, saved: file } satisfies WorkerMessage);
        }
      }),
      {
        seed,
        numRuns: 1_000,
        interruptAfterTimeLimit: Math.max(1, input.until - Date.now()),
        markInterruptAsFailure: false,
      },
    )
    // fast-check itself can fail on a case it cannot print (`{"toString": 0}`): the case
    // is the last one saved, and the run goes on with the next seed.
    .catch((e: unknown) => {
      const saved = join(input.out, `${slug}-${seed}.json`);
      copyFileSync(current, saved);
      const error = `the property runner failed: ${(e as Error).stack ?? e}`;
      parentPort!.postMessage({
        kind: "failure",
        seed,
        path: "",
        error,
        saved,
      } satisfies WorkerMessage);
      return undefined;
    });
  if (details?.failed && details.counterexample) {
    const error = String(
      (details.errorInstance as Error | undefined)?.message ?? details.errorInstance,
    );
    // The same promise broken at the same place is one finding, not one per seed: the
    // first two lines say what was broken and, for a thrown error, where.
    const key = error
      .split("\n")
      .slice(0, 2)
      .join("\n")
      .replace(/leash-fuzz-[^/\s]+\/[^/\s]+/g, "…");
    if (!seen.has(key)) {
      seen.add(key);
      const saved = join(input.out, `${slug}-${seed}.json`);
      writeFileSync(
        saved,
        JSON.stringify(
          {
            target: target.name,
            seed,
            path: details.counterexamplePath,
            error,
            case: details.counterexample[0],
          },
          null,
          2,
        ),
      );
      parentPort!.postMessage({
        kind: "failure",
        seed,
        path: details.counterexamplePath ?? "",
        error,
        saved,
      } satisfies WorkerMessage);
    }
  }
  seed++;
}
rmSync(scratch, { recursive: true, force: true });
parentPort!.postMessage({ kind: "done", runs: Atomics.load(counter, 0) } satisfies WorkerMessage);
