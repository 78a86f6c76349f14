import type { ContextInput } from "../evaluate/index.js";
import type { DraftStatement } from "./statements.js";
import type { ConditionBlock } from "./types.js";

/** A concrete resource for a pattern: `*` and `?` filled with probe text. */
export function concrete(pattern: string): string {
  if (pattern === "*") return "*";
  return pattern.replace(/\*/g, "leash-probe").replace(/\?/g, "x");
}

/**
 * Look-alikes that a least-privilege policy must not reach: the same ARN in
 * another account, and with another name at its end (a sibling bucket, prefix,
 * repository, endpoint...).
 */
export function foreignTwins(arn: string): string[] {
  if (arn === "*") return [];
  const out = new Set<string>();
  const withAccount = arn.replace(/^(arn:[^:]+:[^:]*:[^:]*:)\d{12}(:)/, "$1999999999999$2");
  if (withAccount !== arn) out.add(withAccount);
  // A sibling name: `foreign-` before the last real name (a prefix, so `fraud-*` cannot match it).
  const parts = arn.split(/([/:])/);
  for (let i = parts.length - 1; i >= 0; i -= 2) {
    if (parts[i] && parts[i] !== "leash-probe") {
      const sibling = [...parts];
      sibling[i] = `foreign-${parts[i]}`;
      out.add(sibling.join(""));
      break;
    }
  }
  // The same object name under a sibling prefix: arn:aws:s3:::bucket/a/b/x -> bucket/a/b-foreign/x.
  const slash = arn.lastIndexOf("/");
  if (arn.includes(":::") && slash > arn.indexOf(":::"))
    out.add(`${arn.slice(0, slash)}-foreign${arn.slice(slash)}`);
  out.delete(arn);
  return [...out];
}

/**
 * A request context under which a statement's conditions hold: the
 * self-check asks for each need under the conditions the generator wrote.
 */
export function satisfyingContext(
  conditions: ConditionBlock | undefined,
  base: Readonly<Record<string, ContextInput>>,
): Record<string, ContextInput> {
  const ctx: Record<string, ContextInput> = { ...base };
  const resolve = (v: string) =>
    v.replace(/\$\{([^}]+)\}/g, (_, key: string) => {
      const found = Object.entries(base).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      return typeof found === "string" ? found : "leash-probe";
    });
  for (const [op, keys] of Object.entries(conditions ?? {})) {
    for (const [key, raw] of Object.entries(keys)) {
      const values = (Array.isArray(raw) ? raw : [raw]).map(resolve);
      const first = values[0] ?? "";
      if (/Not/.test(op)) continue;
      if (op === "Null") {
        if (first === "false" && !(key in ctx)) ctx[key] = "leash-probe";
        continue;
      }
      const sample = first.replace(/\*/g, "leash-probe").replace(/\?/g, "x");
      ctx[key] =
        op.startsWith("ForAllValues:") || op.startsWith("ForAnyValue:")
          ? values.map((v) => v.replace(/\*/g, "leash-probe"))
          : sample;
    }
  }
  return ctx;
}

/** The requests that prove one Allow draft: every action on a concrete form of every resource. */
export function draftRequests(d: DraftStatement): { action: string; resource: string }[] {
  return (d.actions ?? []).flatMap((action) =>
    d.resources.map((r) => ({ action, resource: concrete(r) })),
  );
}
