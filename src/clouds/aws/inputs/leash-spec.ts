import { type Diagnostic, fromPlain } from "../../../diagnostics/index.js";
import { loadSpec } from "../../../spec/index.js";
import { generateAws } from "../generate/index.js";
import type { LintDocument } from "../rules/lint.js";

/**
 * A leash.yaml is linted as what it would generate: each role's inline
 * policies, trust policy and boundary, and the platform SCP, located at the
 * line that declares the workload (or the platform). Whatever `generate`
 * rejects (the spec's validation errors, a need its own guardrails deny, a
 * policy over AWS's size quota) comes back as an error with a location, so
 * that the spec is not clean under lint either.
 */
export function readLeashSpec(
  text: string,
  file: string,
): { documents: LintDocument[]; diagnostics: Diagnostic[] } {
  const lines = text.split("\n");
  const lineOf = (pattern: RegExp) => {
    const i = lines.findIndex((l) => pattern.test(l));
    return i < 0 ? 1 : i + 1;
  };
  // Generation problems name no place: they concern the workloads (or the targets).
  const located = (d: Diagnostic): Diagnostic => {
    if (d.location) return d;
    const key = d.code === "generate/no-aws-target" ? "targets" : "workloads";
    return {
      ...d,
      location: { file, pointer: `/${key}`, line: lineOf(new RegExp(`^${key}:`)), column: 1 },
    };
  };
  const { spec, diagnostics: loaded } = loadSpec(text, file);
  const diagnostics = loaded.map(located);
  if (!spec) return { documents: [], diagnostics };
  const { generation, diagnostics: generated } = generateAws(spec);
  diagnostics.push(...generated.map(located));
  if (!generation) return { documents: [], diagnostics };
  const documents: LintDocument[] = [];
  for (const role of generation.roles) {
    const line = lineOf(
      new RegExp(`^\\s+${role.workload.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}:`),
    );
    const principal = `role/${role.name}`;
    const at = (doc: unknown, pointer: string) => fromPlain(doc, file, line, pointer);
    for (const p of role.inlinePolicies) {
      documents.push({
        file,
        node: at(p.document, `/workloads/${role.workload}`),
        type: "identity",
        name: p.name,
        principal,
      });
    }
    documents.push({
      file,
      node: at(role.trustPolicy, `/workloads/${role.workload}`),
      type: "trust",
      name: `${role.name} trust policy`,
      principal,
    });
    if (role.permissionBoundary) {
      documents.push({
        file,
        node: at(role.permissionBoundary, `/workloads/${role.workload}/team`),
        type: "boundary",
        name: role.permissionBoundaryName ?? "boundary",
        principal,
      });
    }
  }
  for (const scp of generation.serviceControlPolicies) {
    documents.push({
      file,
      node: fromPlain(scp.document, file, lineOf(/^platform:/), "/platform"),
      type: "scp",
      name: scp.name,
    });
  }
  return { documents, diagnostics };
}
