import type { ResourceType, Verb, WorkloadKind } from "./schema.js";

/**
 * Which resource types each verb applies to. The generator's knowledge base
 * has a row for every pair listed here (a test holds the two equal).
 */
export const VERB_TARGETS: Record<Verb, readonly ResourceType[]> = {
  read: ["s3-prefix", "secret", "sagemaker-feature-group", "sagemaker-model-package-group"],
  write: ["s3-prefix", "sagemaker-feature-group"],
  list: ["s3-prefix"],
  pull: ["ecr-repository"],
  push: ["ecr-repository"],
  invoke: ["sagemaker-endpoint", "bedrock-model", "lambda-function"],
  deploy: ["sagemaker-endpoint"],
  register: ["sagemaker-model-package-group"],
  decrypt: ["kms-key"],
  encrypt: ["kms-key"],
  log: ["log-group"],
  start: ["sagemaker-training-job", "sagemaker-processing-job"],
};

/** Verbs whose need names the workload the started or deployed thing runs as (`as:`). */
export const VERBS_WITH_ROLE: readonly Verb[] = ["start", "deploy"];

/** The kinds a `start`/`deploy` need's `as:` workload may be, by the target's type. */
export const RUNS_AS: Partial<Record<ResourceType, readonly WorkloadKind[]>> = {
  "sagemaker-training-job": ["training-job"],
  "sagemaker-processing-job": ["processing-job"],
  "sagemaker-endpoint": ["serving-endpoint"],
};

/**
 * What serving workloads may never do: their guardrails deny writing data
 * and any SageMaker action but invoking an endpoint, so such a need could
 * never be granted (and the spec would promise what the role refuses).
 */
export const SERVING_FORBIDDEN: { verbs: readonly Verb[]; types: readonly ResourceType[] } = {
  verbs: ["write", "push", "register", "deploy", "start"],
  types: [
    "sagemaker-feature-group",
    "sagemaker-model-package-group",
    "sagemaker-training-job",
    "sagemaker-processing-job",
  ],
};

/**
 * Kinds that run as jobs or models of a managed ML service (SageMaker, Vertex
 * AI), to which `network` and `encryption` apply.
 */
export const SAGEMAKER_KINDS: readonly WorkloadKind[] = [
  "training-job",
  "processing-job",
  "batch-inference",
  "serving-endpoint",
  "pipeline",
  "notebook",
];

export const SERVING_KINDS: readonly WorkloadKind[] = [
  "inference-function",
  "llm-app",
  "serving-endpoint",
];
