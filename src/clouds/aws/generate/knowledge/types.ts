import type { ResourceType, Verb } from "../../../../spec/index.js";
import type { ConditionBlock } from "../types.js";

/** One statement a need grants; strings may use `{placeholders}` from resource facts. */
export interface GrantTemplate {
  /** Appended to the need's name to form the statement's Sid. */
  part: string;
  actions: string[];
  resources: string[];
  conditions?: ConditionBlock;
}

/** What one verb on one resource type means in AWS, with the page it follows. */
export interface KnowledgeRow {
  verb: Verb;
  type: ResourceType;
  grants: GrantTemplate[];
  source: string;
}
