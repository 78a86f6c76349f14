import type { Diagnostic, JsonNode, JsonObjectNode } from "../../../diagnostics/index.js";
import { inputDiagnostic, itemsOf } from "./common.js";

type Entry = JsonObjectNode["entries"][number];

const MAX_DEPTH = 16;

/**
 * The `Resources` entries with `Fn::ForEach::Name` loops (the
 * `AWS::LanguageExtensions` transform) expanded: for each value of a literal
 * collection, the fragment's resources with `${Identifier}` and
 * `&{Identifier}` (the value with its non-alphanumeric characters removed)
 * replaced in their keys and strings, as the transform does. A loop over a
 * collection known only at deployment (`!Ref SubnetIds`) is reported as not
 * analysed, instead of being skipped like an entry with no `Type`.
 */
export function expandForEach(
  entries: readonly Entry[],
  diagnostics: Diagnostic[],
  depth = 0,
): Entry[] {
  const out: Entry[] = [];
  for (const e of entries) {
    if (!e.key.startsWith("Fn::ForEach::")) {
      out.push(e);
      continue;
    }
    const [identifier, collection, fragment] = itemsOf(e.value);
    const values = itemsOf(collection).map((v) => (v.kind === "string" ? v.value : undefined));
    if (
      depth >= MAX_DEPTH ||
      identifier?.kind !== "string" ||
      collection?.kind !== "array" ||
      values.some((v) => v === undefined) ||
      fragment?.kind !== "object"
    ) {
      diagnostics.push(
        inputDiagnostic(
          "unsupported-expression",
          `the resources of \`${e.key}\` are not analysed: its collection is not a list of strings known before deployment`,
          e.keyLoc,
          "lint the processed template instead (`aws cloudformation get-template --template-stage Processed`)",
          "warning",
        ),
      );
      continue;
    }
    const made: Entry[] = [];
    for (const value of values as string[]) {
      const replace = (s: string) =>
        s
          .split(`\${${identifier.value}}`)
          .join(value)
          .split(`&{${identifier.value}}`)
          .join(value.replace(/[^A-Za-z0-9]/g, ""));
      for (const f of fragment.entries)
        made.push({ key: replace(f.key), keyLoc: f.keyLoc, value: mapStrings(f.value, replace) });
    }
    out.push(...expandForEach(made, diagnostics, depth + 1));
  }
  return out;
}

function mapStrings(node: JsonNode, f: (s: string) => string): JsonNode {
  switch (node.kind) {
    case "string":
      return { ...node, value: f(node.value) };
    case "array":
      return { ...node, items: node.items.map((i) => mapStrings(i, f)) };
    case "object":
      return {
        ...node,
        entries: node.entries.map((e) => ({ ...e, key: f(e.key), value: mapStrings(e.value, f) })),
      };
    default:
      return node;
  }
}
