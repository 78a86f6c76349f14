import { describe, expect, it } from "vitest";
import { decideGcp, gcpDecision } from "../support/gcp-case.js";

/** Behaviour of the GCP engine that the documentation corpus does not pin: refusals and explanations. */
const bucket = "//storage.googleapis.com/projects/_/buckets/b";
const project = "//cloudresourcemanager.googleapis.com/projects/p";

function oneBinding(binding: object, request: object = {}): object {
  return {
    request: {
      principal: "user:alice@example.com",
      permission: "storage.objects.get",
      resource: `${bucket}/objects/data/x.csv`,
      ...request,
    },
    hierarchy: [
      { resource: bucket, policy: { version: 3, bindings: [binding] } },
      { resource: project },
    ],
  };
}

function codes(input: unknown): string[] {
  const r = decideGcp(input);
  return "diagnostics" in r ? r.diagnostics.map((d) => d.code) : [];
}

describe("GCP requests the engine refuses to answer", () => {
  it("refuses a permission the catalog does not list, suggesting the closest", () => {
    const r = decideGcp(
      oneBinding(
        { role: "roles/storage.objectViewer", members: ["allUsers"] },
        { permission: "storage.objects.gett" },
      ),
    );
    expect("diagnostics" in r && r.diagnostics[0]).toMatchObject({
      code: "gcp-request/unknown-permission",
      help: expect.stringContaining("`storage.objects.get`"),
    });
  });

  it("evaluates an unlisted permission as written with allowUnknown", () => {
    const input = oneBinding(
      { role: "roles/storage.objectViewer", members: ["allUsers"] },
      { permission: "storage.objects.brandNew" },
    );
    expect(decideGcp(input, true)).toMatchObject({ decision: "ImplicitlyDenied" });
  });

  it("accepts a permission only a given custom role holds", () => {
    const input = {
      ...oneBinding(
        { role: "projects/p/roles/future", members: ["user:alice@example.com"] },
        { permission: "storage.objects.brandNew" },
      ),
      customRoles: [
        { name: "projects/p/roles/future", includedPermissions: ["storage.objects.brandNew"] },
      ],
    };
    expect(gcpDecision(input)).toBe("Allowed");
  });

  it("reports a condition that does not parse, with its column", () => {
    const r = decideGcp(
      oneBinding({
        role: "roles/storage.objectViewer",
        members: ["user:alice@example.com"],
        condition: { expression: "resource.name.startsWith(" },
      }),
    );
    expect("diagnostics" in r && r.diagnostics[0]).toMatchObject({
      code: "gcp-input/condition-syntax",
      message: expect.stringMatching(/column \d+/),
      location: { pointer: "/hierarchy/0/policy/bindings/0/condition/expression" },
    });
  });

  it("refuses a _withcond_ role from a version 1 read", () => {
    expect(
      codes(
        oneBinding({
          role: "roles/storage.objectViewer_withcond_2656f5ee1e0a9fa7e4ec",
          members: ["user:alice@example.com"],
        }),
      ),
    ).toEqual(["gcp-input/withcond-role"]);
  });

  it("refuses conditions on basic roles and on public members", () => {
    const cond = { expression: "request.time < timestamp('2030-01-01T00:00:00Z')" };
    expect(
      codes(
        oneBinding({ role: "roles/viewer", members: ["user:alice@example.com"], condition: cond }),
      ),
    ).toEqual(["gcp-input/condition-on-basic-role"]);
    expect(
      codes(
        oneBinding({ role: "roles/storage.objectViewer", members: ["allUsers"], condition: cond }),
      ),
    ).toEqual(["gcp-input/condition-on-public-member"]);
  });

  it("refuses malformed members, principals and deny names, each at its pointer", () => {
    expect(
      codes(
        oneBinding({ role: "roles/storage.objectViewer", members: ["User:alice@example.com"] }),
      ),
    ).toEqual(["gcp-input/bad-member"]);
    expect(
      codes(
        oneBinding(
          { role: "roles/storage.objectViewer", members: ["user:a@example.com"] },
          { principal: "alice@example.com" },
        ),
      ),
    ).toEqual(["gcp-input/bad-principal"]);
    const deny = {
      ...oneBinding({ role: "roles/storage.objectViewer", members: ["user:alice@example.com"] }),
      denyPolicies: [
        {
          attachmentPoint: project,
          rules: [
            {
              denyRule: {
                deniedPrincipals: ["user:alice@example.com"],
                deniedPermissions: ["storage.objects.get"],
              },
            },
          ],
        },
      ],
    };
    const r = decideGcp(deny);
    expect("diagnostics" in r && r.diagnostics.map((d) => [d.code, d.help])).toEqual([
      [
        "gcp-input/bad-deny-principal",
        "deny policies take v2 identifiers: write `principal://goog/subject/alice@example.com`",
      ],
      [
        "gcp-input/bad-deny-permission",
        "deny policies name permissions in v2 form: write `storage.googleapis.com/objects.get`",
      ],
    ]);
  });

  it("refuses a group as the principal making the request", () => {
    expect(
      codes(
        oneBinding(
          { role: "roles/storage.objectViewer", members: ["group:ml@example.com"] },
          { principal: "group:ml@example.com" },
        ),
      ),
    ).toEqual(["gcp-input/principal-cannot-authenticate"]);
  });

  it("refuses a time that is not RFC 3339 and a resource that is not a full name", () => {
    expect(
      codes(
        oneBinding(
          { role: "roles/storage.objectViewer", members: ["allUsers"] },
          { time: "yesterday" },
        ),
      ),
    ).toEqual(["gcp-input/bad-time"]);
    expect(
      codes(
        oneBinding(
          { role: "roles/storage.objectViewer", members: ["allUsers"] },
          { resource: "projects/_/buckets/b" },
        ),
      ),
    ).toEqual(["gcp-input/bad-resource"]);
  });
});

describe("GCP decisions and their explanations", () => {
  it("names the granting binding with its condition's value", () => {
    const r = decideGcp(
      oneBinding({
        role: "roles/storage.objectViewer",
        members: ["user:Alice@Example.com"],
        condition: {
          title: "data",
          expression: "resource.name.startsWith('projects/_/buckets/b/objects/data/')",
        },
      }),
    );
    expect(r).toMatchObject({
      decision: "Allowed",
      explanation: {
        grantedBy: [
          {
            resource: bucket,
            binding: "/hierarchy/0/policy/bindings/0",
            role: "roles/storage.objectViewer",
            member: "user:Alice@Example.com",
            condition: { title: "data", value: true },
          },
        ],
        denyPermission: "storage.googleapis.com/objects.get",
      },
    });
  });

  it("lists a binding whose member does not match as a near miss", () => {
    const r = decideGcp(
      oneBinding({ role: "roles/storage.objectViewer", members: ["user:bob@example.com"] }),
    );
    expect(r).toMatchObject({
      decision: "ImplicitlyDenied",
      explanation: { nearMisses: [{ why: "member", role: "roles/storage.objectViewer" }] },
    });
  });

  it("says which attribute an Unknown needs", () => {
    const r = decideGcp(
      oneBinding({
        role: "roles/storage.objectViewer",
        members: ["user:alice@example.com"],
        condition: { expression: "request.time < timestamp('2030-01-01T00:00:00Z')" },
      }),
    );
    expect(r).toMatchObject({
      decision: "Unknown",
      explanation: { unknown: [{ at: "/hierarchy/0/policy/bindings/0", needs: ["request.time"] }] },
    });
  });

  it("does not let an Unknown condition stand over an unconditional grant", () => {
    const input = oneBinding({
      role: "roles/storage.objectViewer",
      members: ["user:alice@example.com"],
    });
    (
      input as { hierarchy: { policy?: { bindings: object[] } }[] }
    ).hierarchy[0]!.policy!.bindings.push({
      role: "roles/storage.objectViewer",
      members: ["user:alice@example.com"],
      condition: { expression: "request.time < timestamp('2030-01-01T00:00:00Z')" },
    });
    expect(gcpDecision(input)).toBe("Allowed");
  });

  it("grants nothing through resource.name on a service that does not provide it (Vertex AI)", () => {
    const endpoint = "//aiplatform.googleapis.com/projects/p/locations/us-central1/endpoints/e";
    const input = {
      request: {
        principal: "serviceAccount:app@p.iam.gserviceaccount.com",
        permission: "aiplatform.endpoints.predict",
        resource: endpoint,
      },
      hierarchy: [
        {
          resource: project,
          policy: {
            version: 3,
            bindings: [
              {
                role: "roles/aiplatform.user",
                members: ["serviceAccount:app@p.iam.gserviceaccount.com"],
                condition: {
                  expression:
                    "resource.name.startsWith('projects/p/locations/us-central1/endpoints/e')",
                },
              },
            ],
          },
        },
      ],
    };
    expect(decideGcp(input)).toMatchObject({
      decision: "ImplicitlyDenied",
      explanation: { nearMisses: [{ why: "condition", condition: { value: "error" } }] },
    });
  });

  it("keeps federated identities out of allAuthenticatedUsers", () => {
    const input = (principal: string) =>
      oneBinding(
        { role: "roles/storage.objectViewer", members: ["allAuthenticatedUsers"] },
        { principal },
      );
    expect(gcpDecision(input("user:alice@example.com"))).toBe("Allowed");
    expect(
      gcpDecision(
        input(
          "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/gh/subject/repo:acme/app:ref:refs/heads/main",
        ),
      ),
    ).toBe("ImplicitlyDenied");
  });

  it("warns of a bound role neither the catalog nor the input defines", () => {
    const r = decideGcp(
      oneBinding({ role: "roles/storage.objectViewr", members: ["user:alice@example.com"] }),
    );
    expect(r).toMatchObject({
      decision: "ImplicitlyDenied",
      warnings: [
        { code: "gcp-request/undefined-role", help: "did you mean `roles/storage.objectViewer`?" },
      ],
    });
  });
});
