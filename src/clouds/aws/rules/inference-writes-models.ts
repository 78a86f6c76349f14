import { type AwsRule, type StatementView, serviceOf, servicesNamed } from "./rule.js";

/**
 * The actions that serve predictions from a model or an endpoint:
 * `sagemaker:InvokeEndpoint*` and `bedrock:InvokeModel*`, spelled out so that
 * the rule loads no catalog file (a test keeps the lists equal to the patterns).
 */
export const INVOKE = [
  "sagemaker:InvokeEndpoint",
  "sagemaker:InvokeEndpointAsync",
  "sagemaker:InvokeEndpointWithResponseStream",
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
];

/**
 * Actions that write what is served: model artifacts (`s3:PutObject`, on any
 * resource), registered model packages (`sagemaker:CreateModelPackage*`,
 * `sagemaker:UpdateModelPackage`), models and container images.
 */
export const WRITE = [
  "s3:PutObject",
  "sagemaker:CreateModelPackage",
  "sagemaker:CreateModelPackageGroup",
  "sagemaker:UpdateModelPackage",
  "sagemaker:CreateModel",
  "ecr:PutImage",
];

/**
 * A principal that both invokes models or endpoints and can write model
 * artifacts, model packages, models or container images can replace what it
 * serves: a compromised inference workload (or a prompt-injected agent)
 * becomes a way to poison the model for every other caller.
 */
export const inferenceWritesModels: AwsRule = {
  id: "aws/inference-writes-models",
  title: "Inference identity can write models",
  category: "ai-workload",
  severity: "high",
  description:
    "The principal can invoke SageMaker endpoints or Bedrock models and can also write model artifacts, model packages, models or container images.",
  checkPrincipal({ policies, principal, bounded }) {
    const statements = policies.flatMap((p) => p.statements);
    const allows = statements.filter((s) => s.allow);
    // A Deny of the action on every resource, with no condition, takes it away.
    const denied = (action: string) =>
      statements.some((s) => !s.allow && s.covers(action) && s.everyResource && s.unconditional);
    const grant = (action: string): StatementView | undefined => {
      const s = allows.find((x) => x.covers(action));
      return s && !denied(action) && bounded(action) ? s : undefined;
    };

    if (allows.length === 0) return [];
    // No Allow names a service that invokes models: nothing to match.
    const services = servicesNamed(allows);
    if (services && !INVOKE.some((a) => services.has(serviceOf(a)))) return [];
    const invoke = INVOKE.find((a) => grant(a) !== undefined);
    if (!invoke) return [];
    const writes: [string, StatementView][] = [];
    for (const name of WRITE) {
      const s = grant(name);
      if (s) writes.push([name, s]);
    }
    if (writes.length === 0) return [];
    const shown = writes.slice(0, 3).map(([a]) => `\`${a}\``);
    return [
      {
        message: `${principal} can invoke models (\`${invoke}\`) and write what they serve (${shown.join(", ")}${writes.length > 3 ? ", ..." : ""})`,
        help: "give the inference identity read-only access to models: let a separate training or deployment role write artifacts, model packages and images",
        location: writes[0]![1].statement.loc,
      },
    ];
  },
};
