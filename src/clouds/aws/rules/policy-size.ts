import type {
  ConditionClause,
  LocatedString,
  Policy,
  PrincipalSet,
  Statement,
} from "../policy/types.js";
import type { AwsRule } from "./rule.js";

/**
 * Characters a JSON string takes, quotes included, less its white space
 * (IAM does not count white space; the most lenient reading is used, so
 * that a finding is never a near miss).
 */
function stringSize(value: string): number {
  // The common case: printable ASCII with nothing to escape and no white space.
  if (PLAIN.test(value)) return value.length + 2;
  return JSON.stringify(value).length - (value.match(/\s/g)?.length ?? 0);
}

/** Printable ASCII but space, `"` and `\\`. */
const PLAIN = /^[!#-[\]-~]*$/;

/**
 * Whether a value was written inside an array: the parser keeps each value's
 * JSON pointer, which then ends in an index (element names and condition
 * keys are never all digits), so the shape the author chose is known.
 */
function inArray(v: { loc: { pointer: string } }): boolean {
  const p = v.loc.pointer;
  const c = p.charCodeAt(p.length - 1);
  if (c < 48 || c > 57) return false;
  return /\/\d+$/.test(p);
}

/** The size of a list as written: a scalar, or an array (`[a,b]`: brackets and commas). */
function listSize(values: readonly LocatedString[]): number {
  let n = values.length === 1 && !inArray(values[0]!) ? 0 : values.length + 1;
  for (const v of values) n += stringSize(v.value);
  return n;
}

/** Condition values may be JSON numbers or booleans, written without quotes: counted so. */
const UNQUOTED = /^(true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?)$/;

function conditionSize(clauses: readonly ConditionClause[]): number {
  // `{"Op":{"key":v,...},...}`: each operator once, its keys together.
  const operators = new Set<string>();
  let n = 1;
  for (const c of clauses) {
    if (!operators.has(c.rawOperator)) {
      operators.add(c.rawOperator);
      n += stringSize(c.rawOperator) + 3; // "Op":{}
    }
    let values = c.values.length === 1 && !inArray(c.values[0]!) ? 0 : c.values.length + 1;
    for (const v of c.values)
      values += UNQUOTED.test(v.value) ? v.value.length : stringSize(v.value);
    // Each key is followed by a comma but its operator's last, whose comma is the one after the operator.
    n += stringSize(c.key) + 1 + values + 1;
  }
  return n;
}

const PRINCIPAL_KINDS = ["aws", "service", "federated", "canonicalUser"] as const;
const PRINCIPAL_KEYS = { aws: 6, service: 10, federated: 12, canonicalUser: 16 }; // `"AWS":` ...

function principalSize(p: PrincipalSet): number {
  let n = 1;
  let members = 0;
  for (const kind of PRINCIPAL_KINDS) {
    const values = p[kind];
    if (values.length === 0) continue;
    members++;
    n += PRINCIPAL_KEYS[kind] + listSize(values) + 1;
  }
  if (members === 0) return p.wildcard ? 3 : 2; // "*" (or {})
  return n;
}

function statementSize(s: Statement): number {
  // `{` + members each followed by a comma, the last comma being the `}`.
  let n = 1 + 9 + stringSize(s.effect) + 1; // "Effect":
  if (s.sid !== undefined) n += 6 + stringSize(s.sid) + 1; // "Sid":
  if (s.principal) n += 12 + principalSize(s.principal) + 1; // "Principal":
  if (s.notPrincipal) n += 15 + principalSize(s.notPrincipal) + 1; // "NotPrincipal":
  if (s.action) n += 9 + listSize(s.action) + 1; // "Action":
  if (s.notAction) n += 12 + listSize(s.notAction) + 1; // "NotAction":
  if (s.resource) n += 11 + listSize(s.resource) + 1; // "Resource":
  if (s.notResource) n += 14 + listSize(s.notResource) + 1; // "NotResource":
  if (s.conditions.length > 0) n += 12 + conditionSize(s.conditions) + 1; // "Condition":
  return n;
}

/**
 * The document's size without white space, from the parsed policy: each
 * element's length as JSON, with scalars and arrays as the author wrote them.
 */
export function policySize(policy: Policy): number {
  let n = 1; // `{`, members each followed by a comma, the last being the `}`
  if (policy.version !== undefined) n += 10 + stringSize(policy.version) + 1; // "Version":
  if (policy.id !== undefined) n += 5 + stringSize(policy.id) + 1; // "Id":
  // `"Statement": {...}` (one object) or `"Statement": [...]`.
  const statements = policy.statements;
  let body = statements.length === 1 && !inArray(statements[0]!) ? 0 : statements.length + 1;
  for (const s of statements) body += statementSize(s);
  return n + 12 + body + 1; // "Statement":
}

/**
 * A quick bound that is never below `policySize`: every string counted twice
 * its length plus quotes (JSON escaping at most doubles the characters IAM
 * accepts: tab, line feed, carriage return and U+0020 to U+00FF), and
 * generous room for the JSON around values. Most documents are far under
 * their quota, and this settles them without looking at characters.
 */
export function sizeBound(policy: Policy): number {
  let n = 64;
  for (const s of policy.statements) {
    n += 300 + 2 * (s.sid?.length ?? 0);
    for (const list of [s.action, s.notAction, s.resource, s.notResource])
      if (list) for (const v of list) n += 2 * v.value.length + 3;
    for (const p of [s.principal, s.notPrincipal])
      if (p)
        for (const list of [p.aws, p.service, p.federated, p.canonicalUser])
          for (const v of list) n += 2 * v.value.length + 3;
    for (const c of s.conditions) {
      n += 2 * (c.rawOperator.length + c.key.length) + 16;
      for (const v of c.values) n += 2 * v.value.length + 3;
    }
  }
  return n;
}

/** Documents read from an account export (`aws iam get-account-authorization-details`). */
const EXPORT = /^\/(Policies|RoleDetailList|UserDetailList|GroupDetailList)\//;

/** A managed policy, as its name tells: an account export's label, or a Terraform `aws_iam_policy`. */
const MANAGED = /\bmanaged\b|(^|\.)aws_iam_policy\.[^.\s]/i;

/** `12345` → `12,345` (without `Intl`, whose first use is slow). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";

/** The quota for a document, and what it is; undefined when the type has none checked here. */
function quotaOf(policy: Policy, file: string): { limit: number; what: string } | undefined {
  switch (policy.type) {
    case "identity":
      return MANAGED.test(policy.name) || MANAGED.test(file)
        ? { limit: 6_144, what: "a managed policy" }
        : { limit: 10_240, what: "an identity policy (a role's inline policies)" };
    case "boundary":
      return { limit: 6_144, what: "a managed policy (permissions boundary)" };
    case "scp":
      return { limit: 5_120, what: "a service control policy" };
    case "rcp":
      return { limit: 5_120, what: "a resource control policy" };
    case "trust":
      return { limit: 2_048, what: "a role trust policy (default quota)" };
    case "resource": {
      // S3 bucket policies: every Resource is an S3 bucket or object ARN.
      const arns = policy.statements.flatMap((s) => [
        ...(s.resource ?? []),
        ...(s.notResource ?? []),
      ]);
      const s3 = arns.length > 0 && arns.every((r) => /^arn:[^:]*:s3:::/i.test(r.value));
      return s3 ? { limit: 20_480, what: "an S3 bucket policy (20 KB)" } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Statements that rules analyse in one document. No AWS policy holds more
 * than about 800 (the largest quota, a KMS key policy's 32 KB, over the
 * 40-odd characters of the shortest statement), so a document past this is
 * generated or broken: the rest of its statements are read, counted and
 * sized, not analysed, and this rule says so. It keeps the work and the
 * findings of a 50 MB document bounded; 16,000 statements are still all
 * analysed.
 */
export const MAX_ANALYSED_STATEMENTS = 20_000;

/** The statements of a document that rules analyse (see `MAX_ANALYSED_STATEMENTS`). */
export function analysedStatements<T>(statements: readonly T[]): readonly T[] {
  return statements.length > MAX_ANALYSED_STATEMENTS
    ? statements.slice(0, MAX_ANALYSED_STATEMENTS)
    : statements;
}

/**
 * A document larger than AWS accepts for its kind: creating or updating it
 * fails. Sizes are counted without white space, as IAM counts them.
 */
export const policySizeRule: AwsRule = {
  id: "aws/policy-size",
  title: "Policy over the size quota",
  category: "invalid",
  severity: "error",
  description:
    "The policy document is larger than AWS accepts for its kind, counted without white space.",
  checkPolicy({ policy }) {
    const p = policy.policy;
    const out = [];
    const total = p.statements.length;
    if (total > MAX_ANALYSED_STATEMENTS)
      out.push({
        message: `the policy has ${thousands(total)} statements, far more than any AWS policy holds: rules analysed the first ${thousands(MAX_ANALYSED_STATEMENTS)} only`,
        help: "split it into policies within the AWS quotas; the statements after those were not checked",
        location: p.loc,
      });
    // An account export shows what AWS has already accepted (and AWS managed policies are exempt).
    if (EXPORT.test(p.loc.pointer)) return out;
    const quota = quotaOf(p, policy.file);
    if (!quota) return out;
    if (sizeBound(p) <= quota.limit) return out;
    const size = policySize(p);
    if (size <= quota.limit) return out;
    out.push({
      message: `the policy has ${thousands(size)} characters without white space, over the ${thousands(quota.limit)} AWS accepts for ${quota.what}`,
      help: `split it into several policies, or shorten it (merge statements, group actions with wildcards); see ${p.type === "scp" || p.type === "rcp" ? "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html" : p.type === "resource" ? "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html" : IAM_QUOTAS}`,
      location: p.loc,
    });
    return out;
  },
};
