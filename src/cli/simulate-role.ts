import { existsSync } from "node:fs";
import { member } from "../clouds/aws/inputs/common.js";
import { isLeashAwsJson, parseLeashAwsJson } from "../clouds/aws/inputs/leash-aws-json.js";
import { type Policy, type PolicyType, parsePolicy } from "../clouds/aws/policy/index.js";
import { closest, type Diagnostic, type JsonNode, parseLocatedJson } from "../diagnostics/index.js";
import { readInput } from "./io.js";

/** The policies of one role of leash's `aws.json`, as `--policy aws.json#ROLE` names it. */
export interface PickedRole {
  role: string;
  identity: Policy[];
  boundary: Policy | undefined;
  /** Its trust policy, the resource policy of `sts:AssumeRole*` on the role. */
  trust: Policy | undefined;
  tags: Record<string, string>;
}

/**
 * `FILE#ROLE` splits at the last `#`, unless a file of that whole name
 * exists (a `#` in a file name stays usable).
 */
export function splitRoleArgument(arg: string): { file: string; role?: string } {
  const hash = arg.lastIndexOf("#");
  if (hash <= 0 || existsSync(arg)) return { file: arg };
  return { file: arg.slice(0, hash), role: arg.slice(hash + 1) };
}

const at = (file: string) => ({ file, pointer: "", line: 1, column: 1 });

/**
 * The role a `--policy` argument picks out of leash's `aws.json`: its inline
 * policies as identity policies and its boundary. `"file"` when the
 * argument is a plain policy file, to be read as one; `"error"` when it
 * names a role that is not there, `#ROLE` on another file, or leash's
 * output without a role (the diagnostic says which, with the roles there are).
 */
export function pickRole(arg: string, diagnostics: Diagnostic[]): PickedRole | "file" | "error" {
  if (arg === "-") return "file";
  const { file, role } = splitRoleArgument(arg);
  let text: string;
  try {
    text = readInput(file);
  } catch {
    // The policy reader reports an unreadable file; a missing one with `#` is reported here.
    if (role === undefined) return "file";
    diagnostics.push({
      code: "io/unreadable",
      severity: "error",
      message: `cannot read \`${file}\``,
      help: "check the path; `FILE#ROLE` picks a role out of the `aws.json` of `leash generate`",
    });
    return "error";
  }
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch {
    plain = undefined;
  }
  if (!isLeashAwsJson(plain)) {
    if (role === undefined) return "file";
    diagnostics.push({
      code: "cli/not-leash-output",
      severity: "error",
      message: `\`${file}\` is not the \`aws.json\` of \`leash generate\`, so \`#${role}\` names nothing in it`,
      help: "`FILE#ROLE` picks a role out of leash's aws.json; pass a policy file without `#`",
      location: at(file),
    });
    return "error";
  }
  const root = parseLocatedJson(text, file).node as JsonNode;
  const parsed = parseLeashAwsJson(root);
  const names = parsed.roles.map((r) => r.name);
  const rolesAt = (member(root, "roles") ?? root).loc;
  const list = `its roles: ${names.map((n) => `\`${n}\``).join(", ") || "none"}`;
  if (role === undefined) {
    diagnostics.push({
      code: "cli/role-required",
      severity: "error",
      message: `\`${file}\` is leash's generated output, not a policy: name one of its roles`,
      help: `write \`--policy ${file}#ROLE\`; ${list}`,
      location: at(file),
    });
    return "error";
  }
  const picked = parsed.roles.find((r) => r.name === role);
  if (!picked) {
    const near = closest(role, names);
    diagnostics.push({
      code: "cli/unknown-role",
      severity: "error",
      message: `\`${file}\` has no role \`${role}\``,
      help: `${near ? `did you mean \`${near}\`? ` : ""}${list}`,
      location: rolesAt,
    });
    return "error";
  }
  diagnostics.push(...parsed.diagnostics);
  const policy = (node: JsonNode, type: PolicyType, name: string) => {
    const r = parsePolicy(node, { type, file, name: `${file} ${name}` });
    diagnostics.push(...r.diagnostics);
    return r.policy;
  };
  return {
    role,
    identity: picked.inline.flatMap((p) => policy(p.node, "identity", p.name) ?? []),
    boundary:
      picked.boundary &&
      policy(picked.boundary.node, "boundary", `boundary ${picked.boundary.name}`),
    trust: picked.trust && policy(picked.trust.node, "trust", picked.trust.name),
    tags: picked.tags,
  };
}
