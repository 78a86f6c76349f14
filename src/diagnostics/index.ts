export type { Diagnostic, Severity, SourceLocation } from "./diagnostic.js";
export { hasErrors, sortDiagnostics } from "./diagnostic.js";
export type {
  JsonArrayNode,
  JsonNode,
  JsonObjectNode,
  LocatedJsonOptions,
  LocatedJsonResult,
} from "./located-json.js";
export {
  fromPlain,
  mapLocations,
  member,
  parseLocatedJson,
  pointerToken,
  toPlain,
} from "./located-json.js";
export { decodeText, readText } from "./read-text.js";
export { boundedMessage, renderDiagnostic, renderDiagnostics } from "./render.js";
export { closest, editDistance } from "./suggest.js";
