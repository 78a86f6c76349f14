export {
  isAccountAuthorizationDetails,
  readAccountAuthorizationDetails,
} from "./account-authorization-details.js";
export { readCloudFormation } from "./cloudformation.js";
export { detectPolicyType, type InputResult, member } from "./common.js";
export {
  detectInputKind,
  type InputKind,
  type ReadInputsOptions,
  type ReadInputsResult,
  readInputs,
} from "./detect.js";
export {
  isLeashAwsJson,
  type LeashAwsJson,
  type LeashPolicy,
  type LeashRole,
  parseLeashAwsJson,
  readLeashAwsJson,
} from "./leash-aws-json.js";
export { type PolicyFileOptions, readPolicyFile } from "./policy-file.js";
export { isCloudFormationTemplate, isLeashSpec } from "./shapes.js";
export {
  readTerraform,
  readTerraformModule,
  type TerraformOptions,
} from "./terraform.js";
export { isTerraformPlan, readTerraformPlan } from "./terraform-plan.js";
export { convertStatement } from "./terraform-policy-document.js";
