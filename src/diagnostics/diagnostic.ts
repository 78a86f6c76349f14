/**
 * Diagnostics are values, not exceptions: every parser and validator returns
 * a list of them so that a user sees every problem at once.
 */

/** How bad a diagnostic is. `error` means the input cannot be used as written. */
export type Severity = "error" | "warning" | "info";

/** Where in a source file a diagnostic points. */
export interface SourceLocation {
  /** The file as the user named it, or `<stdin>` / `<inline>`. */
  file: string;
  /** RFC 6901 JSON pointer to the offending element ("" is the document root). */
  pointer: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export interface Diagnostic {
  /** Stable, documented code such as `aws-policy/unknown-element`. */
  code: string;
  severity: Severity;
  /** One line, lower case, no trailing period; user input in backticks. */
  message: string;
  /** How to fix it. */
  help?: string;
  location?: SourceLocation;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts by file, then position, then severity, then code: stable output for tests and CI. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const la = a.location;
    const lb = b.location;
    return (
      (la?.file ?? "").localeCompare(lb?.file ?? "") ||
      (la?.line ?? 0) - (lb?.line ?? 0) ||
      (la?.column ?? 0) - (lb?.column ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      a.code.localeCompare(b.code)
    );
  });
}
