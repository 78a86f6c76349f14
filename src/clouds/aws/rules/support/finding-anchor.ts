import { createHash } from "node:crypto";
import { type JsonNode, member, toPlain } from "../../../../diagnostics/index.js";

/**
 * A statement in a normal form that ignores how it was written: keys sorted
 * (JSON has no key order), a single string the same as a one-item list (AWS
 * reads them alike), lists of strings sorted and without repeats (the order
 * of `Action` or `Resource` items means nothing).
 */
function normalise(value: unknown): unknown {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) {
    const items = value.map(normalise);
    if (items.every((i) => Array.isArray(i) && i.length === 1 && typeof i[0] === "string"))
      return [...new Set(items.map((i) => (i as string[])[0]!))].sort();
    return items;
  }
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, normalise(v)]),
    );
  return value;
}

// Per statement node: a policy with many findings hashes each statement once.
const statementKeys = new WeakMap<JsonNode, string>();

function statementKey(statement: JsonNode, policy: string): string {
  const sid = member(statement, "Sid");
  // A Sid names a statement within its policy only (the console writes `VisualEditor0` everywhere).
  if (sid?.kind === "string" && sid.value !== "") return `sid:${policy}:${sid.value}`;
  let key = statementKeys.get(statement);
  if (key === undefined) {
    const normal = JSON.stringify(normalise(toPlain(statement)));
    key = createHash("sha256").update(normal).digest("hex").slice(0, 32);
    statementKeys.set(statement, key);
  }
  // The policy too: the same statement given to a new role is a new grant, not an accepted one.
  return `statement:${policy}:${key}`;
}

/** A pointer's remainder without array indices: `/Action/2` -> `/Action`. */
const withoutIndices = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, "");

/**
 * What a finding at `pointer` inside policy document `doc` (named `policy`)
 * is about, by content (`Finding.anchor`): the policy and the statement's
 * Sid, else a hash of the statement normalised, then the element inside it; for a finding
 * outside any statement, the policy's name and the element. Undefined when
 * the pointer is not inside the document.
 */
export function findingAnchor(doc: JsonNode, policy: string, pointer: string): string | undefined {
  const base = doc.loc.pointer;
  if (pointer !== base && !pointer.startsWith(`${base}/`)) return undefined;
  const inner = pointer.slice(base.length);
  const statements = member(doc, "Statement");
  const at = /^\/Statement(?:\/(\d+))?(?=\/|$)/.exec(inner);
  if (at && statements) {
    const statement =
      statements.kind === "array" && at[1] !== undefined
        ? statements.items[Number(at[1])]
        : statements.kind === "object"
          ? statements
          : undefined;
    const rest = statements.kind === "array" ? inner.slice(at[0].length) : inner.slice(10);
    if (statement?.kind === "object")
      return `${statementKey(statement, policy)}${withoutIndices(rest)}`;
  }
  return `policy:${policy}${withoutIndices(inner)}`;
}
