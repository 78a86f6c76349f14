export { renderAwsJson } from "./aws-json.js";
export { renderCloudFormation } from "./cloudformation.js";
export {
  findingsHeadline,
  type LintSummary,
  renderFindingsJson,
  severityCounts,
  summarize,
} from "./findings-json.js";
export { inlineMarkdown, renderFindingsMarkdown } from "./findings-markdown.js";
export {
  fileUri,
  type LintRuleMetadata,
  renderFindingsSarif,
  ruleHelpUri,
  SARIF_SCHEMA,
} from "./findings-sarif.js";
export { codeFrame, renderFindingsText } from "./findings-text.js";
export { renderGithubWorkflows } from "./github-actions.js";
export { renderTerraform } from "./terraform.js";
