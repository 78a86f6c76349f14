import type { SourceLocation } from "../../../diagnostics/index.js";
import type { ParsedCel } from "./condition.js";

/** An IAM Condition: a CEL expression with its title (cloud.google.com/iam/docs/conditions-overview). */
export interface GcpCondition {
  expression: string;
  title?: string;
  description?: string;
  cel: ParsedCel;
  loc: SourceLocation;
}

/** One binding of an allow policy: a role granted to members, under an optional condition. */
export interface GcpBinding {
  role: string;
  members: { member: string; loc: SourceLocation }[];
  condition?: GcpCondition;
  /** Where the binding is: `/hierarchy/0/policy/bindings/2`. */
  pointer: string;
  loc: SourceLocation;
}

/** An allow policy as `get-iam-policy` prints it; audit configs play no part in decisions. */
export interface GcpAllowPolicy {
  version: number;
  bindings: GcpBinding[];
}

export interface GcpDenyRule {
  deniedPrincipals: string[];
  exceptionPrincipals: string[];
  deniedPermissions: string[];
  exceptionPermissions: string[];
  denialCondition?: GcpCondition;
  pointer: string;
  loc: SourceLocation;
}

/** An IAM v2 deny policy and the node it is attached to. */
export interface GcpDenyPolicy {
  attachmentPoint: string;
  name?: string;
  rules: GcpDenyRule[];
  pointer: string;
}

/** A principal access boundary policy bound to a principal set the principal is in. */
export interface GcpBoundaryPolicy {
  name?: string;
  enforcementVersion: string;
  /** The resources (organization, folders, projects) whose descendants the principal is eligible to reach. */
  resources: string[];
  pointer: string;
}

export interface GcpCustomRole {
  name: string;
  permissions: ReadonlySet<string>;
  stage?: string;
  pointer: string;
}

/** One node of the resource hierarchy: the resource first, then its ancestors up to the organization. */
export interface GcpHierarchyNode {
  resource: string;
  policy?: GcpAllowPolicy;
  /** Tags bound at this node: namespaced key (`ORG/env`) or `tagKeys/ID` -> short value or `tagValues/ID`. */
  tags: Map<string, string>;
  pointer: string;
}
