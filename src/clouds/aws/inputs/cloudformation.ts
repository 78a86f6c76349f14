import { type Diagnostic, type JsonNode, parseLocatedJson } from "../../../diagnostics/index.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";
import { expandForEach } from "./cloudformation-foreach.js";
import { parseCloudFormationYaml } from "./cloudformation-yaml.js";
import {
  type InputResult,
  impliedResource,
  inputDiagnostic,
  itemsOf,
  kindName,
  member,
  parseEmbeddedJson,
  relocate,
  removeUnknownStatements,
  type StringNode,
  shapePlaceholders,
  statementCount,
  stringOf,
  unknownStatementsDiagnostic,
} from "./common.js";

/**
 * Reads a CloudFormation template (JSON or YAML) and returns the policy
 * documents of its IAM and resource-policy resources. Intrinsic functions
 * inside documents become placeholder strings (`${Ref:Bucket}`,
 * `${GetAtt:Role.Arn}`, `Fn::Sub` text with its variables) located where
 * the function was written, so the document still parses; see `Intrinsics`.
 */
export function readCloudFormation(text: string, file: string): InputResult {
  const json = text.trimStart().startsWith("{");
  const parsed = json ? parseLocatedJson(text, file) : parseCloudFormationYaml(text, file);
  if (!parsed.node) {
    return {
      documents: [],
      diagnostics: parsed.diagnostics.map((d) =>
        d.code === "json/syntax" ? { ...d, code: "input/json-syntax" } : d,
      ),
    };
  }
  const read = new TemplateReader(file, parsed.node).read();
  // A YAML template may be read only in part (too many aliases): said before what was read.
  return { documents: read.documents, diagnostics: [...parsed.diagnostics, ...read.diagnostics] };
}

/**
 * Pseudo parameters with a value that keeps ARNs well formed. The others
 * (`AWS::AccountId`, `AWS::Region`, `AWS::StackName`, ...) are unknown until
 * deployment and stay visible as `${AWS::AccountId}`; where a principal needs
 * an account, `shapePlaceholders` writes the unknown account.
 */
const PSEUDO: ReadonlyMap<string, string> = new Map(
  Object.entries({
    "AWS::Partition": "aws",
    "AWS::URLSuffix": "amazonaws.com",
    "AWS::NoValue": "",
  }),
);

/**
 * Dynamic references (`{{resolve:ssm:/path}}`, `{{resolve:secretsmanager:...}}`)
 * are values CloudFormation fetches at deployment: unknown here, written as
 * placeholders (`${resolve:ssm:/path}`) like other unknown values.
 */
function dynamicReferences(value: string): string {
  return value.replace(/\{\{(resolve:[^}]*)\}\}/g, "$${$1}");
}

/** Services whose ARN name is not the lower-cased CloudFormation namespace. */
const SERVICE_OVERRIDES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    stepfunctions: "states",
    kinesisfirehose: "firehose",
    elasticsearch: "es",
    opensearchservice: "es",
    elasticloadbalancingv2: "elasticloadbalancing",
    certificatemanager: "acm",
  }),
);

function serviceOfType(type: string): string | undefined {
  const ns = /^AWS::([A-Za-z0-9]+)::/.exec(type)?.[1]?.toLowerCase();
  return ns === undefined ? undefined : (SERVICE_OVERRIDES.get(ns) ?? ns);
}

/** An intrinsic function: an object with the single key `Ref` or `Fn::*`. */
function intrinsic(node: JsonNode): { name: string; arg: JsonNode } | undefined {
  if (node.kind !== "object" || node.entries.length !== 1) return undefined;
  const e = node.entries[0]!;
  return e.key === "Ref" || e.key.startsWith("Fn::") ? { name: e.key, arg: e.value } : undefined;
}

function isNoValue(node: JsonNode | undefined): boolean {
  const fn = node && intrinsic(node);
  return fn?.name === "Ref" && stringOf(fn.arg) === "AWS::NoValue";
}

/**
 * Replaces intrinsic functions by placeholder strings. `Fn::If` keeps its
 * first branch (or the second when the first is `AWS::NoValue`), so that a
 * statement written under a condition is still checked; `AWS::NoValue`
 * removes the property or item as CloudFormation does.
 */
class Intrinsics {
  /** The strings this resolver made, for `shapePlaceholders`. */
  readonly placeholders = new WeakSet<JsonNode>();

  constructor(
    private readonly resources: Map<string, string>,
    /** The template's `Mappings`, for `Fn::FindInMap`. */
    private readonly mappings: JsonNode | undefined,
  ) {}

  resolve(node: JsonNode, depth = 0): JsonNode | undefined {
    if (depth > 256) return node;
    const fn = intrinsic(node);
    if (fn) {
      if (isNoValue(node)) return undefined;
      // A macro's output is unknown: left as written, for `add` to report (see `transformOf`).
      if (fn.name === "Fn::Transform") return node;
      if (fn.name === "Fn::If") {
        const branch = this.branch(fn.arg);
        return branch === undefined ? undefined : this.resolve(branch, depth + 1);
      }
      const found = fn.name === "Fn::FindInMap" ? this.findInMap(fn.arg, depth) : undefined;
      if (found) return this.resolve(relocate(found, node.loc), depth + 1);
      return this.placeholder(this.render(node, depth), node);
    }
    if (node.kind === "string" && node.value.includes("{{resolve:"))
      return this.placeholder(dynamicReferences(node.value), node);
    if (node.kind === "object") {
      const entries = [];
      for (const e of node.entries) {
        const value = this.resolve(e.value, depth + 1);
        if (value !== undefined) entries.push({ ...e, value });
      }
      return { ...node, entries };
    }
    if (node.kind === "array") {
      const items = [];
      for (const item of node.items) {
        const value = this.resolve(item, depth + 1);
        if (value !== undefined) items.push(value);
      }
      return { ...node, items };
    }
    return node;
  }

  private placeholder(value: string, at: JsonNode): StringNode {
    const str: StringNode = { kind: "string", value: dynamicReferences(value), loc: at.loc };
    this.placeholders.add(str);
    return str;
  }

  /** Marks the unknown values of a document decoded from a rendered string (`!Sub |` JSON). */
  markPlaceholders(node: JsonNode): void {
    if (node.kind === "string") {
      if (/\$\{[^}]*\}/.test(node.value)) this.placeholders.add(node);
    } else if (node.kind === "object") for (const e of node.entries) this.markPlaceholders(e.value);
    else if (node.kind === "array") for (const i of node.items) this.markPlaceholders(i);
  }

  /**
   * `Fn::FindInMap [Map, TopKey, SecondKey]` when every key is known (a
   * literal, or `AWS::Partition` and the like): the mapped value, as
   * CloudFormation substitutes it; undefined otherwise.
   */
  private findInMap(arg: JsonNode, depth: number): JsonNode | undefined {
    const keys = itemsOf(arg).slice(0, 3);
    if (keys.length < 3) return undefined;
    let node: JsonNode | undefined = this.mappings;
    for (const k of keys) {
      const key =
        k.kind === "string" ? k.value : intrinsic(k) ? this.render(k, depth + 1) : undefined;
      if (key === undefined || key.includes("${")) return undefined;
      node = member(node, key);
    }
    return node;
  }

  /** The service of the resource a placeholder names (`${GetAtt:Bucket.Arn}` → `s3`). */
  serviceOf = (value: string): string | undefined => {
    for (const m of value.matchAll(/\$\{(?:Ref:|GetAtt:)?([A-Za-z0-9]+)/g)) {
      const type = this.resources.get(m[1]!);
      if (type) return serviceOfType(type);
    }
    return undefined;
  };

  private branch(arg: JsonNode): JsonNode | undefined {
    const [, whenTrue, whenFalse] = itemsOf(arg);
    if (whenTrue && !isNoValue(whenTrue)) return whenTrue;
    if (whenFalse && !isNoValue(whenFalse)) return whenFalse;
    return undefined;
  }

  /** A value as text, for placeholders and `Fn::Join`/`Fn::Sub` parts. */
  private render(node: JsonNode, depth: number): string {
    if (depth > 256) return "${...}";
    switch (node.kind) {
      case "string":
      case "boolean":
        return String(node.value);
      case "number":
        return node.raw;
      case "null":
        return "";
      case "array":
        return "${...}";
    }
    const fn = intrinsic(node);
    if (!fn) return "${...}";
    const { name, arg } = fn;
    const short = name.replace(/^Fn::/, "");
    const items = itemsOf(arg);
    const text = (n: JsonNode | undefined) => (n ? this.render(n, depth + 1) : "");
    switch (name) {
      case "Ref": {
        const ref = stringOf(arg) ?? text(arg);
        return PSEUDO.get(ref) ?? (ref.startsWith("AWS::") ? `\${${ref}}` : `\${Ref:${ref}}`);
      }
      case "Fn::GetAtt":
        return `\${GetAtt:${arg.kind === "array" ? items.map(text).join(".") : text(arg)}}`;
      case "Fn::Sub": {
        const template = stringOf(arg) ?? stringOf(items[0]) ?? "";
        const vars = items[1];
        return template.replace(/\$\{([^}]*)\}/g, (whole, ref: string) => {
          if (ref.startsWith("!")) return `\${${ref.slice(1)}}`;
          const v = member(vars, ref);
          if (v) return text(v);
          return PSEUDO.get(ref) ?? whole;
        });
      }
      case "Fn::Join": {
        const [delimiter, list] = items;
        if (list?.kind !== "array") return "${Join}";
        return list.items.map(text).join(stringOf(delimiter) ?? "");
      }
      case "Fn::Select": {
        const [index, list] = items;
        const i = index?.kind === "number" ? index.value : Number(stringOf(index));
        const chosen = list?.kind === "array" ? list.items[i] : undefined;
        return chosen ? text(chosen) : "${Select}";
      }
      case "Fn::If": {
        const branch = this.branch(arg);
        return branch ? text(branch) : "";
      }
      case "Fn::FindInMap": {
        const found = this.findInMap(arg, depth);
        return found ? text(found) : `\${FindInMap:${items.map(text).join(".")}}`;
      }
      default:
        return arg.kind === "string" ? `\${${short}:${arg.value}}` : `\${${short}}`;
    }
  }
}

/** The macro name of the first `Fn::Transform` inside a value; undefined when there is none. */
function transformOf(node: JsonNode, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  if (node.kind === "array") {
    for (const item of node.items) {
      const m = transformOf(item, depth + 1);
      if (m !== undefined) return m;
    }
  } else if (node.kind === "object") {
    for (const e of node.entries) {
      if (e.key === "Fn::Transform") return stringOf(member(e.value, "Name")) ?? "?";
      const m = transformOf(e.value, depth + 1);
      if (m !== undefined) return m;
    }
  }
  return undefined;
}

const PRINCIPAL_KINDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    "AWS::IAM::Role": "role",
    "AWS::IAM::User": "user",
    "AWS::IAM::Group": "group",
  }),
);

/** Where each resource type keeps its policy documents. */
type Extractor = (logicalId: string, props: JsonNode) => void;

class TemplateReader {
  private readonly documents: LintDocument[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly resources = new Map<string, string>();
  /** Principal names of the template's roles, users and groups by logical id. */
  private readonly principals = new Map<string, string>();
  /** Logical ids of the template's managed policies by `ManagedPolicyName`. */
  private readonly managedPolicyNames = new Map<string, string>();
  /** Principals that attach each managed policy, or have it as their boundary, by logical id. */
  private readonly uses = new Map<string, { identity: string[]; boundary: string[] }>();
  private readonly intrinsics: Intrinsics;

  constructor(
    private readonly file: string,
    private readonly root: JsonNode,
  ) {
    this.intrinsics = new Intrinsics(this.resources, member(root, "Mappings"));
  }

  read(): InputResult {
    const resources = member(this.root, "Resources");
    if (resources?.kind !== "object") {
      this.diagnostics.push(
        inputDiagnostic(
          "invalid-template",
          resources
            ? `\`Resources\` is ${kindName(resources)}, not an object`
            : "the template has no `Resources`",
          (resources ?? this.root).loc,
          "a CloudFormation template declares its resources under `Resources`",
        ),
      );
      return { documents: this.documents, diagnostics: this.diagnostics };
    }
    const list: { id: string; type: string; props: JsonNode }[] = [];
    for (const { key: id, value } of expandForEach(resources.entries, this.diagnostics)) {
      const type = stringOf(member(value, "Type"));
      if (type === undefined) continue;
      this.resources.set(id, type);
      const props = member(value, "Properties") ?? { kind: "object", entries: [], loc: value.loc };
      list.push({ id, type, props });
      const policyName = stringOf(member(props, "ManagedPolicyName"));
      if (type === "AWS::IAM::ManagedPolicy" && policyName)
        this.managedPolicyNames.set(policyName, id);
      const kind = PRINCIPAL_KINDS.get(type);
      if (kind) {
        const nameKey = `${kind[0]!.toUpperCase()}${kind.slice(1)}Name`;
        this.principals.set(id, `${kind}/${stringOf(member(props, nameKey)) ?? id}`);
      }
    }
    for (const { id, props } of list) this.noteUses(id, props);
    for (const { id, type, props } of list) this.extractors.get(type)?.(id, props);
    return { documents: this.documents, diagnostics: this.diagnostics };
  }

  /**
   * Notes who uses each managed policy of the template from their own side:
   * a role's or user's `PermissionsBoundary` (as its boundary) and
   * `ManagedPolicyArns` (attached), by `!Ref` (the policy's ARN) or by an
   * ARN ending in the policy's `ManagedPolicyName`.
   */
  private noteUses(id: string, props: JsonNode): void {
    const principal = this.principals.get(id);
    if (principal === undefined) return;
    const note = (node: JsonNode | undefined, as: "identity" | "boundary") => {
      const policy = node && this.managedPolicyOf(node);
      if (policy === undefined) return;
      const entry = this.uses.get(policy) ?? { identity: [], boundary: [] };
      if (!entry[as].includes(principal)) entry[as].push(principal);
      this.uses.set(policy, entry);
    };
    if (!principal.startsWith("group/")) note(member(props, "PermissionsBoundary"), "boundary");
    for (const arn of itemsOf(member(props, "ManagedPolicyArns"))) note(arn, "identity");
  }

  /** The logical id of the template's managed policy a value stands for. */
  private managedPolicyOf(node: JsonNode): string | undefined {
    const fn = intrinsic(node);
    const ref = fn && (fn.name === "Ref" || fn.name === "Fn::Ref") ? stringOf(fn.arg) : undefined;
    if (ref !== undefined)
      return this.resources.get(ref) === "AWS::IAM::ManagedPolicy" ? ref : undefined;
    // `!If [Cond, !Ref Boundary, ...]` resolves to its first branch's placeholder.
    const resolved = stringOf(this.intrinsics.resolve(node)) ?? "";
    const placeholder = /^\$\{Ref:([^}]+)\}$/.exec(resolved)?.[1];
    if (placeholder !== undefined)
      return this.resources.get(placeholder) === "AWS::IAM::ManagedPolicy"
        ? placeholder
        : undefined;
    // A customer policy's ARN, never an AWS managed one of the same name
    // (`arn:aws:iam::aws:policy/ReadOnlyAccess` is not the template's `ReadOnlyAccess`).
    const arn = /:iam::(.*?):policy\/(?:.*\/)?([^/]+)$/.exec(resolved);
    const name = arn && arn[1] !== "aws" ? arn[2] : undefined;
    return name === undefined ? undefined : this.managedPolicyNames.get(name);
  }

  private readonly resourcePolicy =
    (property: string, implies?: "ecr" | "ecr-public"): Extractor =>
    (id, props) =>
      this.add(
        props,
        property,
        "resource",
        `${id} ${property}`,
        [undefined],
        implies && impliedResource(implies, `GetAtt:${id}.Arn`),
      );

  private readonly inlinePolicies: Extractor = (id, props) => {
    const policies = member(props, "Policies");
    for (const p of itemsOf(policies && this.intrinsics.resolve(policies))) {
      const name = stringOf(member(p, "PolicyName")) ?? p.loc.pointer;
      this.add(p, "PolicyDocument", "identity", `${id} policy ${name}`, [this.principals.get(id)]);
    }
  };

  /**
   * `Policies` of a SAM function or state machine (AWS::Serverless
   * transform): inline policy documents are the identity policies of the
   * role SAM creates (`<LogicalId>Role`); SAM policy templates
   * (`S3ReadPolicy: {...}`) are reported as not analysed; managed policy
   * names are attachments, skipped as `ManagedPolicyArns` are. With `Role`
   * set, SAM creates no role and ignores `Policies`.
   */
  private readonly samPolicies: Extractor = (id, props) => {
    const policies = member(props, "Policies");
    if (!policies || member(props, "Role")) return;
    const resolved = this.intrinsics.resolve(policies);
    const items = resolved?.kind === "array" ? resolved.items : resolved ? [resolved] : [];
    const templates: string[] = [];
    items.forEach((item, i) => {
      if (item.kind !== "object") return;
      if (member(item, "Statement")) {
        const holder: JsonNode = {
          kind: "object",
          entries: [{ key: "Policies", keyLoc: item.loc, value: item }],
          loc: item.loc,
        };
        this.add(holder, "Policies", "identity", `${id} Policies[${i}]`, [`role/${id}Role`]);
      } else templates.push(...item.entries.map((e) => e.key));
    });
    if (templates.length > 0)
      this.diagnostics.push(
        inputDiagnostic(
          "unsupported-expression",
          `\`${id}\` uses SAM policy templates leash does not expand (\`${templates.join("`, `")}\`): their permissions are not analysed`,
          policies.loc,
          "lint the processed template instead (`aws cloudformation get-template --template-stage Processed`)",
          "warning",
        ),
      );
  };

  private readonly extractors: ReadonlyMap<string, Extractor> = new Map(
    Object.entries({
      "AWS::Serverless::Function": (id, props) => this.samPolicies(id, props),
      "AWS::Serverless::StateMachine": (id, props) => this.samPolicies(id, props),
      "AWS::IAM::Role": (id, props) => {
        const principal = this.principals.get(id);
        this.add(props, "AssumeRolePolicyDocument", "trust", `${id} trust policy`, [principal]);
        this.inlinePolicies(id, props);
      },
      "AWS::IAM::User": (id, props) => this.inlinePolicies(id, props),
      "AWS::IAM::Group": (id, props) => this.inlinePolicies(id, props),
      "AWS::IAM::Policy": (id, props) => this.attachable(id, props),
      "AWS::IAM::ManagedPolicy": (id, props) => this.attachable(id, props, this.uses.get(id)),
      "AWS::IAM::RolePolicy": (id, props) =>
        this.add(props, "PolicyDocument", "identity", id, [
          this.principal("role", props, "RoleName"),
        ]),
      "AWS::IAM::UserPolicy": (id, props) =>
        this.add(props, "PolicyDocument", "identity", id, [
          this.principal("user", props, "UserName"),
        ]),
      "AWS::IAM::GroupPolicy": (id, props) =>
        this.add(props, "PolicyDocument", "identity", id, [
          this.principal("group", props, "GroupName"),
        ]),
      "AWS::S3::BucketPolicy": this.resourcePolicy("PolicyDocument"),
      "AWS::SQS::QueuePolicy": this.resourcePolicy("PolicyDocument"),
      "AWS::SNS::TopicPolicy": this.resourcePolicy("PolicyDocument"),
      "AWS::KMS::Key": this.resourcePolicy("KeyPolicy"),
      "AWS::ECR::Repository": this.resourcePolicy("RepositoryPolicyText", "ecr"),
      "AWS::ECR::PublicRepository": this.resourcePolicy("RepositoryPolicyText", "ecr-public"),
      "AWS::SecretsManager::ResourcePolicy": this.resourcePolicy("ResourcePolicy"),
      "AWS::OpenSearchService::Domain": this.resourcePolicy("AccessPolicies"),
      "AWS::Organizations::Policy": (id, props) => {
        const kind = stringOf(member(props, "Type"));
        const type =
          kind === "SERVICE_CONTROL_POLICY"
            ? "scp"
            : kind === "RESOURCE_CONTROL_POLICY"
              ? "rcp"
              : "";
        if (type) this.add(props, "Content", type, id, [undefined]);
      },
    }),
  );

  /**
   * `AWS::IAM::Policy`/`ManagedPolicy`: one document per role, user and
   * group it names or that attaches it, and a `boundary` document per
   * principal that has it as its permissions boundary.
   */
  private attachable(
    id: string,
    props: JsonNode,
    uses: { identity: string[]; boundary: string[] } = { identity: [], boundary: [] },
  ): void {
    const principals: (string | undefined)[] = [...uses.identity];
    for (const [key, kind] of [
      ["Roles", "role"],
      ["Users", "user"],
      ["Groups", "group"],
    ] as const) {
      for (const item of itemsOf(member(props, key))) {
        const p = this.principalOf(kind, item);
        if (p !== undefined && !principals.includes(p)) principals.push(p);
      }
    }
    if (uses.boundary.length > 0) this.add(props, "PolicyDocument", "boundary", id, uses.boundary);
    // A policy no principal uses is judged alone; one used only as a boundary is not an identity policy.
    if (principals.length > 0 || uses.boundary.length === 0)
      this.add(
        props,
        "PolicyDocument",
        "identity",
        id,
        principals.length ? principals : [undefined],
      );
  }

  private principal(kind: string, props: JsonNode, key: string): string | undefined {
    const node = member(props, key);
    return node ? this.principalOf(kind, node) : undefined;
  }

  /** `!Ref TrainRole` → the role's principal; a literal name → `role/NAME`. */
  private principalOf(kind: string, node: JsonNode): string | undefined {
    const literal = stringOf(node);
    if (literal !== undefined) return `${kind}/${literal}`;
    const fn = intrinsic(node);
    const ref = fn?.name === "Ref" ? stringOf(fn.arg) : undefined;
    if (ref === undefined) return undefined;
    return this.principals.get(ref) ?? `${kind}/${ref}`;
  }

  private add(
    props: JsonNode,
    property: string,
    type: PolicyType,
    name: string,
    principals: (string | undefined)[],
    implied?: string,
  ): void {
    const raw = member(props, property);
    if (raw === undefined) {
      this.diagnostics.push(
        inputDiagnostic(
          "missing-policy",
          `\`${name}\` has no \`${property}\``,
          props.loc,
          `set \`${property}\` to the policy document`,
          "warning",
        ),
      );
      return;
    }
    const macro = transformOf(raw);
    if (macro !== undefined) {
      this.diagnostics.push(
        inputDiagnostic(
          "unsupported-expression",
          `\`${property}\` of ${name} is built by the \`${macro}\` macro (\`Fn::Transform\`), whose output leash cannot know: not analysed`,
          raw.loc,
          "lint the processed template instead (`aws cloudformation get-template --template-stage Processed`)",
          "warning",
        ),
      );
      return;
    }
    // `!ToJsonString {...}` hands the document over as JSON text: the object is the document.
    const json = intrinsic(raw);
    let node = this.intrinsics.resolve(json?.name === "Fn::ToJsonString" ? json.arg : raw);
    if (node === undefined) return;
    if (node.kind === "string") {
      // A `Json` property may also be given as JSON text.
      const fromTemplate = this.intrinsics.placeholders.has(node);
      if (fromTemplate && !/^\s*[{[]/.test(node.value)) {
        // `!Ref PolicyParameter`, `!ImportValue ...`, `{{resolve:ssm:...}}`: known at deployment.
        this.diagnostics.push(
          inputDiagnostic(
            "unresolved-policy",
            `\`${property}\` of ${name} is only known at deployment (\`${node.value.length > 80 ? `${node.value.slice(0, 77)}...` : node.value}\`): not analysed`,
            node.loc,
            "lint the policy itself, or the deployed stack's resources (an account export)",
            "warning",
          ),
        );
        return;
      }
      const r = parseEmbeddedJson(node.value, node.loc, `\`${property}\` of ${name}`);
      this.diagnostics.push(...r.diagnostics);
      node = r.node;
      if (!node) return;
      // Text that `!Sub` rendered keeps its unknown values (`${AWS::AccountId}`) as placeholders.
      if (fromTemplate) this.intrinsics.markPlaceholders(node);
    } else if (node.kind === "object") stringifyScalars(node);
    else {
      this.diagnostics.push(
        inputDiagnostic(
          "invalid-policy",
          `\`${property}\` of ${name} is ${kindName(node)}, not a policy document`,
          node.loc,
          'write the policy as an object: `{"Version": "2012-10-17", "Statement": [...]}`',
        ),
      );
      return;
    }
    const isPlaceholder = (n: StringNode) => this.intrinsics.placeholders.has(n);
    const removed = removeUnknownStatements(node, isPlaceholder);
    if (removed.length > 0) {
      this.diagnostics.push(unknownStatementsDiagnostic(removed, `\`${property}\` of ${name}`));
      if (statementCount(node) === 0) return;
    }
    shapePlaceholders(node, { isPlaceholder, serviceOf: this.intrinsics.serviceOf });
    for (const principal of principals)
      this.documents.push({
        file: this.file,
        node,
        type,
        name,
        ...(principal !== undefined ? { principal } : {}),
        ...(implied !== undefined ? { impliedResource: implied } : {}),
      });
  }
}

/**
 * CloudFormation hands the properties of a template to the resource as text:
 * a number or boolean written in the template (`Sid: 1`, `aws:SecureTransport:
 * true`, `s3:max-keys: 10`) reaches IAM as the string `"1"`, `"true"`, `"10"`.
 * So the document is read as IAM receives it, not as a type error. Nulls stay:
 * IAM rejects them. Policy text (`!Sub '{...}'`) is sent as written and is
 * not touched.
 */
function stringifyScalars(node: JsonNode, depth = 0): void {
  if (depth > 64) return;
  const text = (n: JsonNode): JsonNode => {
    if (n.kind === "number") return { kind: "string", value: n.raw ?? String(n.value), loc: n.loc };
    if (n.kind === "boolean") return { kind: "string", value: String(n.value), loc: n.loc };
    stringifyScalars(n, depth + 1);
    return n;
  };
  if (node.kind === "object") for (const e of node.entries) e.value = text(e.value);
  else if (node.kind === "array") node.items = node.items.map(text);
}
