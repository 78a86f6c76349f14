import type { PolicyType } from "../policy/types.js";
import type { StringNode } from "./common.js";

export type PrincipalKind = "role" | "user" | "group";

/** One attribute of a Terraform resource that holds a policy document. */
export interface TerraformPolicyAttribute {
  attribute: string;
  /** The policy type, or how to read it from the resource's values (`undefined`: not an IAM policy). */
  type: PolicyType | ((values: Record<string, unknown>) => PolicyType | undefined);
  /**
   * Whose document it is: the resource itself (a role's trust policy), or
   * the principal named by another attribute (`aws_iam_role_policy.role`).
   */
  principal?: { kind: PrincipalKind; attribute?: string };
  /** The service whose resource policies imply their resource (see `impliedResource` in common.ts). */
  implies?: "ecr" | "ecr-public";
}

const resourcePolicy = (attribute = "policy"): TerraformPolicyAttribute[] => [
  { attribute, type: "resource" },
];

/** Resource types whose attributes hold policy documents (also `aws_iam_role.inline_policy`). */
export const TERRAFORM_POLICY_RESOURCES: ReadonlyMap<string, TerraformPolicyAttribute[]> = new Map(
  Object.entries({
    aws_iam_role: [{ attribute: "assume_role_policy", type: "trust", principal: { kind: "role" } }],
    aws_iam_role_policy: [
      { attribute: "policy", type: "identity", principal: { kind: "role", attribute: "role" } },
    ],
    aws_iam_user_policy: [
      { attribute: "policy", type: "identity", principal: { kind: "user", attribute: "user" } },
    ],
    aws_iam_group_policy: [
      { attribute: "policy", type: "identity", principal: { kind: "group", attribute: "group" } },
    ],
    aws_iam_policy: [{ attribute: "policy", type: "identity" }],
    aws_s3_bucket_policy: resourcePolicy(),
    aws_s3_bucket: resourcePolicy(),
    aws_sqs_queue_policy: resourcePolicy(),
    aws_sqs_queue: resourcePolicy(),
    aws_sns_topic_policy: resourcePolicy(),
    aws_sns_topic: resourcePolicy(),
    aws_kms_key: resourcePolicy(),
    aws_ecr_repository_policy: [{ attribute: "policy", type: "resource", implies: "ecr" }],
    aws_ecrpublic_repository_policy: [
      { attribute: "policy", type: "resource", implies: "ecr-public" },
    ],
    aws_secretsmanager_secret_policy: resourcePolicy(),
    aws_opensearch_domain_policy: resourcePolicy("access_policies"),
    aws_opensearch_domain: resourcePolicy("access_policies"),
    aws_elasticsearch_domain_policy: resourcePolicy("access_policies"),
    aws_organizations_policy: [
      {
        attribute: "content",
        type: (values) => {
          const kind = values.type ?? "SERVICE_CONTROL_POLICY";
          return kind === "SERVICE_CONTROL_POLICY"
            ? "scp"
            : kind === "RESOURCE_CONTROL_POLICY"
              ? "rcp"
              : undefined;
        },
      },
    ],
  }),
);

/**
 * How a resource attaches managed policies, or a permissions boundary, to
 * principals: the attribute holding the policy ARN (one or a list), and whose
 * they become (the principals named by attributes, or the resource itself).
 */
export interface TerraformAttachment {
  arns: string;
  as: "identity" | "boundary";
  principals: { kind: PrincipalKind; attribute: string }[] | "self";
}

/** Every resource type that attaches policies by ARN, read alike from HCL and from plans. */
export const TERRAFORM_ATTACHMENTS: ReadonlyMap<string, TerraformAttachment[]> = new Map(
  Object.entries({
    aws_iam_role_policy_attachment: [
      { arns: "policy_arn", as: "identity", principals: [{ kind: "role", attribute: "role" }] },
    ],
    aws_iam_user_policy_attachment: [
      { arns: "policy_arn", as: "identity", principals: [{ kind: "user", attribute: "user" }] },
    ],
    aws_iam_group_policy_attachment: [
      { arns: "policy_arn", as: "identity", principals: [{ kind: "group", attribute: "group" }] },
    ],
    aws_iam_policy_attachment: [
      {
        arns: "policy_arn",
        as: "identity",
        principals: [
          { kind: "role", attribute: "roles" },
          { kind: "user", attribute: "users" },
          { kind: "group", attribute: "groups" },
        ],
      },
    ],
    aws_iam_role: [
      { arns: "managed_policy_arns", as: "identity", principals: "self" },
      { arns: "permissions_boundary", as: "boundary", principals: "self" },
    ],
    aws_iam_user: [{ arns: "permissions_boundary", as: "boundary", principals: "self" }],
  }),
);

/**
 * Calls `add` for each (policy ARN, principal) a resource attaches, whatever
 * the input's representation: `values` lists an attribute's values (one or
 * many), `principalOf` names a principal from one, `self` the resource's own.
 */
export function forEachAttachment<T>(
  type: string,
  values: (attribute: string) => T[],
  principalOf: (kind: PrincipalKind, value: T) => string | undefined,
  self: () => string | undefined,
  add: (arn: T, principal: string | undefined, as: "identity" | "boundary") => void,
): void {
  for (const spec of TERRAFORM_ATTACHMENTS.get(type) ?? []) {
    const principals =
      spec.principals === "self"
        ? [self()]
        : spec.principals.flatMap((p) => values(p.attribute).map((v) => principalOf(p.kind, v)));
    for (const arn of values(spec.arns))
      for (const principal of principals) add(arn, principal, spec.as);
  }
}

/** The policy type of an attribute for a resource's values. */
export function attributeType(
  spec: TerraformPolicyAttribute,
  values: Record<string, unknown>,
): PolicyType | undefined {
  return typeof spec.type === "function" ? spec.type(values) : spec.type;
}

/** Resource type prefixes whose ARN service differs from the type's first word. */
const SERVICE_OVERRIDES: [string, string][] = [
  ["aws_cloudwatch_log_", "logs"],
  ["aws_cloudwatch_event_", "events"],
  ["aws_sfn_", "states"],
  ["aws_kinesis_firehose_", "firehose"],
  ["aws_elasticsearch_", "es"],
  ["aws_opensearch_", "es"],
  ["aws_lb", "elasticloadbalancing"],
  ["aws_alb", "elasticloadbalancing"],
  ["aws_api_gateway_", "apigateway"],
  ["aws_acm_", "acm"],
];

/** The ARN service of a resource type: `aws_s3_bucket` → `s3`. */
export function serviceOfResourceType(type: string): string | undefined {
  for (const [prefix, service] of SERVICE_OVERRIDES) if (type.startsWith(prefix)) return service;
  return /^aws_([a-z0-9]+)_/.exec(type)?.[1];
}

/** The service of the first resource a Terraform placeholder refers to (`${aws_s3_bucket.b.arn}`). */
export function serviceOfTerraformReference(value: string): string | undefined {
  const m = /\$\{(?:data\.)?(aws_[a-z0-9_]+)\./.exec(value);
  return m ? serviceOfResourceType(m[1]!) : undefined;
}

/**
 * IAM policy variables (`${aws:username}`, `${*}`) look like Terraform
 * interpolations; a Terraform reference never contains `service:key`.
 */
const IAM_VARIABLE = /^([\w.-]+:[^}]+|[*?$])$/;

/** Whether a string holds a Terraform interpolation (and is thus only known at apply time). */
export function hasTerraformInterpolation(node: StringNode): boolean {
  for (const m of node.value.matchAll(/\$\{([^}]*)\}/g)) if (!IAM_VARIABLE.test(m[1]!)) return true;
  return false;
}
