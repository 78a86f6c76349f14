import { lintRows, policy } from "./lint-rows.js";

const UI = "aws/unrestricted-inference";
const SA = "aws/sagemaker-admin";
const UJ = "aws/unconstrained-ml-jobs";
const PN = "aws/presigned-notebook-url";
const ROLE = "arn:aws:iam::123456789012:role/train";
const passToSageMaker = {
  Effect: "Allow",
  Action: "iam:PassRole",
  Resource: ROLE,
  Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
};

lintRows(
  [UI, SA, UJ, PN],
  [
    {
      given: "invoking every endpoint and every model",
      policy: policy({
        Effect: "Allow",
        Action: ["sagemaker:InvokeEndpoint", "bedrock:Invoke*"],
        Resource: "*",
      }),
      findings: [
        [
          UI,
          4,
          5,
          "`sagemaker:InvokeEndpoint`, `bedrock:InvokeModel`, `bedrock:InvokeModelWithResponseStream` on every endpoint or model",
        ],
      ],
    },
    {
      // Issue 9: a pattern that matches everything of its type is `*`.
      given: "invoking every endpoint through `arn:aws:sagemaker:*:*:endpoint/*`",
      policy: policy({
        Effect: "Allow",
        Action: "sagemaker:InvokeEndpoint",
        Resource: "arn:aws:sagemaker:*:*:endpoint/*",
      }),
      findings: [[UI, 4, 5, "`sagemaker:InvokeEndpoint` on every endpoint or model"]],
    },
    {
      given: "invoking the endpoints of one name prefix",
      policy: policy({
        Effect: "Allow",
        Action: "sagemaker:InvokeEndpoint",
        Resource: "arn:aws:sagemaker:*:*:endpoint/fraud-*",
      }),
      findings: [],
    },
    {
      given: "invoking one foundation model",
      policy: policy({
        Effect: "Allow",
        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        Resource:
          "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
      }),
      findings: [],
    },
    {
      given: "`sagemaker:*` on the account's SageMaker resources",
      policy: policy({
        Effect: "Allow",
        Action: "sagemaker:*",
        Resource: "arn:aws:sagemaker:us-east-1:123456789012:*",
      }),
      findings: [[SA, 4, 5, "every SageMaker action"]],
    },
    {
      given: "`sagemaker:*` on every resource",
      policy: policy({ Effect: "Allow", Action: "sagemaker:*", Resource: "*" }),
      findings: [
        [PN, 4, 5, "`sagemaker:CreatePresignedNotebookInstanceUrl`"],
        [SA, 4, 5],
        [UI, 4, 5, "`sagemaker:InvokeEndpoint`"],
      ],
    },
    {
      given: "a NotAction that leaves all of SageMaker and `iam:PassRole` (Resource is not judged)",
      policy: policy({
        Effect: "Allow",
        NotAction: "s3:*",
        Resource: "arn:aws:sagemaker:us-east-1:123456789012:*",
      }),
      findings: [
        [SA, 4, 5],
        [UJ, 4, 5, "`sagemaker:CreateTrainingJob`"],
        [UJ, 4, 5, "`sagemaker:CreateProcessingJob`"],
      ],
    },
    {
      given: "`sagemaker:Create*` only (not every action)",
      policy: policy({
        Effect: "Allow",
        Action: "sagemaker:Create*",
        Resource: "arn:aws:sagemaker:us-east-1:123456789012:*",
      }),
      findings: [],
    },
    {
      given: "a Deny of `sagemaker:*`",
      policy: policy({ Effect: "Deny", Action: "sagemaker:*", Resource: "*" }),
      findings: [],
    },
    {
      given: "PassRole and a training job with no isolation condition",
      policy: policy(passToSageMaker, {
        Effect: "Allow",
        Action: "sagemaker:CreateTrainingJob",
        Resource: "*",
      }),
      findings: [[UJ, 14, 5, "can pass a role to `sagemaker:CreateTrainingJob` with no network"]],
    },
    {
      given:
        "PassRole in one policy, training and processing jobs in another of the same principal",
      docs: [
        { principal: "role/ml-ci", policy: policy(passToSageMaker) },
        {
          principal: "role/ml-ci",
          policy: policy({
            Effect: "Allow",
            Action: ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"],
            Resource: "*",
          }),
        },
      ],
      findings: [
        [UJ, 4, 5, "`role/ml-ci` can pass a role to `sagemaker:CreateTrainingJob`", "policy1.json"],
        [UJ, 4, 5, "`sagemaker:CreateProcessingJob`", "policy1.json"],
      ],
    },
    {
      given: "training jobs that must be network-isolated",
      policy: policy(passToSageMaker, {
        Effect: "Allow",
        Action: "sagemaker:CreateTrainingJob",
        Resource: "*",
        Condition: { Bool: { "sagemaker:NetworkIsolation": "true" } },
      }),
      findings: [],
    },
    {
      given: "training jobs that must run in given subnets with a volume key",
      policy: policy(passToSageMaker, {
        Effect: "Allow",
        Action: "sagemaker:CreateTrainingJob",
        Resource: "*",
        Condition: {
          "ForAllValues:StringEquals": { "sagemaker:VpcSubnets": ["subnet-0a1b2c3d"] },
          ArnEquals: {
            "sagemaker:VolumeKmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/abcd",
          },
        },
      }),
      findings: [],
    },
    {
      given: "training jobs in any subnet but one (`StringNotEquals` pins nothing)",
      policy: policy(passToSageMaker, {
        Effect: "Allow",
        Action: "sagemaker:CreateTrainingJob",
        Resource: "*",
        Condition: { "ForAnyValue:StringNotEquals": { "sagemaker:VpcSubnets": "subnet-0a1b2c3d" } },
      }),
      findings: [[UJ, 14, 5]],
    },
    {
      given: "a training job without any PassRole",
      policy: policy({ Effect: "Allow", Action: "sagemaker:CreateTrainingJob", Resource: "*" }),
      findings: [],
    },
    {
      given: 'training jobs conditioned on `"sagemaker:NetworkIsolation": "false"`',
      policy: policy(passToSageMaker, {
        Effect: "Allow",
        Action: "sagemaker:CreateTrainingJob",
        Resource: "*",
        Condition: { Bool: { "sagemaker:NetworkIsolation": "false" } },
      }),
      findings: [[UJ, 14, 5]],
    },
    {
      given: "presigned notebook and Studio URLs for every notebook",
      policy: policy({ Effect: "Allow", Action: "sagemaker:CreatePresigned*Url", Resource: "*" }),
      findings: [
        [
          PN,
          4,
          5,
          "`sagemaker:CreatePresignedNotebookInstanceUrl`, `sagemaker:CreatePresignedDomainUrl` on every notebook or user profile",
        ],
      ],
    },
    {
      given: "a presigned Studio URL for one user profile",
      policy: policy({
        Effect: "Allow",
        Action: "sagemaker:CreatePresignedDomainUrl",
        Resource: "arn:aws:sagemaker:us-east-1:123456789012:user-profile/d-abc/alice",
      }),
      findings: [],
    },
    {
      given: "a boundary with `sagemaker:*` (the AI rules check identity and session policies)",
      type: "boundary",
      policy: policy({ Effect: "Allow", Action: "sagemaker:*", Resource: "*" }),
      findings: [],
    },
  ],
);
