import type { Finding } from "../../../model/index.js";
import type { LintDocument } from "./lint.js";

/**
 * Names the resource a finding is in when its document has an address (a
 * `terraform show -json` resource, `aws_iam_role_policy.train`): a plan is
 * one line of JSON with resources by array index, so line, column and
 * pointer alone do not tell a reader which resource to fix. The address goes
 * into the message, so every output format shows it; documents without an
 * address (every other input) leave findings as they are, at no cost.
 */
export function withDocumentAddresses(
  findings: Finding[],
  documents: readonly LintDocument[],
): Finding[] {
  const byFile = new Map<string, { pointer: string; address: string }[]>();
  for (const d of documents) {
    if (d.address === undefined) continue;
    const list = byFile.get(d.file) ?? [];
    list.push({ pointer: d.node.loc.pointer, address: d.address });
    byFile.set(d.file, list);
  }
  if (byFile.size === 0) return findings;
  return findings.map((f) => {
    const { file, pointer } = f.location;
    let best: { pointer: string; address: string } | undefined;
    for (const d of byFile.get(file) ?? []) {
      const inside =
        pointer === d.pointer ||
        (pointer.startsWith(d.pointer) && pointer[d.pointer.length] === "/");
      if (inside && (!best || d.pointer.length > best.pointer.length)) best = d;
    }
    return best ? { ...f, message: `${f.message} (in \`${best.address}\`)` } : f;
  });
}
