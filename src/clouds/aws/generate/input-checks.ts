import { closest, type Diagnostic } from "../../../diagnostics/index.js";
import { type AwsSpec as Spec, specLocation } from "../../../spec/index.js";
import { awsCatalog } from "../catalog/catalog.js";

/**
 * What the spec's schema cannot know and the generator needs: facts of the
 * AWS catalog. A team boundary's `services` are service prefixes of the
 * Service Authorization Reference; a misspelt one (`sagemker`) would allow
 * `sagemker:*`, which is nothing, and the team's jobs would be denied
 * everything of the real service, silently until they run.
 */
export function catalogInputDiagnostics(spec: Spec): Diagnostic[] {
  const catalog = awsCatalog();
  const out: Diagnostic[] = [];
  for (const [team, t] of Object.entries(spec.teams)) {
    for (const [i, service] of (t.boundary?.services ?? []).entries()) {
      if (catalog.hasService(service)) continue;
      const near = closest(service, catalog.serviceKeys());
      const location = specLocation(spec, ["teams", team, "boundary", "services", i]);
      out.push({
        code: "generate/unknown-service",
        severity: "error",
        message: `\`${service}\` is not an AWS service prefix of the catalog (${catalog.version})`,
        help: near
          ? `did you mean \`${near}\`?`
          : "use service prefixes as in IAM actions (`s3`, `sagemaker`, `logs`); see the Service Authorization Reference",
        ...(location ? { location } : {}),
      });
    }
  }
  return out;
}
