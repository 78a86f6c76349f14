import { z } from "zod";
import { REGIONS_BY_PARTITION } from "./aws-regions.js";
import {
  GcpProjectId,
  NeutralResourceSchemas,
  NeutralSecretLocators,
  type NeutralType,
} from "./neutral-resources.js";
import { JobName, Literal, Name } from "./resource-names-schema.js";

/**
 * The leash.yaml schema (../shared/DESIGN.md, "The spec"). One file describes
 * a platform: its cloud targets, named resources, workloads and their needs,
 * and teams. Kept strict: an unknown key is an error with a suggestion, not
 * something silently ignored.
 */

export { NAME } from "./resource-names-schema.js";

export const WORKLOAD_KINDS = [
  "training-job",
  "processing-job",
  "pipeline",
  "notebook",
  "serving-endpoint",
  "inference-function",
  "batch-inference",
  "llm-app",
  "ci-stage",
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** What a workload may do to a resource. `start` launches jobs; `deploy` rolls out endpoints. */
export const VERBS = [
  "read",
  "write",
  "list",
  "pull",
  "push",
  "invoke",
  "deploy",
  "register",
  "decrypt",
  "encrypt",
  "log",
  "start",
] as const;
export type Verb = (typeof VERBS)[number];

const team = {
  team: Name.optional().describe("the team that owns this resource (tags it for ABAC)"),
};

export const ResourceSchemas = {
  "s3-prefix": z.strictObject({
    type: z.literal("s3-prefix"),
    uri: z
      .string()
      // A non-empty prefix ends with `/`: `s3://b/fraud` would also grant `s3://b/fraud-secrets/`.
      .regex(
        /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/([^*?]*\/)?)?$/,
        "write `s3://bucket/prefix/`, ending in `/`",
      )
      .describe("bucket and key prefix, e.g. s3://acme-ml-datasets/fraud/v3/"),
    ...team,
  }),
  "ecr-repository": z.strictObject({
    type: z.literal("ecr-repository"),
    name: Literal,
    ...team,
  }),
  "sagemaker-endpoint": z.strictObject({
    type: z.literal("sagemaker-endpoint"),
    name: Literal,
    model: Literal.optional().describe("the model's name; defaults to the endpoint's"),
    config: Literal.optional().describe("the endpoint config's name; defaults to the endpoint's"),
    ...team,
  }),
  "sagemaker-model-package-group": z.strictObject({
    type: z.literal("sagemaker-model-package-group"),
    name: Literal,
    ...team,
  }),
  "sagemaker-feature-group": z.strictObject({
    type: z.literal("sagemaker-feature-group"),
    name: Literal,
    ...team,
  }),
  "sagemaker-training-job": z.strictObject({
    type: z.literal("sagemaker-training-job"),
    name: JobName.describe("job name or prefix pattern, e.g. fraud-*"),
    ...team,
  }),
  "sagemaker-processing-job": z.strictObject({
    type: z.literal("sagemaker-processing-job"),
    name: JobName,
    ...team,
  }),
  "kms-key": z.strictObject({
    type: z.literal("kms-key"),
    arn: z
      .string()
      .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "a KMS key ARN"),
    ...team,
  }),
  "log-group": z.strictObject({ type: z.literal("log-group"), name: Literal, ...team }),
  // `name:` is the AWS shorthand; `aws:`/`gcp:` blocks the neutral form (neutral-resources.ts).
  secret: z
    .strictObject({
      type: z.literal("secret"),
      name: Literal.optional(),
      ...NeutralSecretLocators,
      ...team,
    })
    .refine((r) => (r.name !== undefined) !== (r.aws !== undefined || r.gcp !== undefined), {
      message: "give `name:` (AWS Secrets Manager) or `aws:`/`gcp:` blocks, not both",
    }),
  "bedrock-model": z.strictObject({
    type: z.literal("bedrock-model"),
    model: Literal,
    ...team,
  }),
  "lambda-function": z.strictObject({
    type: z.literal("lambda-function"),
    name: Literal,
    ...team,
  }),
} as const;
/** The AWS types of the first version: the kinds every check and generation row is keyed by. */
export type ResourceType = keyof typeof ResourceSchemas;
/** Every type a spec may write: the AWS shorthands and the cloud-neutral types. */
export type AnyResourceType = ResourceType | NeutralType;
export const ALL_RESOURCE_SCHEMAS = { ...ResourceSchemas, ...NeutralResourceSchemas } as const;
export const RESOURCE_TYPES = Object.keys(ALL_RESOURCE_SCHEMAS) as AnyResourceType[];

type SpecResourceShape = {
  [K in AnyResourceType]: z.infer<(typeof ALL_RESOURCE_SCHEMAS)[K]>;
}[AnyResourceType];

export const ResourceSchema = z.discriminatedUnion(
  "type",
  Object.values(ALL_RESOURCE_SCHEMAS) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

const Identity = z.union([
  z.strictObject({
    service: z
      .string()
      .regex(/^[a-z0-9.-]+\.amazonaws\.com$/)
      .describe("AWS service principal"),
  }),
  z.strictObject({
    github: z
      .strictObject({
        repo: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "write `org/repo`"),
        repositoryId: z
          .string()
          .regex(/^[1-9][0-9]*$/, "the repository's numeric id")
          .optional()
          .describe(
            "pins the repository by id (GCP: survives a rename and a re-created repository)",
          ),
        branch: z.string().min(1).optional(),
        environment: z.string().min(1).optional(),
      })
      .describe("GitHub Actions OIDC: exactly one of branch or environment"),
  }),
  z.strictObject({
    gke: z
      .strictObject({
        project: GcpProjectId.optional().describe(
          "the cluster's project; defaults to targets.gcp.project",
        ),
        namespace: z.string().min(1),
        serviceAccount: z.string().min(1).describe("the Kubernetes service account"),
      })
      .describe("GKE Workload Identity: the Kubernetes service account the pods run as"),
  }),
  z.strictObject({
    eks: z.strictObject({
      oidcProvider: z
        .string()
        .regex(
          /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com\/id\/[A-Z0-9]+$/,
          "oidc.eks.REGION.amazonaws.com/id/ID",
        ),
      namespace: z.string().min(1),
      serviceAccount: z.string().min(1),
    }),
  }),
]);

/** One need: a verb naming a resource (`read: datasets`), with `as` for start/deploy. */
export const NeedSchema = z.union(
  VERBS.map((verb) =>
    z.strictObject({
      [verb]: Name,
      as: Name.optional().describe(
        "the workload whose role the started job or deployed model runs as",
      ),
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export const WorkloadSchema = z.strictObject({
  kind: z.enum(WORKLOAD_KINDS),
  description: z.string().optional(),
  identity: Identity.optional().describe("defaults to the kind's AWS service"),
  needs: z.array(NeedSchema).default([]),
  network: z.enum(["isolated", "vpc-only", "any"]).default("any"),
  vpc: z
    .strictObject({
      subnets: z.array(z.string().regex(/^subnet-[0-9a-f]+$/)).min(1),
      securityGroups: z.array(z.string().regex(/^sg-[0-9a-f]+$/)).min(1),
    })
    .optional(),
  encryption: z
    .strictObject({ kmsKey: Name.describe("a kms-key resource for volumes and outputs") })
    .optional(),
  team: Name.optional(),
});

export const TeamSchema = z.strictObject({
  tag: z.string().min(1).optional().describe("the tag value; defaults to the team's name"),
  members: z.array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/)).default([]),
  boundary: z
    .strictObject({ services: z.array(z.string().regex(/^[a-z0-9-]+$/)).min(1) })
    .optional(),
});

/** Every Region leash knows, of any partition (aws-regions.ts); the partition is checked apart. */
const Region = z.enum(Object.values(REGIONS_BY_PARTITION).flat().sort() as [string, ...string[]]);

export const AwsTargetSchema = z.strictObject({
  account: z.string().regex(/^\d{12}$/, "a 12-digit account id"),
  region: Region.describe("a Region of the partition, e.g. us-east-1"),
  partition: z.enum(["aws", "aws-cn", "aws-us-gov"]).default("aws"),
  organization: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/)
    .optional(),
});

export const GcpTargetSchema = z.strictObject({
  project: GcpProjectId.describe("the project id workloads run in"),
  projectNumber: z
    .string()
    .regex(/^[1-9][0-9]{5,19}$/, "the project number, digits only")
    .describe("for workload identity pools and service agents"),
  region: z
    .string()
    .regex(/^[a-z]+-[a-z]+[0-9]+$/, "a region such as us-central1")
    .describe("the default region of Vertex AI, Artifact Registry and Cloud Run resources"),
  organization: z
    .string()
    .regex(/^[1-9][0-9]{5,19}$/, "the organization id, digits only")
    .optional(),
  folder: z
    .string()
    .regex(/^[1-9][0-9]{5,19}$/, "the folder id, digits only")
    .optional(),
});

export const PlatformSchema = z.strictObject({
  tagKey: z.string().min(1).default("team"),
  guardrails: z
    .strictObject({
      regions: z.array(Region).min(1).optional().describe("regions the organization may use"),
      requireBoundary: z.boolean().default(true),
      protectCloudTrail: z.boolean().default(true),
      denyLeavingOrganization: z.boolean().default(true),
    })
    .optional(),
});

export const SpecSchema = z.strictObject({
  version: z.literal(1),
  name: Name,
  targets: z.strictObject({ aws: AwsTargetSchema.optional(), gcp: GcpTargetSchema.optional() }),
  platform: PlatformSchema.optional(),
  resources: z.record(Name, ResourceSchema as unknown as z.ZodType<SpecResourceShape>).default({}),
  workloads: z.record(Name, WorkloadSchema),
  teams: z.record(Name, TeamSchema).default({}),
});

export type Spec = z.infer<typeof SpecSchema>;
export type Workload = z.infer<typeof WorkloadSchema>;
/** One resource, discriminated by `type`. */
export type SpecResource = SpecResourceShape;
/** A resource in one of the AWS shorthand types, as the AWS generator reads them. */
export type AwsResource = {
  [K in ResourceType]: z.infer<(typeof ResourceSchemas)[K]>;
}[ResourceType];
export type Team = z.infer<typeof TeamSchema>;

/** A spec as the AWS generator reads it: every resource in its AWS shorthand (resource-views.ts). */
export type AwsSpec = Omit<Spec, "resources"> & { resources: Record<string, AwsResource> };
