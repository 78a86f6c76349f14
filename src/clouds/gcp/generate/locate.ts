import { objectUris, type SpecResource } from "../../../spec/index.js";
import { type GcpContext, projectOf } from "./context.js";

/**
 * Where a spec resource lives in GCP, from its `gcp:` locator (or its
 * `gs://` URI): the facts the knowledge base fills its rows with.
 */
export type GcpFacts =
  | { kind: "objects"; bucket: string; prefix: string }
  | { kind: "repository"; project: string; location: string; repository: string }
  | { kind: "jobs"; project: string; location: string }
  | { kind: "endpoint"; project: string; location: string; endpoint: string }
  | { kind: "models"; project: string; location: string }
  | { kind: "feature-store"; project: string; location: string; store: string }
  | { kind: "key"; project: string; location: string; keyRing: string; key: string }
  | { kind: "logs"; project: string }
  | { kind: "secret"; project: string; secret: string }
  | { kind: "publisher-model"; project: string; location: string; model: string }
  | { kind: "run-service"; project: string; location: string; service: string };

/** The resource's GCP facts, or undefined when it does not live in GCP. */
export function gcpFacts(ctx: GcpContext, r: SpecResource): GcpFacts | undefined {
  const region = ctx.target.region;
  if (r.type === "object-prefix") {
    const uri = objectUris(r).find((u) => u.startsWith("gs://"));
    if (!uri) return undefined;
    const [, bucket = "", prefix = ""] = /^gs:\/\/([^/]+)\/?(.*)$/s.exec(uri) ?? [];
    return { kind: "objects", bucket, prefix };
  }
  if (!("gcp" in r) || r.gcp === undefined) return undefined;
  const g = r.gcp as Record<string, string | undefined>;
  const project = projectOf(ctx, g);
  switch (r.type) {
    case "container-repository":
      return {
        kind: "repository",
        project,
        location: g.location ?? region,
        repository: g.repository!,
      };
    case "training-job":
    case "processing-job":
      return { kind: "jobs", project, location: g.region ?? region };
    case "model-endpoint":
      return { kind: "endpoint", project, location: g.region ?? region, endpoint: g.endpoint! };
    case "model-registry":
      return { kind: "models", project, location: g.region ?? region };
    case "feature-store":
      return {
        kind: "feature-store",
        project,
        location: g.region ?? region,
        store: g.featureOnlineStore!,
      };
    case "encryption-key":
      return {
        kind: "key",
        project,
        location: g.location ?? region,
        keyRing: g.keyRing!,
        key: g.key!,
      };
    case "log-destination":
      return { kind: "logs", project };
    case "secret":
      return { kind: "secret", project, secret: g.secret! };
    case "foundation-model":
      return { kind: "publisher-model", project, location: g.region ?? region, model: g.model! };
    case "function":
      return { kind: "run-service", project, location: g.region ?? region, service: g.service! };
    default:
      return undefined;
  }
}
