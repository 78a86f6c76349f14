import type { AwsGeneration } from "../clouds/aws/generate/types.js";
import { renderAwsJson } from "./aws-json.js";
import { renderCloudFormation } from "./cloudformation.js";
import { renderCloudFormationManagement } from "./cloudformation-management.js";
import { renderGithubWorkflows } from "./github-actions.js";
import { renderTerraform } from "./terraform.js";
import { renderTerraformManagement } from "./terraform-management.js";

export type AwsFormat = "json" | "terraform" | "cloudformation";

/** A file of the output, by its path relative to the output directory. */
export interface OutputFile {
  file: string;
  content: string;
}

/**
 * Where what the management account deploys goes, beside the member
 * account's files: the SCPs are created and attached from the management
 * account, so they are a Terraform root module (or a template) of their own.
 */
export const MANAGEMENT_DIR = "management-account";

/**
 * Every file of a generation in one format, the member account's first:
 * `aws.json`, `main.tf` or `template.yaml`; then, when the spec has SCPs, the
 * management account's `management-account/main.tf` or
 * `management-account/template.yaml`; then one GitHub workflow per ci-stage.
 */
export function renderAwsFiles(g: AwsGeneration, format: AwsFormat): OutputFile[] {
  const files: OutputFile[] = [];
  const add = (file: string, content: string | undefined) => {
    if (content !== undefined) files.push({ file, content });
  };
  if (format === "json") add("aws.json", renderAwsJson(g));
  else if (format === "terraform") {
    add("main.tf", renderTerraform(g));
    add(`${MANAGEMENT_DIR}/main.tf`, renderTerraformManagement(g));
  } else {
    add("template.yaml", renderCloudFormation(g));
    add(`${MANAGEMENT_DIR}/template.yaml`, renderCloudFormationManagement(g));
  }
  return [...files, ...renderGithubWorkflows(g)];
}
