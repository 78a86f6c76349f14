import {
  type Diagnostic,
  type JsonNode,
  parseLocatedJson,
  toPlain,
} from "../../../diagnostics/index.js";
import type { LintDocument } from "../rules/lint.js";
import {
  type InputResult,
  inputDiagnostic,
  itemsOf,
  kindName,
  member,
  stringOf,
} from "./common.js";

/**
 * Reads the `aws.json` that `leash generate --format json` writes (see
 * `outputs/aws-json.ts`): each document is judged as what it is, at its own
 * place in the file, so that lint agrees with the Terraform and
 * CloudFormation forms of the same generation.
 */

/** True for a parsed value shaped like leash's own `aws.json`. */
export function isLeashAwsJson(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    v.cloud === "aws" &&
    Array.isArray(v.roles) &&
    ("serviceControlPolicies" in v || "managedPolicies" in v)
  );
}

/** One policy document of the file, located where it is written. */
export interface LeashPolicy {
  name: string;
  node: JsonNode;
}

/** A generated role with the documents that apply to it. */
export interface LeashRole {
  name: string;
  trust: LeashPolicy | undefined;
  inline: LeashPolicy[];
  /** Its permissions boundary: the managed policy it names, else the role's own copy. */
  boundary: LeashPolicy | undefined;
  /** Its tags (a session of the role carries them as `aws:PrincipalTag/*`). */
  tags: Record<string, string>;
}

export interface LeashAwsJson {
  roles: LeashRole[];
  /** Managed policies with the roles that use each as their boundary. */
  managedPolicies: (LeashPolicy & { boundaryOf: string[] })[];
  serviceControlPolicies: LeashPolicy[];
  diagnostics: Diagnostic[];
}

const HELP = "generate the file again with `leash generate --format json`; do not edit it by hand";

/** The roles, managed policies and SCPs of a parsed `aws.json`, with what is malformed. */
export function parseLeashAwsJson(root: JsonNode): LeashAwsJson {
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string, node: JsonNode, severity: "error" | "warning" = "error") =>
    diagnostics.push(inputDiagnostic("invalid-leash-output", message, node.loc, HELP, severity));

  /** A `{name, document}` entry of a list: a `kind` such as `managed policy`, then `of role \`r\``. */
  const named = (item: JsonNode, kind: string, of = ""): LeashPolicy | undefined => {
    const name = stringOf(member(item, "name"));
    if (name === undefined) {
      problem(`a ${kind}${of} has no \`name\``, item);
      return undefined;
    }
    const node = document(member(item, "document"), item, `${kind} \`${name}\`${of}`, "document");
    return node && { name, node };
  };
  const document = (
    node: JsonNode | undefined,
    parent: JsonNode,
    what: string,
    key: string,
  ): JsonNode | undefined => {
    if (node?.kind === "object") return node;
    problem(
      node
        ? `\`${key}\` of ${what} is ${kindName(node)}, not a policy document`
        : `${what} has no \`${key}\``,
      node ?? parent,
    );
    return undefined;
  };
  const list = (key: string, parent = root, of = ""): JsonNode[] => {
    const node = member(parent, key);
    if (node !== undefined && node.kind !== "array")
      problem(`\`${key}\`${of} is ${kindName(node)}, not an array`, node);
    return itemsOf(node);
  };

  const managedPolicies: LeashAwsJson["managedPolicies"] = [];
  for (const item of list("managedPolicies")) {
    const p = named(item, "managed policy");
    if (p) managedPolicies.push({ ...p, boundaryOf: [] });
  }
  const serviceControlPolicies: LeashPolicy[] = [];
  for (const item of list("serviceControlPolicies")) {
    const p = named(item, "service control policy");
    if (p) serviceControlPolicies.push(p);
  }

  const roles: LeashRole[] = [];
  for (const item of list("roles")) {
    const name = stringOf(member(item, "name"));
    if (name === undefined) {
      problem("a role has no `name`", item);
      continue;
    }
    const what = `role \`${name}\``;
    const trustNode = document(member(item, "trustPolicy"), item, what, "trustPolicy");
    const inline = list("inlinePolicies", item, ` of ${what}`).flatMap(
      (p) => named(p, "inline policy", ` of ${what}`) ?? [],
    );
    roles.push({
      name,
      trust: trustNode && { name: `${name} trust policy`, node: trustNode },
      inline: inline.map((p) => ({ name: `${name} policy ${p.name}`, node: p.node })),
      boundary: boundaryOf(item, name, managedPolicies, problem),
      tags: tagsOf(member(item, "tags")),
    });
  }
  return { roles, managedPolicies, serviceControlPolicies, diagnostics };
}

function tagsOf(node: JsonNode | undefined): Record<string, string> {
  const tags = new Map<string, string>();
  for (const e of node?.kind === "object" ? node.entries : []) {
    const value = stringOf(e.value);
    if (value !== undefined) tags.set(e.key, value);
  }
  return Object.fromEntries(tags);
}

/**
 * A role's boundary is a managed policy of the file, named by
 * `permissionBoundaryName` (the role also carries a copy, which must agree);
 * the copy alone stands for a boundary that is not listed.
 */
function boundaryOf(
  role: JsonNode,
  name: string,
  managed: LeashAwsJson["managedPolicies"],
  problem: (message: string, node: JsonNode, severity?: "error" | "warning") => void,
): LeashPolicy | undefined {
  const nameNode = member(role, "permissionBoundaryName");
  const copy = member(role, "permissionBoundary");
  const boundaryName = stringOf(nameNode);
  const policy =
    boundaryName === undefined ? undefined : managed.find((p) => p.name === boundaryName);
  if (policy) {
    policy.boundaryOf.push(name);
    if (
      copy?.kind === "object" &&
      JSON.stringify(toPlain(copy)) !== JSON.stringify(toPlain(policy.node))
    )
      problem(
        `the boundary copy of role \`${name}\` differs from managed policy \`${boundaryName}\`, which is what the role uses`,
        copy,
        "warning",
      );
    return policy;
  }
  if (copy === undefined || copy.kind === "null") {
    if (boundaryName !== undefined && nameNode)
      problem(
        `role \`${name}\` names boundary \`${boundaryName}\`, which is not in \`managedPolicies\``,
        nameNode,
      );
    return undefined;
  }
  if (copy.kind !== "object") {
    problem(
      `\`permissionBoundary\` of role \`${name}\` is ${kindName(copy)}, not a policy document`,
      copy,
    );
    return undefined;
  }
  return { name: boundaryName ?? `${name} boundary`, node: copy };
}

/**
 * Lint documents of an `aws.json`: per role its trust policy (`trust`) and
 * inline policies (`identity`), judged together as `role/NAME`; each managed
 * policy once, as the `boundary` of the roles that name it (an unused one as
 * a standalone identity policy); each SCP as `scp`.
 */
export function readLeashAwsJson(text: string, file: string): InputResult {
  const parsed = parseLocatedJson(text, file);
  if (!parsed.node) {
    return {
      documents: [],
      diagnostics: parsed.diagnostics.map((d) => ({ ...d, code: "input/json-syntax" })),
    };
  }
  const out = parseLeashAwsJson(parsed.node);
  const documents: LintDocument[] = [];
  const push = (p: LeashPolicy, type: LintDocument["type"], principal?: string) =>
    documents.push({ file, node: p.node, type, name: p.name, ...(principal ? { principal } : {}) });
  for (const role of out.roles) {
    if (role.trust) push(role.trust, "trust", `role/${role.name}`);
    for (const p of role.inline) push(p, "identity", `role/${role.name}`);
    // A boundary without a managed policy of its own is the role's copy.
    if (role.boundary && !out.managedPolicies.some((m) => m.node === role.boundary?.node))
      push(role.boundary, "boundary", `role/${role.name}`);
  }
  for (const p of out.managedPolicies) {
    if (p.boundaryOf.length === 0) push(p, "identity");
    for (const role of p.boundaryOf) push(p, "boundary", `role/${role}`);
  }
  for (const p of out.serviceControlPolicies) push(p, "scp");
  return { documents, diagnostics: out.diagnostics };
}
