import type { Diagnostic } from "../../../diagnostics/index.js";
import { type Spec, specLocation } from "../../../spec/index.js";
import { type GcpCatalog, gcpCatalog } from "../catalog/catalog.js";
import { BindingSet } from "./bindings.js";
import { type GcpContext, gcpContext, serviceAccountEmail, VERTEX_KINDS } from "./context.js";
import { federationCheck } from "./federation-check.js";
import { platformGuardrails } from "./guardrails.js";
import { githubPool, impersonators, serviceAccount } from "./identities.js";
import { gcpFacts } from "./locate.js";
import { CustomRoles, unknownPermissions } from "./roles.js";
import { type PrincipalUnderCheck, selfCheck } from "./self-check.js";
import type { GcpGeneration } from "./types.js";
import { workloadGrants } from "./workload-grants.js";

const IMPERSONATE = {
  part: "impersonate",
  title: "impersonate the workload's service account",
  permissions: ["iam.serviceAccounts.getAccessToken"],
};

const CMEK = {
  part: "cmek",
  title: "encrypt and decrypt with a customer-managed key",
  permissions: [
    "cloudkms.cryptoKeyVersions.useToDecrypt",
    "cloudkms.cryptoKeyVersions.useToEncrypt",
  ],
};

/**
 * spec -> GCP service accounts, custom roles, bindings, workload identity
 * federation and guardrails, then a self-check by simulation
 * (docs/generation/gcp.md). Deterministic: the same spec gives
 * byte-identical output.
 */
export function generateGcp(
  spec: Spec,
  catalog: GcpCatalog = gcpCatalog(),
): { generation?: GcpGeneration; diagnostics: Diagnostic[] } {
  const target = spec.targets.gcp;
  if (!target) {
    return {
      diagnostics: [
        {
          code: "generate/no-gcp-target",
          severity: "error",
          message: "the spec has no `targets.gcp`",
          help: 'add `targets: {gcp: {project: acme-ml, projectNumber: "123456789012", region: us-central1}}`',
        },
      ],
    };
  }
  const ctx = gcpContext(spec, target, catalog);
  const diagnostics: Diagnostic[] = [];
  const roles = new CustomRoles(ctx);
  const bindings = new BindingSet();
  const principals: PrincipalUnderCheck[] = [];
  const notes: string[] = [];
  const serviceAccounts = Object.keys(spec.workloads)
    .sort()
    .map((name) => serviceAccount(ctx, name, spec.workloads[name]!));

  for (const name of Object.keys(spec.workloads).sort()) {
    const w = spec.workloads[name]!;
    const member = `serviceAccount:${serviceAccountEmail(ctx, name)}`;
    const { grants, diagnostics: problems } = workloadGrants(ctx, name, w);
    diagnostics.push(...problems);
    for (const g of grants) {
      const role = roles.roleFor(g, name);
      const brought = roles.broughtBy.get(role);
      if (brought) g.acknowledged = brought;
      bindings.add(g.scope, role, member, g.source, g.condition);
    }
    principals.push({ workload: name, member, grants });

    const who = impersonators(ctx, name, w);
    diagnostics.push(...who.diagnostics);
    const sa = {
      kind: "service-account" as const,
      project: target.project,
      email: serviceAccountEmail(ctx, name),
    };
    for (const m of who.members)
      bindings.add(
        sa,
        roles.roleFor({ ...IMPERSONATE, scope: sa, probes: [], source: "" }),
        m,
        "https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#impersonation",
      );

    if (w.encryption)
      encryptionBinding(ctx, name, w.encryption.kmsKey, roles, bindings, diagnostics, notes);
    if (VERTEX_KINDS.includes(w.kind) && w.network !== "any")
      notes.push(
        `${name}: \`network: ${w.network}\` is not an IAM permission in GCP: run its Vertex AI jobs with a private network (network or pscInterfaceConfig) inside a VPC Service Controls perimeter`,
      );
    if (VERTEX_KINDS.includes(w.kind))
      notes.push(
        `${name}: start its Vertex AI jobs and models with serviceAccount ${serviceAccountEmail(ctx, name)}`,
      );
  }
  if (diagnostics.some((d) => d.severity === "error")) return { diagnostics };

  const customRoles = roles.all();
  const unknown = unknownPermissions(customRoles, catalog);
  if (unknown.length > 0)
    return {
      diagnostics: [
        {
          code: "generate/unknown-permission",
          severity: "error",
          message: `the knowledge base names permissions the catalog does not list: ${unknown.join(", ")}`,
          help: "this is a bug in leash's GCP knowledge base, or the catalog is older than it: run `leash catalog sync --cloud gcp`",
        },
      ],
    };
  const guardrails = platformGuardrails(ctx);
  const resources = bindings.all();
  const tags = new Map<string, Record<string, string>>();
  for (const b of guardrails.teamTags?.bindings ?? [])
    tags.set(b.resource, { [guardrails.teamTags!.namespacedKey]: b.value });
  const world = {
    resources,
    customRoles,
    denyPolicies: guardrails.denyPolicies,
    boundaries: guardrails.boundaries,
    tags,
  };
  const report = selfCheck(ctx, world, principals, catalog);
  const pool = githubPool(ctx);
  report.federation = federationCheck(ctx, world);
  if (!report.federation.every((f) => f.allowed && f.othersDenied)) report.ok = false;

  const generation: GcpGeneration = {
    cloud: "gcp",
    catalogVersion: catalog.version,
    spec: spec.name,
    project: target.project,
    projectNumber: target.projectNumber,
    region: target.region,
    ...(target.organization ? { organization: target.organization } : {}),
    serviceAccounts,
    customRoles,
    predefinedRoles: roles.predefinedUses(),
    resources,
    ...(pool ? { workloadIdentityPool: pool } : {}),
    denyPolicies: guardrails.denyPolicies,
    principalAccessBoundaryPolicies: guardrails.boundaries,
    organizationPolicies: guardrails.organizationPolicies,
    ...(guardrails.teamTags ? { teamTags: guardrails.teamTags } : {}),
    notes: [...notes, ...roles.notes, ...guardrails.notes],
    selfCheck: report,
  };
  for (const w of report.workloads) {
    for (const d of w.needsDenied)
      diagnostics.push({
        code: "generate/need-denied",
        severity: "error",
        message: `the self-check denies \`${w.workload}\` its need \`${d.need}\`: \`${d.permission}\` on \`${d.resource}\` (${d.reason})`,
        help: "a guardrail or boundary of the spec refuses what the workload needs: change one of them",
        location: specLocation(spec, ["workloads", w.workload, "needs"]),
      });
    for (const e of w.extra.slice(0, 5))
      diagnostics.push({
        code: "generate/extra-permission",
        severity: "error",
        message: `the self-check allows \`${w.workload}\` \`${e.permission}\` on \`${e.resource}\`, which no need asks for`,
        help: "this is a bug in leash's GCP knowledge base: please report it with the spec",
      });
  }
  return { generation, diagnostics };
}

/**
 * A Vertex AI job encrypts with a customer-managed key through the Vertex AI
 * service agent, which needs the key (cloud.google.com/vertex-ai/docs/general/cmek):
 * the binding goes to the agent, not to the workload.
 */
function encryptionBinding(
  ctx: GcpContext,
  name: string,
  key: string,
  roles: CustomRoles,
  bindings: BindingSet,
  diagnostics: Diagnostic[],
  notes: string[],
): void {
  const facts = gcpFacts(ctx, ctx.spec.resources[key]!);
  if (facts?.kind !== "key") {
    diagnostics.push({
      code: "generate/not-in-cloud",
      severity: "error",
      message: `\`${key}\` does not live in GCP: it has no \`gcp:\` block`,
      help: "add the Cloud KMS key as `gcp: {keyRing: ..., key: ...}`, or generate for AWS only",
      location: specLocation(ctx.spec, ["workloads", name, "encryption", "kmsKey"]),
    });
    return;
  }
  const scope = {
    kind: "crypto-key" as const,
    project: facts.project,
    location: facts.location,
    keyRing: facts.keyRing,
    key: facts.key,
  };
  const agent = `serviceAccount:service-${ctx.target.projectNumber}@gcp-sa-aiplatform.iam.gserviceaccount.com`;
  bindings.add(
    scope,
    roles.roleFor({ ...CMEK, scope, probes: [], source: "" }),
    agent,
    "https://cloud.google.com/vertex-ai/docs/general/cmek#before_you_begin (the Vertex AI service agent uses the key)",
  );
  notes.push(
    `${name}: give its Vertex AI jobs encryptionSpec.kmsKeyName projects/${facts.project}/locations/${facts.location}/keyRings/${facts.keyRing}/cryptoKeys/${facts.key}; the Vertex AI service agent is granted the key`,
  );
}
