import type { JsonNode } from "../../../diagnostics/index.js";
import type { JsonReader } from "./json-reader.js";
import { isCustomRoleName } from "./role-names.js";
import type { GcpCustomRole } from "./types.js";

const KEYS = ["name", "title", "description", "includedPermissions", "stage", "etag", "deleted"];
const HELP =
  'a custom role is `{"name": "projects/P/roles/R", "includedPermissions": ["storage.objects.get"]}`, as `gcloud iam roles describe` prints it';

/** Reads a custom role as `gcloud iam roles describe --format=json` prints it. */
export function readCustomRole(
  node: JsonNode,
  pointer: string,
  r: JsonReader,
): GcpCustomRole | undefined {
  const m = r.object(node, "a custom role", KEYS, HELP);
  if (!m) return undefined;
  const name = r.name(r.required(m, "name", "a custom role", node.loc), "`name`", HELP);
  if (name && !isCustomRoleName(name.value)) {
    r.error(
      "bad-custom-role-name",
      `\`${name.value}\` is not a custom role name`,
      name.loc,
      "custom roles are named `projects/PROJECT/roles/ID` or `organizations/ORG/roles/ID`",
    );
    return undefined;
  }
  const permissions = new Set<string>();
  for (const s of r.names(m.get("includedPermissions"), "`includedPermissions`", HELP)) {
    if (!/^[a-z0-9]+(\.[A-Za-z0-9_-]+){2,}$/.test(s.value)) {
      r.error(
        "bad-permission",
        `\`${s.value}\` is not a permission name`,
        s.loc,
        "permissions are `service.resource.verb`",
      );
    } else permissions.add(s.value);
  }
  const deleted = m.get("deleted");
  const stage = r.string(m.get("stage"), "`stage`", "GA, BETA, ALPHA, DISABLED...");
  if (!name) return undefined;
  const role: GcpCustomRole = { name: name.value, permissions, pointer };
  // A deleted or disabled custom role grants nothing (cloud.google.com/iam/docs/creating-custom-roles#deleting-custom-role).
  if ((deleted?.kind === "boolean" && deleted.value) || stage === "DISABLED")
    role.permissions = new Set();
  if (stage !== undefined) role.stage = stage;
  return role;
}
