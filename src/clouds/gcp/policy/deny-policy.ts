import type { JsonNode } from "../../../diagnostics/index.js";
import { denyPermissionProblem } from "../catalog/permission-names.js";
import { readCondition } from "./condition.js";
import type { JsonReader } from "./json-reader.js";
import { denyPrincipalProblem } from "./members.js";
import type { GcpDenyPolicy, GcpDenyRule } from "./types.js";

const POLICY_KEYS = [
  "attachmentPoint",
  "name",
  "displayName",
  "uid",
  "kind",
  "etag",
  "createTime",
  "updateTime",
  "deleteTime",
  "annotations",
  "managingAuthority",
  "rules",
];
const RULE_KEYS = [
  "deniedPrincipals",
  "exceptionPrincipals",
  "deniedPermissions",
  "exceptionPermissions",
  "denialCondition",
];
const HELP =
  'a deny policy is `{"attachmentPoint": "//cloudresourcemanager.googleapis.com/projects/P", "rules": [{"denyRule": {"deniedPrincipals": [...], "deniedPermissions": [...]}}]}`';

/** Reads an IAM v2 deny policy (cloud.google.com/iam/docs/reference/rest/v2/policies). */
export function readDenyPolicy(
  node: JsonNode,
  pointer: string,
  r: JsonReader,
  attachmentPoint?: string,
): GcpDenyPolicy | undefined {
  const m = r.object(node, "a deny policy", POLICY_KEYS, HELP);
  if (!m) return undefined;
  const name = r.string(m.get("name"), "`name`", "the policy's name");
  // `gcloud iam policies get` prints no attachment point: its name holds it, URL-encoded
  // (`policies/cloudresourcemanager.googleapis.com%2Fprojects%2FP/denypolicies/ID`).
  const fromName = name === undefined ? undefined : attachmentOfName(name);
  const at =
    attachmentPoint ??
    (m.has("attachmentPoint") || fromName === undefined
      ? r.name(
          r.required(m, "attachmentPoint", "a deny policy", node.loc),
          "`attachmentPoint`",
          HELP,
        )?.value
      : fromName);
  const rules: GcpDenyRule[] = [];
  (r.array(r.required(m, "rules", "a deny policy", node.loc), "`rules`", HELP) ?? []).forEach(
    (item, i) => {
      const rule = readRule(item, `${pointer}/rules/${i}`, r);
      if (rule) rules.push(rule);
    },
  );
  if (at === undefined) return undefined;
  const policy: GcpDenyPolicy = { attachmentPoint: at, rules, pointer };
  if (name !== undefined) policy.name = name;
  return policy;
}

/** The attachment point a deny policy's name holds, decoded; undefined for another shape. */
export function attachmentOfName(name: string): string | undefined {
  const m = /^policies\/([^/]+)\/denypolicies\/[^/]+$/.exec(name);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return undefined;
  }
}

function readRule(node: JsonNode, pointer: string, r: JsonReader): GcpDenyRule | undefined {
  const outer = r.object(node, "a deny policy rule", ["denyRule", "description"], HELP);
  if (!outer) return undefined;
  const ruleNode = r.required(outer, "denyRule", "a deny policy rule", node.loc);
  if (!ruleNode) return undefined;
  const m = r.object(ruleNode, "a `denyRule`", RULE_KEYS, HELP);
  if (!m) return undefined;
  const principals = (key: string) =>
    r.names(m.get(key), `\`${key}\``, HELP).flatMap((s) => {
      const problem = denyPrincipalProblem(s.value);
      if (problem) {
        r.error(
          "bad-deny-principal",
          `\`${s.value}\` is not a deny-policy principal`,
          s.loc,
          problem,
        );
        return [];
      }
      return [s.value];
    });
  const permissions = (key: string) =>
    r.names(m.get(key), `\`${key}\``, HELP).flatMap((s) => {
      const problem = denyPermissionProblem(s.value);
      if (problem) {
        r.error(
          "bad-deny-permission",
          `\`${s.value}\` is not a deny-policy permission`,
          s.loc,
          problem,
        );
        return [];
      }
      return [s.value];
    });
  const rule: GcpDenyRule = {
    deniedPrincipals: principals("deniedPrincipals"),
    exceptionPrincipals: principals("exceptionPrincipals"),
    deniedPermissions: permissions("deniedPermissions"),
    exceptionPermissions: permissions("exceptionPermissions"),
    pointer,
    loc: ruleNode.loc,
  };
  const c = m.get("denialCondition");
  if (c !== undefined && c.kind !== "null") {
    const read = readCondition(c, "`denialCondition`", r);
    if (read) rule.denialCondition = { ...read, loc: c.loc };
  }
  return rule;
}
