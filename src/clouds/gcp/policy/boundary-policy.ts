import type { JsonNode } from "../../../diagnostics/index.js";
import type { JsonReader } from "./json-reader.js";
import type { GcpBoundaryPolicy } from "./types.js";

const HELP =
  'a principal access boundary policy is `{"enforcementVersion": "latest", "rules": [{"resources": ["//cloudresourcemanager.googleapis.com/organizations/ORG"], "effect": "ALLOW"}]}`';
const POLICY_KEYS = [
  "name",
  "displayName",
  "uid",
  "etag",
  "createTime",
  "updateTime",
  "annotations",
  "details",
  "enforcementVersion",
  "rules",
];
const RULE_KEYS = ["resources", "effect", "description"];

/**
 * Reads a principal access boundary policy: the API's shape (`details:
 * {rules, enforcementVersion}`) or the flat one of a `--cases` line
 * (cloud.google.com/iam/docs/reference/rest/v3/organizations.locations.principalAccessBoundaryPolicies).
 */
export function readBoundaryPolicy(
  node: JsonNode,
  pointer: string,
  r: JsonReader,
): GcpBoundaryPolicy | undefined {
  const m = r.object(node, "a principal access boundary policy", POLICY_KEYS, HELP);
  if (!m) return undefined;
  let body = m;
  const details = m.get("details");
  if (details !== undefined) {
    const d = r.object(details, "`details`", ["enforcementVersion", "rules"], HELP);
    if (!d) return undefined;
    body = d;
  }
  const versionNode = body.get("enforcementVersion");
  let enforcementVersion = "latest";
  if (versionNode !== undefined) {
    const v = r.name(
      versionNode,
      "`enforcementVersion`",
      'write `"latest"` or a version number such as `"1"`',
    );
    if (v) {
      if (v.value !== "latest" && !/^[1-9][0-9]*$/.test(v.value)) {
        r.error(
          "bad-enforcement-version",
          `\`${v.value}\` is not an enforcement version`,
          v.loc,
          'write `"latest"` or `"1"`, `"2"`...',
        );
      } else enforcementVersion = v.value;
    }
  }
  const resources: string[] = [];
  const rules =
    r.array(
      r.required(body, "rules", "a principal access boundary policy", node.loc),
      "`rules`",
      HELP,
    ) ?? [];
  rules.forEach((rule) => {
    const rm = r.object(rule, "a boundary rule", RULE_KEYS, HELP);
    if (!rm) return;
    const effect = r.name(
      r.required(rm, "effect", "a boundary rule", rule.loc),
      "`effect`",
      'write `"ALLOW"`',
    );
    if (effect && effect.value !== "ALLOW") {
      r.error(
        "bad-effect",
        `boundary rules only allow: \`${effect.value}\``,
        effect.loc,
        'write `"effect": "ALLOW"`',
      );
    }
    for (const s of r.names(
      r.required(rm, "resources", "a boundary rule", rule.loc),
      "`resources`",
      HELP,
    )) {
      if (!s.value.startsWith("//")) {
        r.error(
          "bad-boundary-resource",
          `\`${s.value}\` is not a full resource name`,
          s.loc,
          "write `//cloudresourcemanager.googleapis.com/organizations/ORG` (or folders/ID, projects/ID)",
        );
      } else resources.push(s.value);
    }
  });
  const name = r.string(m.get("name"), "`name`", "the policy's name");
  const policy: GcpBoundaryPolicy = { enforcementVersion, resources, pointer };
  if (name !== undefined) policy.name = name;
  return policy;
}
