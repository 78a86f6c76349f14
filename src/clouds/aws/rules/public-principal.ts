import type { AwsRule } from "./rule.js";

/** A resource or trust policy that allows everyone, with no condition to narrow it. */
export const publicPrincipal: AwsRule = {
  id: "aws/public-principal",
  title: "Resource open to everyone",
  category: "resource-exposure",
  severity: "error",
  description:
    "A resource or trust policy allows Principal * with no condition, so anyone (even anonymous callers) gets access.",
  types: ["resource", "trust"],
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      const p = s.statement.principal;
      if (!s.allow || !p || !s.unconditional) continue;
      if (p.wildcard || p.aws.some((a) => a.value === "*")) {
        out.push({
          message:
            '`Principal: "*"` with no condition opens the resource to every AWS account and anonymous callers',
          help: "name the principals, or add a condition such as `aws:PrincipalOrgID` or `aws:SourceVpce`",
          location: p.loc,
        });
      }
    }
    return out;
  },
};
