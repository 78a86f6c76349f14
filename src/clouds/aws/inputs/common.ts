import {
  type Diagnostic,
  type JsonNode,
  mapLocations,
  member,
  parseLocatedJson,
  type Severity,
  type SourceLocation,
} from "../../../diagnostics/index.js";
import { checkAction, checkPrincipalValue, checkResource } from "../policy/element-syntax.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";

/** What every input reader returns: the documents it found and what went wrong. */
export interface InputResult {
  documents: LintDocument[];
  diagnostics: Diagnostic[];
}

export type StringNode = Extract<JsonNode, { kind: "string" }>;

export function inputDiagnostic(
  code: string,
  message: string,
  location: SourceLocation,
  help: string,
  severity: Severity = "error",
): Diagnostic {
  return { code: `input/${code}`, severity, message, help, location };
}

/** A location at the start of a file, for problems that concern the whole file. */
export function fileStart(file: string): SourceLocation {
  return { file, pointer: "", line: 1, column: 1 };
}

// Readers import it from here with the other node helpers.
export { member };

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.kind === "string" ? node.value : undefined;
}

/** Items of an array node; nothing for anything else. */
export function itemsOf(node: JsonNode | undefined): JsonNode[] {
  return node?.kind === "array" ? node.items : [];
}

/** A string or an array of strings, as policy elements allow. */
export function stringsOf(node: JsonNode | undefined): StringNode[] {
  if (node?.kind === "string") return [node];
  return itemsOf(node).filter((n): n is StringNode => n.kind === "string");
}

/** Short description of a node's kind for messages. */
export function kindName(node: JsonNode): string {
  return node.kind === "object"
    ? "an object"
    : node.kind === "array"
      ? "an array"
      : `a ${node.kind}`;
}

/**
 * A copy of a tree whose every location is `at` (line and column), with the
 * inner pointer appended to `at.pointer`: used for documents decoded from a
 * string, whose own positions do not exist in the file.
 */
export function relocate(node: JsonNode, at: SourceLocation): JsonNode {
  return mapLocations(node, (inner) => ({
    file: at.file,
    pointer: at.pointer + inner.pointer,
    line: at.line,
    column: at.column,
  }));
}

/**
 * Parses JSON text embedded in a string of the input (a URL-encoded policy
 * in an account export, a policy string in a Terraform plan). Every node is
 * reported at the string's position; pointers continue inside the document.
 */
export function parseEmbeddedJson(
  text: string,
  at: SourceLocation,
  what: string,
): { node: JsonNode | undefined; diagnostics: Diagnostic[] } {
  const { node, diagnostics } = parseLocatedJson(text, at.file);
  if (node) return { node: relocate(node, at), diagnostics: [] };
  const d = diagnostics[0];
  const where = d?.location ? ` (line ${d.location.line}, column ${d.location.column} of it)` : "";
  return {
    node: undefined,
    diagnostics: [
      inputDiagnostic(
        "invalid-policy-json",
        `${what} is not valid JSON: ${d?.message ?? "syntax error"}${where}`,
        at,
        "fix the policy text; it must be one JSON object",
      ),
    ],
  };
}

/**
 * Policies in IAM API output are URL-encoded JSON (RFC 3986); the AWS CLI
 * decodes them, other tools do not. Returns the JSON text or an error message.
 */
export function decodePolicyString(value: string): { text: string } | { error: string } {
  const trimmed = value.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return { text: value };
  try {
    // A literal `+` is encoded as %2B, so a bare `+` is a form-encoded space.
    return { text: decodeURIComponent(value.replace(/\+/g, "%20")) };
  } catch {
    return { error: "it is neither JSON nor valid URL-encoded JSON" };
  }
}

const TRUST_ACTION = /^sts:(AssumeRole\w*|TagSession|SetSourceIdentity|SetContext)$/i;

/**
 * The policy type of a document given without one: statements with a
 * Principal make a resource policy, or a trust policy when they only grant
 * `sts:AssumeRole*` (with the session actions trust policies carry:
 * `sts:TagSession`, `sts:SetSourceIdentity`, `sts:SetContext`); otherwise
 * an identity policy.
 */
export function detectPolicyType(node: JsonNode): PolicyType {
  const statementNode = member(node, "Statement");
  const statements = statementNode?.kind === "object" ? [statementNode] : itemsOf(statementNode);
  const withPrincipal = statements.filter(
    (s) => member(s, "Principal") !== undefined || member(s, "NotPrincipal") !== undefined,
  );
  if (withPrincipal.length === 0) return "identity";
  const actions = withPrincipal.flatMap((s) => stringsOf(member(s, "Action")).map((a) => a.value));
  const trust =
    actions.length > 0 &&
    actions.every((a) => TRUST_ACTION.test(a)) &&
    actions.some((a) => /^sts:AssumeRole/i.test(a));
  return trust ? "trust" : "resource";
}

/**
 * The account of a principal whose account is only known at deploy time
 * (`${AWS::AccountId}`, a template parameter, `{{resolve:ssm:...}}`,
 * `data.aws_caller_identity.current.account_id`). Principal syntax needs
 * twelve digits, so readers write these; rules take it for an unknown
 * account (`isUnknownAccount`), never for another account. It was
 * 123456789012, the account of AWS's examples, which rules judged as a
 * real, foreign one (a cross-account finding for every `${AWS::AccountId}`).
 */
export const UNKNOWN_ACCOUNT = "000000000000";

/**
 * The resource of a resource policy whose service implies it, so that its
 * statements may omit `Resource`: ECR repository policies, private and
 * public, are documented without one ("Private repository policy examples",
 * "Public repository policy examples", Amazon ECR User Guide). Written as a
 * placeholder ARN of the policy's own resource (`reference`, the template's
 * expression for it), as readers write other values known at deployment.
 */
export function impliedResource(service: "ecr" | "ecr-public", reference: string): string {
  return `arn:aws:${service}:::\${${reference}}`;
}

/** The canonical user id readers write for one not known until deployment (64 hex digits). */
export const UNKNOWN_CANONICAL_USER = "0".repeat(64);

/** Whether an account id is the one readers write for an account not known until deployment. */
export function isUnknownAccount(account: string): boolean {
  return account === UNKNOWN_ACCOUNT;
}

export interface PlaceholderShaping {
  /** Whether a string stands for a value only known at deploy time. */
  isPlaceholder: (node: StringNode) => boolean;
  /** The AWS service of the resource a placeholder refers to, when known (`s3`). */
  serviceOf?: (value: string) => string | undefined;
}

/**
 * Templates write ARNs as expressions (`!GetAtt Bucket.Arn`,
 * `aws_s3_bucket.b.arn`) that readers turn into placeholder strings. Where
 * AWS expects an ARN (Resource, NotResource, AWS and Service principals), a
 * bare placeholder would fail the policy syntax check and hide the whole
 * document from the rules, so it is wrapped into the shape AWS expects while
 * keeping the expression visible: `arn:aws:s3:::${GetAtt:Bucket.Arn}`,
 * `arn:aws:iam::123456789012:role/${aws_iam_role.ci.arn}`. Strings that are
 * not placeholders are never touched: their errors are the user's.
 */
export function shapePlaceholders(doc: JsonNode, shaping: PlaceholderShaping): void {
  const statementNode = member(doc, "Statement");
  const statements = statementNode?.kind === "object" ? [statementNode] : itemsOf(statementNode);
  for (const s of statements) {
    // `Sid: !Sub "${Env}Read"`: an id only known at deployment, kept readable and valid.
    for (const sid of stringsOf(member(s, "Sid")))
      if (shaping.isPlaceholder(sid)) sid.value = sid.value.replace(/[^A-Za-z0-9]/g, "");
    const services = new Set(
      stringsOf(member(s, "Action") ?? member(s, "NotAction"))
        .map((a) => a.value.split(":")[0]!.toLowerCase())
        .filter((v) => /^[a-z0-9-]+$/.test(v)),
    );
    const actionService = services.size === 1 ? [...services][0] : undefined;
    for (const key of ["Resource", "NotResource"]) {
      for (const r of stringsOf(member(s, key))) {
        if (!shaping.isPlaceholder(r) || !checkResource(r.value)) continue;
        if (r.value.startsWith("arn:")) continue;
        const service = shaping.serviceOf?.(r.value) ?? actionService ?? "unknown";
        r.value = `arn:aws:${service}:::${r.value}`;
      }
    }
    for (const key of ["Principal", "NotPrincipal"]) {
      const principal = member(s, key);
      for (const p of stringsOf(member(principal, "AWS"))) {
        if (shaping.isPlaceholder(p)) p.value = shapeAwsPrincipal(p.value);
      }
      for (const p of stringsOf(member(principal, "Service"))) {
        if (!shaping.isPlaceholder(p) || !checkPrincipalValue("Service", p.value)) continue;
        // `ec2.${data.aws_partition.current.dns_suffix}`, `ec2.${AWS::URLSuffix}`
        const fixed = p.value.replace(/\$\{[^}]*\}$/, "amazonaws.com");
        if (!checkPrincipalValue("Service", fixed)) p.value = fixed;
      }
      // `!GetAtt OriginAccessIdentity.S3CanonicalUserId`: an id only known once deployed.
      for (const p of stringsOf(member(principal, "CanonicalUser"))) {
        if (shaping.isPlaceholder(p) && checkPrincipalValue("CanonicalUser", p.value))
          p.value = UNKNOWN_CANONICAL_USER;
      }
    }
  }
}

/**
 * Removes the statements that depend on a value known only at deployment
 * where no placeholder can stand in: an action (`actions = var.actions`,
 * `Action: !Ref Actions`, `s3:${var.op}`), the `Effect`, or a service
 * principal (`Service: !Ref Svc`). No rule can judge what such a statement
 * grants, and as written it would read as a syntax error. Returns each
 * removed statement with the unknown value, for the reader to report as
 * not analysed.
 */
export function removeUnknownStatements(
  doc: JsonNode,
  isPlaceholder: (node: StringNode) => boolean,
): { statement: JsonNode; value: string }[] {
  const statementNode = member(doc, "Statement");
  const removed: { statement: JsonNode; value: string }[] = [];
  const unknownValue = (s: JsonNode): StringNode | undefined => {
    const placeholders = (n: JsonNode | undefined) => stringsOf(n).filter(isPlaceholder);
    const effect = placeholders(member(s, "Effect"))[0];
    if (effect && effect.value !== "Allow" && effect.value !== "Deny") return effect;
    const action = placeholders(member(s, "Action") ?? member(s, "NotAction")).find(
      (a) => checkAction(a.value) !== undefined,
    );
    if (action) return action;
    const principal = member(s, "Principal") ?? member(s, "NotPrincipal");
    // `ec2.${AWS::URLSuffix}` takes shape (see `shapePlaceholders`); `${Ref:Svc}` cannot.
    return placeholders(member(principal, "Service")).find(
      (p) =>
        checkPrincipalValue("Service", p.value) !== undefined &&
        checkPrincipalValue("Service", p.value.replace(/\$\{[^}]*\}$/, "amazonaws.com")) !==
          undefined,
    );
  };
  if (statementNode?.kind === "array") {
    statementNode.items = statementNode.items.filter((s) => {
      const value = unknownValue(s);
      if (value) removed.push({ statement: s, value: value.value });
      return !value;
    });
  } else if (statementNode?.kind === "object") {
    const value = unknownValue(statementNode);
    if (value && doc.kind === "object") {
      removed.push({ statement: statementNode, value: value.value });
      const empty: JsonNode = { kind: "array", items: [], loc: statementNode.loc };
      for (const e of doc.entries) if (e.value === statementNode) e.value = empty;
    }
  }
  return removed;
}

/** The number of statements of a document. */
export function statementCount(doc: JsonNode): number {
  const statementNode = member(doc, "Statement");
  return statementNode?.kind === "array" ? statementNode.items.length : statementNode ? 1 : 0;
}

/** The warning for statements `removeUnknownStatements` took out of one document. */
export function unknownStatementsDiagnostic(
  removed: readonly { statement: JsonNode; value: string }[],
  what: string,
): Diagnostic {
  const first = removed[0]!;
  const shown = first.value.length > 60 ? `${first.value.slice(0, 57)}...` : first.value;
  const count = removed.length === 1 ? "a statement" : `${removed.length} statements`;
  return inputDiagnostic(
    "unresolved-statement",
    `${count} of ${what} depend${removed.length === 1 ? "s" : ""} on values known only at deployment (\`${shown}\`): not analysed`,
    first.statement.loc,
    "lint a plan or the deployed policy instead, where the values are known",
    "warning",
  );
}

function shapeAwsPrincipal(value: string): string {
  if (!checkPrincipalValue("AWS", value)) return value;
  // Placeholders may contain colons (`${Ref:TrustedAccount}`).
  const arn = /^arn:(\$\{[^}]*\}|[^:]+):(iam|sts)::(\$\{[^}]*\}|[^:]*):(.+)$/.exec(value);
  if (arn) {
    const partition = /^[a-z-]+$/.test(arn[1]!) ? arn[1] : "aws";
    const account = /^\d{12}$/.test(arn[3]!) ? arn[3] : UNKNOWN_ACCOUNT;
    const fixed = `arn:${partition}:${arn[2]}::${account}:${arn[4]}`;
    if (!checkPrincipalValue("AWS", fixed)) return fixed;
  }
  if (value.startsWith("arn:")) return value;
  // `!Ref AWS::AccountId`, `${var.account_id}`: an account, not a role.
  if (/^\$\{[^}]*account[^}]*\}$/i.test(value)) return UNKNOWN_ACCOUNT;
  const kind = /user/i.test(value) ? "user" : "role";
  return `arn:aws:iam::${UNKNOWN_ACCOUNT}:${kind}/${value}`;
}
