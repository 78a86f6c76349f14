import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Tags } from "yaml";
import {
  type Diagnostic,
  type JsonNode,
  pointerToken,
  type SourceLocation,
} from "../../../diagnostics/index.js";
import { inputDiagnostic } from "./common.js";

/** CloudFormation's short-form intrinsic function tags (`!Ref`, `!Sub`, ...). */
const SHORT_FORMS = [
  "Ref",
  "Condition",
  "GetAtt",
  "Sub",
  "Join",
  "Select",
  "Split",
  "If",
  "Equals",
  "And",
  "Or",
  "Not",
  "FindInMap",
  "ImportValue",
  "Base64",
  "GetAZs",
  "Cidr",
  "Transform",
  "ToJsonString",
  "Length",
];

/** `!Sub` is `Fn::Sub`; `!Ref` and `!Condition` keep their name. */
function longForm(short: string): string {
  return short === "Ref" || short === "Condition" ? short : `Fn::${short}`;
}

/**
 * Every short form on scalars, sequences and maps; values are kept as they
 * are (the located tree below turns the tagged node into its long form).
 */
export const CFN_YAML_TAGS: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: "seq" as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: "map" as const, resolve: (value: unknown) => value },
]) as Tags;

/** Plain JavaScript for sniffing; undefined when the text is not YAML. */
export function parseCloudFormationYamlPlain(text: string): unknown {
  const plain = (t: string) => {
    const doc = parseDocument(t, { customTags: CFN_YAML_TAGS, logLevel: "silent" });
    return doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 });
  };
  try {
    const value = plain(text);
    if (value !== undefined) return value;
    const relaxed = reindentQuotedScalars(text);
    return relaxed === undefined ? undefined : plain(relaxed);
  } catch {
    return undefined;
  }
}

/**
 * CloudFormation reads YAML more leniently than YAML 1.2 about one thing
 * templates do all the time: the continuation lines of a multi-line quoted
 * scalar (`Policy: !Sub '{` ... `}'`) indented no deeper than its key.
 * The YAML parser rejects those ("Missing closing quote"), CloudFormation
 * and PyYAML take them. Since a quoted scalar folds its line breaks and
 * drops each continuation line's leading white space, indenting those lines
 * under the opening quote changes no value and no line number: the text
 * returned parses as CloudFormation reads the original (undefined when no
 * line needed it).
 */
export function reindentQuotedScalars(text: string): string | undefined {
  const lines = text.split("\n");
  let changed = false;
  let blockIndent = -1; // inside a block scalar (`|`, `>`): lines deeper than this are its text
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = /^[ ]*/.exec(line)![0].length;
    if (blockIndent >= 0) {
      if (line.trim() === "" || indent > blockIndent) continue;
      blockIndent = -1;
    }
    const open = openQuote(line);
    if (open === undefined) {
      if (/(^|[\s:-])(![A-Za-z]+\s+)?[|>][-+0-9]*\s*(#.*)?$/.test(line) && /:\s|^\s*-\s/.test(line))
        blockIndent = indent;
      continue;
    }
    // The scalar runs on until the line holding its closing quote.
    const quote = line[open]!;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      const nextIndent = /^[ \t]*/.exec(next)![0].length;
      if (next.trim() !== "" && nextIndent <= open) {
        lines[j] = " ".repeat(open + 1) + next.slice(nextIndent);
        changed = true;
      }
      if (closes(lines[j]!, 0, quote) >= 0) {
        i = j;
        break;
      }
    }
  }
  return changed ? lines.join("\n") : undefined;
}

/**
 * The column of a quote that opens a scalar on this line and is not closed
 * on it; undefined when there is none. A quote opens a scalar only where a
 * value starts: after `key: `, `- `, a tag, `[`, `{` or `,`.
 */
function openQuote(line: string): number | undefined {
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return undefined;
    if ((c === "'" || c === '"') && startsValue(line, i)) {
      const end = closes(line, i + 1, c);
      if (end < 0) return i;
      i = end + 1;
      continue;
    }
    i++;
  }
  return undefined;
}

function startsValue(line: string, at: number): boolean {
  const before = line.slice(0, at).trimEnd();
  return before === "" || /(^|\s)(-|![A-Za-z:]+)$|[:[{,]$/.test(before);
}

/** The index of the quote closing a scalar from `from` on this line, or -1. */
function closes(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

const MAX_DEPTH = 256;
const MAX_ALIASES = 10_000;

/**
 * Parses a YAML template into a located JSON tree: line and column from the
 * YAML node ranges, pointers from the path. Short-form intrinsic functions
 * become their long form (`!Ref X` becomes `{"Ref": "X"}`), located at the tag.
 */
export function parseCloudFormationYaml(
  text: string,
  file: string,
): { node: JsonNode | undefined; diagnostics: Diagnostic[] } {
  let lineCounter = new LineCounter();
  const parse = (t: string) =>
    parseDocument(t, {
      lineCounter,
      customTags: CFN_YAML_TAGS,
      prettyErrors: false,
      uniqueKeys: false,
      logLevel: "silent",
    });
  let doc = parse(text);
  const relaxed = doc.errors.length > 0 ? reindentQuotedScalars(text) : undefined;
  if (relaxed !== undefined) {
    const strict = { doc, lineCounter };
    lineCounter = new LineCounter();
    doc = parse(relaxed);
    if (doc.errors.length === 0) text = relaxed;
    else ({ doc, lineCounter } = strict);
  }
  const locAt = (offset: number, pointer: string): SourceLocation => {
    const pos = lineCounter.linePos(offset);
    return { file, pointer, line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      node: undefined,
      diagnostics: doc.errors.map((e) =>
        inputDiagnostic(
          "yaml-syntax",
          e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
          locAt(e.pos[0], ""),
          "fix the YAML syntax; a YAML validator or editor shows the exact spot",
        ),
      ),
    };
  }

  /** Where a tagged node starts: at its `!Tag`, not at the value after it. */
  const tagStart = (offset: number): number => {
    let i = offset - 1;
    while (i >= 0 && (text[i] === " " || text[i] === "\t")) i--;
    let j = i;
    while (j >= 0 && !/\s/.test(text[j]!)) j--;
    return text[j + 1] === "!" ? j + 1 : offset;
  };

  let aliases = 0;
  const convert = (n: unknown, pointer: string, at: SourceLocation, depth: number): JsonNode => {
    if (depth > MAX_DEPTH || n === null || n === undefined)
      return { kind: "null", value: null, loc: { ...at, pointer } };
    if (isAlias(n)) {
      // Aliases of aliases can expand exponentially ("billion laughs"): bound the work.
      if (++aliases > MAX_ALIASES) return { kind: "null", value: null, loc: { ...at, pointer } };
      return convert(n.resolve(doc), pointer, at, depth + 1);
    }
    const range = (n as { range?: [number, number, number] }).range;
    const loc = range ? locAt(range[0], pointer) : { ...at, pointer };
    const tag = (n as { tag?: string }).tag;
    const short = tag?.startsWith("!") ? tag.slice(1) : undefined;
    if (short !== undefined && SHORT_FORMS.includes(short) && range) {
      const name = longForm(short);
      const fnLoc = locAt(tagStart(range[0]), pointer);
      const inner = `${pointer}/${pointerToken(name)}`;
      const value = convertUntagged(n, inner, loc, depth);
      return {
        kind: "object",
        entries: [{ key: name, keyLoc: { ...fnLoc, pointer: inner }, value }],
        loc: fnLoc,
      };
    }
    return convertUntagged(n, pointer, loc, depth);
  };

  const convertUntagged = (
    n: unknown,
    pointer: string,
    loc: SourceLocation,
    depth: number,
  ): JsonNode => {
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === "string") return { kind: "string", value: v, loc };
      if (typeof v === "number" || typeof v === "bigint")
        return { kind: "number", value: Number(v), raw: String(v), loc };
      if (typeof v === "boolean") return { kind: "boolean", value: v, loc };
      if (v === null || v === undefined) return { kind: "null", value: null, loc };
      return { kind: "string", value: String(v), loc };
    }
    if (isMap(n)) {
      const entries = n.items.map((pair) => {
        const keyNode = pair.key;
        const key = isScalar(keyNode) ? String(keyNode.value ?? "") : String(keyNode ?? "");
        const child = `${pointer}/${pointerToken(key)}`;
        const keyRange = (keyNode as { range?: [number, number, number] } | null)?.range;
        const keyLoc = keyRange ? locAt(keyRange[0], child) : { ...loc, pointer: child };
        return { key, keyLoc, value: convert(pair.value, child, keyLoc, depth + 1) };
      });
      return { kind: "object", entries, loc };
    }
    if (isSeq(n)) {
      return {
        kind: "array",
        items: n.items.map((item, i) => convert(item, `${pointer}/${i}`, loc, depth + 1)),
        loc,
      };
    }
    return { kind: "null", value: null, loc };
  };

  return { node: convert(doc.contents, "", locAt(0, ""), 0), diagnostics: [] };
}
