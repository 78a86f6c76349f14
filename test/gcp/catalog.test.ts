import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boundaryEnforces } from "../../src/clouds/gcp/catalog/boundary-versions.js";
import { gcpCatalog } from "../../src/clouds/gcp/catalog/catalog.js";
import {
  decodeGcpCatalog,
  encodeGcpCatalog,
  type GcpRoleRecord,
} from "../../src/clouds/gcp/catalog/compact-catalog.js";
import {
  denyNames,
  denyPatternCovers,
  fromDenyPermission,
  toDenyPermission,
} from "../../src/clouds/gcp/catalog/permission-names.js";

const reference = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "shared",
  "data",
  "gcp-predefined-roles.json",
);
const hasReference = existsSync(reference);

describe("the shipped GCP catalog", () => {
  it("holds the basic roles and the predefined roles leash generates with", () => {
    const c = gcpCatalog();
    expect(c.role("roles/owner")!.permissions.size).toBeGreaterThan(10_000);
    expect(c.role("roles/viewer")!.permissions.has("storage.objects.delete")).toBe(false);
    expect([...c.role("roles/storage.objectViewer")!.permissions]).toContain("storage.objects.get");
    expect(
      c.role("roles/iam.serviceAccountUser")!.permissions.has("iam.serviceAccounts.actAs"),
    ).toBe(true);
    expect(c.hasPermission("aiplatform.endpoints.predict")).toBe(true);
    expect(c.version).toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  // The reference snapshot is beside the checkout in CI, not in a user's fresh clone.
  it.skipIf(!hasReference)(
    "holds every role of the reference snapshot with exactly its permissions",
    () => {
      const roles = JSON.parse(readFileSync(reference, "utf8")) as GcpRoleRecord[];
      const c = gcpCatalog();
      expect([...c.roleNames()].length).toBe(roles.length);
      for (const r of roles) {
        expect([...c.role(r.name)!.permissions].sort(), r.name).toEqual(
          [...new Set(r.includedPermissions ?? [])].sort(),
        );
      }
    },
  );

  it("round-trips roles through the compact format", () => {
    const roles: GcpRoleRecord[] = [
      {
        name: "roles/b",
        title: "B",
        stage: "BETA",
        includedPermissions: ["x.a.get", "x.a.list", "y.b.get"],
      },
      { name: "roles/a", title: "A", includedPermissions: ["y.b.get"] },
      { name: "roles/empty", title: "E", includedPermissions: [] },
    ];
    const data = decodeGcpCatalog(encodeGcpCatalog(roles, "v1", "test"));
    expect(data.permissions).toEqual(["x.a.get", "x.a.list", "y.b.get"]);
    expect(data.roles.get("roles/b")).toMatchObject({ title: "B", stage: "BETA" });
    expect(data.roles.get("roles/a")?.stage).toBe("GA");
  });
});

describe("GCP permission names in their two forms", () => {
  it.each([
    ["storage.objects.delete", "storage.googleapis.com/objects.delete"],
    ["resourcemanager.projects.delete", "cloudresourcemanager.googleapis.com/projects.delete"],
    ["bigquery.connections.get", "bigqueryconnection.googleapis.com/connections.get"],
    ["bigquery.tables.get", "bigquery.googleapis.com/tables.get"],
    ["datastore.locations.get", "firestore.googleapis.com/locations.get"],
    ["datastore.entities.get", "datastore.googleapis.com/entities.get"],
    ["serviceusage.apiKeys.regenerate", "apikeys.googleapis.com/apiKeys.regenerate"],
  ])("%s <-> %s", (v1, v2) => {
    expect(toDenyPermission(v1)).toBe(v2);
    expect(fromDenyPermission(v2)).toBe(v1);
  });

  it.each([
    ["storage.googleapis.com/objects.delete", "storage.googleapis.com/objects.delete", true],
    ["storage.googleapis.com/objects.*", "storage.googleapis.com/objects.delete", true],
    ["storage.googleapis.com/objects.*", "storage.googleapis.com/buckets.delete", false],
    ["storage.googleapis.com/*.delete", "storage.googleapis.com/buckets.delete", true],
    ["storage.googleapis.com/*.delete", "storage.googleapis.com/buckets.get", false],
    ["storage.googleapis.com/*.*", "storage.googleapis.com/buckets.get", true],
    ["storage.googleapis.com/*.*", "compute.googleapis.com/instances.get", false],
  ])("deny pattern %s covers %s: %s", (pattern, permission, covers) => {
    expect(denyPatternCovers(pattern, permission)).toBe(covers);
  });
});

describe("deny-policy aliases", () => {
  it("gives a BigQuery Reservation permission both of its documented names", () => {
    expect(denyNames("bigquery.reservations.get")).toEqual([
      "bigquery.googleapis.com/reservations.get",
      "bigqueryreservation.googleapis.com/reservations.get",
    ]);
    expect(denyNames("storage.objects.get")).toEqual(["storage.googleapis.com/objects.get"]);
  });
});

// cloud.google.com/iam/docs/pab-blocked-permissions, as transcribed in boundary-version-rows.ts.
describe("what each principal access boundary enforcement version blocks", () => {
  it.each([
    ["1", "storage.objects.get", true],
    ["1", "storage.objects.list", false],
    ["2", "storage.objects.list", true],
    ["1", "aiplatform.endpoints.predict", true],
    ["1", "artifactregistry.repositories.downloadArtifacts", false],
    ["3", "artifactregistry.repositories.downloadArtifacts", true],
    ["latest", "artifactregistry.repositories.downloadArtifacts", true],
    ["latest", "secretmanager.versions.access", false],
    ["4", "secretmanager.versions.access", true],
    ["1", "pubsub.topics.setIamPolicy", false],
    ["3", "pubsub.topics.setIamPolicy", true],
    ["9", "secretmanager.versions.access", true],
  ])("version %s blocks %s: %s", (version, permission, blocks) => {
    expect(boundaryEnforces(version, permission)).toBe(blocks);
  });
});
