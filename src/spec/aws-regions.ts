/**
 * The Regions of each AWS partition, for checking `targets.aws.region` and
 * `platform.guardrails.regions` with a suggestion. A maintained table: the
 * catalog (Service Authorization Reference) lists no Regions. Source:
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 * ("Available AWS Regions"; the China and GovCloud (US) Regions are reached
 * only from accounts of their own partition, which the same page explains).
 * A Region AWS opens later is refused until it is added here, with its code
 * as AWS writes it.
 */
export const REGIONS_BY_PARTITION = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
} as const satisfies Record<string, readonly string[]>;

export type Partition = keyof typeof REGIONS_BY_PARTITION;

/** The partition a Region belongs to, if it is one leash knows. */
export function partitionOf(region: string): Partition | undefined {
  for (const [p, regions] of Object.entries(REGIONS_BY_PARTITION))
    if ((regions as readonly string[]).includes(region)) return p as Partition;
  return undefined;
}
