import type { Diagnostic } from "../../diagnostics/index.js";
import type { Finding } from "../../model/index.js";

/**
 * Reader diagnostics that mean the run cannot do what was asked: a named path
 * that does not exist or cannot be read, a named file that is no input at all,
 * a parser that cannot be loaded. They stop the run with exit status 2, as bad
 * options do; everything else a reader reports is about the content of a file
 * and goes into the results.
 */
const FATAL = new Set([
  "input/not-found",
  "input/unreadable",
  "input/unrecognized",
  "input/terraform-unavailable",
]);

/** The rule id a reader error is reported under (documented in docs/rules/README.md). */
export function inputRuleId(code: string): string {
  if (
    code.startsWith("json/") ||
    code === "input/json-syntax" ||
    code === "input/invalid-policy-json"
  )
    return "aws/json-syntax";
  if (code.startsWith("spec/") || code.startsWith("generate/")) return "aws/invalid-spec";
  return "aws/parse-error";
}

/**
 * Sorts what the readers reported: fatal problems (exit 2), errors about a
 * file's content, which become findings of category `invalid` so that they
 * appear in every format and fail the run at the default `--fail-on`, as
 * ESLint reports a parse error as a fatal message among its results; and the
 * rest (warnings, notes), which every format lists as notifications.
 */
export function sortInputDiagnostics(diagnostics: readonly Diagnostic[]): {
  fatal: Diagnostic[];
  findings: Finding[];
  notifications: Diagnostic[];
} {
  const fatal: Diagnostic[] = [];
  const findings: Finding[] = [];
  const notifications: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.severity !== "error") notifications.push(d);
    else if (FATAL.has(d.code) || !d.location) fatal.push(d);
    else
      findings.push({
        ruleId: inputRuleId(d.code),
        category: "invalid",
        severity: "error",
        message: d.message,
        help: d.help ?? "fix the file so that it parses",
        location: d.location,
        code: d.code,
      });
  }
  return { fatal, findings, notifications };
}
