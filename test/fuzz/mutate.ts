/**
 * Mutations for fuzzing: each is data (an operation and where it applies), drawn by
 * fast-check and applied deterministically, so that a failing input shrinks to a
 * few small mutations of a seed and replays from its seed and path.
 */
import fc from "fast-check";

/** Values of the wrong type, or of the right type at the edges, that readers must survive. */
export const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  " ",
  "*",
  "?",
  "**",
  "*:*",
  ":",
  "::",
  "s3:",
  ":GetObject",
  "arn",
  "arn:",
  "arn:aws",
  "arn:aws:s3:::",
  "arn:aws:iam::*:role/*",
  "arn:*:*:*:*:*",
  "arn:aws:s3:::bucket/${aws:username}/*",
  "${",
  "${aws:",
  "${}",
  "${*}${?}${$}",
  "$${aws:username}",
  "%",
  "%ZZ",
  "%7B",
  "\u0000",
  "\uD800",
  "é",
  "\n",
  "a\r\nb",
  "x".repeat(300),
  "*".repeat(200),
  "?*".repeat(150),
  "2012-10-17",
  "2008-10-17",
  "Allow",
  "Deny",
  "allow",
  "sts:AssumeRole",
  "iam:PassRole",
  "s3:GetObject",
  "s3:Get*",
  "123456789012",
  "arn:aws:iam::123456789012:root",
  "arn:aws:iam::123456789012:role/x",
  "arn:aws:sts::123456789012:assumed-role/r/s",
  "sagemaker.amazonaws.com",
  "{}",
  '{"Statement":[]}',
  "[]",
  [],
  [null],
  [[]],
  ["*"],
  [1, "a", {}],
  {},
  { "": null },
  JSON.parse('{"__proto__": {"Statement": 1}}'),
  { "*": "*" },
  { AWS: "*" },
  { Service: ["*", 1] },
  { Ref: "Missing" },
  { "Fn::Sub": ["${A}", { A: 1 }] },
  { "Fn::GetAtt": "x" },
  { "Fn::Join": [1, 2] },
  { "Fn::If": ["C", "a"] },
  { StringEquals: { "aws:SourceAccount": null } },
  { IpAddress: { "aws:SourceIp": "::1%eth0" } },
  { ForAllValues: {} },
  { "ForAnyValue:StringLike": { "aws:TagKeys": [{}] } },
  { Effect: "Allow", Action: "*", Resource: "*" },
  { Effect: "Allow", NotAction: [], NotResource: {} },
];

/** A value deep enough to reach nesting limits, for the mutation that needs it. */
function nested(depth: number): unknown {
  let v: unknown = "*";
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/** Keys that readers and rules look up, so that renaming and inserting hit something. */
export const KEYS: readonly string[] = [
  "Version",
  "Statement",
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Principal",
  "NotPrincipal",
  "Condition",
  "statement",
  "action",
  "Id",
  "PolicyDocument",
  "PolicyName",
  "Properties",
  "Type",
  "Resources",
  "Fn::If",
  "Ref",
  "values",
  "policy",
  "assume_role_policy",
  "resources",
  "child_modules",
  "address",
  "type",
  "mode",
  "after_unknown",
  "RolePolicyList",
  "AttachedManagedPolicies",
  "PolicyVersionList",
  "Document",
  "IsDefaultVersion",
  "DefaultVersionId",
  "PermissionsBoundary",
  "AssumeRolePolicyDocument",
  "Arn",
];

export type JsonMutation =
  | { op: "replace"; at: number; value: unknown }
  | { op: "delete"; at: number }
  | { op: "insert"; at: number; key: string; value: unknown }
  | { op: "rename"; at: number; key: string }
  | { op: "wrap"; at: number }
  | { op: "unwrap"; at: number }
  | { op: "duplicate"; at: number; times: number }
  | { op: "copy"; at: number; from: number }
  | { op: "stringify"; at: number }
  | { op: "nest"; at: number; depth: number }
  | { op: "text"; at: number; edits: TextMutation[] };

interface Slot {
  get(): unknown;
  set(v: unknown): void;
  remove(): void;
}

/** Every place in a value (the root too), in document order. */
function slots(root: { v: unknown }): Slot[] {
  const out: Slot[] = [];
  const visit = (get: () => unknown, set: (v: unknown) => void, remove: () => void) => {
    out.push({ get, set, remove });
    const v = get();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++)
        visit(
          () => v[i],
          (x) => {
            v[i] = x;
          },
          () => {
            v.splice(i, 1);
          },
        );
    } else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o))
        visit(
          () => o[k],
          (x) => {
            o[k] = x;
          },
          () => {
            delete o[k];
          },
        );
    }
  };
  visit(
    () => root.v,
    (x) => {
      root.v = x;
    },
    () => {
      root.v = undefined;
    },
  );
  return out;
}

const clone = (v: unknown): unknown => (v === undefined ? undefined : structuredClone(v));

/** Applies mutations one after another; a mutation that does not fit its place does nothing. */
export function mutateJson(value: unknown, mutations: readonly JsonMutation[]): unknown {
  const root = { v: clone(value) };
  for (const m of mutations) {
    const all = slots(root);
    const slot = all[m.at % all.length];
    if (!slot) continue;
    const v = slot.get();
    switch (m.op) {
      case "replace":
        slot.set(clone(m.value));
        break;
      case "delete":
        slot.remove();
        break;
      case "insert":
        if (v !== null && typeof v === "object" && !Array.isArray(v))
          (v as Record<string, unknown>)[m.key] = clone(m.value);
        else if (Array.isArray(v)) v.push(clone(m.value));
        break;
      case "rename":
        if (v !== null && typeof v === "object" && !Array.isArray(v)) {
          const o = v as Record<string, unknown>;
          const first = Object.keys(o)[m.at % Math.max(1, Object.keys(o).length)];
          if (first !== undefined) {
            o[m.key] = o[first];
            delete o[first];
          }
        }
        break;
      case "wrap":
        slot.set([v]);
        break;
      case "unwrap":
        if (Array.isArray(v)) slot.set(v[0]);
        else if (v !== null && typeof v === "object") slot.set(Object.values(v)[0]);
        break;
      case "duplicate":
        if (Array.isArray(v)) for (let i = 0; i < m.times; i++) v.push(clone(v[i % v.length]));
        else if (typeof v === "string") slot.set(v.repeat(m.times + 1));
        break;
      case "copy": {
        const from = all[m.from % all.length];
        if (from) slot.set(clone(from.get()));
        break;
      }
      case "stringify":
        // Documents embedded as JSON text (Terraform plans, account exports) and back.
        if (typeof v === "string") {
          try {
            slot.set(JSON.parse(v));
          } catch {
            // Account exports URL-encode their documents; a lone surrogate cannot be encoded.
            try {
              slot.set(encodeURIComponent(v));
            } catch {
              slot.set(JSON.stringify(v));
            }
          }
        } else slot.set(JSON.stringify(v) ?? "");
        break;
      case "nest":
        slot.set(nested(m.depth));
        break;
      case "text":
        // A document embedded as text is mutated as text, then put back.
        if (typeof v === "string") slot.set(mutateText(v, m.edits));
        break;
    }
  }
  return root.v;
}

export type TextMutation =
  | { op: "truncate"; at: number }
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "repeat"; at: number; length: number; times: number }
  | { op: "swap"; at: number; to: number; length: number };

/** Tokens that break parsers: brackets, quotes, escapes, YAML and HCL syntax. */
const TOKENS: readonly string[] = [
  "{",
  "}",
  "[",
  "]",
  '"',
  "'",
  ",",
  ":",
  "\\",
  "\\u",
  "\\uD800",
  "\u0000",
  "\uFEFF",
  "\r",
  "\n",
  "\t",
  " ",
  "${",
  "%{",
  "}}",
  "$${",
  "<<EOT\n",
  "\nEOT\n",
  "- ",
  ": ",
  "? ",
  "&a ",
  "*a",
  "<<: *a\n",
  "!Ref ",
  "!Sub ",
  "!GetAtt ",
  "!If ",
  "!!binary ",
  "|\n",
  ">-\n",
  "---\n",
  "...\n",
  "#",
  "//",
  "/*",
  "*/",
  "=",
  "==",
  "=>",
  "...",
  "for ",
  " in ",
  "if ",
  "?",
  "null",
  "true",
  "1e999",
  "-0",
  "9".repeat(80),
  "0x1F",
  "*",
  "arn:aws:iam::123456789012:role/*",
  "jsonencode(",
  "data.aws_iam_policy_document.x.json",
  "var.x",
  "local.x",
  'dynamic "statement" {',
  "statement {",
  "count = 2\n",
  "for_each = ",
  "each.value",
  'resource "aws_iam_policy" "p" {\n',
  'module "m" { source = "./m" }\n',
];

/** Applies text mutations; positions are taken modulo the text's length. */
export function mutateText(text: string, mutations: readonly TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    switch (m.op) {
      case "truncate":
        t = t.slice(0, at);
        break;
      case "delete":
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case "insert":
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case "repeat":
        t = t.slice(0, at) + t.slice(at, at + m.length).repeat(m.times) + t.slice(at);
        break;
      case "swap": {
        const to = t.length === 0 ? 0 : m.to % (t.length + 1);
        const piece = t.slice(at, at + m.length);
        const rest = t.slice(0, at) + t.slice(at + m.length);
        const where = Math.min(to, rest.length);
        t = rest.slice(0, where) + piece + rest.slice(where);
        break;
      }
    }
  }
  return t;
}

const position = fc.nat({ max: 1_000_000 });

export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_VALUES) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

/** A weighted choice of one mutation: its operation, a position and its other fields. */
function operation<O extends string, R extends Record<string, fc.Arbitrary<unknown>>>(
  weight: number,
  op: O,
  fields: R,
) {
  return {
    weight,
    arbitrary: fc.record({ op: fc.constant(op), at: position, ...fields }),
  };
}

const size = (min: number, max: number) => fc.integer({ min, max });

export const textMutation = fc.oneof(
  operation(1, "truncate", {}),
  operation(3, "delete", { length: size(1, 20) }),
  operation(4, "insert", {
    text: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
    ),
  }),
  operation(1, "repeat", { length: size(1, 200), times: size(2, 40) }),
  operation(1, "swap", { to: position, length: size(1, 80) }),
) as fc.Arbitrary<TextMutation>;

export const textMutations = fc.array(textMutation, { minLength: 1, maxLength: 4 });

export const jsonMutation = fc.oneof(
  operation(6, "replace", { value: oddValue }),
  operation(3, "delete", {}),
  operation(3, "insert", {
    key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })),
    value: oddValue,
  }),
  operation(2, "rename", { key: fc.constantFrom(...KEYS) }),
  operation(1, "wrap", {}),
  operation(1, "unwrap", {}),
  operation(1, "duplicate", { times: size(1, 30) }),
  operation(2, "copy", { from: position }),
  operation(2, "stringify", {}),
  operation(1, "nest", { depth: size(1, 300) }),
  operation(1, "text", { edits: textMutations }),
) as fc.Arbitrary<JsonMutation>;

export const jsonMutations = fc.array(jsonMutation, { minLength: 1, maxLength: 5 });
