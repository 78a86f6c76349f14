import type { AwsRule } from "./rule.js";

/**
 * A role trusting an OIDC provider must pin the audience and the subject;
 * for GitHub Actions, an unpinned or wildcarded `sub` lets any repository's
 * workflow assume the role (GitHub, "Configuring OpenID Connect in AWS";
 * IAM User Guide, "Creating a role for OIDC").
 */
export const weakOidcTrust: AwsRule = {
  id: "aws/weak-oidc-trust",
  title: "OIDC trust without aud and an exact sub",
  category: "resource-exposure",
  severity: "error",
  description: "A role trusts a web identity provider without pinning aud and an exact sub.",
  types: ["trust"],
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      const fed = s.statement.principal?.federated ?? [];
      if (!s.allow || fed.length === 0 || !s.covers("sts:AssumeRoleWithWebIdentity")) continue;
      for (const provider of fed) {
        // SAML providers are trusted through sts:AssumeRoleWithSAML and `saml:` keys, not `aud`/`sub`
        // of a host (IAM User Guide, "Create a role for SAML 2.0 federation").
        if (/^arn:[^:]+:iam::\d{12}:saml-provider\//.test(provider.value)) continue;
        const host = provider.value.replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, "");
        const keyed = (claim: string) =>
          s.statement.conditions.filter(
            (c) => c.key.toLowerCase() === `${host}:${claim}`.toLowerCase(),
          );
        // Cognito identity pools pin the pool (`aud`) and the authentication (`amr`), not a `sub`
        // (Amazon Cognito Developer Guide, "IAM roles": role trust for identity pools).
        const cognito = host === "cognito-identity.amazonaws.com";
        const subject = cognito ? "amr" : "sub";
        // Pinned by a positive operator: `StringNotEquals` or `StringLike "*"` leaves every
        // other subject free (docs/semantics/aws.md, "What lint rules read").
        if (!s.pinsKey(`${host}:aud`))
          out.push({
            message: `trust in \`${host}\` does not pin \`${host}:aud\``,
            help: `add \`"StringEquals": {"${host}:aud": "sts.amazonaws.com"}\``,
            location: provider.loc,
          });
        if (!s.pinsKey(`${host}:${subject}`)) {
          out.push({
            message: `trust in \`${host}\` does not pin \`${host}:${subject}\`: any identity of the provider may assume the role`,
            help: "pin the subject, e.g. `repo:ORG/REPO:ref:refs/heads/main` for GitHub",
            location: provider.loc,
          });
        } else if (
          host === "token.actions.githubusercontent.com" &&
          keyed("sub").some(
            (c) => c.operator === "StringLike" && c.values.some((v) => /[*?]/.test(v.value)),
          )
        ) {
          const bad = keyed("sub")
            .filter((c) => c.operator === "StringLike")
            .flatMap((c) => c.values)
            .find((v) => /[*?]/.test(v.value))!;
          out.push({
            message: `GitHub \`sub\` \`${bad.value}\` uses a wildcard: more workflows than intended may assume the role`,
            help: "use an exact branch (`:ref:refs/heads/main`) or environment (`:environment:prod`)",
            location: bad.loc,
          });
        }
      }
    }
    return out;
  },
};
