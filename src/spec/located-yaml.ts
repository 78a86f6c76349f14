import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
} from "yaml";
import type { Diagnostic, SourceLocation } from "../diagnostics/index.js";
import { pointerToken } from "../diagnostics/index.js";

export type Path = readonly (string | number)[];

/** The YAML parser's problems that have a code and a fix of their own. */
const YAML_PROBLEMS: Partial<Record<string, { code: string; help: string }>> = {
  DUPLICATE_KEY: { code: "spec/duplicate-key", help: "keep one of the two keys" },
  TAG_RESOLVE_FAILED: {
    code: "yaml/unknown-tag",
    help: "remove the tag: leash reads plain YAML values, and an unknown tag would be ignored",
  },
  BAD_DIRECTIVE: { code: "yaml/unknown-directive", help: "remove the directive" },
};

/** Aliases a document may expand (the YAML library's own default), against alias bombs. */
const MAX_ALIASES = 100;

/** Why resolving a document's aliases failed, at the alias that made it fail. */
function aliasDiagnostic(doc: Document, lines: LineCounter, file: string, e: unknown): Diagnostic {
  let unresolved: Alias | undefined;
  let first: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      first ??= node;
      if (!unresolved && node.resolve(doc) === undefined) unresolved = node;
    },
  });
  const at = unresolved ?? first;
  const pos = lines.linePos(at?.range?.[0] ?? 0);
  const location = { file, pointer: "", line: pos.line, column: pos.col };
  if (unresolved)
    return {
      code: "yaml/unresolved-alias",
      severity: "error",
      message: `the alias \`*${unresolved.source}\` refers to no anchor before it`,
      help: `define \`&${unresolved.source}\` before this alias, or write the value out`,
      location,
    };
  return {
    code: "yaml/too-many-aliases",
    severity: "error",
    message: `the aliases expand to more than ${MAX_ALIASES} copies (${e instanceof Error ? e.message.replace(/^\w/, (c) => c.toLowerCase()) : "refused"})`,
    help: "write the repeated values out, or use fewer aliases",
    location,
  };
}

/** Whether `node` can be merged: a mapping, or an alias of one. */
function mergeable(doc: Document, node: unknown): boolean {
  return isMap(node) || (isAlias(node) && isMap(node.resolve(doc)));
}

/** A merge key (`<<`) whose value is not a mapping, an alias of one or a list of those. */
function mergeDiagnostic(doc: Document, lines: LineCounter, file: string): Diagnostic | undefined {
  let bad: Pair | undefined;
  visit(doc, {
    Pair(_, pair) {
      // With `merge`, the parser reads a plain `<<` key as a symbol, not as text.
      if (
        bad ||
        !isScalar(pair.key) ||
        pair.key.source !== "<<" ||
        typeof pair.key.value === "string"
      )
        return;
      const v = pair.value;
      if (!(mergeable(doc, v) || (isSeq(v) && v.items.every((i) => mergeable(doc, i))))) bad = pair;
    },
  });
  if (!bad) return undefined;
  const pos = lines.linePos((bad.key as Node).range?.[0] ?? 0);
  return {
    code: "yaml/invalid-merge",
    severity: "error",
    message:
      "a merge key `<<` takes a mapping, an alias of one (`<<: *defaults`) or a list of them",
    help: "merge an anchored mapping (`<<: *name`), or write the keys out",
    location: { file, pointer: "", line: pos.line, column: pos.col },
  };
}

/**
 * A YAML document that can say where any path is: the spec's diagnostics
 * point at the line and column the user wrote, like the JSON parser's do.
 */
export class LocatedYaml {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(
    text: string,
    file: string,
  ): { yaml?: LocatedYaml; value?: unknown; diagnostics: Diagnostic[] } {
    const lines = new LineCounter();
    // YAML 1.1 merge keys (`<<: *defaults`), as authors of YAML anchors expect them;
    // without, `<<` was read as a key of its own and the merged fields were missing.
    const doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      // The library would print its own warnings (a mapping used as a key) as Node process
      // warnings on standard error; leash reports such a key as an error of its own.
      logLevel: "silent",
    });
    // The parser's warnings are errors here: an unknown tag (`!custom x`) or directive
    // would otherwise be dropped without a word, and the value read as if it were not there.
    const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => {
      const pos = lines.linePos(e.pos[0]);
      const { code, help } = YAML_PROBLEMS[e.code] ?? {
        code: "yaml/syntax",
        help: "fix the YAML syntax at this position",
      };
      return {
        code,
        severity: "error",
        message: e.message
          .split("\n")[0]!
          .replace(/\.$/, "")
          .replace(/^\w/, (c) => c.toLowerCase()),
        help,
        location: { file, pointer: "", line: pos.line, column: pos.col },
      };
    });
    if (diagnostics.length > 0) return { diagnostics };
    let value: unknown;
    try {
      // Aliases are resolved here: an alias to no anchor, or more aliases than the
      // parser's limit (an "alias bomb", billions of nodes from a few lines), throws.
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      return {
        diagnostics: [mergeDiagnostic(doc, lines, file) ?? aliasDiagnostic(doc, lines, file, e)],
      };
    }
    return { yaml: new LocatedYaml(file, doc, lines), value, diagnostics };
  }

  /** Where the value at `path` is; with `key`, where that key of the map at `path` is. */
  locate(path: Path, key?: string): SourceLocation {
    const pointer = path.map(pointerToken).join("/");
    let node: unknown = this.doc.getIn(path, true);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (pair && isPair(pair)) node = pair.key;
    }
    // Walk up to the nearest existing node when the path ends at something missing.
    let up = path;
    while ((node === undefined || node === null) && up.length > 0) {
      up = up.slice(0, -1);
      node = up.length === 0 ? this.doc.contents : this.doc.getIn(up, true);
    }
    const range =
      (node as Node | undefined)?.range ??
      (isMap(this.doc.contents) || isSeq(this.doc.contents) ? this.doc.contents.range : undefined);
    const pos = this.lines.linePos(range?.[0] ?? 0);
    return {
      file: this.file,
      pointer: `${pointer ? "/" : ""}${pointer}${key !== undefined ? `/${pointerToken(key)}` : ""}`,
      line: pos.line,
      column: pos.col,
    };
  }
}

/**
 * `__proto__` keys anywhere in `value`, as the author's mistakes at their
 * place. The YAML parser keeps such a key as an own property, but a
 * schema's record (or any copy made by assignment) drops it without a word:
 * a workload named `__proto__` vanished from the generated roles.
 */
export function prototypeKeyDiagnostics(
  value: unknown,
  yaml: LocatedYaml,
  code: string,
  path: Path = [],
): Diagnostic[] {
  if (value === null || typeof value !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [
    ...(k === "__proto__"
      ? [
          {
            code,
            severity: "error" as const,
            message: `\`__proto__\` cannot be a key${path.length ? ` in \`${path.join(".")}\`` : ""}`,
            help: "rename it: `__proto__` is reserved by JavaScript, and would be dropped",
            location: yaml.locate(path, k),
          },
        ]
      : []),
    ...prototypeKeyDiagnostics(v, yaml, code, [...path, k]),
  ]);
}
