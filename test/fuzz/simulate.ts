/**
 * The library's `AwsEngine` (through the public API) and `leash simulate
 * --cases` on random policy sets and requests. Only that they never throw:
 * what they decide is checked by the conformance corpus, not here.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { run } from "../../src/cli/main.js";
import {
  AwsEngine,
  type AwsPolicySet,
  type AwsRequest,
  type Policy,
  parsePolicy,
} from "../../src/index.js";
import { grammarPolicy } from "./grammar.js";
import { ODD_VALUES, oddValue } from "./mutate.js";

export interface SimulateCase {
  policies: Record<string, unknown>[];
  /** Where each policy goes: identity, resource, boundary, session, an SCP or RCP level. */
  places: number[];
  request: {
    principal: unknown;
    action: unknown;
    resource: unknown;
    context: Record<string, unknown>;
  };
}

const PRINCIPALS = [
  "arn:aws:iam::123456789012:role/train",
  "arn:aws:sts::123456789012:assumed-role/train/s",
  "arn:aws:iam::123456789012:user/u",
  "arn:aws:iam::444455556666:root",
  "123456789012",
  "sagemaker.amazonaws.com",
  "anonymous",
  "",
  "arn:aws:iam::",
];
const ACTIONS = [
  "s3:GetObject",
  "iam:PassRole",
  "sts:AssumeRole",
  "kms:Decrypt",
  "S3:getobject",
  "*",
  "",
  "nosuch:Thing",
  "s3",
];
const RESOURCES = [
  "arn:aws:s3:::data/a.csv",
  "arn:aws:s3:::data",
  "arn:aws:iam::123456789012:role/train",
  "arn:aws:kms:us-east-1:123456789012:key/k1",
  "*",
  "",
  "arn:",
];
const CONTEXT_KEYS = [
  "aws:SourceIp",
  "aws:SourceAccount",
  "aws:PrincipalTag/team",
  "aws:CurrentTime",
  "aws:EpochTime",
  "aws:MultiFactorAuthAge",
  "aws:SecureTransport",
  "aws:TagKeys",
  "s3:prefix",
  "AWS:SOURCEIP",
];
const CONTEXT_VALUES: unknown[] = [
  "10.1.2.3",
  "2001:db8::1",
  "fe80::1%eth0",
  "123456789012",
  "true",
  true,
  12,
  "2026-01-01T00:00:00Z",
  ["a", "b"],
  [],
];

/** Strings at the edges (and, with `untyped`, values of any type, as JavaScript callers may pass). */
const odd = (untyped: boolean) => (untyped ? oddValue : oddString);
const oddString = fc.oneof(
  fc.constantFrom(...ODD_VALUES.filter((v): v is string => typeof v === "string")),
  fc.string({ unit: "binary", maxLength: 20 }),
);

/**
 * Policy sets and requests. Typed: what a TypeScript caller can pass (any string, a context
 * value of `ContextInput`'s types); untyped: anything, as from JavaScript.
 */
export const simulateCases = (untyped: boolean): fc.Arbitrary<SimulateCase> => {
  const orOdd = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: odd(untyped) });
  return fc.record({
    policies: fc.array(grammarPolicy, { minLength: 0, maxLength: 4 }),
    places: fc.array(fc.nat({ max: 5 }), { minLength: 4, maxLength: 4 }),
    request: fc.record({
      principal: orOdd(fc.constantFrom(...PRINCIPALS)),
      action: orOdd(fc.constantFrom(...ACTIONS)),
      resource: orOdd(fc.constantFrom(...RESOURCES)),
      context: fc.dictionary(
        fc.constantFrom(...CONTEXT_KEYS),
        orOdd(fc.constantFrom(...CONTEXT_VALUES)),
        { maxKeys: 3 },
      ),
    }),
  });
};

const TYPES = ["identity", "resource", "boundary", "session", "scp", "rcp"] as const;

/** The policies that parse, placed as the case says. */
function policySet(c: SimulateCase): AwsPolicySet {
  const set: {
    identityPolicies: Policy[];
    resourcePolicy?: Policy;
    permissionBoundary?: Policy;
    sessionPolicy?: Policy;
    scps?: Policy[][];
    rcps?: Policy[][];
  } = { identityPolicies: [] };
  c.policies.forEach((p, i) => {
    const type = TYPES[(c.places[i] ?? 0) % TYPES.length]!;
    const { policy } = parsePolicy(JSON.stringify(p), { type, file: `p${i}.json` });
    if (!policy) return;
    if (type === "identity") set.identityPolicies.push(policy);
    else if (type === "resource") set.resourcePolicy = policy;
    else if (type === "boundary") set.permissionBoundary = policy;
    else if (type === "session") set.sessionPolicy = policy;
    else if (type === "scp") set.scps = [[policy]];
    else set.rcps = [[policy]];
  });
  return set;
}

/** The library never throws on any policy set and request it is given. */
export function checkEngine(c: SimulateCase): void {
  const engine = new AwsEngine(policySet(c));
  // Typed callers cannot pass odd values; JavaScript callers and JSON input can.
  const request = c.request as unknown as AwsRequest;
  try {
    engine.decide(request);
    engine.explain(request);
  } catch (e) {
    throw new Error(`AwsEngine threw ${(e as Error).stack ?? e}\non ${JSON.stringify(c)}`);
  }
}

/** `leash simulate --cases` never fails with an internal error, and says why a case is bad. */
export async function checkSimulateCli(cases: SimulateCase[], scratch: string): Promise<void> {
  const dir = mkdtempSync(join(scratch, "cases-"));
  try {
    const file = join(dir, "cases.jsonl");
    const lines = cases.map((c) => {
      const set: Record<string, unknown> = { identityPolicies: [] };
      c.policies.forEach((p, i) => {
        const type = TYPES[(c.places[i] ?? 0) % TYPES.length]!;
        if (type === "identity") (set.identityPolicies as unknown[]).push(p);
        else if (type === "scp" || type === "rcp") set[`${type}s`] = [[p]];
        else set[type === "boundary" ? "permissionBoundary" : `${type}Policy`] = p;
      });
      return JSON.stringify({ ...set, request: c.request });
    });
    writeFileSync(file, `${lines.join("\n")}\n`);
    // --cases streams one line per case to standard output: caught here, and counted.
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    let r: Awaited<ReturnType<typeof run>>;
    try {
      r = await run(["simulate", "--cases", file]);
    } catch (e) {
      throw new Error(
        `internal error (exit 70) on simulate --cases: ${(e as Error).stack ?? e}\non ${lines.join("\n")}`,
      );
    } finally {
      process.stdout.write = write;
    }
    if (r.exitCode !== 0 && r.exitCode !== 2)
      throw new Error(`simulate exit ${r.exitCode}: ${r.stderr}`);
    const out = written.join("").split("\n").filter(Boolean);
    if (out.length !== cases.length || !out.every((l) => "id" in JSON.parse(l)))
      throw new Error(
        `simulate --cases answered ${out.length} lines for ${cases.length} cases:\n${out.join("\n")}`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
