import { isUnknownAccount } from "../inputs/common.js";
import type { AwsRule } from "./rule.js";
import { accountOf, ownAccounts } from "./support/own-accounts.js";

/** Conditions that keep a grant inside named accounts or an organization. */
const ZONE_KEYS = ["aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount"];

/**
 * Another account's principals in a resource or trust policy: external
 * access, as IAM Access Analyzer reports it, outside the accounts the
 * policy trusts: `trustedAccounts` of the lint config, and those known to be
 * its own (support/own-accounts.ts: its resource ARNs' accounts, the
 * identity providers it trusts, AWS's default key policy statement).
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
    const own = ownAccounts(policy, trustedAccounts);
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
