import type { Diagnostic } from "../diagnostics/index.js";
import type { NeutralType } from "./neutral-resources.js";
import type { AwsResource, AwsSpec, ResourceType, Spec, SpecResource } from "./schema.js";
import { shareLocations, specLocation } from "./validate.js";

/**
 * One spec, seen from one cloud (docs/spec.md, "Resources in several
 * clouds"). Checks and generation rows are keyed by the AWS types of the
 * first version; a neutral type stands for one of them.
 */
export const NEUTRAL_KIND: Record<NeutralType, ResourceType> = {
  "object-prefix": "s3-prefix",
  "container-repository": "ecr-repository",
  "training-job": "sagemaker-training-job",
  "processing-job": "sagemaker-processing-job",
  "model-endpoint": "sagemaker-endpoint",
  "model-registry": "sagemaker-model-package-group",
  "feature-store": "sagemaker-feature-group",
  "encryption-key": "kms-key",
  "log-destination": "log-group",
  "foundation-model": "bedrock-model",
  function: "lambda-function",
};

/** The kind a resource is, named by its AWS type (`object-prefix` is an `s3-prefix`). */
export function kindOf(r: SpecResource): ResourceType {
  return Object.hasOwn(NEUTRAL_KIND, r.type)
    ? NEUTRAL_KIND[r.type as NeutralType]
    : (r.type as ResourceType);
}

/** The object-store URIs of a prefix resource, whatever its form. */
export function objectUris(r: SpecResource): string[] {
  if (r.type !== "object-prefix" && r.type !== "s3-prefix") return [];
  return Array.isArray(r.uri) ? r.uri : [r.uri];
}

/** The resource in its AWS shorthand, or undefined when it does not live in AWS. */
export function awsLocation(r: SpecResource): AwsResource | undefined {
  const team = r.team === undefined ? {} : { team: r.team };
  if (r.type === "object-prefix") {
    const uri = objectUris(r).find((u) => u.startsWith("s3://"));
    return uri === undefined ? undefined : { type: "s3-prefix", uri, ...team };
  }
  if (r.type === "secret") {
    if (r.name !== undefined) return r as AwsResource;
    return r.aws ? { type: "secret", name: r.aws.name, ...team } : undefined;
  }
  if (!Object.hasOwn(NEUTRAL_KIND, r.type)) return r as AwsResource;
  const aws = (r as { aws?: Record<string, unknown> }).aws;
  if (!aws) return undefined;
  return { type: NEUTRAL_KIND[r.type as NeutralType], ...aws, ...team } as AwsResource;
}

/** Whether a resource is written in a neutral form (so that views must translate it). */
function isNeutral(r: SpecResource): boolean {
  return Object.hasOwn(NEUTRAL_KIND, r.type) || (r.type === "secret" && r.name === undefined);
}

/**
 * The spec as the AWS generator reads it: every resource in its AWS
 * shorthand. A spec written in shorthands is returned as it is (its AWS
 * output stays byte for byte what it was). A need on a resource that does
 * not live in AWS is an error at the need.
 */
export function awsView(spec: Spec): { spec?: AwsSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  for (const [name, w] of Object.entries(spec.workloads)) {
    if (w.identity && "gke" in w.identity) {
      diagnostics.push({
        code: "generate/not-in-cloud",
        severity: "error",
        message: `\`${name}\` runs on GKE (\`identity.gke\`), which AWS cannot trust`,
        help: "generate it with --cloud gcp, or give it an AWS identity",
        location: specLocation(spec, ["workloads", name, "identity", "gke"]),
      });
    }
  }
  if (!Object.values(spec.resources).some(isNeutral))
    return diagnostics.length > 0 ? { diagnostics } : { spec: spec as AwsSpec, diagnostics };
  const resources: Record<string, AwsResource> = {};
  for (const [name, r] of Object.entries(spec.resources)) {
    const aws = awsLocation(r);
    if (aws) resources[name] = aws;
  }
  for (const [name, w] of Object.entries(spec.workloads)) {
    w.needs.forEach((need, i) => {
      const [verb, target] = Object.entries(need).find(([k]) => k !== "as") as [string, string];
      if (resources[target] === undefined) {
        diagnostics.push(notInAws(spec, target, ["workloads", name, "needs", i, verb]));
      }
    });
    if (w.encryption && resources[w.encryption.kmsKey] === undefined)
      diagnostics.push(
        notInAws(spec, w.encryption.kmsKey, ["workloads", name, "encryption", "kmsKey"]),
      );
  }
  if (diagnostics.length > 0) return { diagnostics };
  const view: AwsSpec = { ...spec, resources };
  shareLocations(view, spec);
  return { spec: view, diagnostics };
}

function notInAws(spec: Spec, resource: string, path: (string | number)[]): Diagnostic {
  return {
    code: "generate/not-in-cloud",
    severity: "error",
    message: `\`${resource}\` does not live in AWS: it has no \`aws:\` block (or \`s3://\` URI)`,
    help: "add where it lives in AWS, or generate for the clouds it lives in (--cloud gcp)",
    location: specLocation(spec, path),
  };
}
