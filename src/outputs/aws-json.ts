import type { AwsGeneration } from "../clouds/aws/generate/types.js";

/**
 * The generation as one JSON document. Keys are written in a fixed order
 * (objects are rebuilt rather than passed through) so the bytes depend only
 * on the generation's content, and the same input always renders the same.
 */
export function renderAwsJson(g: AwsGeneration): string {
  const out = {
    cloud: g.cloud,
    catalogVersion: g.catalogVersion,
    roles: g.roles.map((r) => ({
      name: r.name,
      workload: r.workload,
      description: r.description,
      // ABAC conditions and the boundary's PassRole rule read these tags.
      tags: r.tags,
      trustPolicy: r.trustPolicy,
      inlinePolicies: r.inlinePolicies.map((p) => ({ name: p.name, document: p.document })),
      permissionBoundary: r.permissionBoundary,
      permissionBoundaryName: r.permissionBoundaryName,
    })),
    managedPolicies: g.managedPolicies.map((p) => ({ name: p.name, document: p.document })),
    serviceControlPolicies: g.serviceControlPolicies.map((p) => ({
      name: p.name,
      document: p.document,
    })),
    githubWorkflows: g.githubWorkflows.map((w) => ({
      workload: w.workload,
      roleName: w.roleName,
      yaml: w.yaml,
    })),
    selfCheck: g.selfCheck,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
