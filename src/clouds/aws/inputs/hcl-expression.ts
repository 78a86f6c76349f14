import type { JsonNode, SourceLocation } from "../../../diagnostics/index.js";
import { pointerToken } from "../../../diagnostics/index.js";

/**
 * A small reader for the HCL expression syntax that Terraform users write
 * inside `jsonencode(...)`: objects (`key = value` or `key: value`, items
 * separated by commas or newlines), tuples, quoted strings and heredocs
 * (interpolations kept verbatim as `${...}`), numbers, booleans and null.
 * Any other expression (a reference such as `var.account`, a function call,
 * a conditional, a `for` expression) becomes the placeholder string
 * `${<expression text>}`, located where it was written.
 */
export type Locate = (offset: number, pointer: string) => SourceLocation;

export type HclValueResult =
  | { node: JsonNode; end: number }
  | { error: string; offset: number; node?: undefined };

class Failure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 256;

/**
 * Parses `jsonencode(<expression>)` starting at `start` (the `j`), returning
 * the argument as a located tree with pointers under `basePointer`.
 */
export function parseJsonencode(
  text: string,
  start: number,
  locate: Locate,
  basePointer = "",
): HclValueResult {
  const p = new HclParser(text, start, locate);
  try {
    if (!text.startsWith("jsonencode", start)) throw new Failure("expected `jsonencode(`", start);
    p.pos = start + "jsonencode".length;
    p.skipAll();
    p.expect("(");
    p.skipAll();
    const node = p.value(basePointer, "list", 0);
    p.skipAll();
    p.expect(")");
    return { node, end: p.pos };
  } catch (e) {
    if (e instanceof Failure) return { error: e.message, offset: e.offset };
    throw e;
  }
}

/** Finds the `}` closing the `{` at `open`, skipping nested strings and braces; -1 if none. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = skipQuoted(text, i) - 1;
      if (i < 0) return -1;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** The offset after the closing quote of the string starting at `open`; -1 if unterminated. */
function skipQuoted(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === '"') return i + 1;
    else if (c === "\n") return -1;
    else if ((c === "$" || c === "%") && text[i + 1] === "{") {
      const close = matchingBrace(text, i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}

type Context = "object" | "list";

class HclParser {
  pos: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly locate: Locate,
  ) {
    this.pos = start;
  }

  expect(c: string): void {
    if (this.text[this.pos] !== c) throw new Failure(`expected \`${c}\``, this.pos);
    this.pos++;
  }

  /** Skips whitespace (newlines too) and comments. */
  skipAll(): void {
    this.skip(true);
  }

  private skip(newlines: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === " " || c === "\t" || c === "\r" || (newlines && c === "\n")) this.pos++;
      else if (c === "#" || (c === "/" && t[this.pos + 1] === "/")) {
        while (this.pos < t.length && t[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && t[this.pos + 1] === "*") {
        const end = t.indexOf("*/", this.pos + 2);
        if (end < 0) throw new Failure("unterminated comment", this.pos);
        this.pos = end + 2;
      } else break;
    }
  }

  value(pointer: string, ctx: Context, depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new Failure("expression nested too deeply", this.pos);
    const start = this.pos;
    const literal = this.literal(pointer, depth);
    if (literal) {
      const after = this.pos;
      this.skip(false);
      const c = this.text[this.pos];
      // A literal followed by more expression (`"a" == var.b ? ...`, `[...][0]`) is an expression.
      if (c === undefined || c === "\n" || ",)]}".includes(c)) {
        this.pos = after;
        return literal;
      }
    }
    this.pos = start;
    return this.raw(pointer, ctx);
  }

  private literal(pointer: string, depth: number): JsonNode | undefined {
    const t = this.text;
    const c = t[this.pos];
    if (c === "{" || c === "[") {
      if (/^[[{]\s*for\s/.test(t.slice(this.pos, this.pos + 16))) return undefined;
      return c === "{" ? this.object(pointer, depth) : this.tuple(pointer, depth);
    }
    if (c === '"') {
      const loc = this.locate(this.pos, pointer);
      return { kind: "string", value: this.quoted(), loc };
    }
    if (c === "<" && t[this.pos + 1] === "<") {
      const loc = this.locate(this.pos, pointer);
      return { kind: "string", value: this.heredoc(), loc };
    }
    const num = /-?\d+(\.\d+)?([eE][+-]?\d+)?(?![\w.])/y;
    num.lastIndex = this.pos;
    const m = num.exec(t);
    if (m) {
      const loc = this.locate(this.pos, pointer);
      this.pos += m[0].length;
      return { kind: "number", value: Number(m[0]), raw: m[0], loc };
    }
    const word = /(true|false|null)(?![\w-])/y;
    word.lastIndex = this.pos;
    const w = word.exec(t);
    if (w) {
      const loc = this.locate(this.pos, pointer);
      this.pos += w[0].length;
      if (w[1] === "null") return { kind: "null", value: null, loc };
      return { kind: "boolean", value: w[1] === "true", loc };
    }
    return undefined;
  }

  private object(pointer: string, depth: number): JsonNode {
    const loc = this.locate(this.pos, pointer);
    this.pos++;
    const entries: Extract<JsonNode, { kind: "object" }>["entries"] = [];
    for (;;) {
      this.skipAll();
      const c = this.text[this.pos];
      if (c === "}") {
        this.pos++;
        return { kind: "object", entries, loc };
      }
      if (c === undefined) throw new Failure("unterminated object", this.pos);
      const keyStart = this.pos;
      let key: string;
      if (c === '"') key = this.quoted();
      else if (c === "(") {
        // A parenthesized key is an expression: `(local.key) = value`.
        const end = this.closeParen(this.pos);
        if (end < 0) throw new Failure("unterminated `(`", this.pos);
        key = `\${${this.text.slice(keyStart + 1, end - 1).trim()}}`;
        this.pos = end;
      } else {
        const ident = /[A-Za-z_][\w-]*/y;
        ident.lastIndex = this.pos;
        const m = ident.exec(this.text);
        if (!m) throw new Failure("expected an attribute name", this.pos);
        key = m[0];
        this.pos += key.length;
      }
      const child = `${pointer}/${pointerToken(key)}`;
      const keyLoc = this.locate(keyStart, child);
      this.skip(false);
      const sep = this.text[this.pos];
      if ((sep !== "=" && sep !== ":") || this.text[this.pos + 1] === "=")
        throw new Failure("expected `=` or `:` after an attribute name", this.pos);
      this.pos++;
      this.skipAll();
      entries.push({ key, keyLoc, value: this.value(child, "object", depth + 1) });
      this.skip(false);
      const next = this.text[this.pos];
      if (next === ",") this.pos++;
      else if (next === undefined) throw new Failure("unterminated object", this.pos);
      else if (next !== "\n" && next !== "}")
        throw new Failure("expected `,`, a newline or `}` after an attribute", this.pos);
    }
  }

  private tuple(pointer: string, depth: number): JsonNode {
    const loc = this.locate(this.pos, pointer);
    this.pos++;
    const items: JsonNode[] = [];
    for (;;) {
      this.skipAll();
      if (this.text[this.pos] === "]") {
        this.pos++;
        return { kind: "array", items, loc };
      }
      if (this.pos >= this.text.length) throw new Failure("unterminated list", this.pos);
      items.push(this.value(`${pointer}/${items.length}`, "list", depth + 1));
      this.skipAll();
      const next = this.text[this.pos];
      if (next === ",") this.pos++;
      else if (next !== "]") throw new Failure("expected `,` or `]` in a list", this.pos);
    }
  }

  /** A quoted template: escapes decoded, `$${` and `%%{` unescaped, interpolations kept. */
  private quoted(): string {
    const t = this.text;
    const start = this.pos;
    let out = "";
    this.pos++;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined || c === "\n") throw new Failure("unterminated string", start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const e = t[this.pos + 1];
        const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
          continue;
        }
        const hex = e === "u" ? 4 : e === "U" ? 8 : 0;
        const digits = t.slice(this.pos + 2, this.pos + 2 + hex);
        if (hex === 0 || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex)
          throw new Failure("invalid escape in a string", this.pos);
        out += String.fromCodePoint(Number.parseInt(digits, 16));
        this.pos += 2 + hex;
        continue;
      }
      if ((c === "$" || c === "%") && t[this.pos + 1] === c && t[this.pos + 2] === "{") {
        out += `${c}{`;
        this.pos += 3;
        continue;
      }
      if ((c === "$" || c === "%") && t[this.pos + 1] === "{") {
        const close = matchingBrace(t, this.pos + 1);
        if (close < 0) throw new Failure("unterminated interpolation", this.pos);
        out += t.slice(this.pos, close + 1);
        this.pos = close + 1;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  /** `<<EOT` or `<<-EOT` (indentation removed) up to the closing marker line. */
  private heredoc(): string {
    const t = this.text;
    const m = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y;
    m.lastIndex = this.pos;
    const head = m.exec(t);
    if (!head) throw new Failure("expected a heredoc marker", this.pos);
    const lines: string[] = [];
    let at = this.pos + head[0].length;
    for (;;) {
      if (at >= t.length) throw new Failure(`heredoc without closing \`${head[2]}\``, this.pos);
      const nl = t.indexOf("\n", at);
      const end = nl < 0 ? t.length : nl;
      const line = t.slice(at, end).replace(/\r$/, "");
      if (line.trim() === head[2]) {
        this.pos = end;
        break;
      }
      lines.push(line);
      at = end + 1;
    }
    let body = lines;
    if (head[1] === "-") {
      const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
      const strip = indents.length ? Math.min(...indents) : 0;
      body = lines.map((l) => l.slice(strip));
    }
    return body
      .map((l) => `${l}\n`)
      .join("")
      .replace(/([$%])\1\{/g, "$1{");
  }

  /** Any other expression, up to the `,`, newline or bracket that ends it. */
  private raw(pointer: string, ctx: Context): JsonNode {
    const start = this.pos;
    const end = this.rawEnd(ctx);
    const expr = this.text.slice(start, end).trim();
    if (!expr) throw new Failure("expected a value", start);
    this.pos = end;
    return { kind: "string", value: `\${${expr}}`, loc: this.locate(start, pointer) };
  }

  private rawEnd(ctx: Context): number {
    const t = this.text;
    let depth = 0;
    let i = this.pos;
    while (i < t.length) {
      const c = t[i]!;
      if (c === '"') {
        const after = skipQuoted(t, i);
        if (after < 0) throw new Failure("unterminated string", i);
        i = after;
        continue;
      }
      if (c === "#" || (c === "/" && t[i + 1] === "/")) {
        while (i < t.length && t[i] !== "\n") i++;
        continue;
      }
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (c === "," || (c === "\n" && ctx === "object"))) break;
      i++;
    }
    return i;
  }

  private closeParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') {
        i = skipQuoted(this.text, i) - 1;
        if (i < 0) return -1;
      } else if (c === "(") depth++;
      else if (c === ")" && --depth === 0) return i + 1;
    }
    return -1;
  }
}
