import type { KnowledgeRow } from "./types.js";

/**
 * The knowledge base: for each verb on each resource type, the exact
 * actions, resource ARNs and condition keys, from the Service Authorization
 * Reference and each service's IAM guide. Reviewed like code; every row is
 * checked against the catalog and exercised by simulating generated roles.
 * `{region}` and the resource's facts (resource-facts.ts) are placeholders.
 */
export const KNOWLEDGE: readonly KnowledgeRow[] = [
  {
    verb: "read",
    type: "s3-prefix",
    source:
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html (restrict to a prefix with s3:prefix)",
    grants: [
      { part: "Objects", actions: ["s3:GetObject"], resources: ["{objects}"] },
      {
        part: "Prefix",
        actions: ["s3:ListBucket"],
        resources: ["{bucket}"],
        conditions: { StringLike: { "s3:prefix": ["{prefixPattern}"] } },
      },
    ],
  },
  {
    verb: "list",
    type: "s3-prefix",
    source:
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#condition-key-bucket-ops-2",
    grants: [
      {
        part: "Prefix",
        actions: ["s3:ListBucket"],
        resources: ["{bucket}"],
        conditions: { StringLike: { "s3:prefix": ["{prefixPattern}"] } },
      },
    ],
  },
  {
    verb: "write",
    type: "s3-prefix",
    source:
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html#mpuAndPermissions (PutObject covers multipart parts; abort is its own action)",
    grants: [
      {
        part: "Objects",
        actions: ["s3:PutObject", "s3:AbortMultipartUpload"],
        resources: ["{objects}"],
      },
    ],
  },
  {
    verb: "pull",
    type: "ecr-repository",
    source:
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-pull.html (required IAM permissions); GetAuthorizationToken only accepts Resource *",
    grants: [
      {
        part: "Image",
        actions: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ],
        resources: ["{repository}"],
      },
      { part: "Token", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
    ],
  },
  {
    verb: "push",
    type: "ecr-repository",
    source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html",
    grants: [
      {
        part: "Image",
        actions: [
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:CompleteLayerUpload",
          "ecr:InitiateLayerUpload",
          "ecr:PutImage",
          "ecr:UploadLayerPart",
        ],
        resources: ["{repository}"],
      },
      { part: "Token", actions: ["ecr:GetAuthorizationToken"], resources: ["*"] },
    ],
  },
  {
    verb: "log",
    type: "log-group",
    source:
      "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createtrainingjob-perms (CloudWatch Logs); https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html",
    grants: [
      {
        part: "Group",
        actions: ["logs:CreateLogGroup", "logs:DescribeLogStreams"],
        resources: ["{logGroup}"],
      },
      {
        part: "Streams",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: ["{logStreams}"],
      },
    ],
  },
  {
    verb: "decrypt",
    type: "kms-key",
    source:
      "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service",
    grants: [
      {
        part: "ViaServices",
        actions: ["kms:Decrypt"],
        resources: ["{key}"],
        conditions: {
          StringEquals: {
            "kms:ViaService": ["s3.{region}.amazonaws.com", "sagemaker.{region}.amazonaws.com"],
          },
        },
      },
    ],
  },
  {
    verb: "encrypt",
    type: "kms-key",
    source:
      "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service",
    grants: [
      {
        part: "ViaServices",
        // S3 multipart uploads with SSE-KMS decrypt the data key too (S3 User Guide, "mpuAndPermissions").
        actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
        resources: ["{key}"],
        conditions: {
          StringEquals: {
            "kms:ViaService": ["s3.{region}.amazonaws.com", "sagemaker.{region}.amazonaws.com"],
          },
        },
      },
    ],
  },
  {
    verb: "invoke",
    type: "sagemaker-endpoint",
    source:
      "https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html (InvokeEndpoint)",
    grants: [
      {
        part: "Endpoint",
        actions: ["sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"],
        resources: ["{endpoint}"],
      },
    ],
  },
  {
    verb: "invoke",
    type: "bedrock-model",
    source:
      "https://docs.aws.amazon.com/bedrock/latest/userguide/security_iam_id-based-policy-examples.html",
    grants: [
      {
        part: "Model",
        actions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        resources: ["{model}"],
      },
    ],
  },
  {
    verb: "invoke",
    type: "lambda-function",
    source:
      "https://docs.aws.amazon.com/lambda/latest/dg/permissions-user-function.html (versions and aliases are `function:NAME:*`)",
    grants: [
      {
        part: "Function",
        actions: ["lambda:InvokeFunction"],
        resources: ["{function}", "{function}:*"],
      },
    ],
  },
  {
    verb: "deploy",
    type: "sagemaker-endpoint",
    source:
      "https://docs.aws.amazon.com/sagemaker/latest/dg/api-permissions-reference.html (CreateModel, CreateEndpointConfig, CreateEndpoint, UpdateEndpoint)",
    grants: [
      {
        part: "Model",
        actions: ["sagemaker:CreateModel", "sagemaker:DeleteModel", "sagemaker:DescribeModel"],
        resources: ["{model}"],
      },
      {
        part: "Config",
        actions: [
          "sagemaker:CreateEndpointConfig",
          "sagemaker:DeleteEndpointConfig",
          "sagemaker:DescribeEndpointConfig",
        ],
        resources: ["{endpointConfig}"],
      },
      // CreateEndpoint and UpdateEndpoint are authorized on both the endpoint and its config.
      {
        part: "Endpoint",
        actions: ["sagemaker:CreateEndpoint", "sagemaker:UpdateEndpoint"],
        resources: ["{endpoint}", "{endpointConfig}"],
      },
      { part: "Status", actions: ["sagemaker:DescribeEndpoint"], resources: ["{endpoint}"] },
    ],
  },
  {
    verb: "register",
    type: "sagemaker-model-package-group",
    source: "https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-version.html",
    grants: [
      { part: "Versions", actions: ["sagemaker:CreateModelPackage"], resources: ["{packages}"] },
      { part: "Group", actions: ["sagemaker:DescribeModelPackageGroup"], resources: ["{group}"] },
    ],
  },
  {
    verb: "read",
    type: "sagemaker-model-package-group",
    source: "https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-details.html",
    grants: [
      { part: "Versions", actions: ["sagemaker:DescribeModelPackage"], resources: ["{packages}"] },
      { part: "Group", actions: ["sagemaker:DescribeModelPackageGroup"], resources: ["{group}"] },
    ],
  },
  {
    verb: "read",
    type: "sagemaker-feature-group",
    source: "https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-adding-policies.html",
    grants: [
      {
        part: "Records",
        actions: ["sagemaker:BatchGetRecord", "sagemaker:GetRecord"],
        resources: ["{featureGroup}"],
      },
    ],
  },
  {
    verb: "write",
    type: "sagemaker-feature-group",
    source: "https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-adding-policies.html",
    grants: [{ part: "Records", actions: ["sagemaker:PutRecord"], resources: ["{featureGroup}"] }],
  },
  {
    verb: "read",
    type: "secret",
    source:
      "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html (the ARN ends in six random characters)",
    grants: [
      { part: "Value", actions: ["secretsmanager:GetSecretValue"], resources: ["{secret}"] },
    ],
  },
  {
    verb: "start",
    type: "sagemaker-training-job",
    source:
      "https://docs.aws.amazon.com/sagemaker/latest/dg/security_iam_id-based-policy-examples.html (condition keys for CreateTrainingJob); iam:PassRole: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
    grants: [
      { part: "Create", actions: ["sagemaker:CreateTrainingJob"], resources: ["{job}"] },
      {
        part: "Watch",
        actions: ["sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"],
        resources: ["{job}"],
      },
    ],
  },
  {
    verb: "start",
    type: "sagemaker-processing-job",
    source:
      "https://docs.aws.amazon.com/sagemaker/latest/dg/security_iam_id-based-policy-examples.html",
    grants: [
      { part: "Create", actions: ["sagemaker:CreateProcessingJob"], resources: ["{job}"] },
      {
        part: "Watch",
        actions: ["sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob"],
        resources: ["{job}"],
      },
    ],
  },
];

/** The row for a verb on a type. */
export function knowledgeFor(verb: string, type: string): KnowledgeRow | undefined {
  return KNOWLEDGE.find((k) => k.verb === verb && k.type === type);
}
