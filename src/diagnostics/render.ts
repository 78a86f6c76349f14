import type { Diagnostic } from "./diagnostic.js";

/** `file:line:column: severity code: message` then an indented help line. */
export function renderDiagnostic(d: Diagnostic): string {
  const where = d.location
    ? `${d.location.file}:${d.location.line}:${d.location.column}${d.location.pointer ? ` (${d.location.pointer})` : ""}: `
    : "";
  const head = `${where}${d.severity} ${d.code}: ${d.message}`;
  return d.help ? `${head}\n  help: ${d.help}` : head;
}

export function renderDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(renderDiagnostic).join("\n");
}
