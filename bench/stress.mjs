// `npm run bench`, stress section: `leash lint` end to end on generated inputs that made
// rules quadratic (issue #9, "Fast on any input"): 16,000 statements, distinct or all the
// same, and one statement with 16,000 actions or resources. With LEASH_BENCH_LARGE=1, also
// a 50 MB policy and a 50 MB account export, for time and peak memory.
// Each is timed once, whole process, with the peak resident memory the process reports.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const N = 16_000;
const SERVICES = ["s3", "ec2", "sqs", "sns", "dynamodb", "lambda", "kms", "logs"];
const VERBS = ["Get", "Put", "Delete", "List", "Describe", "Create", "Update", "Tag"];
const V = "2012-10-17";

/** Statement `i` of a generated policy: a few actions, its own resource, a condition. */
function distinct(i, wildcard = false) {
  const service = SERVICES[i % SERVICES.length];
  return {
    Sid: `S${i}`,
    Effect: i % 10 === 9 ? "Deny" : "Allow",
    Action: [
      `${service}:${VERBS[i % 8]}Thing${i}`,
      `${service}:${VERBS[(i + 1) % 8]}Other${i}`,
      ...(wildcard ? [`${service}:${VERBS[(i + 3) % 8]}${i}*`] : []),
    ],
    Resource: `arn:aws:${service}:us-east-1:123456789012:thing/${i}`,
    Condition: {
      StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:ResourceTag/team": `t${i % 50}` },
    },
  };
}

const SAME = {
  Effect: "Allow",
  Action: ["s3:GetObject", "s3:PutObject"],
  Resource: "arn:aws:s3:::bucket/key",
  Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
};

const policy = (Statement) => ({ Version: V, Statement });

const CASES = [
  ["16,000 distinct statements", () => policy(Array.from({ length: N }, (_, i) => distinct(i)))],
  [
    "16,000 distinct statements, a wildcard action each",
    () => policy(Array.from({ length: N }, (_, i) => distinct(i, true))),
  ],
  ["16,000 identical statements", () => policy(Array.from({ length: N }, () => SAME))],
  [
    "16,000 statements naming the same actions",
    () =>
      policy(Array.from({ length: N }, (_, i) => ({ ...SAME, Resource: `arn:aws:s3:::b/${i}/*` }))),
  ],
  // Each grants everything: aws/full-admin's fold of the other rules' findings must stay linear.
  [
    "16,000 full-admin statements",
    () =>
      policy(
        Array.from({ length: N }, (_, i) => ({
          Sid: `Admin${i}`,
          Effect: "Allow",
          Action: ["*", `s3:GetObject${i % 7 ? "" : "*"}`],
          Resource: "*",
        })),
      ),
  ],
  [
    "one statement of 16,000 actions",
    () =>
      policy([
        {
          Effect: "Allow",
          Action: Array.from(
            { length: N },
            (_, i) => `${SERVICES[i % 8]}:${VERBS[i % 8]}${i % 3 ? "Thing" : "T*"}${i}`,
          ),
          Resource: "*",
        },
      ]),
  ],
  [
    "one statement of 16,000 resources",
    () =>
      policy([
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: Array.from({ length: N }, (_, i) => `arn:aws:s3:::bucket/*/file${i}`),
        },
      ]),
  ],
];

/** About `mb` megabytes of policy: statements until the JSON is that large. */
function largePolicy(mb) {
  const statements = [];
  let size = 0;
  for (let i = 0; size < mb * 1_048_576; i++) {
    const s = distinct(i);
    statements.push(s);
    size += JSON.stringify(s, null, 2).length + 4;
  }
  return policy(statements);
}

/** About `mb` megabytes of `aws iam get-account-authorization-details` output. */
function largeExport(mb) {
  const roles = [];
  const policies = [];
  let size = 0;
  for (let i = 0; size < mb * 1_048_576; i++) {
    const doc = (k, n) => policy(Array.from({ length: n }, (_, j) => distinct(k * 7 + j)));
    const managed = {
      PolicyName: `p${i}`,
      Arn: `arn:aws:iam::123456789012:policy/p${i}`,
      Path: "/",
      DefaultVersionId: "v2",
      PolicyVersionList: [2, 1].map((v) => ({
        Document: doc(i + v, 6),
        VersionId: `v${v}`,
        IsDefaultVersion: v === 2,
      })),
    };
    const role = {
      Path: "/",
      RoleName: `r${i}`,
      Arn: `arn:aws:iam::123456789012:role/r${i}`,
      AssumeRolePolicyDocument: policy([
        {
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]),
      // Raw API output URL-encodes inline documents.
      RolePolicyList: [
        { PolicyName: "inline", PolicyDocument: encodeURIComponent(JSON.stringify(doc(i, 4))) },
      ],
      AttachedManagedPolicies: [i, i >> 1].map((k) => ({
        PolicyName: `p${k}`,
        PolicyArn: `arn:aws:iam::123456789012:policy/p${k}`,
      })),
    };
    policies.push(managed);
    roles.push(role);
    size += JSON.stringify(managed, null, 2).length + JSON.stringify(role, null, 2).length;
  }
  return { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: policies };
}

// The child reports its own peak resident memory as it exits (kilobytes on Linux and macOS).
const REPORT_RSS =
  "data:text/javascript,process.on('exit',()=>process.stderr.write('\\nmaxrss '+process.resourceUsage().maxRSS+'\\n'))";

function lintOnce(file) {
  const t0 = process.hrtime.bigint();
  let stdout;
  let stderr;
  try {
    stdout = execFileSync(
      process.execPath,
      ["--import", REPORT_RSS, "dist/cli/bin.js", "lint", file, "--format", "json"],
      { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] },
    );
    stderr = "";
  } catch (e) {
    if (e.status !== 1) throw new Error(`leash lint ${file} failed: ${e.stderr}`);
    stdout = e.stdout;
    stderr = e.stderr.toString();
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = Number(/maxrss (\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
  const findings = JSON.parse(stdout.toString()).findings;
  const notes = findings
    .filter((f) => /compared the first|rules analysed the first/.test(f.message))
    .map((f) => f.message);
  return { ms, rss, findings: findings.length, notes };
}

export function benchStress() {
  const dir = mkdtempSync(join(tmpdir(), "leash-stress-bench-"));
  const cases = [...CASES];
  if (process.env.LEASH_BENCH_LARGE === "1")
    cases.push(
      ["a 50 MB policy", () => largePolicy(50)],
      ["a 50 MB account export", () => largeExport(50)],
    );
  try {
    const bare = [];
    for (let i = 0; i < 3; i++) {
      const t0 = process.hrtime.bigint();
      execFileSync(process.execPath, ["-e", "0"]);
      bare.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    console.log(
      `\nlint on generated inputs, whole process, one run each (bare Node start: ${bare.map((t) => `${t.toFixed(0)} ms`).join(", ")}):`,
    );
    cases.forEach(([label, make], k) => {
      const folder = join(dir, String(k));
      mkdirSync(folder);
      const file = join(folder, "input.json");
      const text = JSON.stringify(make(), null, 2);
      writeFileSync(file, text);
      const r = lintOnce(file);
      console.log(
        `  ${label.padEnd(52)} ${(text.length / 1_048_576).toFixed(1).padStart(5)} MB ${r.ms.toFixed(0).padStart(7)} ms  peak RSS ${r.rss.toFixed(0).padStart(5)} MB  ${r.findings} findings`,
      );
      for (const n of r.notes) console.log(`    ${n}`);
      rmSync(folder, { recursive: true, force: true });
    });
    if (process.env.LEASH_BENCH_LARGE !== "1")
      console.log("  (LEASH_BENCH_LARGE=1 adds a 50 MB policy and a 50 MB account export)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
