import { type Diagnostic, type JsonNode, toPlain } from "../../../diagnostics/index.js";
import { readAllowPolicy } from "../policy/allow-policy.js";
import { readBoundaryPolicy } from "../policy/boundary-policy.js";
import { readCustomRole } from "../policy/custom-role.js";
import { readDenyPolicy } from "../policy/deny-policy.js";
import { JsonReader } from "../policy/json-reader.js";
import { memberProblem } from "../policy/members.js";
import type { GcpCustomRole, GcpHierarchyNode } from "../policy/types.js";
import type { GcpCase, GcpRequest } from "./engine.js";

/**
 * Reads one line of `leash simulate --cloud gcp --cases` (README, "GCP batch
 * format"): a request, the hierarchy above its resource with each node's
 * allow policy and tags, deny policies, principal access boundaries and
 * custom roles. Every problem is reported with its JSON pointer.
 */
const CASE_KEYS = [
  "id",
  "request",
  "hierarchy",
  "denyPolicies",
  "principalAccessBoundaries",
  "customRoles",
];
const REQUEST_KEYS = ["principal", "memberOf", "permission", "resource", "time", "apiAttributes"];
const NODE_KEYS = ["resource", "policy", "tags"];
const HELP =
  'a case is `{"request": {"principal": "user:...", "permission": "storage.objects.get", "resource": "//storage.googleapis.com/projects/_/buckets/B"}, "hierarchy": [{"resource": "...", "policy": {...}}]}`';

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export interface CaseInput {
  gcpCase: GcpCase | undefined;
  diagnostics: Diagnostic[];
}

export function readGcpCase(node: JsonNode): CaseInput {
  const r = new JsonReader("gcp-input");
  const m = r.object(node, "a case", CASE_KEYS, HELP);
  if (!m) return { gcpCase: undefined, diagnostics: r.diagnostics };
  const request = readRequest(r.required(m, "request", "a case", node.loc), r);
  const hierarchy: GcpHierarchyNode[] = [];
  (r.array(m.get("hierarchy"), "`hierarchy`", HELP) ?? []).forEach((n, i) => {
    const read = readNode(n, `/hierarchy/${i}`, r);
    if (read) hierarchy.push(read);
  });
  const denyPolicies = (r.array(m.get("denyPolicies"), "`denyPolicies`", HELP) ?? []).flatMap(
    (n, i) => readDenyPolicy(n, `/denyPolicies/${i}`, r) ?? [],
  );
  const boundaries = (
    r.array(m.get("principalAccessBoundaries"), "`principalAccessBoundaries`", HELP) ?? []
  ).flatMap((n, i) => readBoundaryPolicy(n, `/principalAccessBoundaries/${i}`, r) ?? []);
  const customRoles = new Map<string, GcpCustomRole>();
  (r.array(m.get("customRoles"), "`customRoles`", HELP) ?? []).forEach((n, i) => {
    const role = readCustomRole(n, `/customRoles/${i}`, r);
    if (!role) return;
    if (customRoles.has(role.name)) {
      r.error(
        "duplicate-custom-role",
        `custom role \`${role.name}\` is given twice`,
        n.loc,
        "keep one",
      );
    }
    customRoles.set(role.name, role);
  });
  if (!request || r.diagnostics.some((d) => d.severity === "error")) {
    return { gcpCase: undefined, diagnostics: r.diagnostics };
  }
  return {
    gcpCase: { request, hierarchy, denyPolicies, boundaries, customRoles },
    diagnostics: r.diagnostics,
  };
}

function readRequest(node: JsonNode | undefined, r: JsonReader): GcpRequest | undefined {
  if (!node) return undefined;
  const m = r.object(node, "`request`", REQUEST_KEYS, HELP);
  if (!m) return undefined;
  const principal = r.name(r.required(m, "principal", "`request`", node.loc), "`principal`", HELP);
  if (principal) {
    const problem = memberProblem(principal.value);
    if (problem)
      r.error("bad-principal", `\`${principal.value}\` is not a principal`, principal.loc, problem);
    else if (!canAuthenticate(principal.value)) {
      r.error(
        "principal-cannot-authenticate",
        `\`${principal.value}\` cannot make a request: it is a set of principals`,
        principal.loc,
        "name the user, service account or federated identity as `principal`, and list its groups and sets in `memberOf`",
      );
    }
  }
  const memberOf = r.names(
    m.get("memberOf"),
    "`memberOf`",
    "list the groups and principal sets the principal belongs to",
  );
  const permission = r.name(
    r.required(m, "permission", "`request`", node.loc),
    "`permission`",
    HELP,
  );
  if (permission && !/^[a-z0-9]+(\.[A-Za-z0-9_-]+){2,}$/.test(permission.value)) {
    r.error(
      "bad-permission",
      `\`${permission.value}\` is not a permission name`,
      permission.loc,
      permission.value.includes("/")
        ? "requests name permissions in v1 form: `storage.objects.get`"
        : "permissions are `service.resource.verb`: `storage.objects.get`",
    );
  }
  const resource = r.name(r.required(m, "resource", "`request`", node.loc), "`resource`", HELP);
  if (resource && !resource.value.startsWith("//")) {
    r.error(
      "bad-resource",
      `\`${resource.value}\` is not a full resource name`,
      resource.loc,
      "write `//SERVICE/NAME`: `//storage.googleapis.com/projects/_/buckets/B/objects/O`",
    );
  }
  let time: Date | undefined;
  const timeNode = m.get("time");
  if (timeNode !== undefined) {
    const t = r.name(timeNode, "`time`", "an RFC 3339 timestamp: `2026-05-01T10:00:00Z`");
    if (t) {
      const d = new Date(t.value);
      if (!RFC3339.test(t.value) || Number.isNaN(d.getTime())) {
        r.error(
          "bad-time",
          `\`${t.value}\` is not an RFC 3339 timestamp`,
          t.loc,
          "write `2026-05-01T10:00:00Z`",
        );
      } else time = d;
    }
  }
  const apiAttributes = new Map<string, unknown>();
  const attrs = m.get("apiAttributes");
  if (attrs !== undefined) {
    if (attrs.kind !== "object") {
      r.error(
        "wrong-type",
        "`apiAttributes` must be an object",
        attrs.loc,
        'write `{"iam.googleapis.com/modifiedGrantsByRole": ["roles/..."]}`',
      );
    } else for (const e of attrs.entries) apiAttributes.set(e.key, toPlain(e.value));
  }
  if (!principal || !permission || !resource) return undefined;
  const request: GcpRequest = {
    principal: principal.value,
    memberOf: memberOf.map((s) => s.value),
    permission: permission.value,
    resource: resource.value,
    apiAttributes,
  };
  if (time) request.time = time;
  return request;
}

/** Groups, domains and principal sets have no credentials ("Google groups don't have login credentials" [PRINC]). */
function canAuthenticate(principal: string): boolean {
  return (
    principal === "allUsers" ||
    principal.startsWith("user:") ||
    principal.startsWith("serviceAccount:") ||
    principal.startsWith("principal://")
  );
}

function readNode(node: JsonNode, pointer: string, r: JsonReader): GcpHierarchyNode | undefined {
  const m = r.object(node, "a hierarchy node", NODE_KEYS, HELP);
  if (!m) return undefined;
  const resource = r.name(
    r.required(m, "resource", "a hierarchy node", node.loc),
    "`resource`",
    HELP,
  );
  const tags = new Map<string, string>();
  const t = m.get("tags");
  if (t !== undefined) {
    if (t.kind !== "object") {
      r.error("wrong-type", "`tags` must be an object", t.loc, 'write `{"ORG_ID/env": "prod"}`');
    } else {
      for (const e of t.entries) {
        const v = r.name(
          e.value,
          `tag \`${e.key}\``,
          "a tag's value is its short name, or `tagValues/ID`",
        );
        if (v) tags.set(e.key, v.value);
      }
    }
  }
  const p = m.get("policy");
  const policy =
    p === undefined || p.kind === "null" ? undefined : readAllowPolicy(p, `${pointer}/policy`, r);
  if (!resource) return undefined;
  const out: GcpHierarchyNode = { resource: resource.value, tags, pointer };
  if (policy) out.policy = policy;
  return out;
}
