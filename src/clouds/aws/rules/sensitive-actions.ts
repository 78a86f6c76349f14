import type { Category, FindingSeverity } from "../../../model/index.js";
import type { AwsRule } from "./rule.js";
import { actionSetRule } from "./support/action-set.js";

/**
 * An Allow, unconstrained by resource or condition, of actions in a sensitive
 * set. The sets follow cloudsplaining's categories and the Service
 * Authorization Reference's access levels.
 */
function sensitive(
  id: string,
  title: string,
  category: Category,
  severity: FindingSeverity,
  description: string,
  actions: readonly string[],
  help: string,
): AwsRule {
  return actionSetRule(
    { id, title, category, severity, description },
    {
      actions: [...actions].sort(),
      unconditionalOnly: true,
      message: (hits) =>
        `unrestricted ${hits
          .slice(0, 4)
          .map((h) => `\`${h}\``)
          .join(", ")}${hits.length > 4 ? ` and ${hits.length - 4} more` : ""} on every resource`,
      help,
    },
  );
}

export const dataExfiltration = sensitive(
  "aws/data-exfiltration",
  "Data readable from every resource",
  "data-exfiltration",
  "high",
  "An Allow lets the principal read data out of every bucket, secret, parameter or key, with no condition.",
  [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
    "dynamodb:Scan",
    "dynamodb:GetItem",
    "rds:CopyDBSnapshot",
    "ec2:CreateSnapshot",
    "sagemaker:GetRecord",
  ],
  "scope the Resource to the data the workload reads",
);

export const credentialsExposure = sensitive(
  "aws/credentials-exposure",
  "Credentials can be minted or read",
  "credentials-exposure",
  "high",
  "An Allow lets the principal create or read credentials (access keys, console passwords, federation tokens, database credentials).",
  [
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "sts:GetFederationToken",
    "redshift:GetClusterCredentials",
    "rds-db:connect",
    "sagemaker:CreatePresignedDomainUrl",
    "sagemaker:CreatePresignedNotebookInstanceUrl",
    "chime:CreateApiKey",
    "cognito-identity:GetCredentialsForIdentity",
  ],
  "limit the statement to the principal's own credentials (`arn:aws:iam::ACCOUNT:user/${aws:username}`) or remove it",
);

export const permissionsManagement = sensitive(
  "aws/permissions-management",
  "Permissions can be changed on every resource",
  "permissions-management",
  "high",
  "An Allow lets the principal change IAM permissions or resource policies on every resource.",
  [
    "iam:AttachRolePolicy",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:PutRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy",
    "iam:DeleteRolePermissionsBoundary",
    "iam:PutRolePermissionsBoundary",
    "s3:PutBucketPolicy",
    "kms:PutKeyPolicy",
    "kms:CreateGrant",
    "lambda:AddPermission",
    "secretsmanager:PutResourcePolicy",
    "sqs:SetQueueAttributes",
    "sns:SetTopicAttributes",
    "ecr:SetRepositoryPolicy",
    "organizations:AttachPolicy",
    "organizations:DetachPolicy",
  ],
  "grant permissions management only on the named roles and policies it must manage",
);
