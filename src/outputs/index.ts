export { renderAwsJson } from "./aws-json.js";
export { renderCloudFormation } from "./cloudformation.js";
export { renderGithubWorkflows } from "./github-actions.js";
export { renderTerraform } from "./terraform.js";
