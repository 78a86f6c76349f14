import { extname } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";

/** A file looked at and not read as IAM, and why (as the input readers report it). */
export interface SkippedInput {
  file: string;
  /** `not-iam`: none of the inputs lint reads; `ignored`: matched `ignore` in the config. */
  reason: "not-iam" | "ignored";
}

/**
 * What a lint run looked at besides its findings, so that no format hides
 * what was not checked: how many files were read, which were skipped, and
 * the readers' warnings and notes (an expression not analysed, a managed
 * policy missing from an export).
 */
export interface LintRun {
  /** Files read as inputs, including those that failed to parse. */
  files: number;
  skipped: readonly SkippedInput[];
  /** Non-error diagnostics of the readers. */
  notifications: readonly Diagnostic[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `2 .json not IAM, 1 ignored`: the skipped files grouped by why (and extension). */
export function skippedWhy(skipped: readonly SkippedInput[]): string {
  const groups = new Map<string, number>();
  for (const s of skipped) {
    const why =
      s.reason === "ignored" ? "ignored" : `${extname(s.file).toLowerCase() || "file"} not IAM`;
    groups.set(why, (groups.get(why) ?? 0) + 1);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([why, n]) => `${n} ${why}`)
    .join(", ");
}

/** `checked 3 files, 2 skipped (2 .json not IAM), 1 warning`: the run in one line. */
export function checkedLine(run: LintRun): string {
  const parts = [`checked ${plural(run.files, "file")}`];
  if (run.skipped.length > 0)
    parts.push(`${run.skipped.length} skipped (${skippedWhy(run.skipped)})`);
  const warnings = run.notifications.filter((d) => d.severity === "warning").length;
  if (warnings > 0) parts.push(plural(warnings, "warning"));
  return parts.join(", ");
}

/**
 * Everything a machine-readable report lists beside the findings: the
 * readers' warnings and notes, then a note for each file skipped as not IAM
 * (ignored files are only counted: the config asked for it).
 */
export function runNotifications(run: LintRun): Diagnostic[] {
  return [
    ...run.notifications,
    ...run.skipped
      .filter((s) => s.reason === "not-iam")
      .map(
        (s): Diagnostic => ({
          code: "input/skipped",
          severity: "info",
          message:
            "skipped: not a policy, account export, CloudFormation template, Terraform file or plan",
          help: "name the file to see why, or add it to `ignore` in leash.config.yaml",
          location: { file: s.file, pointer: "", line: 1, column: 1 },
        }),
      ),
  ];
}
