// `npm run bench`: the AWS decision engine on fixed inputs (bench/fixtures.mjs).
// Run after `npm run build`; one thread, in-process, then end to end via the CLI.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromPlain } from "../dist/diagnostics/index.js";
import { AwsEngine, readPolicySet, readRequest } from "../dist/index.js";
import { benchCases } from "./cases.mjs";
import { policySet, requests } from "./fixtures.mjs";
import { benchGcp } from "./gcp.mjs";
import { benchGenerate } from "./generate.mjs";
import { benchLint } from "./lint.mjs";
import { loadIamSimulate, measurePeer } from "./peer-iam-simulate.mjs";
import { benchStress } from "./stress.mjs";

const reqs = requests();
const { set, diagnostics } = readPolicySet(fromPlain(policySet, "bench"), "bench");
if (!set) throw new Error(JSON.stringify(diagnostics));
const parsed = reqs.map((r) => readRequest(fromPlain(r, "bench")).request);
const services = new Set(reqs.map((r) => r.action.split(":")[0]));

function time(label, rounds, fn) {
  fn(); // warm up: JIT and the per-action statement index
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (let i = 0; i < rounds; i++) n += fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const perSecond = Math.round((n / ms) * 1000);
  console.log(
    `${label.padEnd(44)} ${String(perSecond).padStart(10)} evaluations/s  (${n} in ${ms.toFixed(0)} ms)`,
  );
  return perSecond;
}

const counts = { Allowed: 0, ImplicitlyDenied: 0, ExplicitlyDenied: 0 };
const engine = new AwsEngine(set);
for (const r of parsed) counts[engine.decide(r).decision]++;

console.log(
  `AWS evaluation benchmark: ${reqs.length} requests, ${services.size} services, identity policy of ${policySet.identityPolicies[0].Statement.length} statements + SCP + boundary`,
);
console.log(`decisions: ${JSON.stringify(counts)}`);
// Five timed rounds of 200,000 decisions; the median is the figure reported.
const rounds = [];
for (let i = 0; i < 5; i++) {
  rounds.push(
    time(`decide (fast path, compiled once) round ${i + 1}`, 10, () => {
      for (const r of parsed) engine.decide(r);
      return parsed.length;
    }),
  );
}
const fast = [...rounds].sort((a, b) => a - b)[2];
console.log(`decide median of 5 rounds: ${fast} evaluations/s`);
time("explain (full explanation per request)", 2, () => {
  for (const r of parsed) engine.explain(r);
  return parsed.length;
});
time("compile + decide (fresh engine per request)", 1, () => {
  for (const r of parsed.slice(0, 5000)) new AwsEngine(set).decide(r);
  return 5000;
});

const dir = mkdtempSync(join(tmpdir(), "leash-bench-"));
try {
  writeFileSync(join(dir, "set.json"), JSON.stringify(policySet));
  writeFileSync(join(dir, "requests.jsonl"), reqs.map((r) => JSON.stringify(r)).join("\n"));
  const t0 = process.hrtime.bigint();
  const out = execFileSync(
    process.execPath,
    [
      "dist/cli/bin.js",
      "simulate",
      "--policy-set",
      join(dir, "set.json"),
      "--requests",
      join(dir, "requests.jsonl"),
    ],
    { maxBuffer: 1 << 28 },
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const lines = out.toString().trim().split("\n").length;
  console.log(
    `${"CLI --policy-set/--requests, end to end".padEnd(44)} ${String(Math.round((lines / ms) * 1000)).padStart(10)} requests/s   (${lines} in ${ms.toFixed(0)} ms, process start included)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const target = 200_000;
console.log(
  `\ntarget: ${target} evaluations/s in one thread; measured ${fast} (${(fast / target).toFixed(2)}x target)`,
);

const peer = await loadIamSimulate();
if (peer) {
  const decisions = parsed.map((r) => engine.decide(r).decision);
  const p = await measurePeer(peer, policySet, reqs, decisions);
  console.log(
    `iam-simulate (peer, same requests, same run)  ${String(p.perSecond).padStart(10)} evaluations/s  (${p.n} in ${p.ms.toFixed(0)} ms)`,
  );
  console.log(`leash fast path / iam-simulate = ${(fast / p.perSecond).toFixed(0)}x`);
  console.log(
    `decisions agree on ${p.agree} of ${p.n - p.errors} requests (${p.errors} rejected by the peer)`,
  );
  for (const d of p.disagreements) console.log(`  differs: ${JSON.stringify(d)}`);
} else {
  console.log(
    "peer: set LEASH_BENCH_IAM_SIMULATE to a folder where @cloud-copilot/iam-simulate is installed",
  );
  console.log(
    "  (AGPL: never a dependency; see bench/peer-iam-simulate.mjs). Issue #2 quotes ~500-1,000/s for it here.",
  );
}

await benchGcp();
await benchCases();
benchGenerate();
await benchLint();
benchStress();
