import type { Diagnostic, SourceLocation } from "./diagnostic.js";

/**
 * A JSON value that remembers where it came from. Policy documents are
 * parsed into this tree first so that every later diagnostic can point at
 * the exact line and column the user wrote, which JSON.parse cannot do.
 */
export type JsonNode =
  | JsonObjectNode
  | JsonArrayNode
  | { kind: "string"; value: string; loc: SourceLocation }
  | { kind: "number"; value: number; raw: string; loc: SourceLocation }
  | { kind: "boolean"; value: boolean; loc: SourceLocation }
  | { kind: "null"; value: null; loc: SourceLocation };

export interface JsonObjectNode {
  kind: "object";
  /** In source order; duplicate keys are kept so that callers can report them. */
  entries: { key: string; keyLoc: SourceLocation; value: JsonNode }[];
  loc: SourceLocation;
}

export interface JsonArrayNode {
  kind: "array";
  items: JsonNode[];
  loc: SourceLocation;
}

export interface LocatedJsonResult {
  node: JsonNode | undefined;
  diagnostics: Diagnostic[];
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function pointerToken(token: string | number): string {
  const t = String(token);
  // Almost every key has neither character: no new string for it (a loop over a short
  // key costs less than a regular expression).
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 47 || c === 126) return t.replace(/~/g, "~0").replace(/\//g, "~1");
  }
  return t;
}

class SyntaxFailure extends Error {}

/** `/0` to `/255`: array items' pointer tokens, made once. */
const INDEX_TOKENS = Array.from({ length: 256 }, (_, i) => `/${i}`);

/** Texts longer than this share their repeated strings (see `Parser.shared`). */
const SHARE_STRINGS_FROM = 1 << 20;

/** No IAM document nests anywhere near this deep. */
const MAX_DEPTH = 256;

export interface LocatedJsonOptions {
  /**
   * Whether locations carry their JSON pointer. Without, every pointer is
   * empty: for a reader that re-reads with pointers as soon as it has
   * something to report, so that text without problems never pays for them
   * (building them is a third of the reading). @default true
   */
  pointers?: boolean;
}

/** Parses JSON text into a located tree; a syntax error yields one diagnostic and no node. */
export function parseLocatedJson(
  text: string,
  file: string,
  firstLine = 1,
  options: LocatedJsonOptions = {},
): LocatedJsonResult {
  const parser = new Parser(text, file, firstLine, options.pointers ?? true);
  try {
    parser.skipSpace();
    const node = parser.value("");
    parser.skipSpace();
    if (parser.pos < text.length) parser.fail("unexpected content after the JSON value");
    return { node, diagnostics: [] };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { node: undefined, diagnostics: [parser.diagnostic!] };
    throw e;
  }
}

/** A character JSON forbids unescaped in strings (RFC 8259, section 7). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds.
const CONTROL = /[\u0000-\u001f]/;

/** A JSON number (RFC 8259, section 6), matched where the parser stands. */
const JSON_NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Parser {
  pos = 0;
  private line: number;
  private lineStart = 0;
  private depth = 0;
  /** Undefined for a short text, where copies cost less than the look-ups that avoid them. */
  private readonly strings: Map<string, string> | undefined;
  /**
   * Whether the text holds no control character at all (a JSON Lines line, a
   * minified document): then no string can hold one either, and a string's end
   * is found by searching for the next quote instead of testing every character.
   */
  private readonly plain: boolean;
  /** Where the next backslash is, from where the last string began (plain texts only). */
  private nextBackslash = -1;
  /**
   * The members and items of the objects and arrays being read, innermost on
   * top: each gets an array of its exact size when it closes. An array grown
   * by `push` keeps room to grow (17 slots for one item), which made reading a
   * batch line allocate a third more, and kept a large document's tree fat.
   */
  private readonly pending: unknown[] = [];
  private top = 0;
  diagnostic: Diagnostic | undefined;

  constructor(
    private readonly text: string,
    private readonly file: string,
    firstLine: number,
    private readonly pointers: boolean,
  ) {
    this.line = firstLine;
    // A policy file or a batch line repeats too little to repay a map look-up per string
    // (a sixth of `simulate --cases` time went to them); large documents keep sharing.
    if (text.length > SHARE_STRINGS_FROM) this.strings = new Map();
    this.plain = !CONTROL.test(text);
    // A UTF-8 byte order mark is legal at the start of a file and invisible to users.
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  loc(pointer: string): SourceLocation {
    return { file: this.file, pointer, line: this.line, column: this.pos - this.lineStart + 1 };
  }

  fail(message: string, pointer = ""): never {
    this.diagnostic = {
      code: "json/syntax",
      severity: "error",
      message,
      help: "fix the JSON syntax; a JSON validator or editor shows the exact spot",
      location: this.loc(pointer),
    };
    throw new SyntaxFailure(message);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      // A lone carriage return ends a line too, as in editors and in code frames.
      if (c === 10 || (c === 13 && t.charCodeAt(this.pos + 1) !== 10)) {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === 32 || c === 9 || c === 13) {
        this.pos++;
      } else break;
    }
  }

  value(pointer: string): JsonNode {
    const c = this.text[this.pos];
    if (c === "{" || c === "[") {
      // Recursion is bounded so that hostile input yields a diagnostic, not a stack overflow.
      if (++this.depth > MAX_DEPTH)
        this.fail(`JSON nested deeper than ${MAX_DEPTH} levels`, pointer);
      const node = c === "{" ? this.object(pointer) : this.array(pointer);
      this.depth--;
      return node;
    }
    if (c === '"') {
      const loc = this.loc(pointer);
      return { kind: "string", value: this.shared(pointer), loc };
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number(pointer);
    for (const [word, node] of [
      ["true", { kind: "boolean", value: true }],
      ["false", { kind: "boolean", value: false }],
      ["null", { kind: "null", value: null }],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        const loc = this.loc(pointer);
        this.pos += word.length;
        return { ...node, loc } as JsonNode;
      }
    }
    if (c === undefined) this.fail("unexpected end of input", pointer);
    this.fail(`unexpected character \`${c}\``, pointer);
  }

  /** The members or items pushed since `base`, as an exact-size array, and off the stack. */
  private take<T>(base: number): T[] {
    const list = this.pending.slice(base, this.top) as T[];
    this.top = base;
    return list;
  }

  private object(pointer: string): JsonObjectNode {
    const loc = this.loc(pointer);
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { kind: "object", entries: [], loc };
    }
    const base = this.top;
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail("expected a quoted property name", pointer);
      const keyLoc = this.loc(pointer);
      const key = this.shared(pointer);
      const childPointer = this.pointers ? `${pointer}/${pointerToken(key)}` : "";
      keyLoc.pointer = childPointer;
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail("expected `:` after a property name", pointer);
      this.pos++;
      this.skipSpace();
      // The value first: reading it pushes and takes its own members above this one.
      const value = this.value(childPointer);
      this.pending[this.top++] = { key, keyLoc, value };
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep === ",") {
        this.pos++;
        continue;
      }
      if (sep === "}") {
        this.pos++;
        return { kind: "object", entries: this.take(base), loc };
      }
      this.fail("expected `,` or `}` in an object", pointer);
    }
  }

  private array(pointer: string): JsonArrayNode {
    const loc = this.loc(pointer);
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return { kind: "array", items: [], loc };
    }
    const base = this.top;
    for (;;) {
      this.skipSpace();
      const i = this.top - base;
      const item = this.value(this.pointers ? pointer + (INDEX_TOKENS[i] ?? `/${i}`) : "");
      this.pending[this.top++] = item;
      this.skipSpace();
      const sep = this.text[this.pos];
      if (sep === ",") {
        this.pos++;
        continue;
      }
      if (sep === "]") {
        this.pos++;
        return { kind: "array", items: this.take(base), loc };
      }
      this.fail("expected `,` or `]` in an array", pointer);
    }
  }

  /**
   * A string, one copy per distinct short text (the first 10,000 texts): documents
   * repeat a few names (`Effect`, `Action`, ...) and values (`Allow`,
   * actions, regions) endlessly, and a 50 MB file held a copy of each.
   */
  private shared(pointer: string): string {
    const raw = this.string(pointer);
    // Long texts (an export's URL-encoded documents) rarely repeat: not worth hashing.
    const strings = this.strings;
    if (strings === undefined || raw.length > 64) return raw;
    const known = strings.get(raw);
    if (known !== undefined) return known;
    if (strings.size < 10_000) strings.set(raw, raw);
    return raw;
  }

  private string(pointer: string): string {
    const t = this.text;
    const start = ++this.pos;
    if (this.plain) {
      const quote = t.indexOf('"', start);
      if (this.nextBackslash < start) {
        const b = t.indexOf("\\", start);
        this.nextBackslash = b < 0 ? t.length : b;
      }
      if (quote >= 0 && quote < this.nextBackslash) {
        this.pos = quote + 1;
        return t.slice(start, quote);
      }
    }
    // Fast path: no escapes.
    let end = start;
    while (end < t.length) {
      const c = t.charCodeAt(end);
      if (c === 34 || c === 92 || c < 32) break;
      end++;
    }
    if (t.charCodeAt(end) === 34) {
      this.pos = end + 1;
      return t.slice(start, end);
    }
    let out = t.slice(start, end);
    this.pos = end;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) this.fail("unterminated string", pointer);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c.charCodeAt(0) < 32) this.fail("control character in a string", pointer);
      if (c === "\\") {
        const e = t[this.pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.pos += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(Number.parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else {
          this.fail("invalid escape in a string", pointer);
        }
      } else {
        out += c;
        this.pos++;
      }
    }
  }

  private number(pointer: string): JsonNode {
    const loc = this.loc(pointer);
    // Sticky, so the number is matched in place at any length: JSON puts no bound on digits.
    JSON_NUMBER.lastIndex = this.pos;
    const m = JSON_NUMBER.exec(this.text);
    if (!m) this.fail("invalid number", pointer);
    this.pos += m[0].length;
    return { kind: "number", value: Number(m[0]), raw: m[0], loc };
  }
}

/** The value of `key` in an object node (the last one, as JSON.parse keeps). */
export function member(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== "object") return undefined;
  let found: JsonNode | undefined;
  for (const e of node.entries) if (e.key === key) found = e.value;
  return found;
}

/**
 * Turns a located tree back into a plain value, as JSON.parse would: every
 * key an own property (a key `__proto__` too, not the object's prototype),
 * the last of duplicate keys winning.
 */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case "object":
      return Object.fromEntries(node.entries.map((e) => [e.key, toPlain(e.value)]));
    case "array":
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}

/**
 * Builds a located tree from an already-parsed value (e.g. one line of a JSONL
 * batch): locations then name the pointer precisely and the line of the batch.
 */
export function fromPlain(value: unknown, file: string, line = 1, pointer = ""): JsonNode {
  const loc: SourceLocation = { file, pointer, line, column: 1 };
  if (Array.isArray(value)) {
    return {
      kind: "array",
      items: value.map((v, i) => fromPlain(v, file, line, `${pointer}/${i}`)),
      loc,
    };
  }
  if (value !== null && typeof value === "object") {
    return {
      kind: "object",
      entries: Object.entries(value).map(([key, v]) => {
        const p = `${pointer}/${pointerToken(key)}`;
        return { key, keyLoc: { ...loc, pointer: p }, value: fromPlain(v, file, line, p) };
      }),
      loc,
    };
  }
  if (typeof value === "string") return { kind: "string", value, loc };
  if (typeof value === "number") return { kind: "number", value, raw: String(value), loc };
  if (typeof value === "boolean") return { kind: "boolean", value, loc };
  return { kind: "null", value: null, loc };
}

/**
 * A copy of a located tree with every location mapped: input readers move
 * documents decoded from strings to the string's place, or nest them under a
 * pointer prefix.
 */
export function mapLocations(node: JsonNode, f: (loc: SourceLocation) => SourceLocation): JsonNode {
  switch (node.kind) {
    case "object":
      return {
        kind: "object",
        entries: node.entries.map((e) => ({
          key: e.key,
          keyLoc: f(e.keyLoc),
          value: mapLocations(e.value, f),
        })),
        loc: f(node.loc),
      };
    case "array":
      return { kind: "array", items: node.items.map((n) => mapLocations(n, f)), loc: f(node.loc) };
    default:
      return { ...node, loc: f(node.loc) };
  }
}
