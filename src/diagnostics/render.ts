import type { Diagnostic } from "./diagnostic.js";

/**
 * Characters of one backtick span a rendered message shows: messages quote the
 * user's input, and a 5 KB resource ARN is known by its ends, and most paths and ARNs fit.
 */
export const QUOTE_WIDTH = 120;
/** Characters a rendered message or help line takes at most, whatever a parser said. */
export const MESSAGE_WIDTH = 400;

const CONTROL = /\p{Cc}/gu;
const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A message as one bounded terminal line: long quoted input cut to its ends
 * with `…`, control characters written as escapes (a `Sid` may hold a newline),
 * and the whole cut at `MESSAGE_WIDTH`. Machine formats keep the full text.
 */
export function boundedMessage(text: string): string {
  const quoted = text.replace(/`([^`]*)`/g, (span, inner: string) =>
    inner.length <= QUOTE_WIDTH
      ? span
      : `\`${inner.slice(0, (QUOTE_WIDTH * 2) / 3)}…${inner.slice(-QUOTE_WIDTH / 3)}\``,
  );
  const line = quoted.replace(
    CONTROL,
    (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return line.length <= MESSAGE_WIDTH ? line : `${line.slice(0, MESSAGE_WIDTH - 1)}…`;
}

/** `file:line:column: severity code: message` then an indented help line, each bounded. */
export function renderDiagnostic(d: Diagnostic): string {
  const where = d.location
    ? `${d.location.file}:${d.location.line}:${d.location.column}${d.location.pointer ? ` (${boundedMessage(d.location.pointer)})` : ""}: `
    : "";
  const head = `${where}${d.severity} ${d.code}: ${boundedMessage(d.message)}`;
  return d.help ? `${head}\n  help: ${boundedMessage(d.help)}` : head;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(renderDiagnostic).join("\n");
}
