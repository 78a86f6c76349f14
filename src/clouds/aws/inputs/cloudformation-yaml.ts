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
    const relaxed = reindentContinuations(text);
    return relaxed === undefined ? undefined : plain(relaxed);
  } catch {
    return undefined;
  }
}

/**
 * CloudFormation reads YAML more leniently than YAML 1.2 about one thing
 * templates do all the time: the continuation lines of a multi-line quoted
 * scalar (`Policy: !Sub '{` ... `}'`) or flow collection (`Action: [` ...
 * `]`) indented no deeper than their key. The YAML parser rejects those
 * ("Missing closing quote", "Flow sequence ... must be sufficiently
 * indented"); CloudFormation and PyYAML take them. A quoted scalar drops
 * each continuation line's leading white space and a flow collection
 * ignores it, so indenting those lines under their opening quote or bracket
 * changes no value and no line number: the text returned parses as
 * CloudFormation reads the original (undefined when no line needed it).
 */
export function reindentContinuations(text: string): string | undefined {
  const lines = text.split("\n");
  let changed = false;
  let blockIndent = -1; // inside a block scalar (`|`, `>`): lines deeper than this are its text
  const state: ScanState = { quote: undefined, depth: 0, anchor: 0 };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const indent = /^[ \t]*/.exec(line)![0].length;
    const continuing = state.quote !== undefined || state.depth > 0;
    if (continuing) {
      if (line.trim() !== "" && indent <= state.anchor) {
        line = " ".repeat(state.anchor + 1) + line.slice(indent);
        lines[i] = line;
        changed = true;
      }
    } else {
      if (blockIndent >= 0) {
        if (line.trim() === "" || indent > blockIndent) continue;
        blockIndent = -1;
      }
      if (
        /(^|[\s:-])(![A-Za-z]+\s+)?[|>][-+0-9]*\s*(#.*)?$/.test(line) &&
        /:\s|^\s*-\s/.test(line)
      ) {
        blockIndent = indent;
        continue;
      }
    }
    scan(line, state);
  }
  return changed ? lines.join("\n") : undefined;
}

interface ScanState {
  /** The quote of a scalar still open at the end of the line. */
  quote: string | undefined;
  /** Flow brackets still open. */
  depth: number;
  /** The column of the outermost quote or bracket still open: continuation lines go deeper. */
  anchor: number;
}

/** Moves the state over one line: quotes and brackets that open and close, comments. */
function scan(line: string, state: ScanState): void {
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (state.quote !== undefined) {
      if (state.quote === '"' && c === "\\") i++;
      else if (c === state.quote) {
        if (state.quote === "'" && line[i + 1] === "'") i++;
        else state.quote = undefined;
      }
      i++;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) return;
    const outermost = state.depth === 0;
    if ((c === "'" || c === '"') && startsValue(line, i)) {
      state.quote = c;
      if (outermost) state.anchor = i;
    } else if ((c === "[" || c === "{") && (state.depth > 0 || startsValue(line, i))) {
      state.depth++;
      if (outermost) state.anchor = i;
    } else if ((c === "]" || c === "}") && state.depth > 0) state.depth--;
    i++;
  }
}

/** A quote or bracket opens a value only where one starts: after `key: `, `- `, a tag, `[`, `{` or `,`. */
function startsValue(line: string, at: number): boolean {
  const before = line.slice(0, at).trimEnd();
  return before === "" || /(^|\s)(-|![A-Za-z:]+)$|[:[{,]$/.test(before);
}

const MAX_DEPTH = 256;
const MAX_ALIASES = 10_000;

/** The message and help of each bound that cuts a template short. */
const CUT_OFF = {
  "yaml-depth": [
    `the YAML nests deeper than ${MAX_DEPTH} levels`,
    "no template nests this deep; check the indentation and the anchors",
  ],
  "yaml-aliases": [
    `the YAML expands more than ${MAX_ALIASES} aliases`,
    "write the repeated values out, or use fewer anchors (`&`) and aliases (`*`)",
  ],
} as const;

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
  const relaxed = doc.errors.length > 0 ? reindentContinuations(text) : undefined;
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
  // What the bounds below cut off is reported, once each: the template was not read whole.
  const cut = new Map<keyof typeof CUT_OFF, Diagnostic>();
  const cutOff = (code: keyof typeof CUT_OFF, at: SourceLocation, pointer: string): JsonNode => {
    const [message, help] = CUT_OFF[code];
    if (!cut.has(code)) cut.set(code, inputDiagnostic(code, message, { ...at, pointer }, help));
    return { kind: "null", value: null, loc: { ...at, pointer } };
  };
  const convert = (n: unknown, pointer: string, at: SourceLocation, depth: number): JsonNode => {
    if (n === null || n === undefined)
      return { kind: "null", value: null, loc: { ...at, pointer } };
    if (depth > MAX_DEPTH) return cutOff("yaml-depth", at, pointer);
    if (isAlias(n)) {
      // Aliases of aliases can expand exponentially ("billion laughs"): bound the work.
      if (++aliases > MAX_ALIASES) return cutOff("yaml-aliases", at, pointer);
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
      if (typeof v === "number" || typeof v === "bigint") {
        // The text as written (`1.0`, `0123`): CloudFormation passes scalars on as text.
        const source = (n as { source?: unknown }).source;
        return {
          kind: "number",
          value: Number(v),
          raw: typeof source === "string" && source ? source : String(v),
          loc,
        };
      }
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

  const node = convert(doc.contents, "", locAt(0, ""), 0);
  return { node, diagnostics: [...cut.values()] };
}
