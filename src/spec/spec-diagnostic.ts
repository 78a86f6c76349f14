import type { Diagnostic, Severity } from "../diagnostics/index.js";
import type { LocatedYaml, Path } from "./located-yaml.js";

/** A diagnostic of the spec at `path` (or its key `key`). */
export function specDiagnostic(
  yaml: LocatedYaml,
  code: string,
  message: string,
  help: string,
  path: Path,
  key?: string,
  severity: Severity = "error",
): Diagnostic {
  return { code: `spec/${code}`, severity, message, help, location: yaml.locate(path, key) };
}
