import type { Diagnostic } from "../../../diagnostics/index.js";
import { type Path, specLocation } from "../../../spec/index.js";
import { type GenerationContext, roleArn } from "./context.js";
import type { RoleSelfCheck } from "./types.js";

type Denied = RoleSelfCheck["needsDenied"][number];

/** The account an ARN names (its fifth field), if it names one. */
function accountOf(arn: string): string | undefined {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

/**
 * Where in the spec the denied request comes from, and how to name it: the
 * need (`needs[i]`, from the draft's need id `i:verb:target`), or the
 * workload's encryption key, or else the workload itself (its kind's own grants).
 */
function origin(ctx: GenerationContext, workload: string, n: Denied): { path: Path; what: string } {
  const base: Path = ["workloads", workload];
  const index = n.need === undefined ? Number.NaN : Number(n.need.split(":")[0]);
  const need = ctx.spec.workloads[workload]?.needs[index];
  if (need) {
    const [verb, target] = Object.entries(need).find(([k]) => k !== "as") as [string, string];
    return { path: [...base, "needs", index], what: `its need \`${verb}: ${target}\`` };
  }
  const key = ctx.spec.workloads[workload]?.encryption?.kmsKey;
  if (key !== undefined && ctx.facts.get(key)?.key === n.resource)
    return { path: [...base, "encryption", "kmsKey"], what: `its encryption key \`${key}\`` };
  return { path: [...base, "kind"], what: "its kind" };
}

/** The page that says a resource in another account must grant access itself. */
const CROSS_ACCOUNT_SOURCE: Record<string, string> = {
  kms: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
  other:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies-cross-account-resource-access.html",
};

/**
 * A need the self-check found denied, said with its real cause and its place
 * in the spec. A resource in another account is denied whatever this
 * account's IAM allows until its own resource policy (a KMS key policy, a
 * bucket policy...) allows the role: leash writes only this account's IAM,
 * so the message says so rather than blaming a guardrail.
 */
export function needDeniedDiagnostic(
  ctx: GenerationContext,
  workload: string,
  role: string,
  n: Denied,
): Diagnostic {
  const { path, what } = origin(ctx, workload, n);
  const location = specLocation(ctx.spec, path);
  const owner = accountOf(n.resource);
  const request = `\`${n.action}\` on \`${n.resource}\``;
  if (owner !== undefined && owner !== ctx.target.account) {
    const service = n.resource.split(":")[2] === "kms" ? "kms" : "other";
    const policy = service === "kms" ? "key policy" : "resource-based policy";
    return {
      code: "generate/need-denied",
      severity: "error",
      message: `\`${role}\` is denied ${request}, which ${what} asks for: the resource is in account ${owner}, not ${ctx.target.account}, and across accounts its own ${policy} must allow the role too`,
      help: `leash writes IAM for account ${ctx.target.account} only: add to the ${policy} of \`${n.resource}\` a statement allowing \`${roleArn(ctx, workload)}\` to \`${n.action}\` (${CROSS_ACCOUNT_SOURCE[service]})`,
      ...(location ? { location } : {}),
    };
  }
  return {
    code: "generate/need-denied",
    severity: "error",
    message: `\`${role}\` is denied ${request} (${n.decision}), which its spec needs`,
    help: "a guardrail, boundary or SCP blocks what a need grants; simulate it with `leash simulate` to see which",
    ...(location ? { location } : {}),
  };
}
