import type { ResourceType, Workload } from "../../../spec/index.js";
import { type GenerationContext, pascal, roleArn, teamTag } from "./context.js";
import { KINDS } from "./knowledge/kinds.js";
import { knowledgeFor } from "./knowledge/needs.js";
import type { GrantTemplate } from "./knowledge/types.js";
import { fill, type ResourceFacts } from "./resource-facts.js";
import type { DraftStatement } from "./statements.js";
import type { ConditionBlock } from "./types.js";

const SAGEMAKER_CREATE = /^sagemaker:Create/;

/**
 * Creates that cannot carry tags: a versioned model package "uses the tags
 * associated with the model group. In this case, you cannot supply a tag
 * argument" (SageMaker API, CreateModelPackage). Its group's name scopes it.
 */
const UNTAGGABLE_CREATES = new Set(["sagemaker:CreateModelPackage"]);

function templated(ctx: GenerationContext, facts: ResourceFacts, workload: string) {
  const all: ResourceFacts = {
    ...facts,
    region: ctx.target.region,
    account: ctx.target.account,
    partition: ctx.target.partition,
    workload,
  };
  const fillBlock = (c: ConditionBlock | undefined): ConditionBlock | undefined => {
    if (!c) return undefined;
    const out: ConditionBlock = {};
    for (const [op, keys] of Object.entries(c)) {
      out[op] = {};
      for (const [k, v] of Object.entries(keys))
        out[op]![k] = Array.isArray(v) ? v.map((x) => fill(x, all)) : fill(v, all);
    }
    return out;
  };
  return (g: GrantTemplate, sid: string, need: string | undefined): DraftStatement => {
    const conditions = withoutWholeBucketPrefix(fillBlock(g.conditions));
    return {
      sid,
      effect: "Allow",
      actions: [...g.actions],
      resources: g.resources.map((r) => fill(r, all)),
      ...(conditions ? { conditions } : {}),
      ...(need ? { need } : {}),
    };
  };
}

/**
 * An s3-prefix at the bucket root (`s3://bucket/`) lists the whole bucket:
 * its `s3:prefix` pattern is `*`, which restricts nothing but would refuse a
 * listing without a prefix. The grant is the bucket's listing, unconditioned.
 */
function withoutWholeBucketPrefix(c: ConditionBlock | undefined): ConditionBlock | undefined {
  const like = c?.StringLike?.["s3:prefix"];
  if (!c || !Array.isArray(like) || like.length !== 1 || like[0] !== "*") return c;
  const { "s3:prefix": _, ...rest } = c.StringLike!;
  const { StringLike: __, ...others } = c;
  const out = Object.keys(rest).length > 0 ? { ...others, StringLike: rest } : others;
  return Object.keys(out).length > 0 ? out : undefined;
}

function merge(a: ConditionBlock | undefined, b: ConditionBlock): ConditionBlock {
  const out: ConditionBlock = { ...(a ?? {}) };
  for (const [op, keys] of Object.entries(b)) out[op] = { ...(out[op] ?? {}), ...keys };
  return out;
}

/**
 * Condition keys that pin how a started or deployed SageMaker resource runs
 * as its workload: network isolation and VPC on jobs and models, the volume
 * key on jobs and endpoint configs (the keys each action supports, per the
 * Service Authorization Reference).
 */
function runsAsConditions(
  ctx: GenerationContext,
  w: Workload,
  createAction: string,
): ConditionBlock {
  const job =
    createAction === "sagemaker:CreateTrainingJob" ||
    createAction === "sagemaker:CreateProcessingJob";
  const model = createAction === "sagemaker:CreateModel";
  const config = createAction === "sagemaker:CreateEndpointConfig";
  let c: ConditionBlock = {};
  if ((job || model) && w.network === "isolated")
    c = merge(c, { Bool: { "sagemaker:NetworkIsolation": "true" } });
  if ((job || model) && w.network === "vpc-only" && w.vpc) {
    c = merge(c, {
      "ForAllValues:StringEquals": {
        "sagemaker:VpcSecurityGroupIds": [...w.vpc.securityGroups].sort(),
        "sagemaker:VpcSubnets": [...w.vpc.subnets].sort(),
      },
      Null: { "sagemaker:VpcSubnets": "false" },
    });
  }
  if ((job || config) && w.encryption) {
    c = merge(c, {
      ArnEquals: { "sagemaker:VolumeKmsKeyArn": ctx.facts.get(w.encryption.kmsKey)!.key! },
    });
  }
  return c;
}

/**
 * Attribute-based access for a team's workload (IAM User Guide, "ABAC"): it
 * touches existing SageMaker resources only when their tag matches its own,
 * and creates them only with its tag.
 */
function abac(
  ctx: GenerationContext,
  d: DraftStatement,
  team: string | undefined,
): DraftStatement[] {
  if (
    !team ||
    !d.actions?.every((a) => a.startsWith("sagemaker:")) ||
    d.actions.some((a) => UNTAGGABLE_CREATES.has(a))
  )
    return [d];
  const k = ctx.tagKey;
  const own = `\${aws:PrincipalTag/${k}}`;
  const creates = d.actions.filter((a) => SAGEMAKER_CREATE.test(a));
  const others = d.actions.filter((a) => !SAGEMAKER_CREATE.test(a));
  const out: DraftStatement[] = [];
  if (others.length > 0) {
    out.push({
      ...d,
      actions: others,
      conditions: merge(d.conditions, { StringEquals: { [`aws:ResourceTag/${k}`]: own } }),
    });
  }
  if (creates.length > 0) {
    // The team tag must be there; other tags (cost, project) may come along.
    const tagOnCreate: ConditionBlock = { StringEquals: { [`aws:RequestTag/${k}`]: own } };
    out.push({
      ...d,
      sid: `${d.sid}${others.length > 0 ? "Tagged" : ""}`,
      actions: creates,
      conditions: merge(d.conditions, tagOnCreate),
    });
    // Tagging on create is authorized as sagemaker:AddTags on the new resource.
    out.push({
      ...d,
      sid: `${d.sid}Tags`,
      actions: ["sagemaker:AddTags"],
      conditions: tagOnCreate,
    });
  }
  return out;
}

/** Services a workload reaches that may use its KMS keys on its behalf (`kms:ViaService`). */
const VIA_SERVICE: Partial<Record<string, string>> = {
  "s3-prefix": "s3",
  secret: "secretsmanager",
  "log-group": "logs",
  "ecr-repository": "ecr",
};

function viaServices(ctx: GenerationContext, w: Workload): string[] {
  const services = new Set<string>();
  if (KINDS[w.kind].sagemaker) services.add("sagemaker");
  for (const need of w.needs) {
    const target = Object.entries(need).find(([k]) => k !== "as")![1] as string;
    const type = ctx.spec.resources[target]?.type;
    const svc =
      type === undefined
        ? undefined
        : type.startsWith("sagemaker-")
          ? "sagemaker"
          : VIA_SERVICE[type];
    if (svc) services.add(svc);
  }
  if (services.size === 0) services.add("s3");
  return [...services].sort().map((s) => `${s}.${ctx.target.region}.amazonaws.com`);
}

/** Replaces the knowledge base's default `kms:ViaService` list with the workload's own services. */
function withViaServices(d: DraftStatement, services: string[]): DraftStatement {
  const equals = d.conditions?.StringEquals;
  if (!equals || !("kms:ViaService" in equals)) return d;
  return {
    ...d,
    conditions: { ...d.conditions, StringEquals: { ...equals, "kms:ViaService": services } },
  };
}

/** The inline policy's Allow statements for one workload: its needs, its kind's baseline, its network and encryption. */
export function workloadAllows(
  ctx: GenerationContext,
  name: string,
  w: Workload,
): DraftStatement[] {
  const kind = KINDS[w.kind];
  const team = teamTag(ctx, w);
  const drafts: DraftStatement[] = [];
  const add = (d: DraftStatement) => drafts.push(...abac(ctx, d, team));

  w.needs.forEach((need, i) => {
    const [verb, target] = Object.entries(need).find(([k]) => k !== "as") as [string, string];
    const resource = ctx.spec.resources[target]!;
    const row = knowledgeFor(verb, resource.type)!;
    const make = templated(ctx, ctx.facts.get(target)!, name);
    const needId = `${i}:${verb}:${target}`;
    const as = (need as { as?: string }).as;
    const runsAs = as ? ctx.spec.workloads[as] : undefined;
    for (const g of row.grants) {
      const d = withViaServices(
        make(g, `${pascal(verb)}${pascal(target)}${g.part}`, needId),
        viaServices(ctx, w),
      );
      const create = d.actions!.find((a) => SAGEMAKER_CREATE.test(a));
      const c = runsAs && create ? runsAsConditions(ctx, runsAs, create) : {};
      if (Object.keys(c).length === 0) {
        add(d);
        continue;
      }
      // Only the create request carries the network and volume keys: a Describe in the same
      // statement would never match them, so it keeps its own statement without them.
      const rest = d.actions!.filter((a) => a !== create);
      add({ ...d, actions: [create!], conditions: merge(d.conditions, c) });
      if (rest.length > 0) add({ ...d, sid: `${d.sid}Status`, actions: rest });
    }
    if (as) {
      // Only the role the job runs as, only to SageMaker (IAM User Guide, "iam:PassedToService").
      drafts.push({
        sid: `PassRoleTo${pascal(as)}`,
        effect: "Allow",
        actions: ["iam:PassRole"],
        resources: [roleArn(ctx, as)],
        conditions: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
        need: needId,
      });
    }
  });

  const base = templated(ctx, {}, name);
  for (const g of kind.baseline) add(base(g, `${pascal(w.kind)}${g.part}`, undefined));

  if (kind.sagemaker && w.network === "vpc-only" && w.vpc) {
    const { partition: p, region: r, account: a } = ctx.target;
    drafts.push({
      sid: "VpcNetworkInterfaces",
      effect: "Allow",
      actions: [
        "ec2:CreateNetworkInterface",
        "ec2:CreateNetworkInterfacePermission",
        "ec2:DeleteNetworkInterface",
        "ec2:DeleteNetworkInterfacePermission",
      ],
      resources: [
        `arn:${p}:ec2:${r}:${a}:network-interface/*`,
        ...w.vpc.subnets.map((s) => `arn:${p}:ec2:${r}:${a}:subnet/${s}`),
        ...w.vpc.securityGroups.map((g) => `arn:${p}:ec2:${r}:${a}:security-group/${g}`),
      ],
    });
    drafts.push({
      sid: "VpcDescribe",
      effect: "Allow",
      actions: [
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcs",
      ],
      resources: ["*"],
    });
  }

  if (kind.sagemaker && w.encryption) {
    const key = ctx.facts.get(w.encryption.kmsKey)!.key!;
    const via = { "kms:ViaService": viaServices(ctx, w) };
    drafts.push({
      sid: "EncryptionKeyUse",
      effect: "Allow",
      // "the SageMaker execution role must include permissions to call kms:Encrypt" for output keys (OutputDataConfig.KmsKeyId).
      actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      resources: [key],
      conditions: { StringEquals: via },
    });
    // Volumes are encrypted by EC2 on SageMaker's behalf through a grant (AWS KMS, "kms:GrantIsForAWSResource").
    drafts.push({
      sid: "EncryptionKeyVolumeGrant",
      effect: "Allow",
      actions: ["kms:CreateGrant"],
      resources: [key],
      conditions: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    });
  }
  return drafts;
}

/** Resource types whose needs the self-check counts (every spec need). */
export type { ResourceType };
