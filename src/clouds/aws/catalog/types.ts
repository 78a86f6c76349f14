/**
 * IAM access levels as the Service Authorization Reference names them. The
 * package writes an action with two levels as both, comma-separated: in
 * 0.21 every tagging and permissions-management action is also `Write`.
 */
export type AccessLevel =
  | "List"
  | "Read"
  | "Write"
  | "Permissions management"
  | "Tagging"
  | "Permissions management, Write"
  | "Tagging, Write";

/** The value type of a condition key, as the Service Authorization Reference names it. */
export type ConditionKeyType =
  | "String"
  | "ArrayOfString"
  | "ARN"
  | "ArrayOfARN"
  | "Numeric"
  | "ArrayOfNumeric"
  | "Date"
  | "ArrayOfDate"
  | "Bool"
  | "ArrayOfBool"
  | "IPAddress"
  | "ArrayOfIPAddress"
  | "Binary"
  | string;

export interface ActionResourceType {
  /** The resource type key (e.g. `object`), or a condition-key-only row. */
  name: string;
  required: boolean;
  conditionKeys: readonly string[];
}

export interface ActionInfo {
  /** `s3:GetObject`, with the catalog's capitalisation. */
  fullName: string;
  service: string;
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: ActionResourceType[];
  conditionKeys: readonly string[];
  /** True when the action takes no resource ARN and only accepts `"Resource": "*"`. */
  wildcardOnly: boolean;
}

export interface ResourceTypeInfo {
  key: string;
  /** ARN template with `${Partition}`, `${Region}`, `${Account}` placeholders. */
  arn: string;
  conditionKeys: readonly string[];
}

export interface ConditionKeyInfo {
  key: string;
  type: ConditionKeyType;
}

export interface ServiceInfo {
  key: string;
  name: string;
  /** Keyed by lower-case action name. */
  actions: ReadonlyMap<string, ActionInfo>;
  resourceTypes: ReadonlyMap<string, ResourceTypeInfo>;
  /** Keyed by lower-case condition key. */
  conditionKeys: ReadonlyMap<string, ConditionKeyInfo>;
}
