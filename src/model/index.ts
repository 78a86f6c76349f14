export type { Decision, Invalid } from "./decision.js";
export { DECISIONS } from "./decision.js";
export type { Category, Finding, FindingSeverity } from "./finding.js";
export {
  atLeast,
  CATEGORIES,
  FINDING_SEVERITIES,
  findingFingerprint,
  legacyFindingFingerprint,
  positionFreeMessage,
} from "./finding.js";
export { type SelfCheckCounts, selfCheckLine } from "./self-check-line.js";
