import type { ConditionOperatorName } from "../../policy/condition-operators.js";
import { negate } from "./operator.js";
import { ordered } from "./ordered.js";

// IAM User Guide, "Condition operators": Date condition operators. Values are
// ISO 8601 dates or times, or epoch (UNIX) seconds; compared as instants.

const EPOCH = /^-?\d+(\.\d+)?$/;
const ISO = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

export function parseDate(v: string): number | undefined {
  const s = v.trim();
  if (EPOCH.test(s)) return Number(s) * 1000;
  if (!ISO.test(s)) return undefined;
  // A date or time without a zone is read as UTC, as AWS does.
  const withZone = /[Zz]|[+-]\d{2}:?\d{2}$/.test(s.slice(10)) || s.length === 10 ? s : `${s}Z`;
  const t = Date.parse(withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone);
  if (Number.isNaN(t)) return undefined;
  // Date.parse rolls 2024-02-30 over to March; AWS would not read it as a date.
  const [y, m, d] = s.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? t : undefined;
}

const date = (name: ConditionOperatorName, test: (context: number, policy: number) => boolean) =>
  ordered(name, parseDate, test);

export const DateEquals = date("DateEquals", (c, p) => c === p);
export const DateNotEquals = negate(DateEquals, "DateNotEquals");
export const DateLessThan = date("DateLessThan", (c, p) => c < p);
export const DateLessThanEquals = date("DateLessThanEquals", (c, p) => c <= p);
export const DateGreaterThan = date("DateGreaterThan", (c, p) => c > p);
export const DateGreaterThanEquals = date("DateGreaterThanEquals", (c, p) => c >= p);
