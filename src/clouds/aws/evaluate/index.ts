export type { DecisionOutcome } from "./decide.js";
export type {
  AwsEngineOptions,
  AwsPolicySet,
  AwsRequest,
  EvaluationResult,
  ExplainedResult,
} from "./engine.js";
export { AwsEngine } from "./engine.js";
export type { ConditionTrace, Explanation, StatementTrace } from "./explanation.js";
export type { Layer } from "./layers.js";
export {
  readCase,
  readCaseRequest,
  readCheckedRequest,
  readPolicySet,
  readRequest,
  readsTrustPolicy,
} from "./policy-set-input.js";
export type { PrincipalIdentity, PrincipalKind } from "./principal.js";
export { parsePrincipal } from "./principal.js";
export type { ContextInput, DefaultedKey } from "./request-context.js";
