export { generateAws } from "./generate.js";
export { KINDS } from "./knowledge/kinds.js";
export { KNOWLEDGE, knowledgeFor } from "./knowledge/needs.js";
export type {
  AwsGeneration,
  GeneratedRole,
  GithubWorkflowSnippet,
  NamedPolicy,
  PolicyDocumentJson,
  PolicyStatementJson,
  RoleSelfCheck,
  SelfCheckReport,
} from "./types.js";
