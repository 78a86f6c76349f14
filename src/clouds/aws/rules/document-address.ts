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
  const at = new Map<string, string>();
  for (const d of documents)
    if (d.address !== undefined) at.set(`${d.file}\n${d.node.loc.pointer}`, d.address);
  if (at.size === 0) return findings;
  return findings.map((f) => {
    // The innermost document around the finding: walk its pointer up, a step per level.
    let address: string | undefined;
    for (let p = f.location.pointer; address === undefined; p = p.slice(0, p.lastIndexOf("/"))) {
      address = at.get(`${f.location.file}\n${p}`);
      if (p === "") break;
    }
    return address === undefined ? f : { ...f, message: `${f.message} (in \`${address}\`)` };
  });
}
