import { arnParts } from "./operators/arn.js";
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
  private readonly values = new Map<string, ContextValue>();

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

/** The account that owns a resource: from its ARN, else `aws:ResourceAccount`. */
export function resourceAccountOf(resource: string, ctx: RequestContext): string | undefined {
  if (resource !== "*") {
    const account = arnParts(resource)?.[4];
    if (account && /^\d{12}$/.test(account)) return account;
  }
  const fromContext = ctx.get("aws:resourceaccount");
  return typeof fromContext === "string" ? fromContext : undefined;
}

/**
 * Builds the context: keys AWS derives from the caller (IAM User Guide,
 * "AWS global condition context keys": principal properties) first, then the
 * caller's own keys, which win, so a user can model any request.
 */
export function buildContext(
  principal: PrincipalIdentity,
  resource: string,
  given: Readonly<Record<string, ContextInput>>,
): RequestContext {
  const ctx = new RequestContext();
  const arn = principalArn(principal);
  if (arn) ctx.set("aws:PrincipalArn", arn);
  if (principal.account) ctx.set("aws:PrincipalAccount", principal.account);
  const type = principalType(principal);
  if (type) ctx.set("aws:PrincipalType", type);
  if (principal.userName && principal.kind === "user") ctx.set("aws:username", principal.userName);
  if (principal.kind === "service") {
    ctx.set("aws:PrincipalIsAWSService", "true");
    ctx.set("aws:PrincipalServiceName", principal.raw);
  } else if (principal.kind !== "anonymous") {
    ctx.set("aws:PrincipalIsAWSService", "false");
  }
  for (const [k, v] of Object.entries(given)) ctx.set(k, v);
  if (!ctx.has("aws:resourceaccount")) {
    const owner = resourceAccountOf(resource, ctx) ?? principal.account;
    if (owner) ctx.set("aws:ResourceAccount", owner);
  }
  return ctx;
}
