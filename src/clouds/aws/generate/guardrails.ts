import type { Workload } from "../../../spec/index.js";
import { VERBS_WITH_ROLE } from "../../../spec/index.js";
import type { GenerationContext } from "./context.js";
import { SERVING_KINDS } from "./knowledge/kinds.js";
import type { DraftStatement } from "./statements.js";

/**
 * Explicit denies for what a workload must never do, whatever other policy
 * is attached to its role later (an explicit deny wins over any allow).
 */
export function workloadGuardrails(ctx: GenerationContext, w: Workload): DraftStatement[] {
  const p = ctx.target.partition;
  const out: DraftStatement[] = [];
  const passesRoles = w.needs.some((n) => VERBS_WITH_ROLE.some((v) => v in n));
  if (passesRoles) {
    // It may pass its job's role, and nothing else in IAM.
    out.push({
      sid: "NeverChangeIam",
      effect: "Deny",
      notActions: ["iam:PassRole"],
      resources: [`arn:${p}:iam::*:*`],
    });
  } else {
    out.push({ sid: "NeverChangeIam", effect: "Deny", actions: ["iam:*"], resources: ["*"] });
  }
  if (SERVING_KINDS.includes(w.kind)) {
    out.push({
      sid: "NeverWriteData",
      effect: "Deny",
      actions: ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutObject", "s3:PutObjectAcl"],
      resources: ["*"],
    });
    // Serving code may call endpoints and nothing else in SageMaker: no training, no deploying, no registry writes.
    out.push({
      sid: "OnlyInvokeSageMaker",
      effect: "Deny",
      notActions: [
        "sagemaker:InvokeEndpoint",
        "sagemaker:InvokeEndpointAsync",
        "sagemaker:InvokeEndpointWithResponseStream",
      ],
      resources: [`arn:${p}:sagemaker:*:*:*`],
    });
  }
  return out;
}
