import type { JsonNode } from "../../../diagnostics/index.js";
import { UNKNOWN_ACCOUNT } from "./common.js";
import { evaluatePartial, type Resolve, wholeInterpolation } from "./terraform-evaluate.js";

/**
 * Replaces, in a policy document, the strings that read Terraform locals
 * (`Resource = local.user_resources`, `"arn:${local.partition}:s3:::b"`)
 * or are `for` expressions (`[for b in local.buckets : "arn:aws:s3:::${b}"]`)
 * with their values, as far as they are known statically: a `for`
 * expression over a literal list gives its items, and whatever reads a data
 * source, a resource or a variable stays a `${...}` placeholder inside the
 * value. A list in place of one string gives its items there (a policy
 * element takes a string or a list of strings).
 *
 * Then an ARN placeholder's partition and account, when each is wholly an
 * expression (`arn:${local.partition}:iam::${local.account}:user/x`), are
 * written as `aws` and the unknown account (inputs/common.ts), as the
 * readers write principals: the rest of the ARN is what the rules judge.
 */
export function resolveLocals(doc: JsonNode, resolve: Resolve): void {
  const visit = (node: JsonNode, depth: number): JsonNode[] | undefined => {
    if (depth > 64) return undefined;
    if (node.kind === "string") return resolveString(node, resolve);
    if (node.kind === "array") {
      node.items = node.items.flatMap((item) => visit(item, depth + 1) ?? [item]);
      return undefined;
    }
    if (node.kind === "object")
      for (const e of node.entries) {
        const items = visit(e.value, depth + 1);
        if (items) {
          e.value = items.length === 1 ? items[0]! : { kind: "array", items, loc: e.value.loc };
        }
      }
    return undefined;
  };
  visit(doc, 0);
}

/** The nodes a string stands for, when it reads a local; undefined to keep it. */
function resolveString(
  node: Extract<JsonNode, { kind: "string" }>,
  resolve: Resolve,
): JsonNode[] | undefined {
  const whole = wholeInterpolation(node.value);
  // What reads a local, and a `for` expression written in place (`[for b in [...] : ...]`).
  const forExpression = whole !== undefined && /^\s*[[{]\s*for\s/.test(whole);
  if (!forExpression && !/\$\{[^}]*\blocal\./.test(node.value)) return undefined;
  const value =
    whole !== undefined
      ? evaluatePartial(whole, resolve)?.value
      : evaluatePartial(quote(node.value), resolve)?.value;
  const scalars = (Array.isArray(value) ? value.flat(Number.POSITIVE_INFINITY) : [value]).filter(
    (v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean",
  );
  if (value === undefined || value === null || scalars.length === 0) return undefined;
  if (!Array.isArray(value) && scalars.length !== 1) return undefined;
  // Wholly unknown: the reference as written says more than what it reads (`data.x[0].arn`).
  if (!Array.isArray(value) && wholeInterpolation(String(value)) !== undefined) return undefined;
  if (Array.isArray(value) && scalars.length !== value.flat(Number.POSITIVE_INFINITY).length)
    return undefined;
  return scalars.map((v) => ({ kind: "string", value: shapeArn(String(v)), loc: node.loc }));
}

/**
 * A JSON-level string (escapes decoded, `${` literal or placeholder alike)
 * as an HCL quoted template: each interpolation that reads a local stays
 * one, all other text is escaped to read as itself.
 */
function quote(value: string): string {
  let out = '"';
  let at = 0;
  for (const m of value.matchAll(/\$\{[^}]*\}/g)) {
    out += escapeText(value.slice(at, m.index));
    out += /\blocal\./.test(m[0]) ? m[0] : escapeText(m[0]);
    at = m.index + m[0].length;
  }
  return `${out + escapeText(value.slice(at))}"`;
}

function escapeText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/([$%])\{/g, "$1$1{");
}

/** `arn:${...}:svc:REGION:${...}:rest` with the partition and account written out. */
function shapeArn(value: string): string {
  const m = /^arn:(\$\{[^}]*\}|[^:]*):([^:]*):(\$\{[^}]*\}|[^:]*):(\$\{[^}]*\}|[^:]*):/.exec(value);
  if (!m) return value;
  const placeholder = (s: string) => /^\$\{[^}]*\}$/.test(s) && !/^\$\{aws:/i.test(s);
  const partition = placeholder(m[1]!) ? "aws" : m[1]!;
  const account = placeholder(m[4]!) ? UNKNOWN_ACCOUNT : m[4]!;
  return `arn:${partition}:${m[2]}:${m[3]}:${account}:${value.slice(m[0].length)}`;
}
