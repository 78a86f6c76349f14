export { generateGcp } from "./generate.js";
export type * from "./types.js";
