import { GcpEngine } from "../evaluate/engine.js";
import { type GcpContext, githubSubject, poolPrincipal, serviceAccountEmail } from "./context.js";
import { caseFor, type World } from "./self-check.js";
import type { GcpSelfCheckReport } from "./types.js";

/**
 * Workload identity, replayed: the pinned GitHub subject (or GKE service
 * account) may get tokens for its workload's account, and the same
 * repository on another branch or environment (or another Kubernetes
 * service account) may not.
 */
export function federationCheck(ctx: GcpContext, world: World): GcpSelfCheckReport["federation"] {
  const engine = new GcpEngine(ctx.catalog);
  const out: GcpSelfCheckReport["federation"] = [];
  const allowed = (principal: string, workload: string) => {
    const resource = `//iam.googleapis.com/projects/${ctx.target.project}/serviceAccounts/${serviceAccountEmail(ctx, workload)}`;
    const c = caseFor(ctx, world, principal, resource);
    const r = engine.decide({
      ...c,
      request: { ...c.request, permission: "iam.serviceAccounts.getAccessToken" },
    });
    return r.outcome === "Decided" && r.decision === "Allowed";
  };
  for (const name of Object.keys(ctx.spec.workloads).sort()) {
    const id = ctx.spec.workloads[name]!.identity;
    if (!id) continue;
    if ("github" in id) {
      const g = id.github;
      const subject = githubSubject(g);
      const other =
        g.environment !== undefined
          ? githubSubject({ repo: g.repo, environment: "leash-other" })
          : githubSubject({ repo: g.repo, branch: "leash-other" });
      out.push({
        workload: name,
        subject: poolPrincipal(ctx, subject),
        allowed: allowed(poolPrincipal(ctx, subject), name),
        othersDenied: !allowed(poolPrincipal(ctx, other), name),
      });
    } else if ("gke" in id) {
      const project = id.gke.project ?? ctx.target.project;
      const member = `serviceAccount:${project}.svc.id.goog[${id.gke.namespace}/${id.gke.serviceAccount}]`;
      const other = `serviceAccount:${project}.svc.id.goog[${id.gke.namespace}/leash-other]`;
      out.push({
        workload: name,
        subject: member,
        allowed: allowed(member, name),
        othersDenied: !allowed(other, name),
      });
    }
  }
  return out;
}
