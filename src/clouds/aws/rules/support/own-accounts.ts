import type { LocatedString } from "../../policy/types.js";
import type { LintedPolicy, StatementView } from "../rule.js";

/** The account a principal value names: an account ID, or the account of an IAM or STS ARN. */
export function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** The accounts in a list of ARNs (the fifth part). */
function arnAccounts(values: readonly LocatedString[], out: Set<string>): void {
  for (const r of values) {
    const account = r.value.split(":")[4];
    if (account && /^\d{12}$/.test(account)) out.add(account);
  }
}

/**
 * AWS's default key policy statement ("Enable IAM User Permissions"): the
 * key's own account, named alone, allowed `kms:*` on the key with no
 * condition. It delegates the key to the account's IAM policies (AWS KMS
 * Developer Guide, "Default key policy"); AWS writes it for the key's own
 * account only.
 */
function defaultKeyStatementAccount(s: StatementView): string | undefined {
  const st = s.statement;
  const p = st.principal;
  if (!s.allow || !s.unconditional || !p || p.wildcard || p.aws.length !== 1) return undefined;
  if (p.service.length + p.federated.length + p.canonicalUser.length > 0) return undefined;
  if (st.action?.length !== 1 || st.action[0]!.value.toLowerCase() !== "kms:*") return undefined;
  if (st.resource?.length !== 1 || st.resource[0]!.value !== "*") return undefined;
  const value = p.aws[0]!.value;
  return /^\d{12}$/.test(value) || /^arn:[^:]+:iam::\d{12}:root$/.test(value)
    ? accountOf(value)
    : undefined;
}

/**
 * The accounts a resource or trust policy is known to belong to: those the
 * user trusts, those of its own resource ARNs, those of the identity
 * providers it trusts (a role can trust only a SAML or OIDC provider of its
 * own account: IAM User Guide, "Create a role for SAML 2.0 federation" and
 * "Create a role for OpenID Connect federation"), and the account of AWS's
 * default key policy statement. Worked out once per policy.
 */
export function ownAccounts(
  policy: LintedPolicy,
  trustedAccounts: readonly string[],
): ReadonlySet<string> {
  // Two rules ask for each resource policy, with the same context's trusted accounts.
  const known = ownAccountsMemo.get(policy);
  if (known?.trustedAccounts === trustedAccounts) return known.own;
  const own = accountsOf(policy, trustedAccounts);
  ownAccountsMemo.set(policy, { trustedAccounts, own });
  return own;
}

const ownAccountsMemo = new WeakMap<
  LintedPolicy,
  { trustedAccounts: readonly string[]; own: ReadonlySet<string> }
>();

function accountsOf(policy: LintedPolicy, trustedAccounts: readonly string[]): Set<string> {
  const own = new Set(trustedAccounts);
  const keyStatements: { account: string; sid: string | undefined }[] = [];
  for (const s of policy.statements) {
    arnAccounts(s.statement.resource ?? [], own);
    const federated = s.statement.principal?.federated ?? [];
    arnAccounts(
      federated.filter((f) => /^arn:[^:]+:iam::\d{12}:(saml|oidc)-provider\//.test(f.value)),
      own,
    );
    const account = defaultKeyStatementAccount(s);
    if (account) keyStatements.push({ account, sid: s.statement.sid });
  }
  // The same shape may grant another account the key: the statement AWS writes (its Sid)
  // decides, else the shape only when one account has it.
  const named = keyStatements.filter((k) => k.sid === "Enable IAM User Permissions");
  const accounts = new Set((named.length > 0 ? named : keyStatements).map((k) => k.account));
  if (accounts.size === 1) own.add([...accounts][0]!);
  return own;
}

/** Whether every principal of the statement is the root or the ID of one of these accounts. */
export function onlyAccountsOf(s: StatementView, accounts: ReadonlySet<string>): boolean {
  const p = s.statement.principal;
  if (!p || p.wildcard || p.aws.length === 0) return false;
  if (p.service.length + p.federated.length + p.canonicalUser.length > 0) return false;
  return p.aws.every((a) => {
    const account = /^\d{12}$/.test(a.value)
      ? a.value
      : /^arn:[^:]+:iam::(\d{12}):root$/.exec(a.value)?.[1];
    return account !== undefined && accounts.has(account);
  });
}
