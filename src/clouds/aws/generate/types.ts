/**
 * What `leash generate` produces for AWS, as plain JSON-ready data. The
 * outputs layer renders it as JSON, Terraform or CloudFormation; every form
 * carries the same policy documents.
 */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatementJson {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocumentJson {
  Version: "2012-10-17";
  Statement: PolicyStatementJson[];
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocumentJson;
}

export interface GeneratedRole {
  /** The IAM role name, `<spec name>-<workload>`. */
  name: string;
  workload: string;
  description: string;
  trustPolicy: PolicyDocumentJson;
  inlinePolicies: NamedPolicy[];
  /** The team's boundary, also listed in `managedPolicies`. */
  permissionBoundary: PolicyDocumentJson | null;
  permissionBoundaryName: string | null;
  tags: Record<string, string>;
}

/** A complete GitHub Actions workflow whose job assumes a ci-stage role. */
export interface GithubWorkflowSnippet {
  workload: string;
  roleName: string;
  /** The workflow file's text, for `.github/workflows/*.yml`. */
  yaml: string;
}

export interface RoleSelfCheck {
  role: string;
  workload: string;
  /** Needs of the spec whose every statement simulates as Allowed (the kind's baseline is checked, not counted). */
  needsGranted: number;
  /**
   * Requests that did not, each an error: `need` is the spec need it serves
   * (`<index>:<verb>:<resource>`), absent for the kind's or encryption's own grants.
   */
  needsDenied: { action: string; resource: string; decision: string; need?: string }[];
  /** Conditions that did not bind: the request still passed with that key's value wrong. */
  looseConditions: { action: string; key: string }[];
  /** Catalog actions this role is denied on every probe resource. */
  otherActionsDenied: number;
  /** Allowed requests no need asked for: each one is an error. */
  extra: { action: string; resource: string }[];
}

export interface SelfCheckReport {
  /** Catalog actions checked per role. */
  catalogActions: number;
  /** Resources each action was tried on: the spec's, other teams', and foreign twins. */
  probeResources: number;
  roles: RoleSelfCheck[];
  ok: boolean;
}

export interface AwsGeneration {
  cloud: "aws";
  catalogVersion: string;
  spec: string;
  account: string;
  region: string;
  partition: string;
  /** The organization's id (`o-…`), when the spec gives `targets.aws.organization`. */
  organization?: string;
  roles: GeneratedRole[];
  /** Customer managed policies: the teams' permission boundaries. */
  managedPolicies: NamedPolicy[];
  serviceControlPolicies: NamedPolicy[];
  githubWorkflows: GithubWorkflowSnippet[];
  selfCheck: SelfCheckReport;
}
