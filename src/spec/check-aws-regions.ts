import { closest, type Diagnostic } from "../diagnostics/index.js";
import { partitionOf, REGIONS_BY_PARTITION } from "./aws-regions.js";
import { isObject } from "./is-object.js";
import type { LocatedYaml, Path } from "./located-yaml.js";
import type { Spec } from "./schema.js";
import { specDiagnostic } from "./spec-diagnostic.js";

const REGIONS_PAGE =
  "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html";

/**
 * A KMS key ARN's partition and Region: a key of another partition can never
 * be used from this one, and a Region leash does not know is most often a typo
 * (the ARN's own syntax is the schema's to check).
 */
function keyArnDiagnostics(arn: string, partition: string, path: Path, yaml: LocatedYaml) {
  const [, keyPartition, , region] = arn.split(":");
  if (keyPartition === undefined || region === undefined) return [];
  if (keyPartition !== partition)
    return [
      specDiagnostic(
        yaml,
        "partition-mismatch",
        `the key \`${arn}\` is in the \`${keyPartition}\` partition, and the target is in \`${partition}\``,
        "a role can use only keys of its own partition: name a key of the target's partition",
        path,
      ),
    ];
  return unknownRegion(`the key \`${arn}\``, region, partition, path, yaml);
}

/** A Region named inside another value (an ARN, a host name) that the partition does not have. */
function unknownRegion(
  what: string,
  region: string,
  partition: string,
  path: Path,
  yaml: LocatedYaml,
): Diagnostic[] {
  const regions: readonly string[] =
    REGIONS_BY_PARTITION[partition as keyof typeof REGIONS_BY_PARTITION] ?? [];
  if (regions.includes(region)) return [];
  const near = closest(region, regions);
  return [
    specDiagnostic(
      yaml,
      "unknown-region",
      `${what} names \`${region}\`, which is not a Region of \`${partition}\``,
      near ? `did you mean \`${near}\`? (${REGIONS_PAGE})` : `see ${REGIONS_PAGE}`,
      path,
    ),
  ];
}

const KMS_REGIONAL = "https://docs.aws.amazon.com/kms/latest/developerguide/overview.html";
const KMS_MULTI_REGION =
  "https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html";

/**
 * A SageMaker job encrypts its volumes and outputs in the Region it runs in,
 * the target's: a KMS key is created in one Region and used there
 * (KMS_REGIONAL), so a key of another Region fails the job at launch. Only a
 * multi-Region key, whose id starts with `mrk-` (KMS_MULTI_REGION), has a
 * replica with the same id in other Regions. A need on a key (`decrypt`) is
 * not checked: S3 and others call KMS in their own Region.
 */
function encryptionKeyRegions(spec: Spec, region: string, yaml: LocatedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, w] of Object.entries(spec.workloads as Record<string, unknown>)) {
    const key = isObject(w) && isObject(w.encryption) ? w.encryption.kmsKey : undefined;
    const r = typeof key === "string" ? spec.resources[key] : undefined;
    const arn =
      r?.type === "kms-key" ? r.arn : r?.type === "encryption-key" ? r.aws?.arn : undefined;
    if (typeof arn !== "string") continue;
    const [, , , keyRegion, , , id] = arn.split(/[:/]/);
    if (keyRegion === undefined || keyRegion === region || id?.startsWith("mrk-")) continue;
    out.push(
      specDiagnostic(
        yaml,
        "kms-key-region",
        `\`${key}\` is a key of \`${keyRegion}\`, and \`${name}\` runs in \`${region}\`: a KMS key is regional (${KMS_REGIONAL}), so SageMaker cannot encrypt this job's volumes and outputs with it`,
        `name a key of \`${region}\`, or a multi-Region key (its id starts with \`mrk-\`: ${KMS_MULTI_REGION})`,
        ["workloads", name, "encryption", "kmsKey"],
      ),
    );
  }
  return out;
}

/**
 * The target Region, the guardrails' Regions and each KMS key's Region belong
 * to the target's partition: a China or GovCloud Region is reached only from
 * an account of its own partition. (Unknown Regions in `region` and
 * `guardrails.regions` are the schema's to report, with a suggestion.)
 */
export function regionDiagnostics(spec: Spec, yaml: LocatedYaml): Diagnostic[] {
  const aws = spec.targets?.aws as Record<string, unknown> | undefined;
  if (!isObject(aws)) return [];
  const partition = typeof aws.partition === "string" ? aws.partition : "aws";
  if (!Object.hasOwn(REGIONS_BY_PARTITION, partition)) return [];
  const out: Diagnostic[] = [];
  const check = (region: unknown, path: Path) => {
    if (typeof region !== "string") return;
    const home = partitionOf(region);
    if (home === undefined || home === partition) return;
    out.push(
      specDiagnostic(
        yaml,
        "region-not-in-partition",
        `\`${region}\` is a Region of the \`${home}\` partition, not of \`${partition}\``,
        `set \`targets.aws.partition: ${home}\`, or use a Region of \`${partition}\` (${REGIONS_PAGE})`,
        path,
      ),
    );
  };
  check(aws.region, ["targets", "aws", "region"]);
  for (const [name, w] of Object.entries(spec.workloads as Record<string, unknown>)) {
    const eks = isObject(w) && isObject(w.identity) ? w.identity.eks : undefined;
    const provider = isObject(eks) ? eks.oidcProvider : undefined;
    const region =
      typeof provider === "string" ? /^oidc\.eks\.([^.]+)\./.exec(provider)?.[1] : undefined;
    if (region !== undefined)
      out.push(
        ...unknownRegion(
          `the OIDC provider \`${String(provider)}\``,
          region,
          partition,
          ["workloads", name, "identity", "eks", "oidcProvider"],
          yaml,
        ),
      );
  }
  for (const [name, r] of Object.entries(spec.resources as Record<string, unknown>))
    if (isObject(r) && r.type === "kms-key" && typeof r.arn === "string")
      out.push(...keyArnDiagnostics(r.arn, partition, ["resources", name, "arn"], yaml));
  if (typeof aws.region === "string") out.push(...encryptionKeyRegions(spec, aws.region, yaml));
  const regions = spec.platform?.guardrails?.regions;
  if (Array.isArray(regions)) {
    for (const [i, r] of regions.entries()) check(r, ["platform", "guardrails", "regions", i]);
    // The SCP denies every other Region: the roles' own Region among them would deny every need.
    if (typeof aws.region === "string" && !regions.includes(aws.region))
      out.push(
        specDiagnostic(
          yaml,
          "region-not-allowed",
          `the guardrails allow only ${regions.map((r) => `\`${String(r)}\``).join(", ")}, and the roles work in \`${aws.region}\`: the SCP would deny every need`,
          `add \`${aws.region}\` to \`platform.guardrails.regions\``,
          ["platform", "guardrails", "regions"],
        ),
      );
  }
  return out;
}
