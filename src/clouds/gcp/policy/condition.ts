import { parse } from "@bufbuild/cel";
import type { JsonNode } from "../../../diagnostics/index.js";
import type { JsonReader } from "./json-reader.js";

/** A condition's parsed CEL, kept beside it so that each expression is parsed once. */
export type ParsedCel = ReturnType<typeof parse>;

const parsed = new Map<string, ParsedCel | { error: string; column: number }>();

/**
 * Parses a CEL expression with a real CEL parser (@bufbuild/cel), once per
 * distinct text: a batch repeats the same few conditions on every line.
 */
export function parseCel(expression: string): ParsedCel | { error: string; column: number } {
  let hit = parsed.get(expression);
  if (hit === undefined) {
    try {
      hit = parse(expression);
    } catch (e) {
      const err = e as {
        rawMessage?: string;
        message: string;
        location?: { start?: { column?: number } };
      };
      hit = { error: err.rawMessage ?? err.message, column: err.location?.start?.column ?? 1 };
    }
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(expression, hit);
  }
  return hit;
}

export interface ReadCondition {
  expression: string;
  title?: string;
  description?: string;
  cel: ParsedCel;
}

/** Reads `{expression, title?, description?}`; a syntax error is reported with its column. */
export function readCondition(
  node: JsonNode,
  what: string,
  r: JsonReader,
): ReadCondition | undefined {
  const help = 'write `{"title": "...", "expression": "resource.name.startsWith(\\"...\\")"}`';
  const m = r.object(node, what, ["expression", "title", "description", "location"], help);
  if (!m) return undefined;
  const exprNode = r.required(m, "expression", what, node.loc);
  const expression = r.name(exprNode, `${what}'s \`expression\``, help);
  const title = r.string(m.get("title"), `${what}'s \`title\``, "a short name for the condition");
  const description = r.string(m.get("description"), `${what}'s \`description\``, "free text");
  if (!expression) return undefined;
  const cel = parseCel(expression.value);
  if ("error" in cel) {
    r.error(
      "condition-syntax",
      `${what}'s expression does not parse at column ${cel.column}: ${cel.error}`,
      expression.loc,
      "IAM Conditions are CEL: cloud.google.com/iam/docs/conditions-overview#cel",
    );
    return undefined;
  }
  const out: ReadCondition = { expression: expression.value, cel };
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  return out;
}
