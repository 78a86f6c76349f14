import type { Scope } from "./types.js";

/** The full resource name of a scope (cloud.google.com/iam/docs/full-resource-names). */
export function scopeName(s: Scope): string {
  switch (s.kind) {
    case "project":
      return `//cloudresourcemanager.googleapis.com/projects/${s.project}`;
    case "bucket":
      return `//storage.googleapis.com/projects/_/buckets/${s.bucket}`;
    case "repository":
      return `//artifactregistry.googleapis.com/projects/${s.project}/locations/${s.location}/repositories/${s.repository}`;
    case "endpoint":
      return `//aiplatform.googleapis.com/projects/${s.project}/locations/${s.location}/endpoints/${s.endpoint}`;
    case "crypto-key":
      return `//cloudkms.googleapis.com/projects/${s.project}/locations/${s.location}/keyRings/${s.keyRing}/cryptoKeys/${s.key}`;
    case "secret":
      return `//secretmanager.googleapis.com/projects/${s.project}/secrets/${s.secret}`;
    case "run-service":
      return `//run.googleapis.com/projects/${s.project}/locations/${s.location}/services/${s.service}`;
    case "service-account":
      return `//iam.googleapis.com/projects/${s.project}/serviceAccounts/${s.email}`;
  }
}

/** The scope's project, where it has one (a bucket's is not in its name). */
export function scopeProject(s: Scope): string | undefined {
  return s.kind === "bucket" ? undefined : s.project;
}
