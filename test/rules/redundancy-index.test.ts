import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/clouds/aws/policy/parse.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import {
  redundantStatements,
  statementCovers,
} from "../../src/clouds/aws/rules/redundant-statement.js";
import { StatementView } from "../../src/clouds/aws/rules/rule.js";
import {
  patternCovers,
  redundantEntries,
} from "../../src/clouds/aws/rules/support/pattern-cover.js";
import { MAX_COMPARISONS, WorkBudget } from "../../src/clouds/aws/rules/support/work-cap.js";
import { fromPlain } from "../../src/diagnostics/index.js";

// The redundancy rules compare entries through indexes (by literal prefix and suffix, by
// group, by condition clause) instead of pair by pair, which made a 16,000-statement
// policy take minutes. The indexes only skip pairs that cannot cover each other: the
// answers equal comparing every pair, and the work grows with the input, not its square.

function views(statements: unknown[]): StatementView[] {
  const { policy, diagnostics } = parsePolicy(
    JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    { type: "identity" },
  );
  if (!policy) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return policy.statements.map((s) => new StatementView(s));
}

/** Every pair compared: the first statement, in order, that covers each one. */
function bruteStatements(vs: StatementView[]): [number, number][] {
  const out: [number, number][] = [];
  vs.forEach((v, i) => {
    const by = vs.findIndex(
      (w, j) => j !== i && statementCovers(w, v) && (j < i || !statementCovers(v, w)),
    );
    if (by >= 0) out.push([i, by]);
  });
  return out;
}

/** Every pair of entries compared, as the rule reports them (the first coverer in list order). */
function bruteEntries(keys: string[]): Set<number> {
  const out = new Set<number>();
  keys.forEach((q, i) => {
    if (keys.indexOf(q) < i) out.add(i);
    else if (
      keys.some(
        (p, j) => j !== i && p !== q && patternCovers(p, q) && (j < i || !patternCovers(q, p)),
      )
    )
      out.add(i);
  });
  return out;
}

const ACTIONS = ["s3:GetObject", "s3:Get*", "s3:*", "*", "s3:getobject", "s3:G?tObject", "ec2:*"];
const RESOURCES = [
  "*",
  "arn:aws:s3:::b/*",
  "arn:aws:s3:::b/x",
  "arn:aws:s3:::b/*.csv",
  "arn:aws:s3:::b/x.csv",
  "arn:aws:s3:::b/${aws:username}/*",
  "arn:aws:s3:::b/${aws:username}/x",
];
const CONDITIONS = [
  { Bool: { "aws:SecureTransport": "true" } },
  { StringEquals: { "aws:PrincipalTag/team": "a" } },
  { StringEquals: { "aws:PrincipalTag/team": "a", "aws:RequestedRegion": "eu-west-1" } },
];

const statement = fc.record(
  {
    Effect: fc.constantFrom("Allow", "Deny"),
    Action: fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
    Resource: fc.array(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 3 }),
    Condition: fc.constantFrom(...CONDITIONS),
  },
  { requiredKeys: ["Effect", "Action", "Resource"] },
);

describe("redundancy indexes find what comparing every pair finds", () => {
  it("statements", () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 2, maxLength: 12 }), (statements) => {
        const vs = views(statements);
        const brute = bruteStatements(vs);
        // Both indexes: the one for a few statements, and the one for many.
        for (const few of [Number.POSITIVE_INFINITY, 0]) {
          const { redundant, compared } = redundantStatements(vs, new WorkBudget(), few);
          expect(compared).toBe(vs.length);
          expect(redundant).toEqual(brute);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("list entries", () => {
    const entry = fc.constantFrom(
      ...RESOURCES,
      "arn:aws:s3:::b/*/x.csv",
      "arn:aws:s3:::b/?.csv",
      "arn:aws:s3:::b/*x",
      "arn:aws:s3:::*",
      "arn:aws:s3:::b/x*.csv",
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 2, maxLength: 10 }), (keys) => {
        const { redundant, compared } = redundantEntries(keys);
        expect(compared).toBe(keys.length);
        expect(new Set(redundant.map(([i]) => i))).toEqual(bruteEntries(keys));
      }),
      { numRuns: 300 },
    );
  });
});

describe("redundancy work grows with the input, not its square", () => {
  // Comparisons counted, not time: each of these took minutes when every pair was compared.
  const n = 4_000;
  it.each([
    [
      "statements that all name the same actions, each on its own resource",
      Array.from({ length: n }, (_, i) => ({
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"],
        Resource: `arn:aws:s3:::b/${i}/*`,
      })),
    ],
    [
      "statements that all have a wildcard action, each its own",
      Array.from({ length: n }, (_, i) => ({
        Effect: "Allow",
        Action: [`s3:Get${i}*`],
        Resource: "arn:aws:s3:::b/*",
      })),
    ],
    [
      "statements that differ in their condition only",
      Array.from({ length: n }, (_, i) => ({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::b/*",
        Condition: { StringEquals: { "aws:PrincipalTag/team": `t${i}` } },
      })),
    ],
    [
      "the same statement, again and again",
      Array.from({ length: n }, () => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })),
    ],
  ])("%s", (_, statements) => {
    const budget = new WorkBudget();
    const { compared } = redundantStatements(views(statements), budget);
    expect(compared).toBe(n);
    expect(budget.spent).toBeLessThan(20 * n);
  });

  it.each([
    [
      "wildcards that share their prefix, not their suffix",
      (i: number) => `arn:aws:s3:::b/*/f${i}`,
    ],
    ["actions that share their prefix, not their suffix", (i: number) => `s3:*object${i}`],
  ])("list entries: %s", (_, entry) => {
    const budget = new WorkBudget();
    const { compared } = redundantEntries(
      Array.from({ length: n }, (_, i) => entry(i)),
      budget,
    );
    expect(compared).toBe(n);
    expect(budget.spent).toBeLessThan(20 * n);
  });
});

/**
 * Statements that defeat every index: the same actions and resource, and
 * conditions `{X_a, Y_b}` for each pair (a, b) below `k`, so that each
 * statement has about `k` candidates (those with its `X_a`), none of which
 * covers it. Comparisons grow as the number of statements to the power 1.5.
 */
function unindexable(k: number, actions: string[]): unknown[] {
  return Array.from({ length: k * k }, (_, i) => ({
    Effect: "Allow",
    Action: actions,
    Resource: "arn:aws:s3:::b/*",
    Condition: {
      StringEquals: {
        "aws:PrincipalTag/x": `x${Math.floor(i / k)}`,
        "aws:PrincipalTag/y": `y${i % k}`,
      },
    },
  }));
}

describe("past the cap on comparisons, the rules say what they left out", () => {
  it("statements: the ones compared", () => {
    const statements = unindexable(7, ["s3:GetObject"]);
    const { compared } = redundantStatements(views(statements), new WorkBudget(100), 0);
    expect(compared).toBeGreaterThan(0);
    expect(compared).toBeLessThan(statements.length);
    // With room enough, every statement is compared, and none is redundant.
    expect(redundantStatements(views(statements))).toEqual({
      redundant: [],
      compared: statements.length,
    });
  });

  it("list entries: the ones compared", () => {
    const keys = Array.from({ length: 50 }, (_, i) => `arn:aws:s3:::b/*/x${i}/*`);
    const { compared } = redundantEntries(keys, new WorkBudget(100));
    expect(compared).toBeGreaterThan(0);
    expect(compared).toBeLessThan(50);
  });

  it.each([
    [
      "aws/redundant-statement",
      // k^3 comparisons of 22 units each (one per action and resource, and one): past the cap.
      unindexable(
        Math.ceil(Math.cbrt(MAX_COMPARISONS / 22)) + 5,
        Array.from({ length: 20 }, (_, i) => `s3:GetObjectVersion${i}`),
      ),
      "statements only",
      "",
    ],
    [
      "aws/redundant-resource",
      [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: Array.from(
            { length: Math.ceil(Math.sqrt(MAX_COMPARISONS)) + 200 },
            (_, i) => `arn:aws:s3:::b/*/x${i}/*`,
          ),
        },
      ],
      "entries of this list (and no later statement) only",
      "/Statement/0",
    ],
  ])("%s through lint", (rule, statements, what, pointer) => {
    const findings = lintAws([
      {
        file: "big.json",
        node: fromPlain({ Version: "2012-10-17", Statement: statements }, "big.json"),
        type: "identity",
        name: "big.json",
      },
    ]).filter((f) => f.ruleId === rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(
      new RegExp(`^${rule} compared the first [\\d,]+ of [\\d,]+ ${what.replace(/[()]/g, "\\$&")}`),
    );
    expect(findings[0]!.location.pointer).toBe(pointer);
  });
});
