import type { AwsResource as SpecResource } from "../../../spec/index.js";

/** Where a spec's resources live in AWS, for ARN templates. */
export interface AwsTarget {
  account: string;
  region: string;
  partition: string;
}

/**
 * The named values a knowledge-base template may use for one resource, e.g.
 * `{bucket}`, `{objects}` for an S3 prefix. All ARNs follow the resource
 * types' ARN formats in the Service Authorization Reference.
 */
export type ResourceFacts = Record<string, string>;

export function resourceFacts(r: SpecResource, t: AwsTarget): ResourceFacts {
  const p = t.partition;
  const sm = (kind: string, name: string) =>
    `arn:${p}:sagemaker:${t.region}:${t.account}:${kind}/${name}`;
  switch (r.type) {
    case "s3-prefix": {
      const [, bucket = "", prefix = ""] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(r.uri) ?? [];
      return {
        bucket: `arn:${p}:s3:::${bucket}`,
        // `prefix*` covers the prefix and everything under it; an empty prefix is the whole bucket.
        objects: `arn:${p}:s3:::${bucket}/${prefix}*`,
        prefixPattern: `${prefix}*`,
        bucketName: bucket,
        prefix,
      };
    }
    case "ecr-repository":
      return { repository: `arn:${p}:ecr:${t.region}:${t.account}:repository/${r.name}` };
    case "sagemaker-endpoint":
      return {
        endpoint: sm("endpoint", r.name),
        // Every update needs a new config (and usually a new model): deployers name them
        // `<name>-<version>`, so the grant covers the name and its versions.
        endpointConfig: sm("endpoint-config", `${r.config ?? r.name}*`),
        model: sm("model", `${r.model ?? r.name}*`),
      };
    case "sagemaker-model-package-group":
      return {
        group: sm("model-package-group", r.name),
        packages: sm("model-package", `${r.name}/*`),
      };
    case "sagemaker-feature-group":
      return { featureGroup: sm("feature-group", r.name) };
    case "sagemaker-training-job":
      return { job: sm("training-job", r.name) };
    case "sagemaker-processing-job":
      return { job: sm("processing-job", r.name) };
    case "kms-key":
      return { key: r.arn };
    case "log-group":
      return {
        // "Use the second version, with the trailing :*, ... for all other API actions" (CloudWatch Logs, IAM).
        logGroup: `arn:${p}:logs:${t.region}:${t.account}:log-group:${r.name}:*`,
        logStreams: `arn:${p}:logs:${t.region}:${t.account}:log-group:${r.name}:log-stream:*`,
      };
    case "secret":
      // Secrets Manager appends six random characters to a secret's ARN.
      return { secret: `arn:${p}:secretsmanager:${t.region}:${t.account}:secret:${r.name}-??????` };
    case "bedrock-model":
      return { model: `arn:${p}:bedrock:${t.region}::foundation-model/${r.model}` };
    case "lambda-function":
      return { function: `arn:${p}:lambda:${t.region}:${t.account}:function:${r.name}` };
  }
}

/** Fills `{name}` placeholders; an unknown placeholder is a bug in the knowledge base. */
export function fill(template: string, facts: ResourceFacts): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, k: string) => {
    const v = facts[k];
    if (v === undefined) throw new Error(`knowledge base uses unknown placeholder {${k}}`);
    return v;
  });
}
