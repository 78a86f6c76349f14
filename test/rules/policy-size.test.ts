import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/clouds/aws/policy/parse.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import {
  MAX_ANALYSED_STATEMENTS,
  policySize,
  sizeBound,
} from "../../src/clouds/aws/rules/policy-size.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import { lintRows, policy } from "./lint-rows.js";

const PS = "aws/policy-size";

/**
 * A policy of exactly `size` characters without white space: its statement's
 * Sid is padded. (Without white space inside strings and with only string
 * condition values, the size is the length of the minified JSON.)
 */
function sized(size: number, statement: Record<string, unknown>): unknown {
  const doc = (sid: string) => policy({ Sid: sid, ...statement });
  const base = JSON.stringify(doc("")).length;
  if (size < base) throw new Error(`a document of this shape has at least ${base} characters`);
  return doc("a".repeat(size - base));
}

const IDENTITY = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" };
const TRUST = {
  Effect: "Allow",
  Principal: { Service: "sagemaker.amazonaws.com" },
  Action: "sts:AssumeRole",
};
const SCP = { Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" };
const RCP = {
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: "*",
  Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-abc123" } },
};
const BUCKET = {
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::reports/*",
};
const QUEUE = {
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::123456789012:root" },
  Action: "sqs:SendMessage",
  Resource: "arn:aws:sqs:us-east-1:123456789012:jobs",
};

lintRows(
  [PS],
  [
    {
      given: "a small identity policy",
      policy: policy(IDENTITY),
      findings: [],
    },
    {
      given:
        "an identity policy of exactly 10,240 characters (white space between tokens not counted)",
      policy: sized(10_240, IDENTITY),
      findings: [],
    },
    {
      given: "an identity policy of 10,241 characters",
      policy: sized(10_241, IDENTITY),
      findings: [
        [
          PS,
          1,
          1,
          "the policy has 10,241 characters without white space, over the 10,240 AWS accepts for an identity policy (a role's inline policies)",
        ],
      ],
    },
    {
      given: "white space inside strings (not counted either)",
      policy: (() => {
        const statement = {
          ...IDENTITY,
          Condition: { StringLike: { "aws:UserAgent": `a${" ".repeat(20)}b` } },
        };
        // 10,250 characters as minified JSON, 20 of them spaces: 10,230 counted.
        return sized(10_250, statement);
      })(),
      findings: [],
    },
    {
      given: "a document named as a managed policy, over 6,144",
      docs: [{ policy: sized(6_145, IDENTITY), file: "managed-policies/ml-read.json" }],
      findings: [[PS, 1, 1, "over the 6,144 AWS accepts for a managed policy"]],
    },
    {
      given: "a Terraform `aws_iam_policy` (a managed policy), over 6,144",
      docs: [{ policy: sized(6_200, IDENTITY), file: "aws_iam_policy.ml_read" }],
      findings: [[PS, 1, 1, "6,144"]],
    },
    {
      given: "the same document with nothing telling it is managed (10,240 assumed)",
      docs: [{ policy: sized(6_200, IDENTITY), file: "ml-read.json" }],
      findings: [],
    },
    {
      given: "a permissions boundary over 6,144",
      type: "boundary",
      policy: sized(6_145, IDENTITY),
      findings: [[PS, 1, 1, "a managed policy (permissions boundary)"]],
    },
    {
      given: "a role trust policy over 2,048 (the default quota)",
      type: "trust",
      policy: sized(2_049, TRUST),
      findings: [[PS, 1, 1, "over the 2,048 AWS accepts for a role trust policy"]],
    },
    {
      given: "a role trust policy of 2,048",
      type: "trust",
      policy: sized(2_048, TRUST),
      findings: [],
    },
    {
      given: "an SCP over 5,120",
      type: "scp",
      policy: sized(5_121, SCP),
      findings: [[PS, 1, 1, "a service control policy | split it"]],
    },
    {
      given: "an RCP over 5,120",
      type: "rcp",
      policy: sized(5_121, RCP),
      findings: [[PS, 1, 1, "a resource control policy"]],
    },
    {
      given: "an S3 bucket policy over 20 KB",
      type: "resource",
      policy: sized(20_481, BUCKET),
      findings: [[PS, 1, 1, "over the 20,480 AWS accepts for an S3 bucket policy (20 KB)"]],
    },
    {
      given: "an S3 bucket policy of 20 KB",
      type: "resource",
      policy: sized(20_480, BUCKET),
      findings: [],
    },
    {
      given: "another resource policy (an SQS queue's): not checked",
      type: "resource",
      policy: sized(30_000, QUEUE),
      findings: [],
    },
  ],
);

describe("aws/policy-size counting", () => {
  const parse = (doc: unknown, type: "identity" | "resource") => {
    const { node } = parseLocatedJson(JSON.stringify(doc, null, 2), "p.json");
    const { policy: parsed, diagnostics } = parsePolicy(node!, { type });
    expect(diagnostics).toEqual([]);
    return parsed!;
  };

  it.each([
    ["a scalar Statement, Action and Resource", "identity", { Statement: IDENTITY }],
    [
      "arrays of one",
      "identity",
      policy({ ...IDENTITY, Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::r/*"] }),
    ],
    [
      "principals, conditions with several operators and keys, numbers and booleans",
      "resource",
      {
        Version: "2012-10-17",
        Id: "doc-1",
        Statement: [
          { ...BUCKET, Principal: "*" },
          {
            ...BUCKET,
            Sid: "Two",
            Principal: {
              AWS: ["111122223333", "arn:aws:iam::123456789012:root"],
              Service: "s3.amazonaws.com",
            },
            Condition: {
              Bool: { "aws:SecureTransport": false },
              NumericLessThan: { "s3:max-keys": 10, "aws:MultiFactorAuthAge": [3600] },
              StringEquals: { "aws:PrincipalTag/a~b/c": 'x"y\\z' },
            },
          },
        ],
      },
    ],
  ] as const)("%s: the size of the minified JSON", (_, type, doc) => {
    const p = parse(doc, type);
    expect(policySize(p)).toBe(JSON.stringify(doc).length);
    expect(sizeBound(p)).toBeGreaterThanOrEqual(policySize(p));
  });

  it("skips documents of an account export: AWS has accepted them (AWS managed policies are exempt)", () => {
    const big = sized(12_000, IDENTITY);
    const text = JSON.stringify(
      { Policies: [{ PolicyName: "Big", PolicyVersionList: [{ Document: big }] }] },
      null,
      2,
    );
    const { node } = parseLocatedJson(text, "export.json");
    const root = node!.kind === "object" ? node!.entries[0]!.value : undefined;
    const item = root?.kind === "array" ? root.items[0] : undefined;
    const versions = item?.kind === "object" ? item.entries[1]!.value : undefined;
    const version = versions?.kind === "array" ? versions.items[0] : undefined;
    const doc = version?.kind === "object" ? version.entries[0]!.value : undefined;
    expect(doc?.loc.pointer).toBe("/Policies/0/PolicyVersionList/0/Document");
    const findings = lintAws([
      { file: "export.json", node: doc!, type: "identity", name: "role/x managed Big" },
    ]);
    expect(findings.filter((f) => f.ruleId === PS)).toEqual([]);
    // The same document on its own is over the quota.
    const alone = parseLocatedJson(JSON.stringify(big), "big.json").node!;
    expect(
      lintAws([{ file: "big.json", node: alone, type: "identity", name: "big.json" }]).filter(
        (f) => f.ruleId === PS,
      ),
    ).toHaveLength(1);
  });
});

// A document far past every AWS quota (no policy holds more than about 800 statements) is
// sized and reported; rules analyse its first MAX_ANALYSED_STATEMENTS statements only, and
// policy-size says so, so that a 50 MB file is linted in bounded work.
describe("aws/policy-size on documents far past any quota", () => {
  const lint = (statements: unknown[], type: "identity" | "resource" = "identity") =>
    lintAws([
      {
        file: "huge.json",
        // As a file lays it out: findings sort by line.
        node: parseLocatedJson(JSON.stringify(policy(...statements), null, 2), "huge.json").node!,
        type,
        name: "huge.json",
      },
    ]);
  const star = { Effect: "Allow", Action: "*", Resource: "*" };
  const plain = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

  it("says which statements rules analysed, first in the file, and rules stop there", () => {
    const statements: unknown[] = Array.from({ length: MAX_ANALYSED_STATEMENTS + 1 }, () => plain);
    // Just inside the analysed part, and just past it.
    statements[MAX_ANALYSED_STATEMENTS - 1] = star;
    statements[MAX_ANALYSED_STATEMENTS] = star;
    const findings = lint(statements);
    expect(findings.slice(0, 2).map((f) => [f.ruleId, f.location.pointer, f.message])).toEqual([
      [
        PS,
        "",
        "the policy has 20,001 statements, far more than any AWS policy holds: rules analysed the first 20,000 only",
      ],
      [PS, "", expect.stringMatching(/^the policy has [\d,]+ characters without white space/)],
    ]);
    const pointers = new Set(
      findings.map((f) => f.location.pointer.split("/").slice(0, 3).join("/")),
    );
    expect(pointers.has(`/Statement/${MAX_ANALYSED_STATEMENTS - 1}`)).toBe(true);
    expect(pointers.has(`/Statement/${MAX_ANALYSED_STATEMENTS}`)).toBe(false);
  });

  it("also for a kind without a size quota checked here", () => {
    const findings = lint(
      Array.from({ length: MAX_ANALYSED_STATEMENTS + 1 }, () => ({
        ...plain,
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
        Resource: "arn:aws:sqs:us-east-1:111122223333:q",
        Action: "sqs:SendMessage",
      })),
      "resource",
    ).filter((f) => f.ruleId === PS);
    expect(findings.map((f) => f.message)).toEqual([
      "the policy has 20,001 statements, far more than any AWS policy holds: rules analysed the first 20,000 only",
    ]);
  });

  it("not at the limit", () => {
    const findings = lint(Array.from({ length: MAX_ANALYSED_STATEMENTS }, () => plain));
    expect(findings.filter((f) => /rules analysed/.test(f.message))).toEqual([]);
  });
});
