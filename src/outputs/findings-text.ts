import { boundedMessage } from "../diagnostics/index.js";
import type { Finding } from "../model/index.js";
import { findingsHeadline } from "./findings-json.js";
import { checkedLine, type LintRun } from "./findings-run.js";

/** Source characters a frame line shows at most: a minified policy must not print whole. */
export const FRAME_WIDTH = 100;

/**
 * The columns [start, end) of the lines a frame shows: everything when the
 * longest shown line fits, else a window of `FRAME_WIDTH` around the column.
 */
function frameWindow(lines: readonly string[], column: number): [number, number] {
  const longest = Math.max(...lines.map((l) => l.length));
  if (longest <= FRAME_WIDTH) return [0, longest];
  const start = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, longest - FRAME_WIDTH));
  return [start, start + FRAME_WIDTH];
}

/** A line cut to the window, with `…` where text was left out. */
function cut(source: string, [start, end]: [number, number]): string {
  if (start === 0 && source.length <= end) return source;
  return `${start > 0 && source.length > start ? "…" : ""}${source.slice(start, end)}${source.length > end ? "…" : ""}`;
}

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
 * Lines longer than `FRAME_WIDTH` show a window around the column, cut
 * with `…`, the caret still under its character. Empty when the line is not
 * in the text.
 */
export function codeFrame(text: string, line: number, column: number): string[] {
  return frameOfLines(splitLines(text), line, column);
}

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);

function frameOfLines(lines: readonly string[], line: number, column: number): string[] {
  const target = lines[line - 1];
  if (line < 1 || target === undefined) return [];
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const window = frameWindow(lines.slice(first - 1, last), column);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = lines[n - 1] ?? "";
    out.push(
      `${n === line ? ">" : " "} ${String(n).padStart(width)} | ${cut(source, window)}`.trimEnd(),
    );
    if (n === line) {
      // Keep tabs so the caret lines up however the terminal expands them.
      const [start] = window;
      const marker = start > 0 && target.length > start ? " " : "";
      // Within the window even when a reader's column runs past the line's end.
      const shown = Math.min(Math.max(0, column - 1 - start), FRAME_WIDTH);
      const prefix = target.slice(start, start + shown).replace(/[^\t]/g, " ");
      const pad = " ".repeat(Math.max(0, shown - prefix.length));
      out.push(`  ${" ".repeat(width)} | ${marker}${prefix}${pad}^`);
    }
  }
  return out;
}

/**
 * Findings as people read them in a terminal: `file:line:column: severity
 * ruleId: message`, a code frame when the file's text is in `sources`, the
 * help line, and a closing count, then what the run checked and skipped
 * when it is given. No colours; the same input gives the same text.
 */
export function renderFindingsText(
  findings: readonly Finding[],
  sources: ReadonlyMap<string, string>,
  run?: LintRun,
): string {
  // Each file split into lines once: an export with a thousand findings is one large text.
  const split = new Map<string, string[]>();
  const linesOf = (file: string) => {
    let lines = split.get(file);
    const text = sources.get(file);
    if (!lines && text !== undefined) {
      lines = splitLines(text);
      split.set(file, lines);
    }
    return lines;
  };
  const blocks = findings.map((f) => {
    const { file, line, column } = f.location;
    const lines = linesOf(file);
    return [
      `${file}:${line}:${column}: ${f.severity} ${f.ruleId}: ${boundedMessage(f.message)}`,
      ...(lines === undefined ? [] : frameOfLines(lines, line, column)),
      `  help: ${boundedMessage(f.help)}`,
    ].join("\n");
  });
  const closing = run
    ? `${findingsHeadline(findings)}\n${checkedLine(run)}`
    : findingsHeadline(findings);
  return `${[...blocks, closing].join("\n\n")}\n`;
}
