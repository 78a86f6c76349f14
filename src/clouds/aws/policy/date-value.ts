/**
 * Date values of conditions and request contexts (IAM User Guide, "Condition
 * operators": Date condition operators take ISO 8601 dates and times or
 * epoch seconds). One reader for the policy checks and the engine, so that
 * what lint calls a date is what the engine compares.
 */

const EPOCH = /^-?\d+(\.\d+)?$/;
const ISO = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instants a date can name: the years 0000 to 9999 that ISO 8601 writes
 * with four digits, as AWS writes `aws:CurrentTime`. Epoch seconds beyond
 * them name no date AWS sends, and JavaScript's Date cannot hold the far end
 * (`8640000000001` seconds and more).
 */
export const DATE_RANGE = {
  /** 0000-01-01T00:00:00Z */
  min: -62_167_219_200_000,
  /** 9999-12-31T23:59:59.999Z */
  max: 253_402_300_799_999,
} as const;

/** DATE_RANGE for messages. */
export const DATE_RANGE_TEXT = "the years 0000 to 9999";

/** Whether text is shaped like epoch seconds (`1767225600`, `-5`, `1.5`). */
export function isEpochText(v: string): boolean {
  return EPOCH.test(v.trim());
}

/** Whether text is shaped like a date: ISO 8601 or epoch seconds, whatever the calendar says. */
export function isDateShaped(v: string): boolean {
  const s = v.trim();
  return EPOCH.test(s) || ISO.test(s);
}

/** Whether text is epoch seconds outside the years 0000 to 9999 (see DATE_RANGE). */
export function isEpochOutOfRange(v: string): boolean {
  const s = v.trim();
  if (!EPOCH.test(s)) return false;
  const ms = Number(s) * 1000;
  return !(ms >= DATE_RANGE.min && ms <= DATE_RANGE.max);
}

/**
 * Whether text is a date outside the years 0000 to 9999 (see DATE_RANGE): epoch
 * seconds beyond them, or an ISO 8601 time whose zone offset moves it past them
 * in UTC (`9999-12-31T23:59:59-01:00`).
 */
export function isOutOfDateRange(v: string): boolean {
  const s = v.trim();
  if (EPOCH.test(s)) return isEpochOutOfRange(s);
  const t = isoInstant(s);
  return t !== undefined && !(t >= DATE_RANGE.min && t <= DATE_RANGE.max);
}

/** The instant of ISO 8601 text as Date.parse reads it, range aside; undefined if none. */
function isoInstant(s: string): number | undefined {
  if (!ISO.test(s)) return undefined;
  // A date or time without a zone is read as UTC, as AWS does.
  const withZone = /[Zz]|[+-]\d{2}:?\d{2}$/.test(s.slice(10)) || s.length === 10 ? s : `${s}Z`;
  const t = Date.parse(withZone.length === 10 ? `${withZone}T00:00:00Z` : withZone);
  return Number.isNaN(t) ? undefined : t;
}

/** The instant a date names, in milliseconds; undefined for text that names none. */
export function parseDate(v: string): number | undefined {
  const s = v.trim();
  if (EPOCH.test(s)) return isEpochOutOfRange(s) ? undefined : Number(s) * 1000;
  const t = isoInstant(s);
  if (t === undefined || t < DATE_RANGE.min || t > DATE_RANGE.max) return undefined;
  // Date.parse rolls 2024-02-30 over to March; AWS would not read it as a date.
  const [y, m, d] = s.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? t : undefined;
}
