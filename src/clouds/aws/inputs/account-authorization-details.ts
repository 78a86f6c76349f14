import { type Diagnostic, type JsonNode, parseLocatedJson } from "../../../diagnostics/index.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";
import {
  decodePolicyString,
  type InputResult,
  inputDiagnostic,
  itemsOf,
  kindName,
  member,
  parseEmbeddedJson,
  stringOf,
} from "./common.js";

/** True for a JSON value that looks like `aws iam get-account-authorization-details` output. */
export function isAccountAuthorizationDetails(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if ("UserDetailList" in value || "RoleDetailList" in value || "GroupDetailList" in value)
    return true;
  // `--filter LocalManagedPolicy` output has managed policies only.
  const policies = (value as { Policies?: unknown }).Policies;
  return (
    Array.isArray(policies) &&
    policies.some((p) => p !== null && typeof p === "object" && "PolicyVersionList" in p)
  );
}

interface ManagedPolicy {
  arn: string;
  name: string;
  /** The default version's document; undefined when it is missing or unreadable. */
  document: JsonNode | undefined;
  /** Whether some principal uses it (attached or as a boundary). */
  used: boolean;
}

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

/**
 * Reads the output of `aws iam get-account-authorization-details` and
 * produces, per principal (`user/NAME`, `role/NAME`), the documents that
 * apply to it: inline and attached managed policies (a user's also through
 * its groups) as identity policies, a role's trust policy, and permission
 * boundaries. Documents point into the export file; documents given as
 * URL-encoded strings (raw API output) are decoded and reported at the
 * string's position.
 */
export function readAccountAuthorizationDetails(text: string, file: string): InputResult {
  const parsed = parseLocatedJson(text, file);
  if (!parsed.node) {
    return {
      documents: [],
      diagnostics: parsed.diagnostics.map((d) => ({ ...d, code: "input/json-syntax" })),
    };
  }
  return new ExportReader(file).read(parsed.node);
}

/** A managed policy's name for fingerprints (its ARN, whoever attaches it), and whether AWS owns it. */
function managedIdentity(policy: ManagedPolicy): { id: string; awsManaged?: true } {
  return AWS_MANAGED.test(policy.arn) ? { id: policy.arn, awsManaged: true } : { id: policy.arn };
}

class ExportReader {
  private readonly documents: LintDocument[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly managed = new Map<string, ManagedPolicy>();
  private readonly decoded = new Map<JsonNode, JsonNode | undefined>();
  /** The account the export is of, from its principals' and policies' ARNs. */
  private readonly accounts = new Set<string>();

  constructor(private readonly file: string) {}

  read(root: JsonNode): InputResult {
    if (root.kind !== "object") {
      this.problem(
        "invalid-export",
        `the account export is ${kindName(root)}, not an object`,
        root,
        "pass the unmodified output of `aws iam get-account-authorization-details`",
      );
      return this.result();
    }
    for (const key of ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"])
      for (const item of itemsOf(member(root, key))) {
        const account = /^arn:[^:]+:iam::(\d{12}):/.exec(stringOf(member(item, "Arn")) ?? "")?.[1];
        if (account) this.accounts.add(account);
      }
    for (const p of this.list(root, "Policies")) this.readManagedPolicy(p);
    const groups = new Map<string, { node: JsonNode; members: number }>();
    for (const g of this.list(root, "GroupDetailList")) {
      const name = this.name(g, "GroupName");
      if (name !== undefined) groups.set(name, { node: g, members: 0 });
    }
    for (const u of this.list(root, "UserDetailList")) {
      const name = this.name(u, "UserName");
      if (name === undefined) continue;
      const principal = `user/${name}`;
      this.inline(member(u, "UserPolicyList"), principal, `${principal} inline`);
      this.attached(member(u, "AttachedManagedPolicies"), principal, `${principal} managed`);
      for (const g of itemsOf(member(u, "GroupList"))) {
        const groupName = stringOf(g);
        const group = groupName === undefined ? undefined : groups.get(groupName);
        if (!group) {
          this.problem(
            "missing-group",
            `group \`${groupName ?? "?"}\` of ${principal} is not in GroupDetailList`,
            g,
            "export the whole account (no --filter) so that group policies are included",
            "warning",
          );
          continue;
        }
        group.members++;
        const via = `${principal} via group ${groupName}`;
        this.inline(
          member(group.node, "GroupPolicyList"),
          principal,
          `${via} inline`,
          `group/${groupName}`,
        );
        this.attached(member(group.node, "AttachedManagedPolicies"), principal, `${via} managed`);
      }
      this.boundary(u, principal);
    }
    // A group without members grants nothing yet; its policies are still checked.
    for (const [name, group] of groups) {
      if (group.members > 0) continue;
      const principal = `group/${name}`;
      this.inline(member(group.node, "GroupPolicyList"), principal, `${principal} inline`);
      this.attached(
        member(group.node, "AttachedManagedPolicies"),
        principal,
        `${principal} managed`,
      );
    }
    for (const r of this.list(root, "RoleDetailList")) {
      const name = this.name(r, "RoleName");
      if (name === undefined) continue;
      const principal = `role/${name}`;
      const trust = member(r, "AssumeRolePolicyDocument");
      if (trust) this.add(trust, "trust", `${principal} trust policy`, principal);
      this.inline(member(r, "RolePolicyList"), principal, `${principal} inline`);
      this.attached(member(r, "AttachedManagedPolicies"), principal, `${principal} managed`);
      this.boundary(r, principal);
    }
    // Customer managed policies attached to nobody are checked on their own.
    for (const [arn, policy] of this.managed) {
      if (!policy.used && policy.document && !AWS_MANAGED.test(arn))
        this.documents.push({
          file: this.file,
          node: policy.document,
          type: "identity",
          name: `managed ${policy.name}`,
          id: arn,
        });
    }
    return this.result();
  }

  private result(): InputResult {
    // The export's own account is trusted: a role's trust in its own account is not cross-account.
    if (this.accounts.size > 0) {
      const trustedAccounts = [...this.accounts];
      for (const d of this.documents) d.trustedAccounts = trustedAccounts;
    }
    return { documents: this.documents, diagnostics: this.diagnostics };
  }

  private problem(
    code: string,
    message: string,
    at: JsonNode,
    help: string,
    severity: "error" | "warning" = "error",
  ): void {
    this.diagnostics.push(inputDiagnostic(code, message, at.loc, help, severity));
  }

  /** The object items of a top-level list, reporting anything malformed. */
  private list(root: JsonNode, key: string): JsonNode[] {
    const node = member(root, key);
    if (node === undefined) return [];
    if (node.kind !== "array") {
      this.problem(
        "invalid-export",
        `\`${key}\` is ${kindName(node)}, not an array`,
        node,
        "pass the unmodified output of `aws iam get-account-authorization-details`",
      );
      return [];
    }
    return node.items.filter((item) => {
      if (item.kind === "object") return true;
      this.problem(
        "invalid-export",
        `an item of \`${key}\` is ${kindName(item)}, not an object`,
        item,
        "pass the unmodified output of `aws iam get-account-authorization-details`",
      );
      return false;
    });
  }

  private name(item: JsonNode, key: string): string | undefined {
    const name = stringOf(member(item, key));
    if (name === undefined)
      this.problem(
        "invalid-export",
        `the item has no \`${key}\``,
        item,
        "pass the unmodified output of `aws iam get-account-authorization-details`",
      );
    return name;
  }

  /** A policy document as an object node: given as an object, or as (URL-encoded) JSON text. */
  private document(node: JsonNode, what: string): JsonNode | undefined {
    if (this.decoded.has(node)) return this.decoded.get(node);
    let doc: JsonNode | undefined;
    if (node.kind === "object") doc = node;
    else if (node.kind === "string") {
      const decoded = decodePolicyString(node.value);
      if ("error" in decoded) {
        this.problem(
          "invalid-policy-json",
          `${what} is not valid JSON: ${decoded.error}`,
          node,
          "the document must be a JSON object or its URL-encoded text",
        );
      } else {
        const r = parseEmbeddedJson(decoded.text, node.loc, what);
        this.diagnostics.push(...r.diagnostics);
        doc = r.node;
      }
    } else {
      this.problem(
        "invalid-export",
        `${what} is ${kindName(node)}, not a policy document`,
        node,
        "the document must be a JSON object or its URL-encoded text",
      );
    }
    this.decoded.set(node, doc);
    return doc;
  }

  private add(
    node: JsonNode,
    type: PolicyType,
    name: string,
    principal: string,
    id?: string,
  ): void {
    const doc = this.document(node, `the document of ${name}`);
    if (doc)
      this.documents.push({
        file: this.file,
        node: doc,
        type,
        name,
        principal,
        ...(id ? { id } : {}),
      });
  }

  private readManagedPolicy(p: JsonNode): void {
    const arn = stringOf(member(p, "Arn"));
    if (arn === undefined) {
      this.name(p, "Arn");
      return;
    }
    const name = stringOf(member(p, "PolicyName")) ?? arn;
    const defaultId = stringOf(member(p, "DefaultVersionId"));
    const versions = itemsOf(member(p, "PolicyVersionList"));
    const version =
      versions.find((v) => {
        const flag = member(v, "IsDefaultVersion");
        return flag?.kind === "boolean" && flag.value;
      }) ??
      versions.find(
        (v) => defaultId !== undefined && stringOf(member(v, "VersionId")) === defaultId,
      );
    const docNode = member(version, "Document");
    let document: JsonNode | undefined;
    if (docNode) document = this.document(docNode, `the default version of managed policy ${name}`);
    else
      this.problem(
        "invalid-export",
        `managed policy \`${name}\` has no default version document in \`PolicyVersionList\``,
        p,
        "pass the unmodified output of `aws iam get-account-authorization-details`",
        "warning",
      );
    this.managed.set(arn, { arn, name, document, used: false });
  }

  /** `owner` names the policy whoever it applies to (a group's, for its members). */
  private inline(
    list: JsonNode | undefined,
    principal: string,
    label: string,
    owner = principal,
  ): void {
    for (const item of itemsOf(list)) {
      const policyName = stringOf(member(item, "PolicyName")) ?? item.loc.pointer;
      const doc = member(item, "PolicyDocument");
      if (doc)
        this.add(
          doc,
          "identity",
          `${label} ${policyName}`,
          principal,
          `${owner} inline ${policyName}`,
        );
      else
        this.problem(
          "invalid-export",
          `inline policy \`${policyName}\` of ${principal} has no \`PolicyDocument\``,
          item,
          "pass the unmodified output of `aws iam get-account-authorization-details`",
        );
    }
  }

  private managedDocument(arnNode: JsonNode | undefined, principal: string) {
    const arn = stringOf(arnNode);
    if (arn === undefined || !arnNode) return undefined;
    const policy = this.managed.get(arn);
    if (!policy) {
      this.problem(
        "missing-managed-policy",
        `managed policy \`${arn}\` of ${principal} is not in the export's \`Policies\``,
        arnNode,
        "export without `--filter`, or include `LocalManagedPolicy` and `AWSManagedPolicy`, so that its document is known",
        "warning",
      );
      return undefined;
    }
    policy.used = true;
    return policy;
  }

  private attached(list: JsonNode | undefined, principal: string, label: string): void {
    for (const item of itemsOf(list)) {
      const policy = this.managedDocument(member(item, "PolicyArn"), principal);
      if (policy?.document)
        this.documents.push({
          file: this.file,
          node: policy.document,
          type: "identity",
          name: `${label} ${policy.name}`,
          principal,
          ...managedIdentity(policy),
        });
    }
  }

  private boundary(entity: JsonNode, principal: string): void {
    const boundary = member(entity, "PermissionsBoundary");
    if (!boundary) return;
    const policy = this.managedDocument(member(boundary, "PermissionsBoundaryArn"), principal);
    if (policy?.document)
      this.documents.push({
        file: this.file,
        node: policy.document,
        type: "boundary",
        name: `${principal} permissions boundary ${policy.name}`,
        principal,
        ...managedIdentity(policy),
      });
  }
}
