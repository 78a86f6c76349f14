/**
 * Evaluates the small Terraform expressions that decide what a `dynamic`
 * block repeats over (`for_each = var.enabled ? [1] : []`,
 * `statement.value.condition != null ? statement.value.condition : []`,
 * `toset(var.names)`, `try(statement.value.actions, null)`): references,
 * literals, comparisons, `!`/`&&`/`||`, conditionals, `for` expressions
 * over known collections and a few pure functions. Whatever depends on
 * something not known statically (a resource attribute, a variable without
 * default, any other function) is unknown: the caller reports it rather than
 * guessing. Strings are values: a template's `$${` is a literal `${`.
 */

/**
 * A reference's value (`var.NAME`, `local.NAME`, `ITERATOR.value`: the root
 * and its first step; the evaluator follows the rest), `{ value }` when
 * known, undefined when not.
 */
export type Resolve = (
  root: string,
  path: readonly (string | number)[],
) => { value: unknown } | undefined;

/** Sets made by `toset(...)`: `for_each` over a set uses each value as its key. */
const SETS = new WeakSet<unknown[]>();

export function isSet(value: unknown): boolean {
  return Array.isArray(value) && SETS.has(value);
}

class Unknown extends Error {}
/** An evaluation error in Terraform (a missing attribute): `try` moves on to its next argument. */
class Failed extends Error {}

const unknown = (): never => {
  throw new Unknown();
};

const MAX_DEPTH = 64;

/**
 * Marks an unknown interpolation kept in a partially known string (see
 * `evaluatePartial`): private-use characters, which no expression text holds,
 * so that equality and functions can tell such a string from a known one.
 */
const OPEN = "\uE000";
const CLOSE = "\uE001";

function isPartial(v: unknown): boolean {
  return typeof v === "string" && v.includes(OPEN);
}

/** Evaluates an expression's text (without `${ }`); undefined when it is not known statically. */
export function evaluate(expression: string, resolve: Resolve): { value: unknown } | undefined {
  return run(expression, resolve, false);
}

/**
 * Like `evaluate`, but an interpolation that is not known inside a string
 * template stays in the string as its `${expression}` text (a placeholder,
 * as readers write unknown values): `"arn:${local.partition}:iam::x"` is that
 * text when `local.partition` reads a data source. So a list made by a `for`
 * expression keeps its known parts (`user/${aws:username}`). Comparisons and
 * functions that would look into such a string are unknown.
 */
export function evaluatePartial(
  expression: string,
  resolve: Resolve,
): { value: unknown } | undefined {
  const r = run(expression, resolve, true);
  return r && { value: withPlaceholders(r.value) };
}

/** A partially known value (see `evaluateValue`) with its unknown parts written `${expression}`. */
export function withPlaceholders(v: unknown): unknown {
  if (typeof v === "string")
    return v.includes(OPEN) ? v.replaceAll(OPEN, "${").replaceAll(CLOSE, "}") : v;
  if (Array.isArray(v)) return v.map(withPlaceholders);
  if (isObject(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withPlaceholders(x)]));
  return v;
}

function run(
  expression: string,
  resolve: Resolve,
  partial: boolean,
): { value: unknown } | undefined {
  try {
    const p = new Parser(expression, resolve, partial);
    const value = p.conditional(0);
    p.skip();
    if (p.pos !== expression.length) return undefined;
    return { value };
  } catch (e) {
    if (e instanceof Unknown || e instanceof Failed) return undefined;
    throw e;
  }
}

/**
 * A value hcl2json gave (literal JSON, or `${...}` text for an expression),
 * evaluated. `partial`: as `evaluatePartial`, and a whole expression that is
 * not known is a string that is all placeholder; such strings stay marked
 * until `withPlaceholders` writes them out.
 */
export function evaluateValue(
  value: unknown,
  resolve: Resolve,
  depth = 0,
  lenient = false,
  partial = false,
): { value: unknown } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Lenient: a string inside a list or map that is not known stays as its text (a placeholder),
  // so that the collection's shape (its keys, its length) is still known, as Terraform knows it.
  if (lenient && depth > 0 && typeof value === "string")
    return evaluateValue(value, resolve, depth) ?? { value };
  if (typeof value === "string") {
    const whole = wholeInterpolation(value);
    if (whole !== undefined)
      return (
        run(whole, resolve, partial) ??
        (partial ? { value: `${OPEN}${whole.trim()}${CLOSE}` } : undefined)
      );
    if (value.includes("${") || value.includes("%{")) {
      // A template: known when every interpolation is a known scalar.
      try {
        return { value: new Parser(value, resolve, partial).template(false) };
      } catch (e) {
        if (e instanceof Unknown || e instanceof Failed) return undefined;
        throw e;
      }
    }
    return { value };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = evaluateValue(item, resolve, depth + 1, lenient, partial);
      if (!r) return undefined;
      out.push(r.value);
    }
    return { value: out };
  }
  if (value !== null && typeof value === "object") {
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value)) {
      const r = evaluateValue(v, resolve, depth + 1, lenient, partial);
      if (!r) return undefined;
      out.set(k, r.value);
    }
    return { value: Object.fromEntries(out) };
  }
  return { value };
}

/** The expression of a string that is one `${...}` and nothing else (hcl2json's form), else undefined. */
export function wholeInterpolation(s: string): string | undefined {
  if (!s.startsWith("${") || !s.endsWith("}")) return undefined;
  let depth = 0;
  for (let i = 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      // A quoted string inside the expression: skip it, escapes and nested templates too.
      for (i++; i < s.length && s[i] !== '"'; i++) {
        if (s[i] === "\\") i++;
        else if (s[i] === "$" && s[i + 1] === "{") {
          let d = 0;
          for (; i < s.length; i++) {
            if (s[i] === "{") d++;
            else if (s[i] === "}" && --d === 0) break;
          }
        }
      }
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i === s.length - 1 ? s.slice(2, -1) : undefined;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function lengthOf(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (typeof v === "string") return isPartial(v) ? unknown() : [...v].length;
  if (isObject(v)) return Object.keys(v).length;
  throw new Failed();
}

function equal(a: unknown, b: unknown): boolean {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  // A string with an unknown part may equal anything at apply time.
  if (x.includes(OPEN) || y.includes(OPEN)) unknown();
  return x === y;
}

const FUNCTIONS: Record<string, (args: unknown[]) => unknown> = {
  length: ([v]) => lengthOf(v),
  toset: ([v]) => {
    if (!Array.isArray(v)) throw new Failed();
    const set = [...new Map(v.map((x) => [JSON.stringify(x), x])).values()];
    if (set.every((x) => typeof x === "string")) (set as string[]).sort();
    SETS.add(set);
    return set;
  },
  tolist: ([v]) => (Array.isArray(v) ? [...v] : unknown()),
  tomap: ([v]) => (isObject(v) ? v : unknown()),
  tostring: ([v]) => (v === null || typeof v === "object" ? unknown() : String(v)),
  keys: ([v]) => (isObject(v) ? Object.keys(v).sort() : unknown()),
  values: ([v]) =>
    isObject(v)
      ? Object.keys(v)
          .sort()
          .map((k) => v[k])
      : unknown(),
  concat: (args) => args.flatMap((a) => (Array.isArray(a) ? a : unknown())),
  flatten: ([v]) => (Array.isArray(v) ? v.flat(Number.POSITIVE_INFINITY) : unknown()),
  compact: ([v]) => (Array.isArray(v) ? v.filter((x) => x !== null && x !== "") : unknown()),
  distinct: ([v]) =>
    Array.isArray(v) ? [...new Map(v.map((x) => [JSON.stringify(x), x])).values()] : unknown(),
  contains: ([list, v]) => (Array.isArray(list) ? list.some((x) => equal(x, v)) : unknown()),
  merge: (args) => Object.assign({}, ...args.map((a) => (isObject(a) ? a : unknown()))),
  coalesce: (args) => {
    if (args.some(isPartial)) unknown(); // it may be "" at apply time
    const found = args.find((a) => a !== null && a !== "");
    if (found === undefined) throw new Failed();
    return found;
  },
  lookup: ([map, key, ...fallback]) => {
    if (!isObject(map) || typeof key !== "string" || isPartial(key)) return unknown();
    if (Object.hasOwn(map, key)) return map[key];
    if (fallback.length > 0) return fallback[0];
    throw new Failed();
  },
};

class Parser {
  pos = 0;
  /** Inside `try(...)`/`can(...)`: a missing attribute is an error to catch, not null. */
  inTry = 0;

  constructor(
    private readonly text: string,
    /** Replaced while a `for` expression binds its variables. */
    private resolve: Resolve,
    /** Unknown interpolations stay in strings (see `evaluatePartial`). */
    private readonly partial = false,
  ) {}

  skip(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private eat(token: string): boolean {
    this.skip();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  private expect(token: string): void {
    if (!this.eat(token)) unknown();
  }

  conditional(depth: number): unknown {
    if (depth > MAX_DEPTH) unknown();
    const test = this.or(depth);
    if (!this.eat("?")) return test;
    if (typeof test !== "boolean") unknown();
    // Only the chosen branch counts: the other may be unknown without harm.
    const whenTrue = this.guarded(() => this.conditional(depth + 1));
    this.expect(":");
    const whenFalse = this.guarded(() => this.conditional(depth + 1));
    return test ? whenTrue() : whenFalse();
  }

  /** Parses a branch, deferring its failure to when (if ever) its value is used. */
  private guarded(parse: () => unknown): () => unknown {
    const start = this.pos;
    try {
      const v = parse();
      return () => v;
    } catch (e) {
      if (!(e instanceof Unknown || e instanceof Failed)) throw e;
      // The branch's text must still be passed over to read what follows it.
      this.pos = start;
      this.skipBranch();
      return () => {
        throw e;
      };
    }
  }

  /** Moves past one branch of a conditional: up to a `:` or `,` or the end, outside brackets. */
  private skipBranch(): void {
    this.skipUntil(":,");
  }

  /**
   * Moves to the first character of `stop` outside brackets and strings, or
   * to an unmatched closing bracket; false when the text ends first.
   */
  private skipUntil(stop: string): boolean {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.string(true);
        continue;
      }
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) {
        if (depth === 0) return true;
        depth--;
      } else if (depth === 0 && stop.includes(c)) return true;
      this.pos++;
    }
    return false;
  }

  private or(depth: number): unknown {
    let left = this.and(depth);
    while (this.eat("||")) {
      const right = this.and(depth);
      if (typeof left !== "boolean" || typeof right !== "boolean") unknown();
      left = left || right;
    }
    return left;
  }

  private and(depth: number): unknown {
    let left = this.equality(depth);
    while (this.eat("&&")) {
      const right = this.equality(depth);
      if (typeof left !== "boolean" || typeof right !== "boolean") unknown();
      left = left && right;
    }
    return left;
  }

  private equality(depth: number): unknown {
    let left = this.comparison(depth);
    for (;;) {
      if (this.eat("==")) left = equal(left, this.comparison(depth));
      else if (this.eat("!=")) left = !equal(left, this.comparison(depth));
      else return left;
    }
  }

  private comparison(depth: number): unknown {
    let left = this.unary(depth);
    for (;;) {
      const op = [">=", "<=", ">", "<"].find((o) => this.eat(o));
      if (!op) return left;
      const right = this.unary(depth);
      if (typeof left !== "number" || typeof right !== "number") unknown();
      const [a, b] = [left as number, right as number];
      left = op === ">=" ? a >= b : op === "<=" ? a <= b : op === ">" ? a > b : a < b;
    }
  }

  private unary(depth: number): unknown {
    if (this.eat("!")) {
      const v = this.unary(depth);
      return typeof v === "boolean" ? !v : unknown();
    }
    return this.postfix(depth);
  }

  private postfix(depth: number): unknown {
    const root = this.primaryOrReference(depth);
    if (root.reference !== undefined) {
      const path = root.path;
      for (;;) {
        const step = this.step(depth);
        if (step === undefined) break;
        path.push(step);
      }
      const found = this.resolve(root.reference, path.slice(0, 1));
      if (!found) return unknown();
      let value = found.value;
      for (const step of path.slice(1)) value = index(value, step, this.inTry > 0);
      return value;
    }
    let value = "value" in root ? root.value : undefined;
    for (;;) {
      const step = this.step(depth);
      if (step === undefined) return value;
      value = index(value, step, this.inTry > 0);
    }
  }

  /** `.name`, `[expr]`; undefined when the next token is neither. */
  private step(depth: number): string | number | undefined {
    this.skip();
    const c = this.text[this.pos];
    if (c === "." && /[A-Za-z_]/.test(this.text[this.pos + 1] ?? "")) {
      this.pos++;
      return this.identifier();
    }
    if (c === "." && /\d/.test(this.text[this.pos + 1] ?? "")) {
      const digits = /^\d+/.exec(this.text.slice(this.pos + 1))![0];
      this.pos += 1 + digits.length;
      return Number(digits);
    }
    if (c === "[") {
      this.pos++;
      const key = this.conditional(depth + 1);
      this.expect("]");
      if ((typeof key !== "string" && typeof key !== "number") || isPartial(key)) unknown();
      return key as string | number;
    }
    return undefined;
  }

  private identifier(): string {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos));
    if (!m) return unknown();
    this.pos += m[0].length;
    return m[0];
  }

  private primaryOrReference(
    depth: number,
  ): { reference: string; path: (string | number)[] } | { reference?: undefined; value: unknown } {
    this.skip();
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === undefined) return unknown();
    if (c === "(") {
      this.pos++;
      const v = this.conditional(depth + 1);
      this.expect(")");
      return { value: v };
    }
    if (c === '"') return { value: this.string() };
    if (c === "[") return { value: this.tuple(depth) };
    if (c === "{") return { value: this.object(depth) };
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return { value: Number(num[0]) };
    }
    const name = this.identifier();
    if (name === "true" || name === "false") return { value: name === "true" };
    if (name === "null") return { value: null };
    if (name === "for") return unknown();
    if (this.eat("(")) return { value: this.call(name, depth) };
    return { reference: name, path: [] };
  }

  private call(name: string, depth: number): unknown {
    const args: (() => unknown)[] = [];
    const trying = name === "try" || name === "can";
    if (trying) this.inTry++;
    try {
      if (!this.eat(")")) {
        for (;;) {
          args.push(this.guarded(() => this.conditional(depth + 1)));
          if (this.eat(")")) break;
          this.expect(",");
        }
      }
    } finally {
      if (trying) this.inTry--;
    }
    if (name === "try" || name === "can") {
      for (const a of args) {
        try {
          const v = a();
          return name === "can" ? true : v;
        } catch (e) {
          if (e instanceof Unknown) throw e;
        }
      }
      if (name === "can") return false;
      throw new Failed();
    }
    const f = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!f) return unknown();
    return f(args.map((a) => a()));
  }

  private tuple(depth: number): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    if (/^\s*for\s/.test(this.text.slice(this.pos))) {
      for (const { value } of this.forExpression(depth, "]")) items.push(value);
      return items;
    }
    if (this.eat("]")) return items;
    for (;;) {
      items.push(this.conditional(depth + 1));
      if (this.eat("]")) return items;
      this.expect(",");
      if (this.eat("]")) return items;
    }
  }

  private object(depth: number): Record<string, unknown> {
    this.pos++;
    const out = new Map<string, unknown>();
    if (/^\s*for\s/.test(this.text.slice(this.pos))) {
      for (const { key, value } of this.forExpression(depth, "}")) {
        if (typeof key !== "string" || isPartial(key)) unknown();
        // Two elements with one key is an error in Terraform (without `...` grouping).
        if (out.has(key as string)) throw new Failed();
        out.set(key as string, value);
      }
      return Object.fromEntries(out);
    }
    for (;;) {
      if (this.eat("}")) return Object.fromEntries(out);
      this.skip();
      const key = this.text[this.pos] === '"' ? this.string() : this.identifier();
      if (!this.eat("=") && !this.eat(":")) unknown();
      out.set(key, this.conditional(depth + 1));
      this.eat(",");
    }
  }

  /**
   * `for K, V in COLLECTION : [KEY =>] VALUE [if COND]` up to `close`: the
   * body is read once per element with the variables bound (a list's index
   * and item, a map's key and value in key order, a set's item twice). A
   * collection that is not known, or `...` grouping, is unknown.
   */
  private forExpression(depth: number, close: "]" | "}"): { key: unknown; value: unknown }[] {
    this.expect("for");
    this.skip();
    const first = this.identifier();
    let second: string | undefined;
    if (this.eat(",")) {
      this.skip();
      second = this.identifier();
    }
    this.skip();
    if (!/^in\s/.test(this.text.slice(this.pos))) unknown();
    this.pos += 2;
    const collection = this.conditional(depth + 1);
    this.expect(":");
    let elements: { key: unknown; value: unknown }[];
    if (Array.isArray(collection))
      elements = collection.map((v, i) => ({ key: isSet(collection) ? v : i, value: v }));
    else if (isObject(collection))
      elements = Object.keys(collection)
        .sort()
        .map((k) => ({ key: k, value: collection[k] }));
    else return unknown();
    const body = this.pos;
    const outer = this.resolve;
    const out: { key: unknown; value: unknown }[] = [];
    try {
      for (const element of elements) {
        const bound = new Map<string, unknown>(
          second === undefined
            ? [[first, element.value]]
            : [
                [first, element.key],
                [second, element.value],
              ],
        );
        this.resolve = (root, path) =>
          bound.has(root) ? walk(bound.get(root), path) : outer(root, path);
        this.pos = body;
        const a = this.conditional(depth + 1);
        let key: unknown;
        let value = a;
        if (close === "}") {
          this.expect("=>");
          key = a;
          value = this.conditional(depth + 1);
          if (this.eat("...")) unknown();
        }
        if (this.eat("if")) {
          const keep = this.conditional(depth + 1);
          if (typeof keep !== "boolean") unknown();
          if (!keep) continue;
        }
        out.push({ key, value });
      }
    } finally {
      this.resolve = outer;
    }
    if (elements.length === 0) this.skipTo(close);
    this.expect(close);
    return out;
  }

  /** Moves to the unmatched `close` (an empty `for` body is never read). */
  private skipTo(close: string): void {
    if (!this.skipUntil("") || this.text[this.pos] !== close) unknown();
  }

  /**
   * A quoted string; `$${` and `%%{` are a literal `${` and `%{`; other
   * interpolations make it unknown unless they are known scalars (or, in
   * partial mode, stay as marked text). `skipping` only moves past it.
   */
  private string(skipping = false): string {
    return this.template(true, skipping);
  }

  /**
   * Template text from `pos`: a quoted string (escapes decoded, up to its
   * closing quote), or else the rest of the text as hcl2json gives a
   * template (escapes already decoded, `$${` kept).
   */
  template(quoted: boolean, skipping = false): string {
    const start = this.pos;
    let out = "";
    if (quoted) this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (quoted && c === '"') {
        this.pos++;
        return out;
      }
      if (quoted && c === "\\") {
        const e = this.text[this.pos + 1];
        out += e === "n" ? "\n" : e === "t" ? "\t" : (e ?? "");
        this.pos += 2;
        continue;
      }
      const next = this.text[this.pos + 1];
      if ((c === "$" || c === "%") && next === c && this.text[this.pos + 2] === "{") {
        out += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === "%" && next === "{" && !skipping) return unknown(); // a directive
      if ((c === "$" || c === "%") && next === "{") {
        const close = closingBrace(this.text, this.pos + 1);
        if (close < 0) return unknown();
        const expr = this.text.slice(this.pos + 2, close);
        this.pos = close + 1;
        if (skipping) continue;
        const inner = run(expr, this.resolve, this.partial);
        if (!inner || (typeof inner.value === "object" && inner.value !== null)) {
          if (!this.partial) unknown();
          out += `${OPEN}${expr.trim()}${CLOSE}`;
          continue;
        }
        out += String(inner.value ?? "");
        continue;
      }
      out += c;
      this.pos++;
    }
    if (!quoted) return out;
    this.pos = start;
    return unknown();
  }
}

/** The `}` closing the `{` at `open`, past nested braces and quoted strings; -1 if none. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/**
 * `value[step]`. An index out of range, or an attribute of null, is a
 * Terraform error (`try` catches it). A missing object attribute is an
 * error inside `try(...)`, where the author expects one, and null
 * elsewhere, as the `optional()` attributes of a variable's object type
 * are (`statement.value.condition != null ? ... : []`).
 */
export function index(value: unknown, step: string | number, strict = false): unknown {
  if (Array.isArray(value) && typeof step === "number") {
    if (step < 0 || step >= value.length) throw new Failed();
    return value[step];
  }
  if (isObject(value)) {
    const key = String(step);
    if (Object.hasOwn(value, key)) return value[key];
    if (strict) throw new Failed();
    return null;
  }
  if (value === null) throw new Failed();
  return unknown();
}

/** Follows a path from a known value (see `index`); undefined when it fails. */
export function walk(
  value: unknown,
  path: readonly (string | number)[],
): { value: unknown } | undefined {
  try {
    let v = value;
    for (const step of path) v = index(v, step);
    return { value: v };
  } catch (e) {
    if (e instanceof Unknown || e instanceof Failed) return undefined;
    throw e;
  }
}
