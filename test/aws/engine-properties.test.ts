import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AwsEngine,
  type AwsPolicySet,
  type AwsRequest,
} from "../../src/clouds/aws/evaluate/index.js";
import { type PolicyType, parsePolicy } from "../../src/clouds/aws/policy/index.js";
import type { Decision } from "../../src/model/index.js";

const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:ListBucket",
  "ec2:RunInstances",
  "iam:PassRole",
  "kms:Decrypt",
  "sts:AssumeRole",
  "sagemaker:InvokeEndpoint",
];
const ACTION_PATTERNS = [
  ...ACTIONS,
  "*",
  "s3:*",
  "s3:Get*",
  "s3:*Object",
  "iam:Pass?ole",
  "ec2:*",
  "S3:GETOBJECT",
];
/** Each action with resources it acts on (S3 objects and buckets, a role, a key), and `*`. */
const TAKES: Readonly<Record<string, readonly string[]>> = {
  "s3:GetObject": ["arn:aws:s3:::data/a.csv", "arn:aws:s3:::other/x", "*"],
  "s3:PutObject": ["arn:aws:s3:::data/a.csv", "arn:aws:s3:::other/x", "*"],
  "s3:ListBucket": ["arn:aws:s3:::data", "*"],
  "ec2:RunInstances": ["*"],
  "iam:PassRole": ["arn:aws:iam::111122223333:role/train", "*"],
  "kms:Decrypt": ["arn:aws:kms:us-east-1:111122223333:key/k1", "*"],
  "sts:AssumeRole": ["arn:aws:iam::111122223333:role/train", "*"],
  "sagemaker:InvokeEndpoint": ["*"],
};
const TARGETS = ACTIONS.flatMap((action) =>
  TAKES[action]!.map((resource) => ({ action, resource })),
);
const RESOURCE_PATTERNS = [
  "*",
  "arn:aws:s3:::data/*",
  "arn:aws:s3:::data",
  "arn:aws:s3:::*",
  "arn:aws:iam::111122223333:role/*",
  "arn:aws:kms:*:111122223333:key/*",
  "arn:aws:s3:::${aws:username}/*",
];
const PRINCIPALS = [
  "arn:aws:iam::111122223333:user/alice",
  "arn:aws:sts::111122223333:assumed-role/train/s1",
  "arn:aws:iam::444455556666:user/eve",
  "111122223333",
  "sagemaker.amazonaws.com",
  "anonymous",
];
const POLICY_PRINCIPALS: unknown[] = [
  "*",
  { AWS: "111122223333" },
  { AWS: "arn:aws:iam::111122223333:user/alice" },
  { AWS: "arn:aws:iam::111122223333:role/train" },
  { Service: "sagemaker.amazonaws.com" },
  { AWS: "*" },
];
const CONDITIONS: unknown[] = [
  { StringEquals: { "aws:username": "alice" } },
  { StringNotEquals: { "aws:PrincipalTag/team": "risk" } },
  { Bool: { "aws:SecureTransport": "true" } },
  { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
  { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "cost"] } },
  { "ForAnyValue:StringLike": { "aws:TagKeys": "te*" } },
  { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
  { Null: { "aws:TokenIssueTime": "true" } },
  { StringLikeIfExists: { "s3:prefix": "home/*" } },
];

const statement = (withPrincipal: boolean) =>
  fc
    .record({
      Effect: fc.constantFrom("Allow", "Deny"),
      actionKey: fc.constantFrom("Action", "NotAction"),
      actions: fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 3 }),
      resourceKey: fc.constantFrom("Resource", "Resource", "NotResource"),
      resources: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
      condition: fc.option(fc.constantFrom(...CONDITIONS), { nil: undefined }),
      principal: withPrincipal ? fc.constantFrom(...POLICY_PRINCIPALS) : fc.constant(undefined),
    })
    .map((s) => ({
      Effect: s.Effect,
      [s.actionKey]: s.actions,
      [s.resourceKey]: s.resources,
      ...(s.condition ? { Condition: s.condition } : {}),
      ...(s.principal ? { Principal: s.principal } : {}),
    }));

const doc = (withPrincipal: boolean) =>
  fc
    .array(statement(withPrincipal), { minLength: 1, maxLength: 4 })
    .map((Statement) => ({ Version: "2012-10-17", Statement }));

const request = fc
  .record({
    principal: fc.constantFrom(...PRINCIPALS),
    // Only pairs AWS could be asked about: an action with a resource of a type it takes, or `*`
    // (a mismatched pair is Invalid: engine-invalid.test.ts).
    target: fc.constantFrom(...TARGETS),
    context: fc.record(
      {
        "aws:SecureTransport": fc.boolean(),
        "aws:SourceIp": fc.constantFrom("10.1.2.3", "203.0.113.1"),
        "aws:TagKeys": fc.subarray(["team", "cost", "secret"]),
        "aws:MultiFactorAuthAge": fc.integer({ min: 0, max: 7200 }),
        "aws:PrincipalTag/team": fc.constantFrom("risk", "growth"),
        "s3:prefix": fc.constantFrom("home/alice", "tmp/"),
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ target, ...r }) => ({ ...r, ...target }));

type Docs = { identity: unknown[]; resource?: unknown; boundary?: unknown; scp?: unknown };
const docs: fc.Arbitrary<Docs> = fc.record(
  {
    identity: fc.array(doc(false), { maxLength: 2 }),
    resource: doc(true),
    boundary: doc(false),
    scp: doc(false),
  },
  { requiredKeys: ["identity"] },
);

function parsed(d: unknown, type: PolicyType) {
  const r = parsePolicy(JSON.stringify(d), { type });
  if (!r.policy) throw new Error(JSON.stringify(r.diagnostics));
  return r.policy;
}

function toSet(d: Docs): AwsPolicySet {
  return {
    identityPolicies: d.identity.map((p) => parsed(p, "identity")),
    ...(d.resource ? { resourcePolicy: parsed(d.resource, "resource") } : {}),
    ...(d.boundary ? { permissionBoundary: parsed(d.boundary, "boundary") } : {}),
    ...(d.scp ? { scps: [[parsed(d.scp, "scp")]] } : {}),
  };
}

function decide(d: Docs, r: AwsRequest): Decision {
  const now = Date.now();
  const engine = new AwsEngine(toSet(d), { clock: () => now });
  const fast = engine.decide(r);
  const explained = engine.explain(r);
  if (fast.outcome === "Invalid" || explained.outcome === "Invalid")
    throw new Error(`invalid request: ${JSON.stringify(fast.diagnostics)}`);
  expect(explained.explanation.decision).toBe(fast.decision);
  return fast.decision;
}

const DENY_ALL = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
};

describe("engine properties (fast-check)", () => {
  it("the parser never throws on arbitrary JSON, and reports instead", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom<PolicyType>(
          "identity",
          "resource",
          "trust",
          "scp",
          "rcp",
          "boundary",
          "session",
        ),
        (value, type) => {
          const r = parsePolicy(JSON.stringify(value), { type });
          expect(r.policy !== undefined || r.diagnostics.length > 0).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("the parser never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => void parsePolicy(text, { type: "identity" })),
      { numRuns: 500 },
    );
  });

  it("the engine never throws and its fast and explaining paths agree", () => {
    fc.assert(
      fc.property(docs, request, (d, r) => void decide(d, r)),
      { numRuns: 400 },
    );
  });

  it("adding an explicit Deny never turns a denial into an allow", () => {
    fc.assert(
      fc.property(docs, request, doc(false), (d, r, extra) => {
        const before = decide(d, r);
        const after = decide(
          {
            ...d,
            identity: [
              ...d.identity,
              { ...extra, Statement: extra.Statement.map((s) => ({ ...s, Effect: "Deny" })) },
            ],
          },
          r,
        );
        if (before !== "Allowed") expect(after).not.toBe("Allowed");
        if (before === "ExplicitlyDenied") expect(after).toBe("ExplicitlyDenied");
      }),
      { numRuns: 300 },
    );
  });

  it("a Deny * on everything denies every request of a caller with identity policies", () => {
    fc.assert(
      fc.property(docs, request, (d, r) => {
        const got = decide({ ...d, identity: [...d.identity, DENY_ALL] }, r);
        if (!["sagemaker.amazonaws.com", "anonymous"].includes(r.principal))
          expect(got).toBe("ExplicitlyDenied");
      }),
      { numRuns: 200 },
    );
  });

  it("removing an Allow statement never grants more", () => {
    fc.assert(
      fc.property(docs, request, fc.nat(), (d, r, pick) => {
        const policies = [
          d.identity,
          d.resource ? [d.resource] : [],
          d.boundary ? [d.boundary] : [],
          d.scp ? [d.scp] : [],
        ].flat() as { Statement: { Effect: string }[] }[];
        const candidates = policies.flatMap((p) =>
          p.Statement.filter((s) => s.Effect === "Allow").map((s) => ({ p, s })),
        );
        if (candidates.length === 0) return;
        const { p, s } = candidates[pick % candidates.length]!;
        if (p.Statement.length === 1) return; // a policy must keep one statement to stay valid
        const before = decide(d, r);
        const saved = p.Statement;
        p.Statement = saved.filter((x) => x !== s);
        try {
          const after = decide(d, r);
          if (before !== "Allowed") expect(after).not.toBe("Allowed");
        } finally {
          p.Statement = saved;
        }
      }),
      { numRuns: 300 },
    );
  });
});
