import type { AwsGeneration } from "../clouds/aws/generate/types.js";
import type { GcpGeneration } from "../clouds/gcp/generate/types.js";
import type { CloudGeneration, CloudId } from "../clouds/provider.js";
import { type AwsFormat, type OutputFile, renderAwsFiles } from "./aws-files.js";
import { renderGcpFiles } from "./gcp-files.js";

/** Every format any cloud writes; `CLOUD_FORMATS` says which one each cloud writes. */
export const FORMATS = ["json", "terraform", "cloudformation"] as const;
export type Format = (typeof FORMATS)[number];

export const CLOUD_FORMATS: Partial<Record<CloudId, readonly Format[]>> = {
  aws: ["json", "terraform", "cloudformation"],
  gcp: ["json", "terraform"],
};

/** A cloud's generation as files in one format; undefined when the cloud has no such format. */
export function renderCloudFiles(g: CloudGeneration, format: Format): OutputFile[] | undefined {
  if (!CLOUD_FORMATS[g.cloud]?.includes(format)) return undefined;
  switch (g.cloud) {
    case "aws":
      return renderAwsFiles(g as AwsGeneration, format as AwsFormat);
    case "gcp":
      return renderGcpFiles(g as GcpGeneration, format as "json" | "terraform");
    default:
      return undefined;
  }
}
