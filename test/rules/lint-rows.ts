/**
 * Table-driven lint rows shared by the rule tests: Given one or more small
 * policies, When `lintAws` runs, Then exactly these findings of the rules under
 * test appear, in order.
 *
 * Every policy is written to its file as `JSON.stringify(policy, null, 2)`, so
 * the expected lines and columns refer to that layout: the first statement's
 * `{` is at line 4, column 5; a scalar `"Action"` value at column 17; array
 * items at column 9; condition keys at column 11.
 */
import { describe, expect, it } from "vitest";
import type { PolicyType } from "../../src/clouds/aws/policy/types.js";
import { type LintDocument, lintAws } from "../../src/clouds/aws/rules/lint.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import type { Finding } from "../../src/model/index.js";
import { titled } from "../support/rows.js";

/** One policy document of a row. */
export interface Doc {
  policy: unknown;
  /** @default the row's type, else `identity` */
  type?: PolicyType;
  /** Documents with the same principal are judged together. @default one principal per file */
  principal?: string;
  /** @default `policy.json`, or `policyN.json` for the Nth of several documents */
  file?: string;
}

/**
 * `[ruleId, line, column, text?, file?]`: `text` must occur in the message or
 * the help; `file` is checked when given (rows of several documents).
 */
export type Expected = readonly [string, number, number, string?, string?];

export interface Row {
  given: string;
  /** A single policy... */
  policy?: unknown;
  type?: PolicyType;
  /** ...or several documents. */
  docs?: Doc[];
  /** Then: exactly these findings, in the order lint sorts them. */
  findings: Expected[];
  /**
   * A rule bug found by this row: `findings` states the correct ones, `now`
   * what the rule reports today. The test asserts `now` (and that `findings`
   * do not hold), so fixing the rule turns it red as a reminder to delete `bug`
   * and `now` and keep the row as an ordinary one.
   */
  bug?: { why: string; now: Expected[] };
}

/** A policy document with the current Version and these statements. */
export function policy(...statements: unknown[]): unknown {
  return { Version: "2012-10-17", Statement: statements };
}

export function documentsOf(row: Row): LintDocument[] {
  const docs: Doc[] = row.docs ?? [{ policy: row.policy }];
  return docs.map((d, i) => {
    const file = d.file ?? (docs.length === 1 ? "policy.json" : `policy${i}.json`);
    const { node, diagnostics } = parseLocatedJson(JSON.stringify(d.policy, null, 2), file);
    if (!node) throw new Error(`bad JSON in row: ${diagnostics[0]?.message}`);
    const doc: LintDocument = { file, node, type: d.type ?? row.type ?? "identity", name: file };
    if (d.principal !== undefined) doc.principal = d.principal;
    return doc;
  });
}

/** The findings of the given rules (and every syntax finding: rows must be valid policies). */
export function lintRow(row: Row, ruleIds: readonly string[]): Finding[] {
  return lintAws(documentsOf(row)).filter(
    (f) => ruleIds.includes(f.ruleId) || f.ruleId.endsWith("-syntax"),
  );
}

function check(row: Row, ruleIds: readonly string[], expected = row.findings): void {
  const found = lintRow(row, ruleIds);
  const at = (f: Finding) => [f.ruleId, f.location.line, f.location.column];
  expect(found.map(at)).toEqual(expected.map(([r, l, c]) => [r, l, c]));
  expected.forEach(([, , , text, file], i) => {
    if (text !== undefined) expect(`${found[i]!.message} | ${found[i]!.help}`).toContain(text);
    if (file !== undefined) expect(found[i]!.location.file).toBe(file);
  });
}

function title(row: Row): string {
  const then =
    row.findings.length === 0
      ? "no finding"
      : row.findings.map(([r, l, c]) => `${r}@${l}:${c}`).join(", ");
  return `Given ${row.given}, then ${then}`;
}

/** One test per row, in a `describe` named after the rules under test. */
export function lintRows(ruleIds: readonly string[], rows: readonly Row[]): void {
  describe(ruleIds.join(", "), () => {
    const ok = rows.filter((r) => r.bug === undefined);
    const bugs = rows.filter((r) => r.bug !== undefined);
    it.each(titled(ok, title))("%s", (_, row) => check(row, ruleIds));
    if (bugs.length > 0)
      it.each(titled(bugs, (r) => `KNOWN RULE BUG (${r.bug!.why}): ${title(r)}`))(
        "%s",
        (_, row) => {
          check(row, ruleIds, row.bug!.now);
          expect(() => check(row, ruleIds)).toThrow();
        },
      );
  });
}
