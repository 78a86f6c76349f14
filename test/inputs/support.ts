import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { JsonNode } from "../../src/diagnostics/index.js";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures", "inputs");

/** A fixture's path (as locations name it) and text. */
export function fixture(name: string): { file: string; text: string } {
  const file = join(FIXTURES, name);
  return { file, text: readFileSync(file, "utf8") };
}

/** The node at a path of keys and indices under `node`; throws when there is none. */
export function nodeAt(node: JsonNode, ...path: (string | number)[]): JsonNode {
  let n: JsonNode | undefined = node;
  for (const step of path) {
    if (n?.kind === "object") n = [...n.entries].reverse().find((e) => e.key === step)?.value;
    else if (n?.kind === "array" && typeof step === "number") n = n.items[step];
    else n = undefined;
    if (!n) throw new Error(`no node at ${path.join("/")}`);
  }
  return n;
}

/** `line:column` of a node. */
export function at(node: JsonNode): string {
  return `${node.loc.line}:${node.loc.column}`;
}

/** The 1-based line:column where `needle` first occurs in `text` (after `from`, if given). */
export function position(text: string, needle: string, from?: string): string {
  const start = from === undefined ? 0 : text.indexOf(from);
  const offset = text.indexOf(needle, Math.max(start, 0));
  if (offset < 0) throw new Error(`\`${needle}\` not in the text`);
  const before = text.slice(0, offset).split("\n");
  return `${before.length}:${before.at(-1)!.length + 1}`;
}
