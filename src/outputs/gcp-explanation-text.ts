import type {
  BindingMatch,
  ConditionOutcome,
  GcpExplanation,
} from "../clouds/gcp/evaluate/explanation.js";

function condition(c: ConditionOutcome | undefined): string {
  if (!c) return "";
  const name = c.title ? `"${c.title}"` : c.expression;
  const value =
    c.value === "unknown"
      ? `unknown (needs ${(c.needs ?? []).join(", ")})`
      : c.value === "error"
        ? `error (${c.error})`
        : String(c.value);
  return `, condition ${name}: ${value}`;
}

function binding(b: BindingMatch): string {
  return `${b.role} on ${b.resource} (${b.binding})${b.member ? ` to ${b.member}` : ""}${condition(b.condition)}`;
}

/** A GCP decision as people read it in a terminal. */
export function renderGcpExplanationText(e: GcpExplanation, principal: string): string {
  const out = [
    `${e.decision}: ${e.permission} on ${e.resource}`,
    `  by ${principal}`,
    `  reason: ${e.reason}`,
  ];
  if (e.blockedBy) {
    out.push("  blocked by principal access boundaries (none makes the resource eligible):");
    for (const p of e.blockedBy.policies)
      out.push(
        `    ${p.policy} (enforcement version ${p.enforcementVersion}): ${p.resources.join(", ")}`,
      );
  }
  if (e.deniedBy.length > 0) {
    out.push(`  denied by (as ${e.denyPermission}):`);
    for (const d of e.deniedBy)
      out.push(
        `    ${d.rule} attached to ${d.attachmentPoint}: ${d.principal} may not ${d.permission}${condition(d.condition)}`,
      );
  }
  if (e.grantedBy.length > 0) {
    out.push("  granted by:");
    for (const b of e.grantedBy) out.push(`    ${binding(b)}`);
  }
  if (e.unknown.length > 0) {
    out.push("  unknown (the request does not give what these conditions read):");
    for (const u of e.unknown) out.push(`    ${u.at}: needs ${u.needs.join(", ")}`);
  }
  if (e.nearMisses.length > 0) {
    out.push("  near misses (the role holds the permission):");
    for (const n of e.nearMisses)
      out.push(
        `    ${binding(n)}: ${n.why === "member" ? "no member stands for the principal" : "the condition does not hold"}`,
      );
  }
  out.push(`  catalog: ${e.catalogVersion}`);
  return out.join("\n");
}
