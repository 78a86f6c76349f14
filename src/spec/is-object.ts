/** A YAML mapping as JavaScript: an object that is not an array (`null` is none). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
