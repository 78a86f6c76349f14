/**
 * What `leash generate --cloud gcp` produces, as plain JSON-ready data: the
 * outputs layer renders it as JSON (gcp.json) or Terraform (gcp/main.tf).
 * Every binding names the full resource name it is set on, so that any
 * evaluator can replay it (docs/generation/gcp.md).
 */

/** Where a binding is set: the narrowest resource that carries an allow policy. */
export type Scope =
  | { kind: "project"; project: string }
  | { kind: "bucket"; bucket: string }
  | { kind: "repository"; project: string; location: string; repository: string }
  | { kind: "endpoint"; project: string; location: string; endpoint: string }
  | { kind: "crypto-key"; project: string; location: string; keyRing: string; key: string }
  | { kind: "secret"; project: string; secret: string }
  | { kind: "run-service"; project: string; location: string; service: string }
  | { kind: "service-account"; project: string; email: string };

export interface GcpConditionJson {
  title: string;
  description?: string;
  expression: string;
}

export interface GcpBindingJson {
  role: string;
  members: string[];
  condition?: GcpConditionJson;
}

/** The bindings leash adds to one resource's allow policy. */
export interface ResourceBindings {
  /** Full resource name: `//storage.googleapis.com/projects/_/buckets/B`. */
  resource: string;
  scope: Scope;
  bindings: (GcpBindingJson & { why: string })[];
}

export interface GeneratedServiceAccount {
  workload: string;
  accountId: string;
  email: string;
  member: string;
  displayName: string;
  description: string;
}

export interface GeneratedCustomRole {
  /** `projects/P/roles/ID`. */
  name: string;
  roleId: string;
  title: string;
  description: string;
  includedPermissions: string[];
  stage: "GA";
}

/** A predefined role used where a custom role cannot hold a permission, with why. */
export interface PredefinedRoleUse {
  role: string;
  workload: string;
  why: string;
}

export interface WorkloadIdentityPool {
  poolId: string;
  /** `projects/NUMBER/locations/global/workloadIdentityPools/POOL`. */
  name: string;
  providers: {
    providerId: string;
    issuerUri: string;
    attributeMapping: Record<string, string>;
    attributeCondition: string;
    repository: string;
  }[];
}

export interface GcpDenyPolicyJson {
  name: string;
  attachmentPoint: string;
  displayName: string;
  rules: {
    denyRule: {
      deniedPrincipals: string[];
      exceptionPrincipals?: string[];
      deniedPermissions: string[];
      denialCondition?: GcpConditionJson;
    };
  }[];
}

export interface GcpBoundaryPolicyJson {
  name: string;
  displayName: string;
  enforcementVersion: string;
  rules: { resources: string[]; effect: "ALLOW"; description: string }[];
  /** The principal set the policy is bound to. */
  boundTo: string;
}

export interface OrgPolicyJson {
  constraint: string;
  /** Where it is set: `projects/P`, `folders/F` or `organizations/O`. */
  parent: string;
  rule: { enforce: true } | { values: { allowedValues: string[] } };
  why: string;
}

/** The team tag: one key, a value per team, bound to each team's buckets and repositories. */
export interface TeamTags {
  /** `organizations/O` or `projects/P`: where the key is created. */
  parent: string;
  shortName: string;
  /** `O/team` or `P/team`, as conditions name it. */
  namespacedKey: string;
  values: string[];
  bindings: { resource: string; value: string }[];
}

export interface GcpRoleSelfCheck {
  workload: string;
  member: string;
  needsGranted: number;
  needsDenied: { need: string; permission: string; resource: string; reason: string }[];
  otherPermissionsDenied: number;
  extra: { permission: string; resource: string }[];
}

export interface GcpSelfCheckReport {
  ok: boolean;
  workloads: GcpRoleSelfCheck[];
  /** Workload identity federation: the pinned subject may impersonate, another may not. */
  federation: { workload: string; subject: string; allowed: boolean; othersDenied: boolean }[];
}

export interface GcpGeneration {
  cloud: "gcp";
  catalogVersion: string;
  spec: string;
  project: string;
  projectNumber: string;
  region: string;
  organization?: string;
  serviceAccounts: GeneratedServiceAccount[];
  customRoles: GeneratedCustomRole[];
  predefinedRoles: PredefinedRoleUse[];
  resources: ResourceBindings[];
  workloadIdentityPool?: WorkloadIdentityPool;
  denyPolicies: GcpDenyPolicyJson[];
  principalAccessBoundaryPolicies: GcpBoundaryPolicyJson[];
  organizationPolicies: OrgPolicyJson[];
  teamTags?: TeamTags;
  /** What the workloads' own configuration must say (the service account a job runs as...). */
  notes: string[];
  selfCheck: GcpSelfCheckReport;
}
