/**
 * The resource attributes IAM Conditions see (`resource.service`,
 * `resource.type`, `resource.name`), and the services that provide them
 * (cloud.google.com/iam/docs/conditions-resource-attributes). Other services
 * (Vertex AI and Artifact Registry among them) do not give them to IAM.
 */

/**
 * Services whose requests carry `resource.service`, by API host [ATTR],
 * [RATTR]; Vertex AI, Artifact Registry, Pub/Sub and IAM are not among them.
 */
const SERVICES_WITH_RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set([
  "apigee.googleapis.com",
  "integrations.googleapis.com",
  "apihub.googleapis.com",
  "backupdr.googleapis.com",
  "bigquery.googleapis.com",
  "bigqueryreservation.googleapis.com",
  "bigtable.googleapis.com",
  "bigtableadmin.googleapis.com",
  "binaryauthorization.googleapis.com",
  "clouddeploy.googleapis.com",
  "ces.googleapis.com",
  "cloudkms.googleapis.com",
  "logging.googleapis.com",
  "sqladmin.googleapis.com",
  "storage.googleapis.com",
  "compute.googleapis.com",
  "dataform.googleapis.com",
  "dns.googleapis.com",
  "container.googleapis.com",
  "firestore.googleapis.com",
  "iap.googleapis.com",
  "connectors.googleapis.com",
  "managedkafka.googleapis.com",
  "networksecurity.googleapis.com",
  "parametermanager.googleapis.com",
  "pubsublite.googleapis.com",
  "cloudresourcemanager.googleapis.com",
  "secretmanager.googleapis.com",
  "spanner.googleapis.com",
]);

/** Of those, the ones without `resource.type`. */
const WITHOUT_TYPE: ReadonlySet<string> = new Set([
  "clouddeploy.googleapis.com",
  "backupdr.googleapis.com",
]);

/** Of those, the ones without `resource.name` (a project has a type but no name). */
const WITHOUT_NAME: ReadonlySet<string> = new Set([
  "iap.googleapis.com",
  "cloudresourcemanager.googleapis.com",
]);

/** Collection names whose resource type is not the plain singular (`versions` of a secret). */
const TYPE_NAMES: Record<string, Record<string, string>> = {
  "secretmanager.googleapis.com": { versions: "SecretVersion" },
  "bigquery.googleapis.com": { datasets: "Dataset", tables: "Table" },
  "sqladmin.googleapis.com": { instances: "Instance" },
};

export interface ResourceAttributes {
  /** The API host: `storage.googleapis.com`. */
  service: string;
  /** `SERVICE/Type`: `storage.googleapis.com/Object`. */
  type: string;
  /** The relative name: `projects/_/buckets/B/objects/O`. */
  name: string;
}

function singular(collection: string): string {
  const base = collection.endsWith("ies")
    ? `${collection.slice(0, -3)}y`
    : collection.endsWith("sses")
      ? collection.slice(0, -2)
      : collection.endsWith("s")
        ? collection.slice(0, -1)
        : collection;
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/**
 * The last collection of a relative name read as collection/id pairs; a
 * Cloud Storage object's name may hold slashes, so `objects/` takes the rest.
 */
function lastCollection(parts: readonly string[], service: string): string | undefined {
  let collection: string | undefined;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    collection = parts[i];
    if (collection === "objects" && service === "storage.googleapis.com") break;
  }
  return collection;
}

/**
 * The attributes of a full resource name (`//SERVICE/NAME`); undefined when
 * it is not one. The type comes from the last collection of the name.
 */
export function attributesOf(fullName: string): ResourceAttributes | undefined {
  if (!fullName.startsWith("//")) return undefined;
  const slash = fullName.indexOf("/", 2);
  if (slash < 0) return undefined;
  const service = fullName.slice(2, slash);
  const name = fullName.slice(slash + 1);
  const collection = lastCollection(name.split("/"), service);
  if (collection === undefined) return undefined;
  const kind = TYPE_NAMES[service]?.[collection] ?? singular(collection);
  return { service, type: `${service}/${kind}`, name };
}

/**
 * The resource attributes IAM Conditions see for a full resource name: only
 * those its service provides. An attribute left out is one a condition
 * cannot read, so the part of the condition that reads it never grants.
 */
export function availableAttributes(fullName: string): Partial<ResourceAttributes> {
  const all = attributesOf(fullName);
  if (!all || !SERVICES_WITH_RESOURCE_ATTRIBUTES.has(all.service)) return {};
  const out: Partial<ResourceAttributes> = { service: all.service };
  if (!WITHOUT_TYPE.has(all.service)) out.type = all.type;
  if (!WITHOUT_NAME.has(all.service)) out.name = all.name;
  return out;
}
