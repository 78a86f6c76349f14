import type { Diagnostic } from "../diagnostics/index.js";
import { LocatedYaml } from "./located-yaml.js";
import type { Spec } from "./schema.js";
import { validateSpec } from "./validate.js";

/** Parses and validates a leash.yaml text; the spec is present only when there are no errors. */
export function loadSpec(text: string, file: string): { spec?: Spec; diagnostics: Diagnostic[] } {
  const parsed = LocatedYaml.parse(text, file);
  if (!parsed.yaml) return { diagnostics: parsed.diagnostics };
  return validateSpec(parsed.value, parsed.yaml);
}
