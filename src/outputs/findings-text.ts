import type { Finding } from "../model/index.js";
import { findingsHeadline } from "./findings-json.js";

/**
 * The finding's line with one line of context either side, a line-number
 * gutter, `>` marking the line and a caret under the column:
 *
 * ```
 *   2 |   "Statement": [{
 * > 3 |     "Action": "*",
 *     |               ^
 *   4 |     "Resource": "*"
 * ```
 * Empty when the line is not in the text.
 */
export function codeFrame(text: string, line: number, column: number): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const target = lines[line - 1];
  if (line < 1 || target === undefined) return [];
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = lines[n - 1] ?? "";
    out.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${source}`.trimEnd());
    if (n === line) {
      // Keep tabs so the caret lines up however the terminal expands them.
      const prefix = target.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
      const pad = " ".repeat(Math.max(0, column - 1 - prefix.length));
      out.push(`  ${" ".repeat(width)} | ${prefix}${pad}^`);
    }
  }
  return out;
}

/**
 * Findings as people read them in a terminal: `file:line:column: severity
 * ruleId: message`, a code frame when the file's text is in `sources`, the
 * help line, and a closing count. No colours; the same input gives the same text.
 */
export function renderFindingsText(
  findings: readonly Finding[],
  sources: ReadonlyMap<string, string>,
): string {
  const blocks = findings.map((f) => {
    const { file, line, column } = f.location;
    const text = sources.get(file);
    return [
      `${file}:${line}:${column}: ${f.severity} ${f.ruleId}: ${f.message}`,
      ...(text === undefined ? [] : codeFrame(text, line, column)),
      `  help: ${f.help}`,
    ].join("\n");
  });
  return `${[...blocks, findingsHeadline(findings)].join("\n\n")}\n`;
}
