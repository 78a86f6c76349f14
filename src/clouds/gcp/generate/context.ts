import { createHash } from "node:crypto";
import { SAGEMAKER_KINDS, type Spec, type Workload } from "../../../spec/index.js";
import { type GcpCatalog, gcpCatalog } from "../catalog/catalog.js";

/** The GCP target of a spec (`targets.gcp`), required to generate for GCP. */
export type GcpTarget = NonNullable<Spec["targets"]["gcp"]>;

export interface GcpContext {
  spec: Spec;
  target: GcpTarget;
  /** The spec's name as custom role ids allow it (`[A-Za-z0-9_.]`). */
  roleIdPrefix: string;
  catalog: GcpCatalog;
}

export function gcpContext(spec: Spec, target: GcpTarget, catalog = gcpCatalog()): GcpContext {
  return { spec, target, roleIdPrefix: spec.name.replace(/-/g, "_"), catalog };
}

const hash = (text: string, n: number) =>
  createHash("sha256").update(text).digest("hex").slice(0, n);

/**
 * A workload's service account id: `<spec>-<workload>`, as IAM allows it
 * (6 to 30 characters, `[a-z]([-a-z0-9]*[a-z0-9])`; cloud.google.com/iam/docs/
 * service-accounts-create). A longer one keeps its start and a hash of the
 * whole, so that two workloads never share an account.
 */
export function accountId(ctx: GcpContext, workload: string): string {
  let id = `${ctx.spec.name}-${workload}`;
  if (id.length > 30) id = `${id.slice(0, 21).replace(/-+$/, "")}-${hash(id, 8)}`;
  if (id.length < 6) id = `${id}-sa`.padEnd(6, "0");
  return id;
}

export function serviceAccountEmail(ctx: GcpContext, workload: string): string {
  return `${accountId(ctx, workload)}@${ctx.target.project}.iam.gserviceaccount.com`;
}

export function serviceAccountMember(ctx: GcpContext, workload: string): string {
  return `serviceAccount:${serviceAccountEmail(ctx, workload)}`;
}

/** The project a locator names, else the target's. */
export function projectOf(ctx: GcpContext, locator: { project?: string } | undefined): string {
  return locator?.project ?? ctx.target.project;
}

/** Workload kinds that run as jobs or models on Vertex AI, as the service account a launcher names. */
export const VERTEX_KINDS: readonly Workload["kind"][] = SAGEMAKER_KINDS;

/** The workload identity pool of the spec's GitHub stages (4 to 32 characters). */
export function poolId(ctx: GcpContext): string {
  const id = `${ctx.spec.name}-github`;
  return id.length <= 32 ? id : `${id.slice(0, 23).replace(/-+$/, "")}-${hash(id, 8)}`;
}

/** One provider per repository (4 to 32 characters). */
export function providerId(repository: string): string {
  const base = `gh-${repository.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}`;
  return base.length <= 32
    ? base
    : `${base.slice(0, 23).replace(/-+$/, "")}-${hash(repository, 8)}`;
}

/** The principal of a GitHub Actions run of a pinned repository and ref or environment. */
export function githubSubject(github: {
  repo: string;
  branch?: string;
  environment?: string;
}): string {
  return github.environment !== undefined
    ? `repo:${github.repo}:environment:${github.environment}`
    : `repo:${github.repo}:ref:refs/heads/${github.branch}`;
}

export function poolPrincipal(ctx: GcpContext, subject: string): string {
  return `principal://iam.googleapis.com/projects/${ctx.target.projectNumber}/locations/global/workloadIdentityPools/${poolId(ctx)}/subject/${subject}`;
}
