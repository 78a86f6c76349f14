/**
 * Full admin, and the findings it makes redundant. A statement that allows
 * everything raises every risk rule at once (each escalation path, data
 * exfiltration, credentials, star-action, ...): 59 findings for one problem.
 * `aws/full-admin` reports the problem once; `foldIntoFullAdmin` drops the
 * findings that the same statement raises only because it grants everything.
 */
import { CATEGORIES, type Category, type Finding } from "../../../../model/index.js";
import type { StatementView } from "../rule.js";
import { serviceOnly } from "./escalation-grants.js";

/** The id of the rule whose findings others fold into (rules/full-admin.ts). */
export const FULL_ADMIN_RULE = "aws/full-admin";

/**
 * With these, a principal grants itself any permission (an inline or
 * attached admin policy on itself, whatever kind of principal it is, or a
 * new version of a policy it has): a NotAction that leaves them all in
 * withholds nothing for good.
 */
const SELF_GRANT = [
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:CreatePolicyVersion",
];

/**
 * `*`, or an ARN pattern with nothing but stars after the partition
 * (`arn:aws:*:*:*:*`, `arn:*`): every resource.
 */
function everyResource(value: string): boolean {
  if (value === "*") return true;
  const parts = value.split(":");
  if (parts[0] !== "arn" || parts.length < 2) return false;
  const rest = parts.slice(2);
  return rest.length > 0 ? rest.every((p) => /^\*+$/.test(p)) : /^\*+$/.test(parts[1]!);
}

/** `*` or `*:*` (any run of stars): every action of every service. */
const EVERY_ACTION = /^\*+(:\*+)?$/;

/**
 * How the statement grants full admin: `"all"` for every action on every
 * resource, `"not-action"` for every action but a NotAction list that
 * leaves it the IAM actions to grant itself the rest; undefined when it
 * does not. Resource must be `*` or an ARN pattern of stars (NotResource is
 * left to the other rules), and a statement only AWS services can use on
 * the principal's behalf (`aws:ViaAWSService`, `aws:CalledVia`) is not the
 * principal's. Other conditions (MFA, source IP, region) limit when, not
 * what.
 */
export function fullAdminKind(s: StatementView): "all" | "not-action" | undefined {
  // Not memoized: most statements fail the first test, which is cheaper than a cache look-up.
  const st = s.statement;
  if (!s.allow || st.notResource || !st.resource?.some((r) => everyResource(r.value))) return;
  let kind: "all" | "not-action" | undefined;
  if (st.action?.some((a) => EVERY_ACTION.test(a.value))) kind = "all";
  else if (st.notAction && !st.action && SELF_GRANT.every((a) => s.covers(a))) kind = "not-action";
  if (kind && serviceOnly(s)) return;
  return kind;
}

/**
 * Categories whose findings a full-admin statement raises only because it
 * grants everything: each is implied by full admin. Not folded: `invalid`
 * (the statement is wrong in its own way) and `suggestion` (redundancy and
 * style, which a fix of the grant does not settle).
 */
const FOLDED: ReadonlySet<Category> = new Set(
  CATEGORIES.filter((c) => c !== "invalid" && c !== "suggestion"),
);

/**
 * Drops the findings of the folded categories located at a statement that
 * `aws/full-admin` reports, or inside it (star-action points at the Action
 * value): the full-admin finding stands for them. Per-principal findings
 * (an escalation path, ML jobs) located there are folded too: the statement
 * alone grants them. Without a full-admin finding (the rule disabled, or
 * no such statement) nothing changes.
 */
export function foldIntoFullAdmin(findings: Finding[]): Finding[] {
  // Statement pointers by file: a finding's pointer is walked up against a set, so folding stays
  // linear in the findings however many full-admin statements a file has.
  const admin = new Map<string, Set<string>>();
  for (const f of findings)
    if (f.ruleId === FULL_ADMIN_RULE) {
      const set = admin.get(f.location.file);
      if (set) set.add(f.location.pointer);
      else admin.set(f.location.file, new Set([f.location.pointer]));
    }
  if (admin.size === 0) return findings;
  return findings.filter((f) => {
    if (f.ruleId === FULL_ADMIN_RULE || !FOLDED.has(f.category)) return true;
    const statements = admin.get(f.location.file);
    if (!statements) return true;
    for (let p = f.location.pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
      if (statements.has(p)) return false;
      if (p === "") return true;
    }
  });
}
