import type { AwsSpec as Spec, Workload } from "../../../spec/index.js";
import { type AwsTarget, type ResourceFacts, resourceFacts } from "./resource-facts.js";

/** Everything the generator's parts share about one spec. */
export interface GenerationContext {
  spec: Spec;
  target: AwsTarget;
  tagKey: string;
  facts: ReadonlyMap<string, ResourceFacts>;
}

export function generationContext(spec: Spec): GenerationContext {
  const aws = spec.targets.aws!;
  const target: AwsTarget = { account: aws.account, region: aws.region, partition: aws.partition };
  const facts = new Map<string, ResourceFacts>();
  for (const [name, r] of Object.entries(spec.resources)) facts.set(name, resourceFacts(r, target));
  return { spec, target, tagKey: spec.platform?.tagKey ?? "team", facts };
}

/** IAM role names are at most 64 characters; `<spec>-<workload>` stays readable. */
export function roleName(ctx: GenerationContext, workload: string): string {
  return `${ctx.spec.name}-${workload}`.slice(0, 64);
}

export function roleArn(ctx: GenerationContext, workload: string): string {
  return `arn:${ctx.target.partition}:iam::${ctx.target.account}:role/${roleName(ctx, workload)}`;
}

export function teamTag(ctx: GenerationContext, w: Workload): string | undefined {
  return w.team ? (ctx.spec.teams[w.team]?.tag ?? w.team) : undefined;
}

/** PascalCase for Sids and names: `training-logs` → `TrainingLogs`. */
export function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join("");
}
