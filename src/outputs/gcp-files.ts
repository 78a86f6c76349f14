import type { GcpGeneration } from "../clouds/gcp/generate/types.js";
import type { OutputFile } from "./aws-files.js";
import { renderGcpJson } from "./gcp-json.js";
import { renderGcpTerraform } from "./gcp-terraform.js";

export type GcpFormat = "json" | "terraform";

/** A GCP generation's file: `gcp.json`, or the root module `gcp/main.tf` (beside AWS's `main.tf`). */
export function renderGcpFiles(g: GcpGeneration, format: GcpFormat): OutputFile[] {
  return format === "json"
    ? [{ file: "gcp.json", content: renderGcpJson(g) }]
    : [{ file: "gcp/main.tf", content: renderGcpTerraform(g) }];
}
