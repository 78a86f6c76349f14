import { lintRows, policy } from "./lint-rows.js";

const ST = "aws/service-trust-without-source";
const trust = (service: string | string[], extra: object = {}) =>
  policy({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...extra });

lintRows(
  [ST],
  [
    {
      given: "a SageMaker trust without aws:SourceAccount",
      type: "trust",
      policy: trust("sagemaker.amazonaws.com"),
      findings: [
        [ST, 7, 20, "`sagemaker.amazonaws.com` may assume the role on behalf of any account"],
      ],
    },
    {
      given: "a SageMaker trust with aws:SourceAccount",
      type: "trust",
      policy: trust("sagemaker.amazonaws.com", {
        Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
      }),
      findings: [],
    },
    {
      given:
        "a SageMaker trust with aws:SourceAccount under `StringNotEquals` (every other account)",
      type: "trust",
      policy: trust("sagemaker.amazonaws.com", {
        Condition: { StringNotEquals: { "aws:SourceAccount": "123456789012" } },
      }),
      findings: [[ST, 7, 20, "may assume the role on behalf of any account"]],
    },
    {
      given: "a Bedrock trust with aws:SourceArn",
      type: "trust",
      policy: trust("bedrock.amazonaws.com", {
        Condition: {
          ArnLike: { "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:agent/*" },
        },
      }),
      findings: [],
    },
    {
      given: "the condition key in lower case",
      type: "trust",
      policy: trust("sagemaker.amazonaws.com", {
        Condition: { StringEquals: { "aws:sourceaccount": "123456789012" } },
      }),
      findings: [],
    },
    {
      given: "EC2 and SageMaker in one statement (EC2 sends no source keys)",
      type: "trust",
      policy: trust(["ec2.amazonaws.com", "sagemaker.amazonaws.com"]),
      findings: [[ST, 9, 11, "`sagemaker.amazonaws.com`"]],
    },
    {
      given: "Lambda, ECS tasks and EKS pods only",
      type: "trust",
      policy: trust(["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"]),
      findings: [],
    },
    {
      given: "a Deny for a service",
      type: "trust",
      policy: policy({
        Effect: "Deny",
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
      findings: [],
    },
    {
      given: "a bucket policy for a service principal (only trust policies are checked)",
      type: "resource",
      policy: policy({
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: "arn:aws:s3:::logs/*",
      }),
      findings: [],
    },
  ],
);
