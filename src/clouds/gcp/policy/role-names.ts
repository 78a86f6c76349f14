/** Role names as allow policies write them (cloud.google.com/iam/docs/roles-overview). */

/** The basic roles: granted on a project, folder or organization, never conditionally useful. */
export const BASIC_ROLES = ["roles/owner", "roles/editor", "roles/viewer"] as const;

export function isBasicRole(role: string): boolean {
  return (BASIC_ROLES as readonly string[]).includes(role);
}

const CUSTOM = /^(projects|organizations)\/[^/]+\/roles\/[A-Za-z0-9_.]+$/;

export function isCustomRoleName(role: string): boolean {
  return CUSTOM.test(role);
}

/** Why a role name is malformed, or undefined. */
export function roleNameProblem(role: string): string | undefined {
  if (role.startsWith("roles/") && role.length > 6 && !role.slice(6).includes("/"))
    return undefined;
  if (isCustomRoleName(role)) return undefined;
  return "a role is `roles/NAME` (predefined or basic), `projects/PROJECT/roles/NAME` or `organizations/ORG/roles/NAME` (custom)";
}
