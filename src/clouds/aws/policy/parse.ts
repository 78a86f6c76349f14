import {
  closest,
  type Diagnostic,
  type JsonNode,
  type JsonObjectNode,
  parseLocatedJson,
  type SourceLocation,
} from "../../../diagnostics/index.js";
import { CONDITION_OPERATORS, parseOperator } from "./condition-operators.js";
import { checkConditionValue } from "./condition-values.js";
import {
  checkAction,
  checkPrincipalValue,
  checkResource,
  checkSid,
  type SyntaxProblem,
} from "./element-syntax.js";
import type {
  ConditionClause,
  LocatedString,
  Policy,
  PolicyType,
  PrincipalSet,
  Statement,
} from "./types.js";

export interface ParsePolicyOptions {
  /** Where the policy is attached; decides which elements are required or forbidden. */
  type: PolicyType;
  /** File name for locations. @default "<inline>" */
  file?: string;
  /** Name used in explanations. @default the file name */
  name?: string;
  /**
   * The resource a statement without `Resource` or `NotResource` acts on,
   * where the service implies it: the policy's own resource (an ECR
   * repository policy's repository; docs/semantics/aws.md). Without it, a
   * statement must name one.
   */
  impliedResource?: string;
}

export interface ParsePolicyResult {
  /** Present only when there are no errors: the engine never runs a policy AWS would reject. */
  policy: Policy | undefined;
  diagnostics: Diagnostic[];
}

const TOP_LEVEL = ["Version", "Id", "Statement"];
const STATEMENT_ELEMENTS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
];
const PRINCIPAL_KINDS = ["AWS", "Service", "Federated", "CanonicalUser"];
const VERSIONS = ["2012-10-17", "2008-10-17"];

/**
 * Policy types that IAM stores, whose Sids must be ASCII letters and digits
 * and unique in the policy (IAM User Guide, "IAM JSON policy elements: Sid").
 * Trust policies are IAM's too, but their Sid characters are not documented:
 * only uniqueness is checked there.
 */
const IAM_SID_CHARACTERS: ReadonlySet<PolicyType> = new Set(["identity", "boundary"]);
const UNIQUE_SIDS: ReadonlySet<PolicyType> = new Set(["identity", "boundary", "trust"]);

/** Policy types whose statements name who they apply to. */
const NEEDS_PRINCIPAL: ReadonlySet<PolicyType> = new Set(["resource", "trust", "rcp"]);

/**
 * Parses a policy document (text or an already-located JSON tree) into the
 * typed model, reporting every problem at once. Never throws on bad input.
 */
export function parsePolicy(
  input: string | JsonNode,
  options: ParsePolicyOptions,
): ParsePolicyResult {
  const file = options.file ?? "<inline>";
  let root: JsonNode | undefined;
  if (typeof input === "string") {
    const parsed = parseLocatedJson(input, file);
    if (!parsed.node) return { policy: undefined, diagnostics: parsed.diagnostics };
    root = parsed.node;
  } else {
    root = input;
  }
  const ctx = new ParseContext(options.type, options.impliedResource);
  const policy = ctx.policy(root, options.name ?? file);
  const ok = !ctx.diagnostics.some((d) => d.severity === "error");
  return { policy: ok ? policy : undefined, diagnostics: ctx.diagnostics };
}

/**
 * An element's known members by name: the first of each, as `entries`
 * reports the others. Read from the object's own list (an element has a
 * handful of members, and is asked only for names it knows): no copy, no Map.
 */
class Members {
  constructor(
    private readonly all: JsonObjectNode["entries"],
    private readonly known: readonly string[],
  ) {}

  get(key: string): JsonNode | undefined {
    for (const e of this.all) if (e.key === key) return e.value;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** In source order. */
  entries(): [string, JsonNode][] {
    const out: [string, JsonNode][] = [];
    const seen: string[] = [];
    for (const e of this.all) {
      if (!this.known.includes(e.key) || seen.includes(e.key)) continue;
      seen.push(e.key);
      out.push([e.key, e.value]);
    }
    return out;
  }
}

/** Whether a member before `i` has `all[i]`'s name and that name is known (`entries` kept the first). */
function earlierKnown(
  all: JsonObjectNode["entries"],
  i: number,
  known: readonly string[],
): boolean {
  const key = all[i]!.key;
  for (let j = 0; j < i; j++) if (all[j]!.key === key) return known.includes(key);
  return false;
}

class ParseContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Each Sid seen, with where it was written: a second one is reported there. */
  private readonly sids = new Map<string, SourceLocation>();
  constructor(
    private readonly type: PolicyType,
    private readonly impliedResource?: string,
  ) {}

  /**
   * A problem AWS may accept when the policy is saved but that makes a part
   * of it mean nothing (a condition value of another type never matches):
   * reported, and the policy is still evaluated as AWS would.
   */
  warn(code: string, message: string, loc: SourceLocation, help: string): void {
    this.diagnostics.push({
      code: `aws-policy/${code}`,
      severity: "warning",
      message,
      help,
      location: loc,
    });
  }

  report(code: string, message: string, loc: SourceLocation, help: string): void {
    this.diagnostics.push({
      code: `aws-policy/${code}`,
      severity: "error",
      message,
      help,
      location: loc,
    });
  }

  /** Reports duplicate and unknown keys of an object; returns the first entry per key. */
  entries(node: JsonObjectNode, known: readonly string[], where: string): Members {
    const all = node.entries;
    // Names met so far: found by scanning the few before (no allocation), or a set past 16.
    const index = all.length > 16 ? new Set<string>() : undefined;
    for (let i = 0; i < all.length; i++) {
      const e = all[i]!;
      if (index ? index.has(e.key) : earlierKnown(all, i, known)) {
        this.report(
          "duplicate-key",
          `duplicate key \`${e.key}\` in ${where}`,
          e.keyLoc,
          "remove one of them: AWS keeps only one and which one is not defined",
        );
        continue;
      }
      if (!known.includes(e.key)) {
        const near = closest(e.key, known);
        this.report(
          "unknown-element",
          `unknown element \`${e.key}\` in ${where}`,
          e.keyLoc,
          near ? `did you mean \`${near}\`?` : `allowed elements: ${known.join(", ")}`,
        );
        continue;
      }
      index?.add(e.key);
    }
    return new Members(all, known);
  }

  policy(root: JsonNode, name: string): Policy {
    const policy: Policy = {
      name,
      type: this.type,
      version: undefined,
      id: undefined,
      statements: [],
      loc: root.loc,
    };
    if (root.kind !== "object") {
      this.report(
        "not-an-object",
        "a policy must be a JSON object",
        root.loc,
        'start with `{"Version": "2012-10-17", "Statement": [...]}`',
      );
      return policy;
    }
    const els = this.entries(root, TOP_LEVEL, "the policy");
    const version = els.get("Version");
    if (version) {
      if (version.kind !== "string" || !VERSIONS.includes(version.value)) {
        this.report(
          "invalid-version",
          "`Version` must be `2012-10-17` or `2008-10-17`",
          version.loc,
          'use `"Version": "2012-10-17"`',
        );
      } else policy.version = version.value;
    }
    // "Every RCP must include a Version element with the value 2012-10-17" (Organizations, RCP syntax).
    if (this.type === "rcp" && policy.version !== "2012-10-17") {
      this.report(
        "rcp-version",
        'an RCP must have `"Version": "2012-10-17"`',
        version?.loc ?? root.loc,
        'add `"Version": "2012-10-17"`',
      );
    }
    const id = els.get("Id");
    if (id) {
      if (id.kind !== "string")
        this.report("wrong-type", "`Id` must be a string", id.loc, "quote the value");
      else policy.id = id.value;
    }
    const statement = els.get("Statement");
    if (!statement) {
      this.report(
        "missing-element",
        "the policy has no `Statement`",
        root.loc,
        "add a `Statement` array with at least one statement",
      );
      return policy;
    }
    const items = statement.kind === "array" ? statement.items : [statement];
    if (statement.kind === "array" && items.length === 0) {
      this.report(
        "empty-element",
        "`Statement` is empty",
        statement.loc,
        "add at least one statement",
      );
    }
    items.forEach((item, index) => {
      const s = this.statement(item, index);
      if (s) policy.statements.push(s);
    });
    return policy;
  }

  statement(node: JsonNode, index: number): Statement | undefined {
    if (node.kind !== "object") {
      this.report(
        "wrong-type",
        "a statement must be a JSON object",
        node.loc,
        "wrap the statement in `{...}`",
      );
      return undefined;
    }
    const els = this.entries(node, STATEMENT_ELEMENTS, "a statement");
    const s: Statement = {
      index,
      sid: undefined,
      effect: "Allow",
      action: undefined,
      notAction: undefined,
      resource: undefined,
      notResource: undefined,
      principal: undefined,
      notPrincipal: undefined,
      conditions: [],
      // Set on every statement (undefined when none), so that all statements share one shape.
      emptyConditions: undefined,
      loc: node.loc,
    };
    const sid = els.get("Sid");
    if (sid) {
      if (sid.kind !== "string")
        this.report("wrong-type", "`Sid` must be a string", sid.loc, "quote the value");
      else {
        s.sid = sid.value;
        this.checkSid(sid.value, sid.loc);
      }
    }
    const effect = els.get("Effect");
    if (!effect) {
      this.report(
        "missing-element",
        "the statement has no `Effect`",
        node.loc,
        'add `"Effect": "Allow"` or `"Effect": "Deny"`',
      );
    } else if (effect.kind !== "string" || (effect.value !== "Allow" && effect.value !== "Deny")) {
      this.report(
        "invalid-effect",
        "`Effect` must be `Allow` or `Deny`",
        effect.loc,
        "the value is case-sensitive",
      );
    } else s.effect = effect.value;

    s.action = this.stringList(els.get("Action"), "Action");
    s.notAction = this.stringList(els.get("NotAction"), "NotAction");
    this.exactlyOne(node, els, "Action", "NotAction", true);
    this.checkEach(s.action, checkAction, "invalid-action");
    this.checkEach(s.notAction, checkAction, "invalid-action");

    s.resource = this.stringList(els.get("Resource"), "Resource");
    s.notResource = this.stringList(els.get("NotResource"), "NotResource");
    // Role trust policies name no resource: the role itself is the resource, and IAM
    // rejects the element ("Has prohibited field Resource").
    if (this.type === "trust") {
      for (const k of ["Resource", "NotResource"]) {
        const v = els.get(k);
        if (v)
          this.report(
            "forbidden-element",
            `\`${k}\` is not allowed in a role trust policy`,
            v.loc,
            "remove it: the role itself is the resource",
          );
      }
    } else if (
      this.impliedResource !== undefined &&
      !els.has("Resource") &&
      !els.has("NotResource")
    )
      s.resource = [{ value: this.impliedResource, loc: node.loc }];
    else this.exactlyOne(node, els, "Resource", "NotResource", true);
    this.checkEach(s.resource, checkResource, "invalid-arn");
    this.checkEach(s.notResource, checkResource, "invalid-arn");

    const principal = els.get("Principal");
    const notPrincipal = els.get("NotPrincipal");
    if (principal) s.principal = this.principal(principal, "Principal");
    if (notPrincipal) s.notPrincipal = this.principal(notPrincipal, "NotPrincipal");
    if (NEEDS_PRINCIPAL.has(this.type)) {
      this.exactlyOne(node, els, "Principal", "NotPrincipal", true);
    } else {
      const forbid = (k: string, v: JsonNode | undefined) => {
        if (v)
          this.report(
            "forbidden-element",
            `\`${k}\` is not allowed in a ${this.type} policy`,
            v.loc,
            "a policy attached to an identity applies to that identity; remove the element",
          );
      };
      forbid("Principal", principal);
      forbid("NotPrincipal", notPrincipal);
    }
    const condition = els.get("Condition");
    if (condition) {
      const empty: SourceLocation[] = [];
      s.conditions = this.conditions(condition, empty);
      if (empty.length > 0) s.emptyConditions = empty;
    }
    // "NotPrincipal must be used with Effect Deny" and is not allowed in role trust policies
    // (IAM User Guide, "AWS JSON policy elements: NotPrincipal").
    if (s.notPrincipal && (s.effect === "Allow" || this.type === "trust")) {
      this.report(
        "forbidden-element",
        this.type === "trust"
          ? "`NotPrincipal` is not allowed in a role trust policy"
          : '`NotPrincipal` is only allowed with `"Effect": "Deny"`',
        s.notPrincipal.loc,
        'name who is allowed in `Principal`, or use `"Principal": "*"` with an `ArnNotEquals` `aws:PrincipalArn` condition',
      );
    }
    if (this.type === "rcp") this.rcpRules(s, els);
    return s;
  }

  /** Sid characters and uniqueness, for the policy types whose rules are IAM's. */
  private checkSid(sid: string, loc: SourceLocation): void {
    if (IAM_SID_CHARACTERS.has(this.type)) {
      const problem = checkSid(sid);
      if (problem) this.report("invalid-sid", problem.message, loc, problem.help);
    }
    // An empty Sid names nothing, so two empty ones are not a duplicate.
    if (!UNIQUE_SIDS.has(this.type) || sid === "") return;
    const first = this.sids.get(sid);
    if (first)
      this.report(
        "duplicate-sid",
        `\`Sid\` \`${sid}\` is used by another statement of the policy (line ${first.line})`,
        loc,
        "give each statement its own Sid: IAM rejects a policy with two equal ones",
      );
    else this.sids.set(sid, loc);
  }

  /** RCPs (AWS Organizations User Guide, "RCP syntax"). */
  private rcpRules(s: Statement, els: Members): void {
    const principal = s.principal;
    if (
      principal &&
      !(principal.wildcard || (principal.aws.length === 1 && principal.aws[0]?.value === "*"))
    ) {
      this.report(
        "rcp-principal",
        'an RCP statement must use `"Principal": "*"`',
        principal.loc,
        "restrict principals with conditions such as `aws:PrincipalOrgID` instead",
      );
    }
    if (s.notAction) {
      this.report(
        "forbidden-element",
        "`NotAction` is not allowed in an RCP",
        s.notAction[0]?.loc ?? s.loc,
        "list the actions in `Action`",
      );
    }
    if (s.notPrincipal)
      this.report(
        "forbidden-element",
        "`NotPrincipal` is not allowed in an RCP",
        s.notPrincipal.loc,
        'use `"Principal": "*"` with a condition',
      );
    const isFullAccess =
      s.action?.length === 1 &&
      s.action[0]?.value === "*" &&
      s.resource?.length === 1 &&
      s.resource[0]?.value === "*" &&
      s.conditions.length === 0;
    if (s.effect === "Allow" && !isFullAccess) {
      this.report(
        "rcp-allow",
        "an RCP may only `Deny` (its one `Allow` is the managed `RCPFullAWSAccess`)",
        els.get("Effect")?.loc ?? s.loc,
        "write the guardrail as a `Deny` statement",
      );
    }
  }

  private exactlyOne(
    node: JsonObjectNode,
    els: Members,
    a: string,
    b: string,
    required: boolean,
  ): void {
    const x = els.get(a);
    const y = els.get(b);
    if (x && y) {
      this.report(
        "conflicting-elements",
        `a statement cannot have both \`${a}\` and \`${b}\``,
        y.loc,
        `keep either \`${a}\` or \`${b}\``,
      );
    } else if (!x && !y && required) {
      this.report(
        "missing-element",
        `the statement has neither \`${a}\` nor \`${b}\``,
        node.loc,
        `add \`${a}\``,
      );
    }
  }

  /** Reports each value of a list that `check` finds malformed. */
  private checkEach(
    values: readonly LocatedString[] | undefined,
    check: (value: string) => SyntaxProblem | undefined,
    code: string,
  ): void {
    for (const v of values ?? []) {
      const problem = check(v.value);
      if (problem) this.report(code, problem.message, v.loc, problem.help);
    }
  }

  private stringList(node: JsonNode | undefined, element: string): LocatedString[] | undefined {
    if (!node) return undefined;
    const items = node.kind === "array" ? node.items : [node];
    if (node.kind === "array" && items.length === 0) {
      this.report(
        "empty-element",
        `\`${element}\` is empty`,
        node.loc,
        "list at least one value or remove the element",
      );
    }
    // Every value a string (the usual case): one array of the exact size.
    if (items.every((i) => i.kind === "string"))
      return items.map((i) => ({ value: (i as { value: string }).value, loc: i.loc }));
    const out: LocatedString[] = [];
    for (const item of items) {
      if (item.kind !== "string") {
        this.report(
          "wrong-type",
          `\`${element}\` values must be strings`,
          item.loc,
          "quote the value",
        );
        continue;
      }
      out.push({ value: item.value, loc: item.loc });
    }
    return out;
  }

  private principal(node: JsonNode, element: string): PrincipalSet {
    const set: PrincipalSet = {
      wildcard: false,
      aws: [],
      service: [],
      federated: [],
      canonicalUser: [],
      loc: node.loc,
    };
    if (node.kind === "string") {
      if (node.value === "*") set.wildcard = true;
      else
        this.report(
          "invalid-principal",
          `\`${element}\` must be \`"*"\` or an object such as \`{"AWS": ...}\``,
          node.loc,
          'write `{"AWS": "arn:aws:iam::111122223333:root"}` or `"*"`',
        );
      return set;
    }
    if (node.kind !== "object") {
      this.report(
        "wrong-type",
        `\`${element}\` must be \`"*"\` or an object`,
        node.loc,
        'write `{"AWS": ...}`, `{"Service": ...}` or `{"Federated": ...}`',
      );
      return set;
    }
    const els = this.entries(node, PRINCIPAL_KINDS, `\`${element}\``);
    if (node.entries.length === 0) {
      this.report(
        "empty-element",
        `\`${element}\` is empty`,
        node.loc,
        'name a principal, e.g. `{"AWS": "arn:aws:iam::111122223333:root"}`',
      );
    }
    const lists = {
      AWS: set.aws,
      Service: set.service,
      Federated: set.federated,
      CanonicalUser: set.canonicalUser,
    } as const;
    for (const [kind, value] of els.entries()) {
      const values = this.stringList(value, `${element}.${kind}`) ?? [];
      for (const v of values) {
        const problem = checkPrincipalValue(kind as keyof typeof lists, v.value);
        if (problem) this.report("invalid-principal", problem.message, v.loc, problem.help);
      }
      lists[kind as keyof typeof lists].push(...values);
    }
    return set;
  }

  private conditions(node: JsonNode, empty: SourceLocation[]): ConditionClause[] {
    const out: ConditionClause[] = [];
    if (node.kind !== "object") {
      this.report(
        "wrong-type",
        "`Condition` must be an object of operators",
        node.loc,
        'write `{"StringEquals": {"aws:PrincipalTag/team": "ml"}}`',
      );
      return out;
    }
    if (node.entries.length === 0) empty.push(node.loc);
    // A set only where there is more than one operator to tell apart.
    const seen = node.entries.length > 1 ? new Set<string>() : undefined;
    for (const op of node.entries) {
      if (seen?.has(op.key)) {
        this.report(
          "duplicate-key",
          `duplicate condition operator \`${op.key}\``,
          op.keyLoc,
          "merge the keys into one block: JSON keeps only one of them",
        );
        continue;
      }
      seen?.add(op.key);
      const parsed = parseOperator(op.key);
      if (!parsed) {
        const near = closest(
          op.key.replace(/^For(All|Any)Values?:/i, "").replace(/IfExists$/i, ""),
          CONDITION_OPERATORS,
        );
        this.report(
          "unknown-condition-operator",
          `unknown condition operator \`${op.key}\``,
          op.keyLoc,
          near ? `did you mean \`${near}\`?` : "see the IAM condition operator reference",
        );
        continue;
      }
      if (op.value.kind !== "object") {
        this.report(
          "wrong-type",
          `\`${op.key}\` must map condition keys to values`,
          op.value.loc,
          `write \`{"${op.key}": {"aws:SourceAccount": "111122223333"}}\``,
        );
        continue;
      }
      if (op.value.entries.length === 0) empty.push(op.keyLoc);
      const keys = op.value.entries.length > 1 ? new Set<string>() : undefined;
      for (const k of op.value.entries) {
        const lower = k.key.toLowerCase();
        if (keys?.has(lower)) {
          this.report(
            "duplicate-key",
            `duplicate condition key \`${k.key}\` under \`${op.key}\``,
            k.keyLoc,
            "condition keys are case-insensitive: merge the values into one array",
          );
          continue;
        }
        keys?.add(lower);
        // Web identity keys have host names, even paths, before the colon
        // (`token.actions.githubusercontent.com:sub`, `oidc.eks.REGION.amazonaws.com/id/ID:sub`).
        if (!/^[^\s:]+:[^\s]+$/.test(k.key)) {
          this.report(
            "invalid-condition-key",
            `condition key \`${k.key}\` is not of the form \`service:name\``,
            k.keyLoc,
            "e.g. `aws:SourceIp` or `s3:prefix`",
          );
          continue;
        }
        const values = this.conditionValues(k.value, op.key);
        this.checkConditionValues(parsed.operator, op.key, k.key, values, k.keyLoc);
        out.push({ rawOperator: op.key, ...parsed, key: k.key, values, loc: k.keyLoc });
      }
    }
    return out;
  }

  /** Values that do not fit their operator's type, and `Bool` given both `true` and `false`. */
  private checkConditionValues(
    operator: string,
    rawOperator: string,
    key: string,
    values: readonly LocatedString[],
    keyLoc: SourceLocation,
  ): void {
    for (const v of values) {
      const problem = checkConditionValue(operator, key, v.value);
      if (problem) this.warn(problem.code, problem.message, v.loc, problem.help);
    }
    // Access Analyzer's "Invalid condition multiple Boolean": the clause then holds whenever
    // the key is present, which is never what was meant.
    // A value with a policy variable is whichever boolean the request holds, neither one here.
    if (operator !== "Bool") return;
    const booleans = values
      .filter((v) => !v.value.includes("${"))
      .map((v) => v.value.toLowerCase());
    if (new Set(booleans).size > 1)
      this.warn(
        "multiple-booleans",
        `\`${rawOperator}\` gives \`${key}\` both \`true\` and \`false\``,
        keyLoc,
        "keep the one value the statement is for: with both, the condition holds whenever the key is present",
      );
  }

  private conditionValues(node: JsonNode, operator: string): LocatedString[] {
    const items = node.kind === "array" ? node.items : [node];
    const out: LocatedString[] = [];
    if (node.kind === "array" && items.length === 0) {
      this.report(
        "empty-element",
        `condition values under \`${operator}\` are empty`,
        node.loc,
        "list at least one value",
      );
    }
    for (const item of items) {
      if (item.kind === "string") out.push({ value: item.value, loc: item.loc });
      else if (item.kind === "number") out.push({ value: item.raw, loc: item.loc });
      else if (item.kind === "boolean") out.push({ value: String(item.value), loc: item.loc });
      else
        this.report(
          "wrong-type",
          "condition values must be strings, numbers or booleans",
          item.loc,
          "quote the value",
        );
    }
    return out;
  }
}
