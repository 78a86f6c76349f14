import {
  type Diagnostic,
  editDistance,
  type JsonNode,
  type JsonObjectNode,
  parseLocatedJson,
  toPlain,
} from "../../../diagnostics/index.js";
import { inputDiagnostic } from "./common.js";

/**
 * A JSON file that is nearly a policy document (`"Statment"`, `"statement"`,
 * a `Version` alone, a lone statement) would otherwise be skipped as "not
 * an input", and a gate would pass without having read it. The rule that
 * tells such a file from unrelated JSON (package.json, tsconfig.json, a
 * CloudFormation parameters file) looks at top-level keys only:
 * - a key within two edits of `Statement` (any case) whose value holds
 *   statement-shaped objects, or any such key next to a policy `Version`;
 * - a `Version` key whose value is a policy language version
 *   (`2012-10-17`, `2008-10-17`): no other format uses those dates;
 * - `Effect: Allow|Deny` with an `Action`/`NotAction`: a statement without
 *   its policy.
 */

const POLICY_VERSIONS = new Set(["2012-10-17", "2008-10-17"]);
const STATEMENT_ELEMENTS = [
  "sid",
  "effect",
  "principal",
  "notprincipal",
  "action",
  "notaction",
  "resource",
  "notresource",
  "condition",
];

type Plain = Record<string, unknown>;

function isObject(v: unknown): v is Plain {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function near(key: string, element: string, max: number): boolean {
  return editDistance(key.toLowerCase(), element, max) <= max;
}

const isStatementKey = (key: string) => key !== "Statement" && near(key, "statement", 2);
const isVersion = (key: string, value: unknown) =>
  key.toLowerCase() === "version" && typeof value === "string" && POLICY_VERSIONS.has(value);
const isEffect = (key: string, value: unknown) =>
  near(key, "effect", 1) && typeof value === "string" && /^(allow|deny)$/i.test(value);
const isActionKey = (key: string) => near(key, "action", 1) || near(key, "notaction", 1);

/** An object that reads as a statement: an `Effect`, or two statement elements (any case). */
function statementShaped(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.some((k) => near(k, "effect", 1))) return true;
  return keys.filter((k) => STATEMENT_ELEMENTS.includes(k.toLowerCase())).length >= 2;
}

function holdsStatements(value: unknown): boolean {
  return Array.isArray(value) ? value.some(statementShaped) : statementShaped(value);
}

/** Whether one top-level object is nearly a policy (see the rule above). */
function almost(o: Plain): boolean {
  const entries = Object.entries(o);
  const versioned = entries.some(([k, v]) => isVersion(k, v));
  if (versioned) return true;
  if (entries.some(([k, v]) => isStatementKey(k) && holdsStatements(v))) return true;
  return entries.some(([k, v]) => isEffect(k, v)) && entries.some(([k]) => isActionKey(k));
}

/** Cheap check on the plain value that `JSON.parse` returned: the common case is "no". */
export function isAlmostPolicy(value: unknown): boolean {
  return Array.isArray(value)
    ? value.some((v) => isObject(v) && almost(v))
    : isObject(value) && almost(value);
}

function diagnoseObject(node: JsonObjectNode, where: string): Diagnostic {
  const statementKey = node.entries.find((e) => isStatementKey(e.key));
  if (statementKey) {
    return inputDiagnostic(
      "almost-policy",
      `${where} looks like a policy but has no \`Statement\`: \`${statementKey.key}\` is not a policy element`,
      statementKey.keyLoc,
      "did you mean `Statement`? policy element names are case-sensitive",
    );
  }
  const version = node.entries.find((e) => e.key.toLowerCase() === "version");
  if (version && version.value.kind === "string" && POLICY_VERSIONS.has(version.value.value)) {
    const misspelt = version.key !== "Version" ? " (and `Version` is case-sensitive)" : "";
    return inputDiagnostic(
      "almost-policy",
      `${where} has a policy \`Version\` but no \`Statement\`${misspelt}`,
      version.keyLoc,
      'add `"Statement": [...]` with at least one statement',
    );
  }
  return inputDiagnostic(
    "almost-policy",
    `${where} holds a statement, not a policy document`,
    node.loc,
    'wrap it in a policy: `{"Version": "2012-10-17", "Statement": [ ... ]}`',
  );
}

/**
 * The `input/almost-policy` errors of a file that `isAlmostPolicy` accepted,
 * located at the misspelt key (or the object); one per such object.
 */
export function almostPolicyDiagnostics(text: string, file: string): Diagnostic[] {
  const { node } = parseLocatedJson(text, file);
  if (!node) return [];
  const plainAlmost = (n: JsonNode): n is JsonObjectNode =>
    n.kind === "object" && almost(toPlain(n) as Plain);
  if (node.kind === "object") return plainAlmost(node) ? [diagnoseObject(node, "the file")] : [];
  if (node.kind !== "array") return [];
  return node.items.flatMap((item, i) =>
    plainAlmost(item) ? [diagnoseObject(item, `item ${i} of the array`)] : [],
  );
}
