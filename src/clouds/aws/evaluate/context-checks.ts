import type { Diagnostic } from "../../../diagnostics/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import { DATE_RANGE_TEXT, isOutOfDateRange, parseDate } from "../policy/date-value.js";
import { parseIpRange } from "../policy/ip-range.js";
import { remember } from "./memo.js";
import { parseNumber } from "./operators/numeric.js";

/**
 * A request's context, checked before anything is decided: a value the
 * engine cannot hold (`null`, an object) or one of the wrong type for its key
 * (an `aws:SourceIp` that is no address) would otherwise be decided as if the
 * key said something else, and answered with confidence.
 *
 * Key types are the catalog's: the AWS global condition context keys page
 * and the Service Authorization Reference give each key's type (`IPAddress`,
 * `Date`, `Numeric`, `Bool`, and `ArrayOf...` for multivalued keys). Keys the
 * catalog does not know (a web identity provider's `aud`) take any string.
 */
export interface ContextProblem {
  /** The context key the problem is about. */
  key: string;
  diagnostic: Diagnostic;
}

const SHAPE_HELP = "multivalued keys take an array of strings";

interface ValueType {
  /** Whether the value fits; `parse` functions return undefined for text that does not. */
  fits(value: string): boolean;
  /** "an IP address or CIDR range", for the message. */
  what: string;
  example: string;
  /** A message more precise than "is not ...", for values shaped right that still do not fit. */
  why?(value: string): string | undefined;
}

const TYPES: Readonly<Record<string, ValueType>> = {
  IPAddress: {
    fits: (v) => parseIpRange(v) !== undefined,
    what: "an IP address or CIDR range",
    example: "203.0.113.7",
  },
  Date: {
    fits: (v) => parseDate(v) !== undefined,
    what: "a date (ISO 8601 or epoch seconds)",
    example: "2026-01-31T12:00:00Z",
    why: (v) => (isOutOfDateRange(v) ? `falls outside ${DATE_RANGE_TEXT}` : undefined),
  },
  Numeric: {
    fits: (v) => parseNumber(v) !== undefined,
    what: "a number",
    example: "10",
  },
  Bool: { fits: (v) => /^(true|false)$/i.test(v), what: "`true` or `false`", example: "true" },
};

function problem(key: string, code: string, message: string, help: string): ContextProblem {
  return { key, diagnostic: { code: `aws-request/${code}`, severity: "error", message, help } };
}

/** The values of one key as text, or undefined when the value is not of a shape a context holds. */
function valuesOf(v: unknown): string[] | undefined {
  if (typeof v === "string" || typeof v === "boolean") return [String(v)];
  if (typeof v === "number") return Number.isFinite(v) ? [String(v)] : undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  return undefined;
}

/** Each key's catalog type (null: untyped), per catalog: batches repeat their keys. */
const keyTypes = new WeakMap<AwsCatalog, Map<string, string | null>>();

function keyType(catalog: AwsCatalog, key: string): string | null {
  let types = keyTypes.get(catalog);
  if (!types) {
    types = new Map();
    keyTypes.set(catalog, types);
  }
  return remember(types, key, () => {
    const info = key.toLowerCase().startsWith("aws:")
      ? catalog.globalConditionKey(key)
      : catalog.serviceConditionKey(key);
    return info?.type ?? null;
  });
}

/** Whether a value fits a type, per type: batches repeat their values too. */
const fitting = new Map<ValueType, Map<string, boolean>>();

function fits(type: ValueType, value: string): boolean {
  let known = fitting.get(type);
  if (!known) {
    known = new Map();
    fitting.set(type, known);
  }
  return remember(known, value, () => type.fits(value));
}

/** Every problem with a request's context, one per key at most. */
export function checkContext(context: unknown, catalog: AwsCatalog): ContextProblem[] {
  if (context === undefined || context === null) return [];
  if (typeof context !== "object" || Array.isArray(context)) {
    return [
      problem(
        "",
        "invalid-context",
        "the request context must be an object of condition keys",
        'write `{"aws:SourceIp": "203.0.113.7"}`',
      ),
    ];
  }
  const out: ContextProblem[] = [];
  // Condition key names are case-insensitive [COND]: two spellings of one key would be merged,
  // one value silently lost, so the request says which it means.
  const spelt = new Map<string, string>();
  for (const key of Object.keys(context)) {
    const lower = key.toLowerCase();
    const first = spelt.get(lower);
    if (first !== undefined) {
      out.push(
        problem(
          key,
          "duplicate-context-key",
          `context keys \`${first}\` and \`${key}\` differ only in case, and name one key`,
          "condition key names are case-insensitive: give the key once (a multivalued key takes a list of values)",
        ),
      );
      continue;
    }
    spelt.set(lower, key);
    const raw = (context as Record<string, unknown>)[key];
    const values = valuesOf(raw);
    if (!values) {
      out.push(
        problem(
          key,
          "invalid-context-value",
          `context value of \`${key}\` must be a string, number, boolean or array of strings`,
          SHAPE_HELP,
        ),
      );
      continue;
    }
    const typeName = keyType(catalog, key);
    if (!typeName) continue;
    const multi = typeName.startsWith("ArrayOf");
    if (Array.isArray(raw) && !multi) {
      out.push(
        problem(
          key,
          "context-type-mismatch",
          `\`${key}\` takes one value, not a list`,
          `give one ${typeName} value; only multivalued keys (\`ArrayOf...\`, such as \`aws:TagKeys\`) take a list`,
        ),
      );
      continue;
    }
    const type = TYPES[multi ? typeName.slice("ArrayOf".length) : typeName];
    const bad = type && values.find((v) => !fits(type, v));
    if (type && bad !== undefined) {
      out.push(
        problem(
          key,
          "context-type-mismatch",
          `context value \`${bad}\` of \`${key}\` ${type.why?.(bad) ?? `is not ${type.what}`}`,
          `\`${key}\` is of type ${typeName}: give ${type.what}, such as \`${type.example}\``,
        ),
      );
    }
  }
  return out;
}
