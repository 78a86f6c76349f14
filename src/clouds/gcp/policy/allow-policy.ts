import type { JsonNode } from "../../../diagnostics/index.js";
import { readCondition } from "./condition.js";
import type { JsonReader } from "./json-reader.js";
import { memberProblem, PUBLIC_MEMBERS } from "./members.js";
import { isBasicRole, roleNameProblem } from "./role-names.js";
import type { GcpAllowPolicy, GcpBinding } from "./types.js";

const POLICY_KEYS = ["bindings", "version", "etag", "auditConfigs"];
const BINDING_KEYS = ["role", "members", "condition"];
const HELP =
  'an allow policy is `{"bindings": [{"role": "roles/...", "members": ["user:..."]}], "version": 3}`';

/**
 * Reads an allow policy as `gcloud ... get-iam-policy --format=json` prints
 * it (cloud.google.com/iam/docs/reference/rest/v1/Policy). `pointer` names
 * where it sits in its input.
 */
export function readAllowPolicy(
  node: JsonNode,
  pointer: string,
  r: JsonReader,
): GcpAllowPolicy | undefined {
  const m = r.object(node, "an allow policy", POLICY_KEYS, HELP);
  if (!m) return undefined;
  let version = 1;
  const v = m.get("version");
  if (v !== undefined) {
    if (v.kind !== "number" || ![1, 2, 3].includes(v.value)) {
      r.error(
        "bad-version",
        "`version` must be 1, 2 or 3",
        v.loc,
        "policies with conditions are version 3",
      );
    } else version = v.value;
  }
  const bindings: GcpBinding[] = [];
  const items = r.array(m.get("bindings"), "`bindings`", HELP) ?? [];
  items.forEach((b, i) => {
    const binding = readBinding(b, `${pointer}/bindings/${i}`, r);
    if (!binding) return;
    if (binding.condition && v?.kind === "number" && v.value === 1) {
      r.error(
        "condition-needs-version-3",
        "a conditional binding in a version 1 policy",
        binding.condition.loc,
        'set `"version": 3`; Google rejects conditions in version 1 policies',
      );
    }
    bindings.push(binding);
  });
  return { version: bindings.some((b) => b.condition) ? 3 : version, bindings };
}

function readBinding(node: JsonNode, pointer: string, r: JsonReader): GcpBinding | undefined {
  const m = r.object(node, "a binding", BINDING_KEYS, HELP);
  if (!m) return undefined;
  const roleNode = r.name(r.required(m, "role", "a binding", node.loc), "`role`", HELP);
  const members: GcpBinding["members"] = [];
  for (const s of r.names(r.required(m, "members", "a binding", node.loc), "`members`", HELP)) {
    const problem = memberProblem(s.value);
    if (problem)
      r.error("bad-member", `member \`${s.value}\` is not one IAM accepts`, s.loc, problem);
    else members.push({ member: s.value, loc: s.loc });
  }
  let condition: GcpBinding["condition"];
  const c = m.get("condition");
  if (c !== undefined && c.kind !== "null") {
    const read = readCondition(c, "the binding's `condition`", r);
    if (read) condition = { ...read, loc: c.loc };
  }
  if (!roleNode) return undefined;
  const role = roleNode.value;
  if (role.includes("_withcond_")) {
    r.error(
      "withcond-role",
      `\`${role}\` is a conditional binding as a version 1 read shows it, not a role`,
      roleNode.loc,
      "read the policy again with `--format=json` and policy version 3 (`gcloud ... get-iam-policy` asks for it)",
    );
    return undefined;
  }
  const problem = roleNameProblem(role);
  if (problem) {
    r.error("bad-role-name", `\`${role}\` is not a role name`, roleNode.loc, problem);
    return undefined;
  }
  if (condition && isBasicRole(role)) {
    r.error(
      "condition-on-basic-role",
      `a condition on basic role \`${role}\``,
      condition.loc,
      "IAM rejects conditions on basic roles: grant a predefined or custom role instead",
    );
  }
  if (condition) {
    for (const mb of members) {
      if ((PUBLIC_MEMBERS as readonly string[]).includes(mb.member)) {
        r.error(
          "condition-on-public-member",
          `a condition on a binding to \`${mb.member}\``,
          condition.loc,
          "IAM rejects conditions on bindings to allUsers and allAuthenticatedUsers",
        );
      }
    }
  }
  const binding: GcpBinding = { role, members, pointer, loc: node.loc };
  if (condition) binding.condition = condition;
  return binding;
}
