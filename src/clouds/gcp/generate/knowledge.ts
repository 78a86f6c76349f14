import type { Verb } from "../../../spec/index.js";
import type { GcpFacts } from "./locate.js";
import type { GcpConditionJson, Scope } from "./types.js";

/**
 * The GCP knowledge base (docs/generation/gcp.md): for each verb on each
 * kind of resource, the exact permissions, the narrowest resource that
 * carries an allow policy to bind them on, the condition that narrows them
 * further where the service gives IAM Conditions the resource's name, and
 * the resources a request for them is made on (the self-check's probes).
 * Reviewed like code; every row is exercised by simulating generated IAM.
 */
export interface Grant {
  /** Names the custom role that holds the permissions: `read_objects`. */
  part: string;
  title: string;
  permissions: readonly string[];
  scope: Scope;
  condition?: GcpConditionJson;
  /** Full resource names a request for each permission is made on; each must be allowed. */
  probes: readonly string[];
  source: string;
}

const objectsIn = (bucket: string, prefix: string) =>
  `projects/_/buckets/${bucket}/objects/${prefix}`;
const bucketName = (bucket: string) => `//storage.googleapis.com/projects/_/buckets/${bucket}`;

/** `resource.name.startsWith(...)` on a prefix; none for a whole bucket. */
function prefixCondition(bucket: string, prefix: string): GcpConditionJson | undefined {
  if (prefix === "") return undefined;
  return {
    title: `objects under ${prefix}`,
    description: `only objects of gs://${bucket}/${prefix}`,
    expression: `resource.name.startsWith(${JSON.stringify(objectsIn(bucket, prefix))})`,
  };
}

const GCS_CONDITIONS =
  "https://cloud.google.com/storage/docs/access-control/iam#conditions (resource.name of objects: projects/_/buckets/B/objects/O)";

/** The grants of one need, or undefined when the row does not exist (the verb does not apply in GCP). */
export function needGrants(verb: Verb, f: GcpFacts): Grant[] | undefined {
  switch (`${verb} ${f.kind}`) {
    case "read objects": {
      const o = f as Extract<GcpFacts, { kind: "objects" }>;
      const read: Grant = {
        part: "read_objects",
        title: "read objects",
        permissions: ["storage.objects.get"],
        scope: { kind: "bucket", bucket: o.bucket },
        probes: [`//storage.googleapis.com/${objectsIn(o.bucket, o.prefix)}leash-probe`],
        source: GCS_CONDITIONS,
      };
      const condition = prefixCondition(o.bucket, o.prefix);
      if (condition) read.condition = condition;
      return [read, listGrant(o.bucket)];
    }
    case "list objects":
      return [listGrant((f as Extract<GcpFacts, { kind: "objects" }>).bucket)];
    case "write objects": {
      const o = f as Extract<GcpFacts, { kind: "objects" }>;
      const write: Grant = {
        part: "write_objects",
        title: "create objects",
        permissions: ["storage.objects.create"],
        scope: { kind: "bucket", bucket: o.bucket },
        probes: [`//storage.googleapis.com/${objectsIn(o.bucket, o.prefix)}leash-probe`],
        source: `${GCS_CONDITIONS}; https://cloud.google.com/storage/docs/access-control/iam-permissions (objects.create; overwriting also needs objects.delete, which leash does not grant)`,
      };
      const condition = prefixCondition(o.bucket, o.prefix);
      if (condition) write.condition = condition;
      return [write];
    }
    case "pull repository":
    case "push repository": {
      const r = f as Extract<GcpFacts, { kind: "repository" }>;
      const scope: Scope = {
        kind: "repository",
        project: r.project,
        location: r.location,
        repository: r.repository,
      };
      const name = `//artifactregistry.googleapis.com/projects/${r.project}/locations/${r.location}/repositories/${r.repository}`;
      return [
        {
          part: verb === "pull" ? "pull_images" : "push_images",
          title: verb === "pull" ? "pull images" : "push images",
          permissions:
            verb === "pull"
              ? ["artifactregistry.repositories.downloadArtifacts"]
              : [
                  "artifactregistry.repositories.downloadArtifacts",
                  "artifactregistry.repositories.uploadArtifacts",
                  "artifactregistry.tags.create",
                  "artifactregistry.tags.update",
                ],
          scope,
          probes: [name],
          source: "https://cloud.google.com/artifact-registry/docs/access-control#permissions",
        },
      ];
    }
    case "log logs": {
      const l = f as Extract<GcpFacts, { kind: "logs" }>;
      return [
        {
          part: "write_logs",
          title: "write log entries",
          permissions: ["logging.logEntries.create"],
          scope: { kind: "project", project: l.project },
          probes: [`//cloudresourcemanager.googleapis.com/projects/${l.project}`],
          source:
            "https://cloud.google.com/logging/docs/access-control#permissions_and_roles (logEntries.create is checked on the project)",
        },
      ];
    }
    case "read secret": {
      const s = f as Extract<GcpFacts, { kind: "secret" }>;
      return [
        {
          part: "read_secret",
          title: "access secret versions",
          permissions: ["secretmanager.versions.access"],
          scope: { kind: "secret", project: s.project, secret: s.secret },
          probes: [
            `//secretmanager.googleapis.com/projects/${s.project}/secrets/${s.secret}/versions/latest`,
          ],
          source: "https://cloud.google.com/secret-manager/docs/access-control",
        },
      ];
    }
    case "decrypt key":
    case "encrypt key": {
      const k = f as Extract<GcpFacts, { kind: "key" }>;
      return [
        {
          part: verb === "decrypt" ? "decrypt_key" : "encrypt_key",
          title: verb === "decrypt" ? "decrypt with the key" : "encrypt with the key",
          permissions: [
            verb === "decrypt"
              ? "cloudkms.cryptoKeyVersions.useToDecrypt"
              : "cloudkms.cryptoKeyVersions.useToEncrypt",
          ],
          scope: {
            kind: "crypto-key",
            project: k.project,
            location: k.location,
            keyRing: k.keyRing,
            key: k.key,
          },
          probes: [
            `//cloudkms.googleapis.com/projects/${k.project}/locations/${k.location}/keyRings/${k.keyRing}/cryptoKeys/${k.key}`,
          ],
          source: "https://cloud.google.com/kms/docs/reference/permissions-and-roles",
        },
      ];
    }
    case "invoke endpoint":
    case "deploy endpoint": {
      const e = f as Extract<GcpFacts, { kind: "endpoint" }>;
      const name = `//aiplatform.googleapis.com/projects/${e.project}/locations/${e.location}/endpoints/${e.endpoint}`;
      const scope: Scope = {
        kind: "endpoint",
        project: e.project,
        location: e.location,
        endpoint: e.endpoint,
      };
      if (verb === "invoke")
        return [
          {
            part: "predict",
            title: "predict on the endpoint",
            permissions: ["aiplatform.endpoints.predict"],
            scope,
            probes: [name],
            source:
              "https://cloud.google.com/vertex-ai/docs/general/access-control#resource-level-access (endpoint allow policies)",
          },
        ];
      return [
        {
          part: "deploy_endpoint",
          title: "deploy models to the endpoint",
          permissions: [
            "aiplatform.endpoints.deploy",
            "aiplatform.endpoints.get",
            "aiplatform.endpoints.undeploy",
          ],
          scope,
          probes: [name],
          source:
            "https://cloud.google.com/vertex-ai/docs/general/access-control#resource-level-access",
        },
        {
          part: "upload_models",
          title: "upload models",
          permissions: ["aiplatform.models.get", "aiplatform.models.upload"],
          scope: { kind: "project", project: e.project },
          probes: [
            `//aiplatform.googleapis.com/projects/${e.project}/locations/${e.location}/models/leash-probe`,
          ],
          source:
            "https://cloud.google.com/vertex-ai/docs/general/access-control (models: project-level permissions)",
        },
      ];
    }
    case "start jobs": {
      const j = f as Extract<GcpFacts, { kind: "jobs" }>;
      return [
        {
          part: "start_custom_jobs",
          title: "start custom jobs",
          permissions: ["aiplatform.customJobs.create", "aiplatform.customJobs.get"],
          scope: { kind: "project", project: j.project },
          probes: [
            `//aiplatform.googleapis.com/projects/${j.project}/locations/${j.location}/customJobs/leash-probe`,
          ],
          source:
            "https://cloud.google.com/vertex-ai/docs/general/access-control (custom jobs have no allow policy of their own)",
        },
      ];
    }
    case "register models":
    case "read models": {
      const m = f as Extract<GcpFacts, { kind: "models" }>;
      return [
        {
          part: verb === "register" ? "register_models" : "read_models",
          title: verb === "register" ? "register models" : "read models",
          permissions:
            verb === "register"
              ? ["aiplatform.models.get", "aiplatform.models.upload"]
              : ["aiplatform.models.get", "aiplatform.models.list"],
          scope: { kind: "project", project: m.project },
          probes: [
            `//aiplatform.googleapis.com/projects/${m.project}/locations/${m.location}/models/leash-probe`,
          ],
          source:
            "https://cloud.google.com/vertex-ai/docs/model-registry/introduction (models: project-level permissions)",
        },
      ];
    }
    case "read feature-store": {
      const s = f as Extract<GcpFacts, { kind: "feature-store" }>;
      return [
        {
          part: "read_features",
          title: "fetch feature values",
          permissions: ["aiplatform.featureViews.fetchFeatureValues"],
          scope: { kind: "project", project: s.project },
          probes: [
            `//aiplatform.googleapis.com/projects/${s.project}/locations/${s.location}/featureOnlineStores/${s.store}/featureViews/leash-probe`,
          ],
          source: "https://cloud.google.com/vertex-ai/docs/featurestore/latest/access-control",
        },
      ];
    }
    case "invoke publisher-model": {
      const m = f as Extract<GcpFacts, { kind: "publisher-model" }>;
      return [
        {
          part: "predict_publisher_models",
          title: "predict on publisher models",
          permissions: ["aiplatform.endpoints.predict"],
          scope: { kind: "project", project: m.project },
          probes: [
            `//aiplatform.googleapis.com/projects/${m.project}/locations/${m.location}/${m.model}`,
          ],
          source:
            "https://cloud.google.com/vertex-ai/generative-ai/docs/access-control (publisher models: project-level)",
        },
      ];
    }
    case "invoke run-service": {
      const s = f as Extract<GcpFacts, { kind: "run-service" }>;
      return [
        {
          part: "invoke_service",
          title: "invoke the service",
          permissions: ["run.routes.invoke"],
          scope: {
            kind: "run-service",
            project: s.project,
            location: s.location,
            service: s.service,
          },
          probes: [
            `//run.googleapis.com/projects/${s.project}/locations/${s.location}/services/${s.service}`,
          ],
          source: "https://cloud.google.com/run/docs/securing/managing-access",
        },
      ];
    }
    default:
      return undefined;
  }
}

function listGrant(bucket: string): Grant {
  return {
    part: "list_objects",
    title: "list objects",
    permissions: ["storage.objects.list"],
    scope: { kind: "bucket", bucket },
    probes: [bucketName(bucket)],
    source:
      "https://cloud.google.com/storage/docs/access-control/iam-permissions (objects.list is checked on the bucket: no condition can narrow it to a prefix)",
  };
}

/** `iam.serviceAccounts.actAs` on the one service account a launcher starts jobs or deploys models as. */
export function actAsGrant(project: string, email: string): Grant {
  return {
    part: "act_as",
    title: "run jobs and models as a service account",
    permissions: ["iam.serviceAccounts.actAs"],
    scope: { kind: "service-account", project, email },
    probes: [`//iam.googleapis.com/projects/${project}/serviceAccounts/${email}`],
    source: "https://cloud.google.com/iam/docs/service-accounts-actas",
  };
}
