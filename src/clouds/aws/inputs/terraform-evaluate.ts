/**
 * Evaluates the small Terraform expressions that decide what a `dynamic`
 * block repeats over (`for_each = var.enabled ? [1] : []`,
 * `statement.value.condition != null ? statement.value.condition : []`,
 * `toset(var.names)`, `try(statement.value.actions, null)`): references,
 * literals, comparisons, `!`/`&&`/`||`, conditionals and a few pure
 * functions. Whatever depends on something not known statically (a resource
 * attribute, a variable without default, a `for` expression, any other
 * function) is unknown: the caller reports it rather than guessing.
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

/** Evaluates an expression's text (without `${ }`); undefined when it is not known statically. */
export function evaluate(expression: string, resolve: Resolve): { value: unknown } | undefined {
  try {
    const p = new Parser(expression, resolve);
    const value = p.conditional(0);
    p.skip();
    if (p.pos !== expression.length) return undefined;
    return { value };
  } catch (e) {
    if (e instanceof Unknown || e instanceof Failed) return undefined;
    throw e;
  }
}

/** A value hcl2json gave (literal JSON, or `${...}` text for an expression), evaluated. */
export function evaluateValue(
  value: unknown,
  resolve: Resolve,
  depth = 0,
  lenient = false,
): { value: unknown } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // Lenient: a string inside a list or map that is not known stays as its text (a placeholder),
  // so that the collection's shape (its keys, its length) is still known, as Terraform knows it.
  if (lenient && depth > 0 && typeof value === "string")
    return evaluateValue(value, resolve, depth) ?? { value };
  if (typeof value === "string") {
    const whole = /^\$\{([\s\S]*)\}$/.exec(value);
    if (whole && !hasTwoInterpolations(value)) return evaluate(whole[1]!, resolve);
    if (value.includes("${") || value.includes("%{")) {
      // A template: known when every interpolation is a known scalar.
      let known = true;
      const text = value.replace(/\$\{([^}]*)\}/g, (_, expr: string) => {
        const r = evaluate(expr, resolve);
        if (!r || (typeof r.value === "object" && r.value !== null)) known = false;
        return r ? String(r.value ?? "") : "";
      });
      return known && !text.includes("%{") ? { value: text } : undefined;
    }
    return { value };
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const r = evaluateValue(item, resolve, depth + 1, lenient);
      if (!r) return undefined;
      out.push(r.value);
    }
    return { value: out };
  }
  if (value !== null && typeof value === "object") {
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value)) {
      const r = evaluateValue(v, resolve, depth + 1, lenient);
      if (!r) return undefined;
      out.set(k, r.value);
    }
    return { value: Object.fromEntries(out) };
  }
  return { value };
}

function hasTwoInterpolations(s: string): boolean {
  return s.indexOf("${", 2) >= 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function lengthOf(v: unknown): number {
  if (Array.isArray(v)) return v.length;
  if (typeof v === "string") return [...v].length;
  if (isObject(v)) return Object.keys(v).length;
  throw new Failed();
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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
    const found = args.find((a) => a !== null && a !== "");
    if (found === undefined) throw new Failed();
    return found;
  },
  lookup: ([map, key, ...fallback]) => {
    if (!isObject(map) || typeof key !== "string") return unknown();
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
    private readonly resolve: Resolve,
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

  /** Moves past one branch of a conditional: up to a `:` or the end, outside brackets. */
  private skipBranch(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.string();
        continue;
      }
      if ("([{".includes(c)) depth++;
      else if (")]}".includes(c)) {
        if (depth === 0) return;
        depth--;
      } else if (depth === 0 && (c === ":" || c === ",")) return;
      this.pos++;
    }
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
      if (typeof key !== "string" && typeof key !== "number") unknown();
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
    if (/^\s*for\s/.test(this.text.slice(this.pos))) unknown();
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
    if (/^\s*for\s/.test(this.text.slice(this.pos))) unknown();
    const out = new Map<string, unknown>();
    for (;;) {
      if (this.eat("}")) return Object.fromEntries(out);
      this.skip();
      const key = this.text[this.pos] === '"' ? this.string() : this.identifier();
      if (!this.eat("=") && !this.eat(":")) unknown();
      out.set(key, this.conditional(depth + 1));
      this.eat(",");
    }
  }

  /** A quoted string; interpolations in it make it unknown unless they are known scalars. */
  private string(): string {
    const start = this.pos;
    let out = "";
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === "\\") {
        const e = this.text[this.pos + 1];
        out += e === "n" ? "\n" : e === "t" ? "\t" : (e ?? "");
        this.pos += 2;
        continue;
      }
      if (c === "$" && this.text[this.pos + 1] === "{") {
        const close = this.text.indexOf("}", this.pos);
        if (close < 0) return unknown();
        const inner = evaluate(this.text.slice(this.pos + 2, close), this.resolve);
        if (!inner || (typeof inner.value === "object" && inner.value !== null)) unknown();
        out += String(inner!.value ?? "");
        this.pos = close + 1;
        continue;
      }
      out += c;
      this.pos++;
    }
    this.pos = start;
    return unknown();
  }
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
