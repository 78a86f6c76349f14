/**
 * leash's library API: explicit named exports only.
 */

// AWS: catalog
export { AwsCatalog, awsCatalog } from "./clouds/aws/catalog/catalog.js";
export type {
  AccessLevel,
  ActionInfo,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
} from "./clouds/aws/catalog/types.js";
// AWS: evaluation
export type {
  AwsEngineOptions,
  AwsPolicySet,
  AwsRequest,
  ConditionTrace,
  ContextInput,
  DefaultedKey,
  EvaluationResult,
  ExplainedResult,
  Explanation,
  Layer,
  StatementTrace,
} from "./clouds/aws/evaluate/index.js";
export { AwsEngine, readCase, readPolicySet, readRequest } from "./clouds/aws/evaluate/index.js";
// AWS: generation
export type {
  AwsGeneration,
  GeneratedRole,
  GithubWorkflowSnippet,
  NamedPolicy,
  PolicyDocumentJson,
  PolicyStatementJson,
  RoleSelfCheck,
  SelfCheckReport,
} from "./clouds/aws/generate/index.js";
export { generateAws, KNOWLEDGE } from "./clouds/aws/generate/index.js";
// AWS: policies
export type {
  ConditionClause,
  ParsePolicyOptions,
  ParsePolicyResult,
  Policy,
  PolicyType,
  Statement,
} from "./clouds/aws/policy/index.js";
export { parsePolicy } from "./clouds/aws/policy/index.js";
export type { GcpRole } from "./clouds/gcp/catalog/catalog.js";
// GCP: catalog, evaluation, generation
export { GcpCatalog, gcpCatalog } from "./clouds/gcp/catalog/catalog.js";
export { readGcpCase } from "./clouds/gcp/evaluate/case-input.js";
export type { GcpCase, GcpEngineOptions, GcpRequest } from "./clouds/gcp/evaluate/engine.js";
export { GcpEngine } from "./clouds/gcp/evaluate/engine.js";
export type {
  GcpDecision,
  GcpExplanation,
  GcpResult,
} from "./clouds/gcp/evaluate/explanation.js";
export type { GcpGeneration } from "./clouds/gcp/generate/index.js";
export { generateGcp } from "./clouds/gcp/generate/index.js";
// Diagnostics
export type { Diagnostic, Severity, SourceLocation } from "./diagnostics/index.js";
export {
  fromPlain,
  parseLocatedJson,
  renderDiagnostic,
  renderDiagnostics,
  sortDiagnostics,
} from "./diagnostics/index.js";
// Cloud-neutral model
export type { Decision, Invalid } from "./model/index.js";
// Outputs
export type { AwsFormat, OutputFile } from "./outputs/index.js";
export {
  MANAGEMENT_DIR,
  renderAwsFiles,
  renderAwsJson,
  renderCloudFormation,
  renderCloudFormationManagement,
  renderGithubWorkflows,
  renderTerraform,
  renderTerraformManagement,
} from "./outputs/index.js";
// Spec
export type { Spec, SpecResource, Team, Verb, Workload, WorkloadKind } from "./spec/index.js";
export {
  loadSpec,
  RESOURCE_TYPES,
  SCENARIOS,
  STARTERS,
  VERBS,
  WORKLOAD_KINDS,
} from "./spec/index.js";
export { leashJsonSchema } from "./spec/json-schema.js";
