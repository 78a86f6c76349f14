import type { AwsRule, StatementView } from "./rule.js";
import { actionSetRule } from "./support/action-set.js";

/** An Allow on every resource of any of a few ML actions, with or without conditions. */
function everyResourceOf(
  meta: Omit<AwsRule, "checkPolicy" | "checkPrincipal" | "category" | "types">,
  actions: readonly string[],
  what: string,
  help: string,
): AwsRule {
  return actionSetRule(
    { ...meta, category: "ai-workload" },
    {
      actions,
      unconditionalOnly: false,
      message: (hits) => `${hits.map((h) => `\`${h}\``).join(", ")} on ${what}`,
      help,
    },
  );
}

/** Invoking every endpoint or every model: a leaked credential can run anything, at any cost. */
export const unrestrictedInference = everyResourceOf(
  {
    id: "aws/unrestricted-inference",
    title: "Unrestricted model invocation",
    severity: "medium",
    description:
      "An Allow lets the principal invoke every SageMaker endpoint or every Bedrock model.",
  },
  ["sagemaker:InvokeEndpoint", "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
  "every endpoint or model",
  "name the endpoint (`endpoint/NAME`) or model (`foundation-model/ID`) the workload calls",
);

/** `sagemaker:*`: the principal administers every ML resource, including passing roles to jobs. */
export const sagemakerAdmin: AwsRule = {
  id: "aws/sagemaker-admin",
  title: "SageMaker administrator",
  category: "ai-workload",
  severity: "high",
  description: "An Allow grants every SageMaker action.",
  types: ["identity", "session"],
  checkPolicy({ policy, expander }) {
    const all = expander.expand("sagemaker:*");
    const out = [];
    for (const s of policy.statements) {
      if (!s.allow) continue;
      // Every SageMaker action covered: stops at the first one missing, so narrow statements cost little.
      if (all.length > 0 && all.every((a) => s.covers(a.fullName))) {
        out.push({
          message: "the statement grants every SageMaker action",
          help: "grant the ML actions the principal uses, on its own resources",
          location: s.statement.loc,
        });
      }
    }
    return out;
  },
};

/** Network isolation required ("true"), or a VPC or volume key pinned: the job cannot run wide open. */
function constrained(s: StatementView): boolean {
  const isolation = "sagemaker:NetworkIsolation";
  if (s.pinsKey(isolation) && !s.conditionAllows(isolation, "false")) return true;
  return ["sagemaker:VpcSubnets", "sagemaker:VolumeKmsKeyArn"].some((k) => s.pinsKey(k));
}

/**
 * A principal that can pass a role and create training or processing jobs
 * without network-isolation, VPC or volume-key conditions can run arbitrary
 * code with internet access as that role.
 */
export const unconstrainedJobs: AwsRule = {
  id: "aws/unconstrained-ml-jobs",
  title: "ML jobs creatable without isolation",
  category: "ai-workload",
  severity: "medium",
  description:
    "The principal can pass a role and create SageMaker jobs with no network isolation, VPC or KMS condition.",
  checkPrincipal({ policies, principal, bounded }) {
    const statements = policies.flatMap((p) => p.statements).filter((s) => s.allow);
    if (!statements.some((s) => s.covers("iam:PassRole")) || !bounded("iam:PassRole")) return [];
    const out = [];
    for (const action of ["sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob"]) {
      if (!bounded(action)) continue;
      const loose = statements.find((s) => s.covers(action) && !constrained(s));
      if (loose) {
        out.push({
          message: `${principal} can pass a role to \`${action}\` with no network isolation, VPC or volume key condition`,
          help: 'add `"Bool": {"sagemaker:NetworkIsolation": "true"}` or `sagemaker:VpcSubnets` and `sagemaker:VolumeKmsKeyArn` conditions',
          location: loose.statement.loc,
        });
      }
    }
    return out;
  },
};

/** Presigned notebook and Studio URLs open an interactive session as the notebook's role. */
export const presignedNotebookUrl = everyResourceOf(
  {
    id: "aws/presigned-notebook-url",
    title: "Presigned notebook or Studio URLs",
    severity: "medium",
    description:
      "An Allow lets the principal create presigned SageMaker notebook or Studio URLs for every notebook or domain.",
  },
  ["sagemaker:CreatePresignedNotebookInstanceUrl", "sagemaker:CreatePresignedDomainUrl"],
  "every notebook or user profile",
  "name the notebook instance or user profile ARN the principal owns",
);
