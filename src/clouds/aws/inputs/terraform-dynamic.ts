import { evaluate, evaluateValue, isSet, type Resolve, walk } from "./terraform-evaluate.js";
import { asBodies, type Body } from "./terraform-policy-document.js";

/**
 * `dynamic "statement"` (and the `condition`, `principals`, `not_principals`
 * inside a statement) expanded as Terraform does: one block per element of
 * `for_each`, its `content` with `<iterator>.key` and `<iterator>.value`
 * (the iterator is the block's name unless `iterator = NAME`) replaced by
 * the element. `for_each` must be known statically (a literal, a local, a
 * variable's default, or a small expression of those; see
 * terraform-evaluate.ts); a block whose `for_each` is not is left out and
 * named in `unexpanded`.
 */
export interface Expansion {
  blocks: Body[];
  /** For each block, the index of the `dynamic` block it came from (in source order); -1 for the body's own. */
  origins: number[];
  /** The `for_each` text of each dynamic block that could not be expanded. */
  unexpanded: string[];
  /** Whether some `for_each` was known only through a variable's default. */
  fromDefaults: boolean;
}

/** Iterator bindings in scope: name → the element. */
type Scope = ReadonlyMap<string, { key: unknown; value: unknown }>;

export interface Environment {
  /** Resolves `var.*` and `local.*`; sets `usedDefault` when a variable's default was read. */
  resolve: Resolve;
  usedDefault: { value: boolean };
}

/** The `name` blocks of a body: its own, then those its `dynamic "name"` blocks expand to. */
export function expandBlocks(
  body: Body,
  name: string,
  env: Environment,
  scope: Scope = new Map(),
): Expansion {
  const out: Expansion = { blocks: [], origins: [], unexpanded: [], fromDefaults: false };
  for (const block of asBodies(body[name])) add(out, expandNested(block, env, scope), -1);
  let origin = -1;
  for (const dynamic of asBodies(body.dynamic)) {
    for (const d of asBodies(dynamic[name])) {
      origin++;
      env.usedDefault.value = false;
      const forEach = evaluateValue(d.for_each, withScope(env.resolve, scope));
      const text =
        typeof d.for_each === "string" ? d.for_each.replace(/^\$\{([\s\S]*)\}$/, "$1") : "[...]";
      if (!forEach || forEach.value === null || typeof forEach.value !== "object") {
        out.unexpanded.push(text);
        continue;
      }
      if (env.usedDefault.value) out.fromDefaults = true;
      const iterator =
        typeof d.iterator === "string" ? d.iterator.replace(/^\$\{\s*(.*?)\s*\}$/, "$1") : name;
      for (const element of elements(forEach.value)) {
        const inner = new Map(scope).set(iterator, element);
        for (const content of asBodies(d.content))
          add(out, expandNested(substitute(content, env, inner) as Body, env, inner), origin);
      }
    }
  }
  return out;
}

function add(out: Expansion, more: Expansion, origin: number): void {
  out.blocks.push(...more.blocks);
  out.origins.push(...more.blocks.map(() => origin));
  out.unexpanded.push(...more.unexpanded);
  out.fromDefaults ||= more.fromDefaults;
}

/**
 * A block with its own nested `dynamic` blocks expanded (a statement's
 * `condition`, `principals`, `not_principals`). A block missing one of them
 * would grant more, or read as another kind of policy, than the one written:
 * it is left out, with the `for_each` named in `unexpanded`.
 */
function expandNested(block: Body, env: Environment, scope: Scope): Expansion {
  const dynamic = asBodies(block.dynamic);
  if (dynamic.length === 0)
    return { blocks: [block], origins: [-1], unexpanded: [], fromDefaults: false };
  const names = new Set(dynamic.flatMap((d) => Object.keys(d)));
  const result: Body = { ...block };
  delete result.dynamic;
  const out: Expansion = { blocks: [], origins: [], unexpanded: [], fromDefaults: false };
  for (const name of names) {
    const inner = expandBlocks({ [name]: block[name], dynamic: block.dynamic }, name, env, scope);
    out.unexpanded.push(...inner.unexpanded);
    out.fromDefaults ||= inner.fromDefaults;
    result[name] = inner.blocks;
  }
  if (out.unexpanded.length === 0) {
    out.blocks.push(result);
    out.origins.push(-1);
  }
  return out;
}

/** `for_each` elements: a map's entries by key, a set's values (key = value), a list's by index. */
function elements(value: object): { key: unknown; value: unknown }[] {
  if (Array.isArray(value)) return value.map((v, i) => ({ key: isSet(value) ? v : i, value: v }));
  return Object.keys(value)
    .sort()
    .map((k) => ({ key: k, value: (value as Record<string, unknown>)[k] }));
}

function withScope(resolve: Resolve, scope: Scope): Resolve {
  return (root, path) => {
    const element = scope.get(root);
    if (!element) return resolve(root, path);
    const [first, ...rest] = path;
    if (first === "key") return walk(element.key, rest);
    if (first === "value") return walk(element.value, rest);
    return undefined;
  };
}

/**
 * The content with every expression that names an iterator in scope
 * replaced by its value: a whole `${...}` by the value itself (a list stays
 * a list), an interpolation inside text by its text. Expressions that stay
 * unknown, and all others (`var.x`, resource attributes), are left as
 * written: they become placeholders like any other Terraform expression.
 */
function substitute(value: unknown, env: Environment, scope: Scope, depth = 0): unknown {
  if (depth > 64) return value;
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    const resolve = withScope(env.resolve, scope);
    const names = [...scope.keys()];
    const mentions = (expr: string) =>
      names.some((n) => new RegExp(`(^|[^\\w.])${n}\\s*(\\.|\\[)`).test(expr));
    const whole = /^\$\{([\s\S]*)\}$/.exec(value);
    if (whole && value.indexOf("${", 2) < 0) {
      if (!mentions(whole[1]!)) return value;
      const r = evaluate(whole[1]!, resolve);
      return r ? r.value : value;
    }
    return value.replace(/\$\{([^}]*)\}/g, (part, expr: string) => {
      if (!mentions(expr)) return part;
      const r = evaluate(expr, resolve);
      return r && (r.value === null || typeof r.value !== "object") ? String(r.value ?? "") : part;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, env, scope, depth + 1));
  if (value !== null && typeof value === "object") {
    const out = new Map<string, unknown>();
    for (const [k, v] of Object.entries(value)) {
      // Nested dynamic blocks keep their `for_each` and `content` for `expandNested`, which
      // evaluates them with this scope; their content's other references are replaced now.
      out.set(k, k === "for_each" ? v : substitute(v, env, scope, depth + 1));
    }
    return Object.fromEntries(out);
  }
  return value;
}
