/**
 * v1 -> v2 permission names for deny policies, from "Permissions supported in deny policies"
 * (https://docs.cloud.google.com/iam/docs/deny-permissions-support). Source: the Markdown mirror
 * apstndb/iam-docs-mirror at commit f18d8b7 (2026-05-30); the page last changed there on
 * 2026-05-26.
 *
 * The default rule: "Deny policies require the IAM `v2` permission format, which is
 * `SERVICE_FQDN/RESOURCE.ACTION`. The value of `SERVICE_FQDN` is typically the value of
 * `SERVICE_ID` from the `v1` API, followed by `.googleapis.com`. ... Exceptions are documented on
 * this page." So `SERVICE.RESOURCE.VERB` -> `SERVICE.googleapis.com/RESOURCE.VERB`.
 *
 * The page documents 45 exceptions, each as "Note: In the IAM v1 API, this permission is named
 * `...`" under the v2 name. All of them change only the host:
 * - `resourcemanager.{folders,organizations,projects}.*` (23 permissions) ->
 *   `cloudresourcemanager.googleapis.com/...`
 * - `bigquery.connections.*` (9) -> `bigqueryconnection.googleapis.com/connections.*`
 * - `bigquery.dataPolicies.*` (7) -> `bigquerydatapolicy.googleapis.com/dataPolicies.*`
 * - `bigquery.transfers.get`, `bigquery.transfers.update` ->
 *   `bigquerydatatransfer.googleapis.com/transfers.*`
 * - `serviceusage.apiKeys.regenerate`, `serviceusage.apiKeys.revert` ->
 *   `apikeys.googleapis.com/apiKeys.*` (pab-blocked-permissions says of the whole group: "In the
 *   IAM v1 API, these permissions are named `serviceusage.apiKeys.*`")
 * - `lookerstudio.pro.manage` -> `datastudio.googleapis.com/pro.manage`
 * - `datastore.locations.get` -> `firestore.googleapis.com/locations.get` (only this one: the page
 *   lists no other `datastore.locations` permission, and other `datastore.*` permissions keep
 *   `datastore.googleapis.com`)
 * Each key below is the narrowest prefix that covers the documented permissions and the page's
 * group for them (`cloudresourcemanager.googleapis.com/projects.*`,
 * `bigquerydatatransfer.googleapis.com/transfers.*`, `datastudio.googleapis.com/pro.*`, ...).
 */

/**
 * v1 prefix (`service` or `service.resource` or a full v1 permission) -> v2 host, for names whose
 * host is not `SERVICE.googleapis.com`. The longest matching prefix wins.
 */
export const DENY_HOST_EXCEPTIONS: Readonly<Record<string, string>> = {
  resourcemanager: "cloudresourcemanager.googleapis.com",
  "bigquery.connections": "bigqueryconnection.googleapis.com",
  "bigquery.dataPolicies": "bigquerydatapolicy.googleapis.com",
  "bigquery.transfers": "bigquerydatatransfer.googleapis.com",
  "serviceusage.apiKeys": "apikeys.googleapis.com",
  "lookerstudio.pro": "datastudio.googleapis.com",
  "datastore.locations.get": "firestore.googleapis.com",
};

/**
 * Exact v1 -> v2 renames where more than the host changes. None at the snapshot: every documented
 * exception keeps `RESOURCE.VERB`.
 */
export const DENY_NAME_EXCEPTIONS: Readonly<Record<string, string>> = {};

/**
 * v2 names the page lists with "Aliases:": "If a permission has an alias, you can use either the
 * permission name or the alias in deny policies." Listed name -> its aliases (all 20 at the
 * snapshot: BigQuery Reservation permissions under `bigquery.googleapis.com`).
 */
export const DENY_PERMISSION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "bigquery.googleapis.com/bireservations.*": [
    "bigqueryreservation.googleapis.com/bireservations.*",
  ],
  "bigquery.googleapis.com/bireservations.get": [
    "bigqueryreservation.googleapis.com/bireservations.get",
  ],
  "bigquery.googleapis.com/bireservations.update": [
    "bigqueryreservation.googleapis.com/bireservations.update",
  ],
  "bigquery.googleapis.com/capacityCommitments.*": [
    "bigqueryreservation.googleapis.com/capacityCommitments.*",
  ],
  "bigquery.googleapis.com/capacityCommitments.create": [
    "bigqueryreservation.googleapis.com/capacityCommitments.create",
  ],
  "bigquery.googleapis.com/capacityCommitments.delete": [
    "bigqueryreservation.googleapis.com/capacityCommitments.delete",
  ],
  "bigquery.googleapis.com/capacityCommitments.get": [
    "bigqueryreservation.googleapis.com/capacityCommitments.get",
  ],
  "bigquery.googleapis.com/capacityCommitments.list": [
    "bigqueryreservation.googleapis.com/capacityCommitments.list",
  ],
  "bigquery.googleapis.com/capacityCommitments.update": [
    "bigqueryreservation.googleapis.com/capacityCommitments.update",
  ],
  "bigquery.googleapis.com/reservationAssignments.*": [
    "bigqueryreservation.googleapis.com/reservationAssignments.*",
  ],
  "bigquery.googleapis.com/reservationAssignments.create": [
    "bigqueryreservation.googleapis.com/reservationAssignments.create",
  ],
  "bigquery.googleapis.com/reservationAssignments.delete": [
    "bigqueryreservation.googleapis.com/reservationAssignments.delete",
  ],
  "bigquery.googleapis.com/reservationAssignments.list": [
    "bigqueryreservation.googleapis.com/reservationAssignments.list",
  ],
  "bigquery.googleapis.com/reservationAssignments.search": [
    "bigqueryreservation.googleapis.com/reservationAssignments.search",
  ],
  "bigquery.googleapis.com/reservations.*": ["bigqueryreservation.googleapis.com/reservations.*"],
  "bigquery.googleapis.com/reservations.create": [
    "bigqueryreservation.googleapis.com/reservations.create",
  ],
  "bigquery.googleapis.com/reservations.delete": [
    "bigqueryreservation.googleapis.com/reservations.delete",
  ],
  "bigquery.googleapis.com/reservations.get": [
    "bigqueryreservation.googleapis.com/reservations.get",
  ],
  "bigquery.googleapis.com/reservations.list": [
    "bigqueryreservation.googleapis.com/reservations.list",
  ],
  "bigquery.googleapis.com/reservations.update": [
    "bigqueryreservation.googleapis.com/reservations.update",
  ],
};

/**
 * The services whose whole-service group `SERVICE_FQDN/*.*` the page lists (all 40 at the
 * snapshot; the page lists no `SERVICE_FQDN/*` and no `SERVICE_FQDN/*.VERB` group). Other
 * services can be denied only by `RESOURCE.*` groups and single permissions.
 */
export const DENY_WHOLE_SERVICE_GROUPS: readonly string[] = [
  "accessapproval.googleapis.com",
  "agentregistry.googleapis.com",
  "aiplatform.googleapis.com",
  "appoptimize.googleapis.com",
  "apptopology.googleapis.com",
  "businessaicode.googleapis.com",
  "certificatemanager.googleapis.com",
  "cloudasset.googleapis.com",
  "clouddeploy.googleapis.com",
  "cloudnumberregistry.googleapis.com",
  "confidentialcomputing.googleapis.com",
  "essentialcontacts.googleapis.com",
  "externalexposure.googleapis.com",
  "firebaseapphosting.googleapis.com",
  "firebasedataconnect.googleapis.com",
  "firebaserules.googleapis.com",
  "fpnv.googleapis.com",
  "gdchardwaremanagement.googleapis.com",
  "geminidataanalytics.googleapis.com",
  "gkebackup.googleapis.com",
  "health.googleapis.com",
  "hypercomputecluster.googleapis.com",
  "iap.googleapis.com",
  "lustre.googleapis.com",
  "maintenance.googleapis.com",
  "managedkafka.googleapis.com",
  "mcp.googleapis.com",
  "meshconfig.googleapis.com",
  "orgpolicy.googleapis.com",
  "parallelstore.googleapis.com",
  "parametermanager.googleapis.com",
  "pubsub.googleapis.com",
  "roads.googleapis.com",
  "saasservicemgmt.googleapis.com",
  "secretmanager.googleapis.com",
  "servicehealth.googleapis.com",
  "storagebatchoperations.googleapis.com",
  "storageinsights.googleapis.com",
  "vectorsearch.googleapis.com",
  "workflows.googleapis.com",
];
