/**
 * `npm run fuzz`: every fuzz target of test/fuzz for a time budget, each in a
 * worker thread watched for hangs. Prints how many inputs each target ran and
 * every failure, saved as a replayable JSON file (target, seed, path and the
 * case itself) in the output folder, outside the repository.
 *
 *   npm run fuzz -- [--seconds 60] [--target lint/terraform-plans]... [--out DIR]
 *                   [--hang-seconds 20] [--slow-seconds 3] [--seed N]
 *   npm run fuzz -- --replay DIR/lint-terraform-plans-123.json
 *
 * `LEASH_FUZZ_SECONDS` sets the default budget per target.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { fuzzTargets } from "../test/fuzz/targets.js";
import type { WorkerInput, WorkerMessage } from "./fuzz-worker.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: process.env.LEASH_FUZZ_SECONDS ?? "30" },
    target: { type: "string", multiple: true },
    out: { type: "string", default: join(tmpdir(), "leash-fuzz") },
    "hang-seconds": { type: "string", default: "20" },
    "slow-seconds": { type: "string", default: "3" },
    seed: { type: "string", default: String(Date.now() % 1_000_000) },
    replay: { type: "string" },
  },
});

const targets = await fuzzTargets();

if (values.replay) {
  // One saved case, checked again: the error, or nothing when it is fixed.
  const saved = JSON.parse(readFileSync(values.replay, "utf8")) as {
    target: string;
    case: unknown;
  };
  const target = targets.find((t) => t.name === saved.target);
  if (!target) throw new Error(`no fuzz target \`${saved.target}\``);
  mkdirSync(values.out, { recursive: true });
  await target.check(saved.case, values.out);
  console.log(`${saved.target}: passes`);
  process.exit(0);
}

const chosen = values.target ? targets.filter((t) => values.target!.includes(t.name)) : targets;
if (chosen.length === 0)
  throw new Error(`no such target; targets: ${targets.map((t) => t.name).join(", ")}`);
const seconds = Number(values.seconds);
const hangMs = Number(values["hang-seconds"]) * 1000;
mkdirSync(values.out, { recursive: true });
console.log(
  `fuzzing ${chosen.length} targets for ${seconds} s each, seed ${values.seed}; failures in ${values.out}`,
);

interface Outcome {
  runs: number;
  failures: number;
  hangs: number;
  slow: number;
}

/** Runs one target until its budget is spent, restarting its worker after a hang. */
async function fuzz(name: string): Promise<Outcome> {
  const outcome: Outcome = { runs: 0, failures: 0, hangs: 0, slow: 0 };
  const until = Date.now() + seconds * 1000;
  let seed = Number(values.seed);
  while (Date.now() < until) {
    const counter = new SharedArrayBuffer(4);
    const data: WorkerInput = {
      target: name,
      seed,
      until,
      out: values.out,
      counter,
      slowMs: Number(values["slow-seconds"]) * 1000,
    };
    const worker = new Worker(new URL("./fuzz-worker.mjs", import.meta.url), { workerData: data });
    const runs = new Int32Array(counter);
    const ended = await new Promise<"done" | "hang" | "crash">((resolve) => {
      let last = -1;
      let since = Date.now();
      const watch = setInterval(() => {
        const now = Atomics.load(runs, 0);
        if (now !== last) {
          last = now;
          since = Date.now();
        } else if (Date.now() - since > hangMs) {
          clearInterval(watch);
          void worker.terminate();
          resolve("hang");
        }
      }, 250);
      worker.on("message", (m: WorkerMessage) => {
        if (m.kind === "slow") {
          outcome.slow++;
          console.log(`\n${name}: slow input (${m.ms} ms) saved to ${m.saved}`);
        } else if (m.kind === "failure") {
          outcome.failures++;
          console.log(
            `\n${name}: FAILURE (seed ${m.seed}, path ${m.path}) saved to ${m.saved}\n${m.error.slice(0, 1500)}`,
          );
        } else {
          clearInterval(watch);
          resolve("done");
        }
      });
      worker.on("error", (e) => {
        clearInterval(watch);
        console.log(`\n${name}: worker died: ${e.stack ?? e}`);
        resolve("crash");
      });
    });
    outcome.runs += Atomics.load(runs, 0);
    if (ended === "done") break;
    // A hung or dead worker was stopped mid-input: the input it saved last is the culprit.
    if (ended === "crash") outcome.failures++;
    else outcome.hangs++;
    const slug = name.replace(/\//g, "-");
    const saved = join(values.out, `${slug}-${ended}-${seed}.json`);
    const current = join(values.out, `${slug}.current.json`);
    if (existsSync(current)) copyFileSync(current, saved);
    console.log(
      ended === "hang"
        ? `\n${name}: HANG (no progress for ${hangMs / 1000} s) on the input saved to ${saved}`
        : `\n${name}: the worker died on the input saved to ${saved}`,
    );
    seed += 1_000;
  }
  return outcome;
}

// Two targets at a time: CI machines and laptops have at least two cores.
const queue = [...chosen];
const results = new Map<string, Outcome>();
await Promise.all(
  [0, 1].map(async () => {
    for (let t = queue.shift(); t; t = queue.shift()) results.set(t.name, await fuzz(t.name));
  }),
);
console.log("\ntarget                              inputs  failures  hangs  slow");
for (const t of chosen) {
  const r = results.get(t.name)!;
  console.log(
    `${t.name.padEnd(34)} ${String(r.runs).padStart(8)} ${String(r.failures).padStart(9)} ${String(r.hangs).padStart(6)} ${String(r.slow).padStart(5)}`,
  );
}
const bad = [...results.values()].some((r) => r.failures + r.hangs > 0);
process.exit(bad ? 1 : 0);
