import { isUnknownAccount } from "../inputs/common.js";
import type { AwsRule } from "./rule.js";

/** The account a principal value names: an account ID, or the account of an IAM or STS ARN. */
function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The accounts in a list of resource ARNs (the fifth part). */
function resourceAccounts(resources: readonly { value: string }[]): string[] {
  const out: string[] = [];
  for (const r of resources) {
    const account = r.value.split(":")[4];
    if (account && /^\d{12}$/.test(account)) out.push(account);
  }
  return out;
}

/** Conditions that keep a grant inside named accounts or an organization. */
const ZONE_KEYS = ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount"];

/**
 * Another account's principals in a resource or trust policy: external
 * access, as IAM Access Analyzer reports it, outside the accounts the
 * policy trusts (its own, and `trustedAccounts` of the lint config).
 */
export const crossAccountPrincipal: AwsRule = {
  id: "aws/cross-account-principal",
  title: "Access for another account",
  category: "resource-exposure",
  severity: "medium",
  description:
    "A resource or trust policy allows principals of an account outside the accounts it trusts, with no organization condition.",
  types: ["resource", "trust"],
  checkPolicy({ policy, trustedAccounts }) {
    const out = [];
    const own = new Set(trustedAccounts);
    for (const s of policy.statements)
      for (const a of resourceAccounts(s.statement.resource ?? [])) own.add(a);
    for (const s of policy.statements) {
      const aws = s.statement.principal?.aws ?? [];
      if (!s.allow || aws.length === 0 || ZONE_KEYS.some((k) => s.pinsKey(k))) continue;
      const reported = new Set<string>();
      for (const p of aws) {
        const account = accountOf(p.value);
        // An account only known at deployment (`${AWS::AccountId}`, a parameter) is not judged.
        if (!account || isUnknownAccount(account) || own.has(account) || reported.has(account))
          continue;
        reported.add(account);
        out.push({
          message:
            own.size > 0
              ? `account \`${account}\` is outside the accounts this policy trusts (${[...own].map((x) => `\`${x}\``).join(", ")})`
              : `grants account \`${account}\` access: cross-account unless it is this policy's own account`,
          help: "list intended accounts under `trustedAccounts` in leash.config.yaml, pin `aws:PrincipalOrgID`, or remove the principal",
          location: p.loc,
        });
      }
    }
    return out;
  },
};
