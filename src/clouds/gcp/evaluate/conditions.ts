import {
  type CelEnv,
  CelScalar,
  celEnv,
  celError,
  celFunc,
  celMethod,
  isCelError,
  isCelList,
  listType,
  mapType,
  objectType,
  plan,
} from "@bufbuild/cel";
import { TimestampSchema, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ParsedCel } from "../policy/condition.js";

/**
 * IAM Conditions: CEL evaluated by a real CEL implementation
 * (@bufbuild/cel), with the functions Google adds to it
 * (docs/semantics/gcp.md, "Conditions"): `extract`, `hasOnly`, the tag
 * functions on `resource` and `api.getAttribute`.
 */

/** What a condition can see of one request. */
export interface ConditionInput {
  /** `request.time`, when the request gives it. */
  time?: Date;
  /** `resource.*`: those the service provides. */
  resource: { name?: string; type?: string; service?: string };
  /** The effective tags of the resource: namespaced key -> short value, and `tagKeys/ID` -> `tagValues/ID`. */
  tags: ReadonlyMap<string, string>;
  /** Values for `api.getAttribute(NAME, DEFAULT)`. */
  apiAttributes: ReadonlyMap<string, unknown>;
}

/** A condition's value for one request. */
export type ConditionValue =
  | { value: boolean }
  /** It needs attributes the request does not give (listed), and they decide it. */
  | { unknown: string[] }
  /** It fails to evaluate (a type error, a bad argument): it grants nothing and denies nothing. */
  | { error: string };

// The request being evaluated: Google's functions read it, CEL's calls being synchronous.
let current: ConditionInput | undefined;

const MAP = mapType(CelScalar.STRING, CelScalar.DYN);
const TIMESTAMP = objectType(TimestampSchema);
const LIST = listType(CelScalar.DYN);

/**
 * `"...".extract("prefix{name}suffix")`: what stands between the prefix and
 * the suffix, or the empty string when the prefix does not occur.
 */
export function extract(text: string, template: string): string {
  const open = template.indexOf("{");
  const close = template.indexOf("}", open);
  if (open < 0 || close < 0) return "";
  const prefix = template.slice(0, open);
  const suffix = template.slice(close + 1);
  const at = text.indexOf(prefix);
  if (at < 0) return "";
  const start = at + prefix.length;
  if (suffix === "") return text.slice(start);
  const end = text.indexOf(suffix, start);
  return end < 0 ? "" : text.slice(start, end);
}

function tagValue(key: string): string | undefined {
  return current?.tags.get(key);
}

/** `date('YYYY-MM-DD')`: midnight UTC of that day [ATTR "Date/time attribute"]. */
function dateOf(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? d : undefined;
}

const FUNCS = [
  celFunc("date", [CelScalar.STRING], TIMESTAMP, (text) => {
    const d = dateOf(text);
    if (!d) throw celError(`date() takes YYYY-MM-DD, not \`${text}\``);
    return timestampFromDate(d) as never;
  }),
  celMethod("extract", CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (template) {
    return extract(this, template);
  }),
  celMethod("hasOnly", LIST, [LIST], CelScalar.BOOL, function (allowed) {
    const permitted: unknown[] = [];
    for (const v of allowed) permitted.push(v);
    for (const v of this) if (!permitted.includes(v)) return false;
    return true;
  }),
  celMethod("matchTag", MAP, [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, (key, value) => {
    return tagValue(key) === value;
  }),
  celMethod(
    "matchTagId",
    MAP,
    [CelScalar.STRING, CelScalar.STRING],
    CelScalar.BOOL,
    (key, value) => {
      return tagValue(key) === value;
    },
  ),
  celMethod(
    "hasTagKey",
    MAP,
    [CelScalar.STRING],
    CelScalar.BOOL,
    (key) => tagValue(key) !== undefined,
  ),
  celMethod(
    "hasTagKeyId",
    MAP,
    [CelScalar.STRING],
    CelScalar.BOOL,
    (key) => tagValue(key) !== undefined,
  ),
  celMethod(
    "getAttribute",
    MAP,
    [CelScalar.STRING, CelScalar.DYN],
    CelScalar.DYN,
    (name, fallback) => {
      const v = current?.apiAttributes.get(name);
      return (v === undefined ? fallback : v) as never;
    },
  ),
];

const VARIABLES = {
  request: MAP,
  resource: MAP,
  api: MAP,
  destination: MAP,
  origin: MAP,
  levels: LIST,
};

let env: CelEnv | undefined;
const plans = new Map<ParsedCel, ReturnType<typeof plan>>();

function planned(cel: ParsedCel): ReturnType<typeof plan> {
  let run = plans.get(cel);
  if (!run) {
    env ??= celEnv({ funcs: FUNCS, variables: VARIABLES });
    run = plan(env, cel);
    if (plans.size > 10_000) plans.clear();
    plans.set(cel, run);
  }
  return run;
}

/** The attributes a condition reads (`request.time`, `resource.name`...), found once per expression. */
const readsCache = new WeakMap<ParsedCel, string[]>();

function attributesRead(cel: ParsedCel): string[] {
  let reads = readsCache.get(cel);
  if (reads) return reads;
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    const kind = (node as { exprKind?: { case?: string; value?: unknown } }).exprKind;
    if (kind?.case === "selectExpr") {
      const sel = kind.value as {
        operand?: { exprKind?: { case?: string; value?: { name?: string } } };
        field: string;
      };
      const op = sel.operand?.exprKind;
      if (op?.case === "identExpr" && op.value?.name) found.add(`${op.value.name}.${sel.field}`);
    }
    for (const [k, v] of Object.entries(node)) if (k !== "$typeName") walk(v);
  };
  walk(cel.expr);
  reads = [...found];
  readsCache.set(cel, reads);
  return reads;
}

/**
 * The attributes a condition reads that the service would give but this
 * request does not. Resource attributes are never among them: they follow
 * from the resource's name, and one the service does not provide is an
 * error (the condition part reading it never grants), not an unknown.
 */
function missing(cel: ParsedCel, input: ConditionInput): string[] {
  return attributesRead(cel).filter((a) => {
    if (a === "request.time") return input.time === undefined;
    return a.startsWith("request.") || a.startsWith("destination.") || a.startsWith("origin.");
  });
}

/** Evaluates a parsed condition against one request. */
export function evaluateCondition(cel: ParsedCel, input: ConditionInput): ConditionValue {
  const request = new Map<string, unknown>();
  if (input.time) request.set("time", timestampFromDate(input.time));
  const resource = new Map<string, unknown>();
  for (const [k, v] of Object.entries(input.resource)) if (v !== undefined) resource.set(k, v);
  const previous = current;
  current = input;
  let result: unknown;
  try {
    result = planned(cel)({
      request,
      resource,
      api: new Map(),
      destination: new Map(),
      origin: new Map(),
      levels: [],
    } as never);
  } finally {
    current = previous;
  }
  if (typeof result === "boolean") return { value: result };
  const absent = missing(cel, input);
  if (absent.length > 0) return { unknown: absent };
  if (isCelError(result)) return { error: result.message };
  return {
    error: `the condition gives ${isCelList(result) ? "a list" : typeof result}, not a boolean`,
  };
}
