export { loadSpec } from "./load.js";
export type { Path } from "./located-yaml.js";
export {
  awsLocation,
  awsView,
  kindOf,
  NEUTRAL_KIND,
  objectUris,
} from "./resource-views.js";
export type {
  AnyResourceType,
  AwsResource,
  AwsSpec,
  ResourceType,
  Spec,
  SpecResource,
  Team,
  Verb,
  Workload,
  WorkloadKind,
} from "./schema.js";
export { NAME, RESOURCE_TYPES, SpecSchema, VERBS, WORKLOAD_KINDS } from "./schema.js";
export { SCENARIOS, type Scenario, STARTERS } from "./starters.js";
export { specLocation } from "./validate.js";
export { RUNS_AS, SAGEMAKER_KINDS, VERB_TARGETS, VERBS_WITH_ROLE } from "./verbs.js";
