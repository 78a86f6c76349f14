import type { Diagnostic } from "../../../diagnostics/index.js";
import { specLocation, type Verb, type Workload } from "../../../spec/index.js";
import { type GcpContext, serviceAccountEmail } from "./context.js";
import { actAsGrant, type Grant, needGrants } from "./knowledge.js";
import { gcpFacts } from "./locate.js";

/** A grant with the need it serves (`read: datasets`), for self-check reports. */
export interface NeedGrant extends Grant {
  need: string;
  /** Permissions a predefined role brings beyond the grant's, named in the output: not extra. */
  acknowledged?: readonly string[];
}

/**
 * Everything one workload needs in GCP: each need's grants from the
 * knowledge base, and `actAs` on the service account a `start` or `deploy`
 * runs as. A need on a resource that does not live in GCP, or one GCP has no
 * row for, is an error at the need.
 */
export function workloadGrants(
  ctx: GcpContext,
  name: string,
  w: Workload,
): { grants: NeedGrant[]; diagnostics: Diagnostic[] } {
  const grants: NeedGrant[] = [];
  const diagnostics: Diagnostic[] = [];
  w.needs.forEach((need, i) => {
    const [verb, target] = Object.entries(need).find(([k]) => k !== "as") as [Verb, string];
    const label = `${verb}: ${target}`;
    const path = ["workloads", name, "needs", i, verb];
    const resource = ctx.spec.resources[target]!;
    const facts = gcpFacts(ctx, resource);
    if (!facts) {
      diagnostics.push({
        code: "generate/not-in-cloud",
        severity: "error",
        message: `\`${target}\` does not live in GCP: it has no \`gcp:\` block (or \`gs://\` URI)`,
        help: "add where it lives in GCP, or generate for the clouds it lives in (--cloud aws)",
        location: specLocation(ctx.spec, path),
      });
      return;
    }
    const rows = needGrants(verb, facts);
    if (!rows) {
      diagnostics.push({
        code: "generate/no-gcp-row",
        severity: "error",
        message: `leash has no GCP grant for \`${label}\` (${resource.type})`,
        help: "docs/generation/gcp.md lists what leash generates for GCP; grant this by hand or drop the need for GCP",
        location: specLocation(ctx.spec, path),
      });
      return;
    }
    for (const g of rows) grants.push({ ...g, need: label });
    const as = (need as { as?: string }).as;
    if (as !== undefined)
      grants.push({ ...actAsGrant(ctx.target.project, serviceAccountEmail(ctx, as)), need: label });
  });
  return { grants, diagnostics };
}
