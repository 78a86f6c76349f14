import { fromPlain } from "../../../diagnostics/index.js";
import { type GcpCatalog, gcpCatalog } from "../catalog/catalog.js";
import { toDenyPermission } from "../catalog/permission-names.js";
import { readGcpCase } from "../evaluate/case-input.js";
import { type GcpCase, GcpEngine } from "../evaluate/engine.js";
import type { GcpContext } from "./context.js";
import { scopeName } from "./scopes.js";
import type {
  GcpBoundaryPolicyJson,
  GcpDenyPolicyJson,
  GcpRoleSelfCheck,
  GcpSelfCheckReport,
  GeneratedCustomRole,
  ResourceBindings,
} from "./types.js";
import type { NeedGrant } from "./workload-grants.js";

/**
 * The self-check (docs/generation/gcp.md, "Self-check"): the generated IAM
 * is replayed through the GCP engine, read back by the same reader as
 * `simulate --cloud gcp --cases`. For every workload's principal, each need
 * must be allowed on its resources, and nothing else: on every probe
 * resource (the needs' resources and their near neighbours: another prefix,
 * bucket, repository, endpoint, service account, project), every catalog
 * permission the principal is allowed must be one of its needs.
 */
export interface World {
  resources: ResourceBindings[];
  /** Tags bound to resources (namespaced key -> short value), by full resource name. */
  tags?: ReadonlyMap<string, Record<string, string>>;
  customRoles: GeneratedCustomRole[];
  denyPolicies: GcpDenyPolicyJson[];
  boundaries: GcpBoundaryPolicyJson[];
}

export interface PrincipalUnderCheck {
  workload: string;
  member: string;
  grants: readonly NeedGrant[];
}

const OTHER = "leash-other";

/** Near neighbours of a probe: the same kind of resource beside it, which must stay out of reach. */
export function foreignTwins(probe: string): string[] {
  const out: string[] = [];
  const objects =
    /^(\/\/storage\.googleapis\.com\/projects\/_\/buckets\/)([^/]+)(\/objects\/)(.*)$/.exec(probe);
  if (objects) {
    const [, head, bucket, mid, rest] = objects;
    out.push(`${head}${OTHER}-bucket${mid}${rest}`);
    if (rest !== "leash-probe") out.push(`${head}${bucket}${mid}${OTHER}/leash-probe`);
    return out;
  }
  const bucket = /^(\/\/storage\.googleapis\.com\/projects\/_\/buckets\/)([^/]+)$/.exec(probe);
  if (bucket) return [`${bucket[1]}${OTHER}-bucket`];
  const sa = /^(\/\/iam\.googleapis\.com\/projects\/[^/]+\/serviceAccounts\/)([^@]+)(@.*)$/.exec(
    probe,
  );
  if (sa) return [`${sa[1]}${OTHER}${sa[3]}`];
  // The last id of a resource name, and the project, replaced by another.
  const parts = probe.split("/");
  const last = parts.length - 1;
  if (parts[last] !== "leash-probe") out.push([...parts.slice(0, last), OTHER].join("/"));
  const p = parts.indexOf("projects");
  if (p >= 0 && parts[p + 1] !== "_") {
    const moved = [...parts];
    moved[p + 1] = `${OTHER}-project`;
    out.push(moved.join("/"));
  }
  return out;
}

/** Services whose permissions are checked on the project itself (logging.logEntries.create). */
const PROJECT_CHECKED = new Set(["logging", "resourcemanager"]);

/**
 * Whether a request for the permission can be made on the probe: a
 * permission of the probe's service, or a project-checked one on the
 * project. Cloud Storage checks object permissions on objects, except
 * `objects.list`, which it checks on the bucket (iam-permissions page):
 * `objects.get` asked of a bucket is no request anyone makes.
 */
function meaningful(permission: string, probe: string): boolean {
  const host = toDenyPermission(permission).split("/")[0]!;
  if (host === "storage.googleapis.com" && probe.startsWith("//storage.googleapis.com/")) {
    const onObject = probe.includes("/objects/");
    const objectPermission = permission.startsWith("storage.objects.");
    if (permission === "storage.objects.list") return !onObject;
    return objectPermission === onObject;
  }
  if (probe.startsWith(`//${host}/`)) return true;
  return (
    probe.startsWith("//cloudresourcemanager.googleapis.com/projects/") &&
    PROJECT_CHECKED.has(permission.slice(0, permission.indexOf(".")))
  );
}

function projectOfProbe(ctx: GcpContext, probe: string): string {
  const m = /\/projects\/([^/]+)/.exec(probe);
  return m && m[1] !== "_" ? m[1]! : ctx.target.project;
}

/** A case for one principal on one probe: the probe's ancestors with their bindings, up to the organization. */
export function caseFor(ctx: GcpContext, world: World, principal: string, probe: string): GcpCase {
  const project = `//cloudresourcemanager.googleapis.com/projects/${projectOfProbe(ctx, probe)}`;
  const policies = new Map(world.resources.map((r) => [r.resource, r]));
  const policy = (name: string) => {
    const r = policies.get(name);
    return r ? { version: 3, bindings: r.bindings.map(({ why: _, ...b }) => b) } : undefined;
  };
  const nodes: { resource: string; policy?: object; tags?: Record<string, string> }[] = [];
  const named = new Set([...world.resources.map((r) => r.resource), ...(world.tags?.keys() ?? [])]);
  // Ancestors named by the probe (a bucket above its objects, a repository above its tags).
  for (const name of named) {
    if (name !== project && (probe === name || probe.startsWith(`${name}/`))) {
      const p = policy(name);
      const tags = world.tags?.get(name);
      nodes.push({ resource: name, ...(p ? { policy: p } : {}), ...(tags ? { tags } : {}) });
    }
  }
  nodes.sort((a, b) => b.resource.length - a.resource.length);
  const p = policy(project);
  nodes.push(p ? { resource: project, policy: p } : { resource: project });
  if (ctx.target.folder)
    nodes.push({ resource: `//cloudresourcemanager.googleapis.com/folders/${ctx.target.folder}` });
  if (ctx.target.organization)
    nodes.push({
      resource: `//cloudresourcemanager.googleapis.com/organizations/${ctx.target.organization}`,
    });
  const json = {
    request: { principal, permission: "resourcemanager.projects.get", resource: probe },
    hierarchy: nodes,
    denyPolicies: world.denyPolicies.map((d) => ({
      attachmentPoint: d.attachmentPoint,
      rules: d.rules,
    })),
    principalAccessBoundaries: world.boundaries
      .filter(
        (b) =>
          b.boundTo.endsWith("/type/ServiceAccount") && principal.startsWith("serviceAccount:"),
      )
      .map((b) => ({ enforcementVersion: b.enforcementVersion, rules: b.rules })),
    customRoles: world.customRoles.map((r) => ({
      name: r.name,
      includedPermissions: r.includedPermissions,
    })),
  };
  const read = readGcpCase(fromPlain(json, "<generated>"));
  if (!read.gcpCase) {
    throw new Error(
      `the generated IAM does not read back: ${read.diagnostics.map((d) => `${d.code} ${d.message} at ${d.location?.pointer}`).join("; ")}`,
    );
  }
  return read.gcpCase;
}

export function selfCheck(
  ctx: GcpContext,
  world: World,
  principals: readonly PrincipalUnderCheck[],
  catalog: GcpCatalog = gcpCatalog(),
): GcpSelfCheckReport {
  const engine = new GcpEngine(catalog);
  const otherCatalogPermissions = catalog.permissions();
  const probes = new Set<string>();
  for (const p of principals)
    for (const g of p.grants)
      for (const probe of g.probes) {
        probes.add(probe);
        for (const twin of foreignTwins(probe)) probes.add(twin);
      }
  const sortedProbes = [...probes].sort();
  const workloads: GcpRoleSelfCheck[] = principals.map((p) => {
    const intended = new Set<string>();
    for (const g of p.grants)
      for (const probe of g.probes)
        for (const perm of g.permissions) intended.add(`${perm} ${probe}`);
    // A grant on a project covers every resource of its kind in the project (custom jobs have
    // no allow policy of their own): another job of the same project is no near miss.
    const projectWide = p.grants.filter((g) => g.scope.kind === "project");
    const isIntended = (permission: string, probe: string) =>
      intended.has(`${permission} ${probe}`) ||
      p.grants.some(
        (g) =>
          g.acknowledged?.includes(permission) &&
          (probe === scopeName(g.scope) || probe.startsWith(`${scopeName(g.scope)}/`)),
      ) ||
      projectWide.some(
        (g) =>
          g.permissions.includes(permission) &&
          probe.includes(`/projects/${(g.scope as { project: string }).project}/`),
      );
    const allowedAnywhere = new Set<string>();
    const allowedPairs = new Set<string>();
    const extra: GcpRoleSelfCheck["extra"] = [];
    for (const probe of sortedProbes) {
      for (const permission of engine.allowedPermissions(caseFor(ctx, world, p.member, probe))) {
        allowedPairs.add(`${permission} ${probe}`);
        if (isIntended(permission, probe)) {
          allowedAnywhere.add(permission);
          continue;
        }
        if (!meaningful(permission, probe)) continue;
        allowedAnywhere.add(permission);
        extra.push({ permission, resource: probe });
      }
    }
    const needsDenied: GcpRoleSelfCheck["needsDenied"] = [];
    const needs = new Set(p.grants.map((g) => g.need));
    for (const g of p.grants)
      for (const probe of g.probes)
        for (const permission of g.permissions) {
          if (allowedPairs.has(`${permission} ${probe}`)) continue;
          const r = engine.decide({
            ...caseFor(ctx, world, p.member, probe),
            request: { ...caseFor(ctx, world, p.member, probe).request, permission },
          });
          needsDenied.push({
            need: g.need,
            permission,
            resource: probe,
            reason: r.outcome === "Decided" ? r.explanation.reason : "the request is invalid",
          });
        }
    const deniedNeeds = new Set(needsDenied.map((d) => d.need));
    return {
      workload: p.workload,
      member: p.member,
      needsGranted: [...needs].filter((n) => !deniedNeeds.has(n)).length,
      needsDenied,
      otherPermissionsDenied: otherCatalogPermissions.filter((x) => !allowedAnywhere.has(x)).length,
      extra,
    };
  });
  return {
    ok: workloads.every((w) => w.needsDenied.length === 0 && w.extra.length === 0),
    workloads,
    federation: [],
  };
}
