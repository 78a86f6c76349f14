import type { FindingSeverity } from "../../model/index.js";

/**
 * leash.config.yaml: how a repository runs `leash lint` (distinct from the
 * leash.yaml spec). Severity overrides or `off` per rule, paths to ignore, a
 * baseline of accepted findings, the severity that fails the run, and the
 * accounts it trusts.
 */
export interface LintConfig {
  failOn: FindingSeverity;
  rules: Record<string, FindingSeverity | "off">;
  ignore: string[];
  baseline: string | undefined;
  /** Accounts whose principals are not cross-account (`aws/cross-account-principal`). */
  trustedAccounts: string[];
  /**
   * `off` drops every finding inside an AWS managed policy of an account
   * export (as cloudsplaining's exclusions do): the account cannot change
   * them. Principals are still judged with what they grant.
   */
  awsManagedPolicies: "on" | "off";
}

export const DEFAULT_CONFIG: LintConfig = {
  failOn: "high",
  rules: {},
  ignore: [],
  baseline: undefined,
  trustedAccounts: [],
  awsManagedPolicies: "on",
};

/** `**` any folders, `*` any name part, `?` one character; matched against forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
