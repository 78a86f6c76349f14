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
  // cloudsplaining's credentials-exposure list, less the actions every workload of a kind
  // needs on `*` (`ecr:GetAuthorizationToken` to pull any image, `sts:GetSessionToken` for
  // the caller's own session) and sts role assumption (judged by trust policies).
  [
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:CreateServiceSpecificCredential",
    "iam:ResetServiceSpecificCredential",
    "sts:GetFederationToken",
    "redshift:GetClusterCredentials",
    "redshift:GetClusterCredentialsWithIAM",
    "redshift-serverless:GetCredentials",
    "rds-db:connect",
    "ec2:GetPasswordData",
    // Not in the Service Authorization Reference (the portal API authorizes by its access
    // token), but cloudsplaining lists it and policies grant it.
    "sso:GetRoleCredentials",
    "sagemaker:CreatePresignedDomainUrl",
    "sagemaker:CreatePresignedNotebookInstanceUrl",
    "chime:CreateApiKey",
    "cognito-identity:GetCredentialsForIdentity",
    "connect:GetFederationToken",
    "codeartifact:GetAuthorizationToken",
    "gamelift:RequestUploadCredentials",
    "lightsail:GetInstanceAccessDetails",
    "lightsail:GetRelationalDatabaseMasterUserPassword",
    "mediapackage:RotateChannelCredentials",
    "mediapackage:RotateIngestEndpointCredentials",
  ],
  "limit the statement to the principal's own credentials (`arn:aws:iam::ACCOUNT:user/${aws:username}`) or remove it",
);

export const permissionsManagement = sensitive(
  "aws/permissions-management",
  "Permissions can be changed on every resource",
  "permissions-management",
  "high",
  "An Allow lets the principal change IAM permissions, permission grants or organization policies on every resource.",
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
    "kms:CreateGrant",
    "organizations:AttachPolicy",
    "organizations:DetachPolicy",
  ],
  "grant permissions management only on the named roles and policies it must manage",
);

/**
 * Writers of resource policies and sharing settings: each can open a resource
 * to another account or to everyone (cloudsplaining's "Resource Exposure";
 * IAM Access Analyzer's supported resource types).
 */
export const resourceExposure = sensitive(
  "aws/resource-exposure",
  "Resource policies or sharing can be changed on every resource",
  "resource-exposure",
  "high",
  "An Allow lets the principal rewrite resource policies or share snapshots, images and resources with other accounts, on every resource.",
  [
    // Resource policies and ACLs.
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutObjectAcl",
    "s3:PutObjectVersionAcl",
    "s3:PutAccessPointPolicy",
    "s3:PutBucketPublicAccessBlock",
    "kms:PutKeyPolicy",
    "lambda:AddPermission",
    "lambda:AddLayerVersionPermission",
    "secretsmanager:PutResourcePolicy",
    "sqs:SetQueueAttributes",
    "sqs:AddPermission",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "ecr:SetRepositoryPolicy",
    "ecr-public:SetRepositoryPolicy",
    "glue:PutResourcePolicy",
    "elasticfilesystem:PutFileSystemPolicy",
    "dynamodb:PutResourcePolicy",
    "kinesis:PutResourcePolicy",
    "logs:PutResourcePolicy",
    "events:PutPermission",
    "apigateway:UpdateRestApiPolicy",
    "codeartifact:PutRepositoryPermissionsPolicy",
    "serverlessrepo:PutApplicationPolicy",
    "mediastore:PutContainerPolicy",
    "signer:AddProfilePermission",
    "bedrock:PutResourcePolicy",
    "ec2:ModifyVpcEndpointServicePermissions",
    // Vault access policies.
    "glacier:SetVaultAccessPolicy",
    "backup:PutBackupVaultAccessPolicy",
    // Sharing snapshots, images and documents with other accounts (or everyone).
    "ec2:ModifySnapshotAttribute",
    "ec2:ModifyImageAttribute",
    "ec2:ModifyFpgaImageAttribute",
    "rds:ModifyDBSnapshotAttribute",
    "rds:ModifyDBClusterSnapshotAttribute",
    "redshift:AuthorizeSnapshotAccess",
    "ssm:ModifyDocumentPermission",
    // AWS RAM shares.
    "ram:CreateResourceShare",
    "ram:AssociateResourceShare",
  ],
  "grant policy and sharing changes only on the named resources the principal manages, or pin `aws:ResourceTag/...`",
);
