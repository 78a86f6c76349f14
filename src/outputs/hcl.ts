import type { PolicyDocumentJson } from "../clouds/aws/generate/types.js";

/**
 * HCL written exactly as `terraform fmt` leaves it: two-space indent; the `=`
 * of consecutive attributes aligned (a heredoc attribute counts as one line
 * of its run, while an attribute holding a multi-line object, a nested block
 * or a blank line breaks the run); heredoc bodies are never reformatted.
 */

export type HclItem =
  | { key: string; kind: "expr"; text: string }
  | { key: string; kind: "heredoc"; body: string[] }
  | { key: string; kind: "object"; entries: [string, string][] }
  | { kind: "block"; type: string; labels: string[]; items: HclItem[] }
  | { kind: "blank" };

const MARKER = "EOT";

/** A quoted HCL template string: escapes, plus `$${` and `%%{` for literal `${` and `%{`. */
export function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    const next = s[i + 1];
    if (c === "\\") out += "\\\\";
    else if (c === '"') out += '\\"';
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else if ((c === "$" || c === "%") && next === "{") out += `${c}${c}`;
    else out += c;
  }
  return `${out}"`;
}

/** Escapes template sequences so a heredoc holds the text literally. */
function heredocText(s: string): string {
  return s.replace(/[$%]\{/g, (m) => `${m[0]}${m}`);
}

/**
 * IAM policy documents as pretty JSON. SCPs are written compact: AWS
 * Organizations counts whitespace against the 5,120-character SCP limit,
 * while IAM does not for its own policies.
 */
export function jsonBody(doc: PolicyDocumentJson, compact: boolean): string[] {
  return heredocText(compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)).split("\n");
}

/** A list of HCL strings on one line: `["a", "b"]`. */
export function hclList(values: readonly string[]): string {
  return `[${values.map(hclString).join(", ")}]`;
}

const expr = (key: string, text: string): HclItem => ({ key, kind: "expr", text });
export const hcl = {
  expr,
  string: (key: string, value: string) => expr(key, hclString(value)),
  heredoc: (key: string, body: string[]): HclItem => ({ key, kind: "heredoc", body }),
  object: (key: string, entries: [string, string][]): HclItem => ({ key, kind: "object", entries }),
  block: (type: string, labels: string[], items: HclItem[]): HclItem => ({
    kind: "block",
    type,
    labels,
    items,
  }),
  blank: { kind: "blank" } as HclItem,
};

function renderItems(items: HclItem[], indent: string): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < items.length) {
    const first = items[i]!;
    if (first.kind === "blank") {
      lines.push("");
      i++;
      continue;
    }
    if (first.kind === "block") {
      lines.push(...renderBlock(first, indent));
      i++;
      continue;
    }
    if (first.kind === "object") {
      lines.push(`${indent}${first.key} = {`);
      const width = Math.max(0, ...first.entries.map(([k]) => k.length));
      for (const [k, v] of first.entries) lines.push(`${indent}  ${k.padEnd(width)} = ${v}`);
      lines.push(`${indent}}`);
      i++;
      continue;
    }
    // A run of single-line and heredoc attributes shares one `=` column.
    let end = i;
    while (end < items.length && (items[end]!.kind === "expr" || items[end]!.kind === "heredoc"))
      end++;
    const run = items.slice(i, end) as Extract<HclItem, { key: string }>[];
    const width = Math.max(...run.map((a) => a.key.length));
    for (const a of run) {
      const lead = `${indent}${a.key.padEnd(width)} =`;
      if (a.kind === "expr") lines.push(`${lead} ${a.text}`);
      else if (a.kind === "heredoc") {
        lines.push(`${lead} <<-${MARKER}`);
        for (const l of a.body) lines.push(l === "" ? "" : `${indent}  ${l}`);
        lines.push(`${indent}${MARKER}`);
      }
    }
    i = end;
  }
  return lines;
}

function renderBlock(b: Extract<HclItem, { kind: "block" }>, indent: string): string[] {
  const head = [b.type, ...b.labels.map((l) => hclString(l))].join(" ");
  if (b.items.length === 0) return [`${indent}${head} {}`];
  return [`${indent}${head} {`, ...renderItems(b.items, `${indent}  `), `${indent}}`];
}

/** A top-level block, as text. */
export function hclBlock(type: string, labels: string[], items: HclItem[]): string {
  return renderBlock({ kind: "block", type, labels, items }, "").join("\n");
}

/** A valid, unique Terraform identifier derived from a name. */
export function labeller(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    let base = name.replace(/[^A-Za-z0-9_]/g, "_");
    if (base === "" || /^[0-9]/.test(base)) base = `_${base}`;
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base}_${n}`;
    used.add(label);
    return label;
  };
}

/** Text for a `#` comment line: control and line-separator characters become spaces. */
export function oneLine(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029]+/gu, " ");
}

/**
 * The `terraform` block every root module starts with: the AWS provider it
 * was written for. Its resources are the same in versions 5 and 6.
 */
export function requiredProviders(): string {
  return hclBlock(
    "terraform",
    [],
    [
      hcl.string("required_version", ">= 1.3"),
      hcl.block(
        "required_providers",
        [],
        [
          hcl.object("aws", [
            ["source", hclString("hashicorp/aws")],
            ["version", hclString(">= 5.0, < 7.0")],
          ]),
        ],
      ),
    ],
  );
}
