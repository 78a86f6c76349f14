import {
  CATEGORIES,
  type Category,
  FINDING_SEVERITIES,
  type Finding,
  type FindingSeverity,
} from "../model/index.js";
import { type LintRun, runNotifications } from "./findings-run.js";

/** Counts over one lint run, shared by the JSON and Markdown reports. */
export interface LintSummary {
  total: number;
  /** Every severity, most severe first, zero when none. */
  bySeverity: Record<FindingSeverity, number>;
  /** Every category in `CATEGORIES` order, zero when none. */
  byCategory: Record<Category, number>;
  /** How many files were linted (not only those with findings). */
  files: number;
  /** Version of the AWS service catalog the rules checked against. */
  catalogVersion: string;
  /** Files looked at and not read (present when the run is known). */
  skipped?: number;
  /** Reader warnings and notes, skipped files included (present when the run is known). */
  notifications?: number;
}

export function summarize(
  findings: readonly Finding[],
  context: { files: number; catalogVersion: string; run?: LintRun },
): LintSummary {
  const bySeverity = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, 0])) as Record<
    FindingSeverity,
    number
  >;
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    byCategory[f.category] = (byCategory[f.category] ?? 0) + 1;
  }
  return {
    total: findings.length,
    bySeverity,
    byCategory,
    files: context.files,
    catalogVersion: context.catalogVersion,
    ...(context.run
      ? {
          skipped: context.run.skipped.length,
          notifications: runNotifications(context.run).length,
        }
      : {}),
  };
}

/** `1 error, 2 high`: the non-zero severities, most severe first ("" when there are none). */
export function severityCounts(findings: readonly Finding[]): string {
  return FINDING_SEVERITIES.map(
    (s) => [s, findings.filter((f) => f.severity === s).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

/** `3 findings: 1 error, 2 high`, or `0 findings`. */
export function findingsHeadline(findings: readonly Finding[]): string {
  const n = findings.length;
  const head = `${n} finding${n === 1 ? "" : "s"}`;
  return n === 0 ? head : `${head}: ${severityCounts(findings)}`;
}

const place = (l: { file: string; pointer: string; line: number; column: number }) => ({
  file: l.file,
  pointer: l.pointer,
  line: l.line,
  column: l.column,
});

/**
 * The machine-readable report: findings in the order given (the linter sorts
 * them) with a fixed key order (a parse error adds the reader's `code`), then
 * the readers' notifications when the run is given (warnings, and files
 * skipped as not IAM), then the summary. Pretty-printed, newline-terminated.
 */
export function renderFindingsJson(
  findings: readonly Finding[],
  summary: LintSummary,
  run?: LintRun,
): string {
  const report = {
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      message: f.message,
      help: f.help,
      location: place(f.location),
      ...(f.code ? { code: f.code } : {}),
    })),
    ...(run
      ? {
          notifications: runNotifications(run).map((d) => ({
            code: d.code,
            severity: d.severity,
            message: d.message,
            ...(d.help ? { help: d.help } : {}),
            ...(d.location ? { location: place(d.location) } : {}),
          })),
        }
      : {}),
    summary: {
      total: summary.total,
      bySeverity: summary.bySeverity,
      byCategory: summary.byCategory,
      files: summary.files,
      ...(summary.skipped !== undefined ? { skipped: summary.skipped } : {}),
      ...(summary.notifications !== undefined ? { notifications: summary.notifications } : {}),
      catalogVersion: summary.catalogVersion,
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
