import type { GcpGeneration } from "../clouds/gcp/generate/types.js";

/**
 * The GCP generation as one JSON document (gcp.json), in the shape any
 * evaluator can replay: each workload's principal, the custom roles, and
 * for every resource leash grants on, the bindings to add to its allow
 * policy; then the deny and principal access boundary policies. Keys are
 * written in a fixed order so that the bytes depend only on the content.
 */
export function renderGcpJson(g: GcpGeneration): string {
  const out = {
    cloud: g.cloud,
    catalogVersion: g.catalogVersion,
    spec: g.spec,
    project: g.project,
    projectNumber: g.projectNumber,
    region: g.region,
    ...(g.organization ? { organization: g.organization } : {}),
    principals: g.serviceAccounts.map((s) => ({
      workload: s.workload,
      member: s.member,
      serviceAccount: {
        accountId: s.accountId,
        email: s.email,
        displayName: s.displayName,
        description: s.description,
      },
    })),
    customRoles: g.customRoles.map((r) => ({
      name: r.name,
      title: r.title,
      description: r.description,
      includedPermissions: r.includedPermissions,
      stage: r.stage,
    })),
    predefinedRoles: g.predefinedRoles,
    bindings: g.resources.map((r) => ({
      resource: r.resource,
      bindings: r.bindings.map((b) => ({
        role: b.role,
        members: b.members,
        ...(b.condition ? { condition: b.condition } : {}),
        why: b.why,
      })),
    })),
    ...(g.workloadIdentityPool ? { workloadIdentityPool: g.workloadIdentityPool } : {}),
    denyPolicies: g.denyPolicies,
    principalAccessBoundaryPolicies: g.principalAccessBoundaryPolicies,
    organizationPolicies: g.organizationPolicies,
    ...(g.teamTags ? { teamTags: g.teamTags } : {}),
    notes: g.notes,
    selfCheck: g.selfCheck,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
