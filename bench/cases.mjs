// `npm run bench`, batch section (issue #10): `leash simulate --cases` on heterogeneous
// cases, each line with its own policies (as the conformance corpus and differential
// runs write them), against cloud-copilot's iam-simulate run in-process on the same
// cases when LEASH_BENCH_IAM_SIMULATE points at a folder where it is installed (AGPL:
// never a dependency, see bench/peer-iam-simulate.mjs). Target: at least 10x the peer.
// The cases come from a seeded generator, so every run times the same 20,000 lines.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { loadIamSimulate, toPeerSimulation } from "./peer-iam-simulate.mjs";

const N = 20_000;
const RUNS = 3;
const ACCOUNT = "111122223333";
const OTHER = "444455556666";

/** A small seeded generator (mulberry32): the same cases on every machine and run. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Actions with a resource each would act on, and wildcard patterns that cover them. */
const ACTIONS = [
  ["s3:GetObject", (r) => `arn:aws:s3:::data-${r}/train/part-${r}.csv`, ["s3:Get*", "s3:*"]],
  ["s3:PutObject", (r) => `arn:aws:s3:::models-${r}/out/model.tar.gz`, ["s3:Put*", "s3:*"]],
  ["s3:ListBucket", (r) => `arn:aws:s3:::data-${r}`, ["s3:List*", "s3:*"]],
  [
    "sagemaker:CreateTrainingJob",
    (r) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/job-${r}`,
    ["sagemaker:Create*", "sagemaker:*"],
  ],
  ["kms:Decrypt", (r) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/key-${r}`, ["kms:*", "kms:De*"]],
  [
    "dynamodb:GetItem",
    (r) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/features-${r}`,
    ["dynamodb:Get*", "dynamodb:*"],
  ],
  [
    "lambda:InvokeFunction",
    (r) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:score-${r}`,
    ["lambda:Invoke*", "lambda:*"],
  ],
  ["iam:PassRole", (r) => `arn:aws:iam::${ACCOUNT}:role/train-${r}`, ["iam:Pass*", "iam:*"]],
  [
    "ecr:BatchGetImage",
    (r) => `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/img-${r}`,
    ["ecr:BatchGet*", "ecr:*"],
  ],
  [
    "logs:PutLogEvents",
    (r) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ml/${r}:log-stream:s`,
    ["logs:Put*", "logs:*"],
  ],
];

/** Condition blocks over keys every request may carry, with values that match or not. */
const CONDITIONS = [
  (pick) => ({ StringEquals: { "aws:PrincipalTag/team": pick(["fraud", "ads", "risk"]) } }),
  (pick) => ({ StringLike: { "aws:PrincipalTag/team": pick(["fr*", "a?s", "*"]) } }),
  (pick) => ({ StringNotEquals: { "aws:RequestedRegion": pick(["us-east-1", "eu-west-1"]) } }),
  (pick) => ({ IpAddress: { "aws:SourceIp": pick(["10.0.0.0/8", "192.0.2.0/24"]) } }),
  (pick) => ({ NotIpAddress: { "aws:SourceIp": pick(["10.1.0.0/16", "203.0.113.7/32"]) } }),
  (pick) => ({ Bool: { "aws:SecureTransport": pick(["true", "false"]) } }),
  (pick) => ({
    DateLessThan: { "aws:CurrentTime": pick(["2030-01-01T00:00:00Z", "2020-01-01T00:00:00Z"]) },
  }),
  (pick) => ({ NumericLessThanEquals: { "aws:MultiFactorAuthAge": pick(["3600", "60"]) } }),
  (pick) => ({ Null: { "aws:SourceVpc": pick(["true", "false"]) } }),
  (pick) => ({
    ArnLike: {
      "aws:PrincipalArn": pick([`arn:aws:iam::${ACCOUNT}:role/*`, "arn:aws:iam::*:user/*"]),
    },
  }),
  (pick) => ({
    "ForAnyValue:StringEquals": { "aws:TagKeys": pick([["team"], ["cost", "owner"]]) },
  }),
];

/** One random case: the request and the policies that decide it, like a conformance case. */
function makeCase(next, id) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const n = () => Math.floor(next() * 50);
  const [action, arnOf, patterns] = pick(ACTIONS);
  const r = n();
  const resource = arnOf(r);
  const statement = (effect) => {
    const [a, arn, pats] = next() < 0.7 ? [action, arnOf, patterns] : pick(ACTIONS);
    const s = {
      Effect: effect,
      [next() < 0.1 ? "NotAction" : "Action"]:
        next() < 0.5 ? a : [pick(pats), pick(ACTIONS)[0], next() < 0.3 ? "*" : a],
      Resource: next() < 0.3 ? "*" : next() < 0.5 ? arn(r) : arn(next() < 0.5 ? "*" : n()),
    };
    if (next() < 0.5) s.Condition = pick(CONDITIONS)(pick);
    if (next() < 0.2) s.Condition = { ...s.Condition, ...pick(CONDITIONS)(pick) };
    return s;
  };
  const policy = (k, deny) => ({
    Version: "2012-10-17",
    Statement: Array.from({ length: 1 + Math.floor(next() * k) }, () =>
      statement(next() < deny ? "Deny" : "Allow"),
    ),
  });
  const c = {
    id,
    request: {
      principal: `arn:aws:iam::${pick([ACCOUNT, ACCOUNT, OTHER])}:role/${pick(["train", "ci"])}`,
      action,
      resource,
      context: {
        "aws:PrincipalTag/team": pick(["fraud", "ads", "risk"]),
        "aws:RequestedRegion": pick(["us-east-1", "eu-west-1"]),
        "aws:SourceIp": pick(["10.1.2.3", "192.0.2.9", "203.0.113.7"]),
        "aws:SecureTransport": pick(["true", "false"]),
        "aws:CurrentTime": "2026-06-01T12:00:00Z",
        "aws:MultiFactorAuthAge": pick(["30", "7200"]),
        "aws:TagKeys": pick([["team"], ["owner", "cost"]]),
      },
    },
    identityPolicies: Array.from({ length: 1 + Math.floor(next() * 3) }, () => policy(4, 0.2)),
  };
  if (next() < 0.3) c.permissionBoundary = policy(3, 0.1);
  if (next() < 0.3) c.scps = [[{ Version: "2012-10-17", Statement: [statement("Allow")] }]];
  if (next() < 0.2 && action.startsWith("s3:")) {
    const s = statement(next() < 0.3 ? "Deny" : "Allow");
    s.Principal = {
      AWS: pick([`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${OTHER}:root`, "*"]),
    };
    c.resourcePolicy = { Version: "2012-10-17", Statement: [s] };
  }
  return c;
}

export function heterogeneousCases(count = N, seed = 20261203) {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => makeCase(next, i));
}

export async function benchCases() {
  const cases = heterogeneousCases();
  const dir = mkdtempSync(join(tmpdir(), "leash-cases-bench-"));
  try {
    const file = join(dir, "cases.jsonl");
    writeFileSync(file, cases.map((c) => JSON.stringify(c)).join("\n"));
    const run = (extra) => {
      const times = [];
      let out = "";
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        try {
          out = execFileSync(
            process.execPath,
            ["dist/cli/bin.js", "simulate", "--cases", file, ...extra],
            { maxBuffer: 1 << 30 },
          ).toString();
        } catch (e) {
          // Exit 2 says some line was not decided; the lines are still written and timed.
          if (!e.stdout) throw e;
          out = e.stdout.toString();
        }
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return { times, best: Math.min(...times), out };
    };
    const { times, best, out } = run([]);
    const answers = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const undecided = answers.filter((a) => !a.decision).length;
    console.log(
      `\nsimulate --cases: ${N} heterogeneous cases (each its own policies), whole process, best of ${RUNS}`,
    );
    console.log(
      `leash (one thread, the default below 50,000 lines): best ${best.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")}), ${Math.round((N / best) * 1000)} cases/s, ${undecided} not decided`,
    );
    const threads = Math.min(availableParallelism(), 4);
    let bestThreads;
    if (threads > 1) {
      const t = run(["--threads", String(threads)]);
      if (t.out !== out) throw new Error(`--threads ${threads} wrote another output`);
      bestThreads = t.best;
      console.log(
        `leash --threads ${threads}: best ${t.best.toFixed(0)} ms (${t.times.map((x) => x.toFixed(0)).join(", ")}), same output`,
      );
    }
    const peer = await loadIamSimulate();
    if (!peer) {
      console.log(
        "peer: iam-simulate not installed (LEASH_BENCH_IAM_SIMULATE); the ratio (target 10x) was not measured",
      );
      return;
    }
    const t0 = performance.now();
    let agree = 0;
    let errors = 0;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const response = await peer.runSimulation(
        toPeerSimulation(
          {
            identityPolicies: c.identityPolicies,
            scps: c.scps,
            permissionBoundary: c.permissionBoundary,
            resourcePolicy: c.resourcePolicy,
          },
          c.request,
        ),
        {},
      );
      if (response.resultType === "error") errors++;
      else if (response.overallResult === answers[i].decision) agree++;
    }
    const peerMs = performance.now() - t0;
    console.log(
      `iam-simulate (in-process, same cases, one pass): ${peerMs.toFixed(0)} ms; decisions agree on ${agree} of ${N - errors} (${errors} rejected by the peer)`,
    );
    console.log(`leash / iam-simulate: ${(peerMs / best).toFixed(1)}x faster (target 10x)`);
    if (bestThreads !== undefined)
      console.log(
        `leash --threads ${threads} / iam-simulate: ${(peerMs / bestThreads).toFixed(1)}x faster (on ${threads} cores; the peer uses one)`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
