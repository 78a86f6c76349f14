import { type Diagnostic, fromPlain } from "../../../diagnostics/index.js";
import { loadSpec } from "../../../spec/index.js";
import { generateAws } from "../generate/index.js";
import type { LintDocument } from "../rules/lint.js";

/**
 * A leash.yaml is linted as what it would generate: each role's inline
 * policies, trust policy and boundary, and the platform SCP, located at the
 * line that declares the workload (or the platform).
 */
export function readLeashSpec(
  text: string,
  file: string,
): { documents: LintDocument[]; diagnostics: Diagnostic[] } {
  const { spec, diagnostics } = loadSpec(text, file);
  if (!spec) return { documents: [], diagnostics };
  const { generation, diagnostics: generated } = generateAws(spec);
  if (!generation) return { documents: [], diagnostics: [...diagnostics, ...generated] };
  const lines = text.split("\n");
  const lineOf = (pattern: RegExp) => {
    const i = lines.findIndex((l) => pattern.test(l));
    return i < 0 ? 1 : i + 1;
  };
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
  return {
    documents,
    diagnostics: [...diagnostics, ...generated.filter((d) => d.severity !== "error")],
  };
}
