export type { Decision } from "./decision.js";
export { DECISIONS } from "./decision.js";
