import type { Workload } from "../../../spec/index.js";
import type { GenerationContext } from "./context.js";
import { KINDS } from "./knowledge/kinds.js";
import { fill } from "./resource-facts.js";
import type { PolicyDocumentJson } from "./types.js";

const GITHUB = "token.actions.githubusercontent.com";

/**
 * Who may assume a workload's role:
 * - an AWS service, only on behalf of this account's resources (IAM User
 *   Guide, "The confused deputy problem": `aws:SourceAccount`, `aws:SourceArn`);
 * - a GitHub Actions workflow of one repository on one branch or environment
 *   (GitHub, "Configuring OpenID Connect in AWS": `aud` and an exact `sub`);
 * - a Kubernetes service account through the EKS cluster's OIDC provider
 *   (Amazon EKS, "IAM roles for service accounts").
 */
export function trustPolicy(ctx: GenerationContext, w: Workload): PolicyDocumentJson {
  const { partition: p, account: a, region: r } = ctx.target;
  const identity = w.identity;
  if (identity && "github" in identity) {
    const g = identity.github;
    const sub =
      g.environment !== undefined
        ? `repo:${g.repo}:environment:${g.environment}`
        : `repo:${g.repo}:ref:refs/heads/${g.branch}`;
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "GitHubActionsOidc",
          Effect: "Allow",
          Principal: { Federated: `arn:${p}:iam::${a}:oidc-provider/${GITHUB}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com", [`${GITHUB}:sub`]: sub },
          },
        },
      ],
    };
  }
  if (identity && "eks" in identity) {
    const e = identity.eks;
    return {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EksServiceAccount",
          Effect: "Allow",
          Principal: { Federated: `arn:${p}:iam::${a}:oidc-provider/${e.oidcProvider}` },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${e.oidcProvider}:aud`]: "sts.amazonaws.com",
              [`${e.oidcProvider}:sub`]: `system:serviceaccount:${e.namespace}:${e.serviceAccount}`,
            },
          },
        },
      ],
    };
  }
  const kind = KINDS[w.kind];
  const service = identity && "service" in identity ? identity.service : kind.service!;
  const sourceArn =
    kind.sourceArn && service === kind.service
      ? fill(kind.sourceArn, { partition: p, region: r, account: a })
      : undefined;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ServiceAssumesForThisAccount",
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": a },
          ...(sourceArn ? { ArnLike: { "aws:SourceArn": sourceArn } } : {}),
        },
      },
    ],
  };
}
