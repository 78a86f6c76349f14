export {
  type AwsFormat,
  MANAGEMENT_DIR,
  type OutputFile,
  renderAwsFiles,
} from "./aws-files.js";
export { renderAwsJson } from "./aws-json.js";
export { CLOUD_FORMATS, FORMATS, type Format, renderCloudFiles } from "./cloud-files.js";
export { renderCloudFormation } from "./cloudformation.js";
export { renderCloudFormationManagement } from "./cloudformation-management.js";
export {
  findingsHeadline,
  type LintSummary,
  renderFindingsJson,
  severityCounts,
  summarize,
} from "./findings-json.js";
export {
  GITHUB_COMMENT_LIMIT,
  inlineMarkdown,
  renderFindingsMarkdown,
} from "./findings-markdown.js";
export {
  checkedLine,
  type LintRun,
  runNotifications,
  type SkippedInput,
  skippedWhy,
} from "./findings-run.js";
export {
  fileUri,
  type LintRuleMetadata,
  renderFindingsSarif,
  ruleHelpUri,
  SARIF_SCHEMA,
} from "./findings-sarif.js";
export { codeFrame, FRAME_WIDTH, renderFindingsText } from "./findings-text.js";
export { type GcpFormat, renderGcpFiles } from "./gcp-files.js";
export { renderGcpJson } from "./gcp-json.js";
export { renderGcpTerraform } from "./gcp-terraform.js";
export { renderGithubWorkflows } from "./github-actions.js";
export { renderTerraform } from "./terraform.js";
export { renderTerraformManagement } from "./terraform-management.js";
