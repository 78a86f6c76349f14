import type { AwsRule } from "./rule.js";

/**
 * Services that assume roles for resources of any account should be pinned
 * to this account's resources (IAM User Guide, "The confused deputy
 * problem"). EC2, Lambda, ECS tasks and EKS pods assume roles from the
 * caller's own account and do not send these keys.
 */
const NO_SOURCE_KEYS = new Set([
  "ec2.amazonaws.com",
  "lambda.amazonaws.com",
  "ecs-tasks.amazonaws.com",
  "pods.eks.amazonaws.com",
  "edgelambda.amazonaws.com",
]);

export const serviceTrustWithoutSource: AwsRule = {
  id: "aws/service-trust-without-source",
  title: "Service trust without aws:SourceAccount or aws:SourceArn",
  category: "resource-exposure",
  severity: "medium",
  description:
    "A role trusts an AWS service without aws:SourceAccount or aws:SourceArn, so another account's resource could make the service assume it.",
  types: ["trust"],
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      if (!s.allow) continue;
      for (const svc of s.statement.principal?.service ?? []) {
        if (NO_SOURCE_KEYS.has(svc.value.toLowerCase())) continue;
        if (
          ["aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths"].some(
            (k) => s.pinsKey(k),
          )
        )
          continue;
        out.push({
          message: `\`${svc.value}\` may assume the role on behalf of any account's resources`,
          help: 'add `"Condition": {"StringEquals": {"aws:SourceAccount": "<your account>"}}` (and `aws:SourceArn` where the service sends it)',
          location: svc.loc,
        });
      }
    }
    return out;
  },
};
