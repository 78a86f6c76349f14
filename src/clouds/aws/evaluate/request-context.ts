import { isEpochText, parseDate } from "../policy/date-value.js";
import { remember } from "./memo.js";
import { type PrincipalIdentity, principalArn, principalType } from "./principal.js";

/** A context value as the batch format carries it. */
export type ContextInput = string | number | boolean | readonly string[];

/** A normalized value: strings, one or many. */
export type ContextValue = string | readonly string[];

/**
 * The request context: condition keys are case-insensitive, so they are
 * stored lower-cased; values keep their case.
 */
export class RequestContext {
  constructor(private readonly values = new Map<string, ContextValue>()) {}

  get(lowerKey: string): ContextValue | undefined {
    return this.values.get(lowerKey);
  }

  set(key: string, value: ContextInput): void {
    this.values.set(key.toLowerCase(), normalize(value));
  }

  has(lowerKey: string): boolean {
    return this.values.has(lowerKey);
  }

  entries(): IterableIterator<[string, ContextValue]> {
    return this.values.entries();
  }
}

function normalize(v: ContextInput): ContextValue {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return v.map(String);
}

/** The 12-digit account in a resource ARN, if it has one. */
export function arnAccount(resource: string): string | undefined {
  // Per request, so no split: find the fourth and fifth colons.
  let colon = -1;
  for (let i = 0; i < 4; i++) {
    colon = resource.indexOf(":", colon + 1);
    if (colon < 0) return undefined;
  }
  const end = resource.indexOf(":", colon + 1);
  if (end - colon !== 13) return undefined;
  const account = resource.slice(colon + 1, end);
  return /^\d{12}$/.test(account) ? account : undefined;
}

const lowerKeys = new Map<string, string>();

/** Condition keys repeat across a batch; lower-casing each once keeps context building cheap. */
function lowerKey(key: string): string {
  let lower = lowerKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerKeys.size > 100_000) lowerKeys.clear();
    lowerKeys.set(key, lower);
  }
  return lower;
}

const derivedByPrincipal = new WeakMap<PrincipalIdentity, [string, ContextValue][]>();

/**
 * Keys AWS derives from the caller (IAM User Guide, "AWS global condition
 * context keys": principal properties), computed once per principal.
 */
function derivedKeys(principal: PrincipalIdentity): [string, ContextValue][] {
  let derived = derivedByPrincipal.get(principal);
  if (derived) return derived;
  derived = [];
  const arn = principalArn(principal);
  if (arn) derived.push(["aws:principalarn", arn]);
  if (principal.account) derived.push(["aws:principalaccount", principal.account]);
  const type = principalType(principal);
  if (type) derived.push(["aws:principaltype", type]);
  if (principal.userName && principal.kind === "user")
    derived.push(["aws:username", principal.userName]);
  if (principal.kind === "service") {
    derived.push(
      ["aws:principalisawsservice", "true"],
      ["aws:principalservicename", principal.raw],
    );
  } else if (principal.kind !== "anonymous") {
    derived.push(["aws:principalisawsservice", "false"]);
  }
  derivedByPrincipal.set(principal, derived);
  return derived;
}

/**
 * A key AWS sets in every request and the request left out, as leash set it:
 * `aws:CurrentTime` and `aws:EpochTime` are "included in the request context
 * for all requests" (IAM User Guide, "AWS global condition context keys").
 * When the request gives one of the two, the other is the same instant;
 * when it gives neither, both are the time of the evaluation.
 */
export interface DefaultedKey {
  key: "aws:CurrentTime" | "aws:EpochTime";
  value: string;
  /** `clock`, or the key it was derived from (the key itself when `given` is set). */
  from: "clock" | "aws:CurrentTime" | "aws:EpochTime";
  /**
   * The request gave the key, in the other key's format, as this text: AWS
   * sends `aws:EpochTime` as epoch seconds and `aws:CurrentTime` as ISO 8601,
   * so leash rewrote it to `value`, the same instant (docs/semantics/aws.md,
   * "Request context").
   */
  given?: string;
}

/** The last instant formatted: batches evaluate many requests within one millisecond. */
let lastClock: { ms: number; iso: string; epoch: string } | undefined;

function formatted(ms: number): { iso: string; epoch: string } {
  if (lastClock?.ms !== ms) {
    // AWS writes aws:CurrentTime as ISO 8601 to the second, aws:EpochTime as whole seconds.
    const iso = `${new Date(ms).toISOString().slice(0, 19)}Z`;
    lastClock = { ms, iso, epoch: String(Math.floor(ms / 1000)) };
  }
  return lastClock;
}

const instants = new Map<string, number | undefined>();

function instantOf(v: ContextValue | undefined): number | undefined {
  return typeof v === "string" ? remember(instants, v, () => parseDate(v)) : undefined;
}

/**
 * Writes a time the request gave in the other key's format as AWS sends it:
 * `aws:EpochTime` as whole epoch seconds, `aws:CurrentTime` as ISO 8601 to
 * the second. Without it, `NumericLessThan aws:EpochTime` would compare ISO
 * text (never a number) and `StringLike aws:CurrentTime "2026-*"` epoch text.
 */
function normalizeTimes(values: Map<string, ContextValue>): DefaultedKey[] {
  const out: DefaultedKey[] = [];
  const epoch = values.get("aws:epochtime");
  if (typeof epoch === "string" && !isEpochText(epoch)) {
    const ms = instantOf(epoch);
    if (ms !== undefined) {
      const value = formatted(ms).epoch;
      values.set("aws:epochtime", value);
      out.push({ key: "aws:EpochTime", value, from: "aws:EpochTime", given: epoch });
    }
  }
  const current = values.get("aws:currenttime");
  if (typeof current === "string" && isEpochText(current)) {
    const ms = instantOf(current);
    if (ms !== undefined) {
      const value = formatted(ms).iso;
      values.set("aws:currenttime", value);
      out.push({ key: "aws:CurrentTime", value, from: "aws:CurrentTime", given: current });
    }
  }
  return out;
}

/** Fills in `aws:CurrentTime` and `aws:EpochTime` where the request left them out. */
function defaultTimes(values: Map<string, ContextValue>, clock: () => number): DefaultedKey[] {
  const current = values.get("aws:currenttime");
  const epoch = values.get("aws:epochtime");
  if (current !== undefined && epoch !== undefined) return [];
  const fromCurrent = instantOf(current);
  const fromEpoch = fromCurrent === undefined ? instantOf(epoch) : undefined;
  const from: DefaultedKey["from"] =
    fromCurrent !== undefined
      ? "aws:CurrentTime"
      : fromEpoch !== undefined
        ? "aws:EpochTime"
        : "clock";
  const t = formatted(fromCurrent ?? fromEpoch ?? clock());
  const out: DefaultedKey[] = [];
  if (current === undefined) {
    values.set("aws:currenttime", t.iso);
    out.push({ key: "aws:CurrentTime", value: t.iso, from });
  }
  if (epoch === undefined) {
    values.set("aws:epochtime", t.epoch);
    out.push({ key: "aws:EpochTime", value: t.epoch, from });
  }
  return out;
}

/**
 * Builds the context: derived keys first, then the caller's own keys, which
 * win, so a user can model any request; then the time of the request where
 * the caller gave none.
 */
export function buildContext(
  principal: PrincipalIdentity,
  resource: string,
  given: Readonly<Record<string, ContextInput>>,
  clock: () => number = Date.now,
): { ctx: RequestContext; defaulted: DefaultedKey[] } {
  const values = new Map<string, ContextValue>(derivedKeys(principal));
  for (const k of Object.keys(given)) values.set(lowerKey(k), normalize(given[k]!));
  const ctx = new RequestContext(values);
  // The account in the resource ARN is a fact; the caller's `aws:ResourceAccount` only fills in
  // for ARNs that carry none (S3), else the principal's account (request-checks.ts warns on a conflict).
  const fromArn = arnAccount(resource);
  if (fromArn) values.set("aws:resourceaccount", fromArn);
  else if (!values.has("aws:resourceaccount") && principal.account) {
    values.set("aws:resourceaccount", principal.account);
  }
  const normalized = normalizeTimes(values);
  const defaulted = defaultTimes(values, clock);
  return { ctx, defaulted: normalized.length > 0 ? [...normalized, ...defaulted] : defaulted };
}
