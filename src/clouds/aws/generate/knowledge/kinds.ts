import type { WorkloadKind } from "../../../../spec/index.js";
import type { GrantTemplate } from "./types.js";

/**
 * What each workload kind runs as and needs by itself, whatever its spec
 * needs. `{region}`, `{account}`, `{partition}` and `{workload}` are placeholders.
 */
export interface KindProfile {
  /** The service that assumes the role, unless the spec gives another identity. */
  service: string | undefined;
  /** `aws:SourceArn` in the trust policy: which of the service's resources may assume the role. */
  sourceArn: string | undefined;
  /** SageMaker jobs and models, to which network isolation, VPC and volume keys apply. */
  sagemaker: boolean;
  baseline: GrantTemplate[];
  source: string;
}

/** PutMetricData takes no resource ARN; the namespace condition scopes it to the kind's own metrics. */
const sagemakerMetrics = (namespace: string): GrantTemplate => ({
  part: "Metrics",
  actions: ["cloudwatch:PutMetricData"],
  resources: ["*"],
  conditions: { StringEquals: { "cloudwatch:namespace": [namespace] } },
});

const sagemakerJob = (source: string, namespace?: string): KindProfile => ({
  service: "sagemaker.amazonaws.com",
  sourceArn: "arn:{partition}:sagemaker:{region}:{account}:*",
  sagemaker: true,
  baseline: namespace ? [sagemakerMetrics(namespace)] : [],
  source,
});

export const KINDS: Record<WorkloadKind, KindProfile> = {
  "training-job": sagemakerJob(
    "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createtrainingjob-perms",
    "/aws/sagemaker/TrainingJobs",
  ),
  "processing-job": sagemakerJob(
    "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createprocessingjob-perms",
    "/aws/sagemaker/ProcessingJobs",
  ),
  "batch-inference": sagemakerJob(
    "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createtransformjob-perms",
    "/aws/sagemaker/TransformJobs",
  ),
  "serving-endpoint": sagemakerJob(
    "https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createmodel-perms",
    "/aws/sagemaker/Endpoints",
  ),
  pipeline: {
    ...sagemakerJob("https://docs.aws.amazon.com/sagemaker/latest/dg/build-and-manage-access.html"),
    baseline: [],
  },
  notebook: {
    ...sagemakerJob("https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html"),
    baseline: [],
  },
  // Lambda does not promise aws:SourceArn when it assumes an execution role, so only
  // aws:SourceAccount scopes its trust (AWS Lambda Developer Guide, "Lambda execution role").
  "inference-function": {
    service: "lambda.amazonaws.com",
    sourceArn: undefined,
    sagemaker: false,
    baseline: [],
    source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
  },
  "llm-app": {
    service: "lambda.amazonaws.com",
    sourceArn: undefined,
    sagemaker: false,
    baseline: [],
    source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html",
  },
  "ci-stage": {
    service: undefined,
    sourceArn: undefined,
    sagemaker: false,
    baseline: [],
    source:
      "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
  },
};

/** Kinds that serve predictions: they read, never write data, and touch SageMaker only to invoke. */
export const SERVING_KINDS: readonly WorkloadKind[] = [
  "inference-function",
  "llm-app",
  "serving-endpoint",
];
