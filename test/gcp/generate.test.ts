import { describe, expect, it } from "vitest";
import { GcpCatalog, gcpCatalog } from "../../src/clouds/gcp/catalog/catalog.js";
import {
  decodeGcpCatalog,
  encodeGcpCatalog,
} from "../../src/clouds/gcp/catalog/compact-catalog.js";
import { gcpContext } from "../../src/clouds/gcp/generate/context.js";
import { generateGcp } from "../../src/clouds/gcp/generate/index.js";
import { selfCheck } from "../../src/clouds/gcp/generate/self-check.js";
import { workloadGrants } from "../../src/clouds/gcp/generate/workload-grants.js";
import { loadSpec } from "../../src/spec/index.js";

/** GCP generation beyond the four examples: refusals, and a self-check that catches what is wrong. */
const TARGET = `targets:
  gcp:
    project: acme-ml
    projectNumber: "123456789012"
    region: us-central1
`;

function load(body: string) {
  const { spec, diagnostics } = loadSpec(`version: 1\nname: acme\n${TARGET}${body}`, "leash.yaml");
  expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return spec!;
}

const TRAINING = `resources:
  data:
    type: object-prefix
    uri: gs://acme-data/fraud/
  models:
    type: object-prefix
    uri: gs://acme-models/fraud/
workloads:
  train:
    kind: training-job
    needs:
      - read: data
      - write: models
`;

describe("leash generate --cloud gcp", () => {
  it("binds a prefix read on the bucket with a resource.name condition, and proves it", () => {
    const g = generateGcp(load(TRAINING)).generation!;
    const bucket = g.resources.find(
      (r) => r.resource === "//storage.googleapis.com/projects/_/buckets/acme-data",
    )!;
    expect(bucket.bindings).toContainEqual(
      expect.objectContaining({
        role: "projects/acme-ml/roles/acme_read_objects",
        members: ["serviceAccount:acme-train@acme-ml.iam.gserviceaccount.com"],
        condition: expect.objectContaining({
          expression: 'resource.name.startsWith("projects/_/buckets/acme-data/objects/fraud/")',
        }),
      }),
    );
    expect(g.selfCheck.ok).toBe(true);
    expect(g.selfCheck.workloads[0]).toMatchObject({ needsGranted: 2, extra: [] });
  });

  it("gives the same output for the same spec", () => {
    const a = JSON.stringify(generateGcp(load(TRAINING)).generation);
    expect(JSON.stringify(generateGcp(load(TRAINING)).generation)).toBe(a);
  });

  it("catches a binding that grants more than the needs (the self-check is no formality)", () => {
    const spec = load(TRAINING);
    const g = generateGcp(spec).generation!;
    const ctx = gcpContext(spec, spec.targets.gcp!);
    // The read binding without its prefix condition: every object of the bucket.
    const widened = g.resources.map((r) => ({
      ...r,
      bindings: r.bindings.map(({ condition: _, ...b }) => b),
    }));
    const principals = [
      {
        workload: "train",
        member: "serviceAccount:acme-train@acme-ml.iam.gserviceaccount.com",
        grants: workloadGrants(ctx, "train", spec.workloads.train!).grants,
      },
    ];
    const world = { customRoles: g.customRoles, denyPolicies: [], boundaries: [] };
    expect(selfCheck(ctx, { ...world, resources: g.resources }, principals).ok).toBe(true);
    const report = selfCheck(ctx, { ...world, resources: widened }, principals);
    expect(report.ok).toBe(false);
    // Another prefix of the bucket is reachable: the near miss the condition kept out.
    expect(report.workloads[0]!.extra).toContainEqual({
      permission: "storage.objects.get",
      resource:
        "//storage.googleapis.com/projects/_/buckets/acme-data/objects/leash-other/leash-probe",
    });
  });

  it("refuses a need on a resource that does not live in GCP, at the need", () => {
    const spec = load(`resources:
  data:
    type: object-prefix
    uri: s3://acme-data/fraud/
workloads:
  train:
    kind: training-job
    needs:
      - read: data
`);
    const r = generateGcp(spec);
    expect(r.generation).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({
      code: "generate/not-in-cloud",
      location: { pointer: "/workloads/train/needs/0/read" },
    });
  });

  it("refuses a spec without targets.gcp", () => {
    const { spec } = loadSpec(
      'version: 1\nname: acme\ntargets:\n  aws: {account: "111122223333", region: us-east-1}\nworkloads: {}\n',
      "leash.yaml",
    );
    expect(generateGcp(spec!).diagnostics[0]!.code).toBe("generate/no-gcp-target");
  });

  it("pins a GitHub stage to its repository and branch through workload identity federation", () => {
    const g = generateGcp(
      load(`resources:
  image:
    type: container-repository
    gcp: {repository: app}
workloads:
  build:
    kind: ci-stage
    identity:
      github: {repo: acme/app, repositoryId: "123456", branch: main}
    needs:
      - push: image
`),
    ).generation!;
    expect(g.workloadIdentityPool?.providers[0]).toMatchObject({
      attributeCondition:
        'assertion.repository_id == "123456" && assertion.repository == "acme/app"',
      attributeMapping: expect.objectContaining({ "google.subject": "assertion.sub" }),
    });
    const sa = g.resources.find((r) => r.scope.kind === "service-account")!;
    expect(sa.bindings[0]!.members).toEqual([
      "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-github/subject/repo:acme/app:ref:refs/heads/main",
    ]);
    expect(g.selfCheck.federation).toEqual([
      expect.objectContaining({ workload: "build", allowed: true, othersDenied: true }),
    ]);
  });

  it("grants actAs on the one service account a launcher starts jobs as, nowhere else", () => {
    const g = generateGcp(
      load(`resources:
  jobs:
    type: training-job
    gcp: {}
  data:
    type: object-prefix
    uri: gs://acme-data/
  models:
    type: object-prefix
    uri: gs://acme-models/
workloads:
  launcher:
    kind: ci-stage
    identity:
      gke: {namespace: ml, serviceAccount: launcher}
    needs:
      - start: jobs
        as: train
  train:
    kind: training-job
    needs:
      - read: data
      - write: models
`),
    ).generation!;
    const actAs = g.resources.filter((r) => r.bindings.some((b) => b.role.endsWith("_act_as")));
    expect(actAs.map((r) => r.resource)).toEqual([
      "//iam.googleapis.com/projects/acme-ml/serviceAccounts/acme-train@acme-ml.iam.gserviceaccount.com",
    ]);
    expect(g.selfCheck.ok).toBe(true);
    expect(g.selfCheck.federation).toEqual([
      expect.objectContaining({ workload: "launcher", allowed: true, othersDenied: true }),
    ]);
  });

  it("refuses an AWS identity for GCP", () => {
    const spec = load(`resources:
  data:
    type: object-prefix
    uri: gs://acme-data/
workloads:
  job:
    kind: ci-stage
    identity:
      service: codebuild.amazonaws.com
    needs:
      - read: data
`);
    expect(generateGcp(spec).diagnostics.map((d) => d.code)).toEqual(["generate/not-in-cloud"]);
  });

  it("uses the smallest predefined role, named with why, where a custom role cannot hold a permission", () => {
    const shipped = gcpCatalog();
    const roles = [...shipped.roleNames()].map((name) => {
      const r = shipped.role(name)!;
      return { name, title: r.title, stage: r.stage, includedPermissions: [...r.permissions] };
    });
    const synced = new GcpCatalog(
      decodeGcpCatalog(
        encodeGcpCatalog(roles, "test", "test", {
          scope: "//cloudresourcemanager.googleapis.com/organizations/1",
          levels: new Map([["storage.objects.get", "NOT_SUPPORTED"]]),
        }),
      ),
    );
    const g = generateGcp(load(TRAINING), synced).generation!;
    expect(g.predefinedRoles).toEqual([
      expect.objectContaining({
        workload: "train",
        why: expect.stringContaining(
          "storage.objects.get (support level NOT_SUPPORTED in //cloudresourcemanager.googleapis.com/organizations/1)",
        ),
      }),
    ]);
    const role = g.predefinedRoles[0]!.role;
    expect(role).toMatch(/^roles\//);
    expect(g.customRoles.map((r) => r.roleId)).not.toContain("acme_read_objects");
    const bucket = g.resources.find((r) => r.resource.endsWith("/acme-data"))!;
    expect(bucket.bindings.map((b) => b.role)).toContain(role);
    // What the predefined role brings beyond the need is named in the output, not an extra.
    expect(g.selfCheck.ok).toBe(true);
  });
});
