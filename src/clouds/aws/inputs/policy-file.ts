import { type Diagnostic, parseLocatedJson } from "../../../diagnostics/index.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";
import { detectPolicyType, type InputResult, inputDiagnostic, kindName } from "./common.js";

export interface PolicyFileOptions {
  /** The policy type of every document; detected per document when absent. */
  type?: PolicyType;
}

/**
 * Reads a file holding one policy document, or a JSON array of them. Without
 * a type, each document's type is detected from its statements
 * (`detectPolicyType`).
 */
export function readPolicyFile(
  text: string,
  file: string,
  options: PolicyFileOptions = {},
): InputResult {
  const { node, diagnostics } = parseLocatedJson(text, file);
  if (!node) {
    return {
      documents: [],
      diagnostics: diagnostics.map((d) => ({ ...d, code: "input/json-syntax" })),
    };
  }
  const documents: LintDocument[] = [];
  const problems: Diagnostic[] = [];
  const add = (doc: typeof node, name: string) =>
    documents.push({ file, node: doc, type: options.type ?? detectPolicyType(doc), name });
  if (node.kind === "object") {
    add(node, file);
  } else if (node.kind === "array") {
    node.items.forEach((item, i) => {
      if (item.kind === "object") add(item, `${file}[${i}]`);
      else
        problems.push(
          inputDiagnostic(
            "invalid-policy",
            `item ${i} of the policy array is ${kindName(item)}, not a policy document`,
            item.loc,
            'each item must be a policy object: `{"Version": "2012-10-17", "Statement": [...]}`',
          ),
        );
    });
  } else {
    problems.push(
      inputDiagnostic(
        "invalid-policy",
        `the file holds ${kindName(node)}, not a policy document`,
        node.loc,
        'write a policy object `{"Version": "2012-10-17", "Statement": [...]}` or an array of them',
      ),
    );
  }
  return { documents, diagnostics: problems };
}
