import { dirname, isAbsolute, join } from "node:path";
import {
  type Diagnostic,
  fromPlain,
  type JsonNode,
  mapLocations,
  parseLocatedJson,
  type SourceLocation,
  toPlain,
} from "../../../diagnostics/index.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";
import {
  detectPolicyType,
  type InputResult,
  impliedResource,
  inputDiagnostic,
  itemsOf,
  member,
  relocate,
  removeUnknownStatements,
  shapePlaceholders,
  statementCount,
  stringOf,
  unknownStatementsDiagnostic,
} from "./common.js";
import { matchingBrace, parseJsonencode } from "./hcl-expression.js";
import {
  attributeType,
  forEachAttachment,
  hasTerraformInterpolation,
  type PrincipalKind,
  serviceOfTerraformReference,
  TERRAFORM_POLICY_RESOURCES,
} from "./terraform-common.js";
import { type Environment, expandBlocks } from "./terraform-dynamic.js";
import { evaluateValue, type Resolve, walk } from "./terraform-evaluate.js";
import { resolveLocals } from "./terraform-locals.js";
import {
  asBodies,
  type Body,
  convertStatement,
  unescapeTemplate,
} from "./terraform-policy-document.js";

export interface TerraformOptions {
  /**
   * Reads a file that a policy attribute loads with `file("...")` (the path
   * resolved against the `.tf` file's folder); undefined when it cannot.
   * Without it, such policies are reported as unresolved.
   */
  readFile?: (path: string) => string | undefined;
}

/**
 * Reads the `.tf` files of one Terraform module (read together, so that a
 * policy in one file may use a data source or local of another) and returns
 * the policy documents of their IAM and resource-policy resources and of
 * their `aws_iam_policy_document` data sources. Policies may be heredoc or quoted
 * JSON, `jsonencode({...})`, a data source's `.json`, a local, or
 * `file("...")`. Other expressions (variables, `templatefile`) cannot be
 * evaluated without Terraform and are reported as warnings: lint a plan
 * (`terraform show -json`) for those.
 *
 * Locations: `hcl2json` reports none, so each document is located at the
 * line of its block (`resource "TYPE" "NAME"`, column 1), which is enough
 * to find it. Two forms are located exactly: `jsonencode(...)` (parsed
 * from the source text here) and heredoc JSON (parsed from the source when
 * it reads the same as what `hcl2json` returned).
 */
export async function readTerraformModule(
  files: readonly { file: string; text: string }[],
  options: TerraformOptions = {},
): Promise<InputResult> {
  if (files.length === 0) return { documents: [], diagnostics: [] };
  let parse: (filename: string, contents: string) => Promise<Record<string, unknown>>;
  try {
    ({ parse } = await import("@cdktf/hcl2json"));
  } catch (e) {
    return {
      documents: [],
      diagnostics: [
        inputDiagnostic(
          "terraform-unavailable",
          `the Terraform parser could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
          { file: files[0]!.file, pointer: "", line: 1, column: 1 },
          "reinstall leash; its dependency `@cdktf/hcl2json` reads `.tf` files",
        ),
      ],
    };
  }
  const parsed: { source: Source; json: Record<string, unknown> }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { file, text } of files) {
    try {
      parsed.push({ source: new Source(file, text), json: await parse(file, text) });
    } catch (e) {
      diagnostics.push(...hclDiagnostics(e, file));
    }
  }
  const result = new TerraformReader(parsed, options).read();
  return { documents: result.documents, diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** Reads one `.tf` file on its own (see `readTerraformModule`). */
export function readTerraform(
  text: string,
  file: string,
  options: TerraformOptions = {},
): Promise<InputResult> {
  return readTerraformModule([{ file, text }], options);
}

/**
 * `parse config: [main.tf:2,6-3,1: Invalid expression; Expected ... main.tf:4,1-2: ...]`
 * → one diagnostic per error. Errors are cut where the next one's `file:line,column`
 * starts: their details hold commas and full stops, so no punctuation separates them.
 */
function hclDiagnostics(error: unknown, file: string): Diagnostic[] {
  const message = error instanceof Error ? error.message : String(error);
  const out: Diagnostic[] = [];
  const starts = [
    ...message.matchAll(
      new RegExp(`${escapeRegExp(file)}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, "g"),
    ),
  ];
  starts.forEach((m, i) => {
    const end = starts[i + 1]?.index ?? message.length;
    const text = message
      .slice(m.index + m[0].length, end)
      .replace(/[\s,]*\]?$/, "")
      .trim();
    const [summary = "", ...detail] = text.split("; ");
    out.push(
      inputDiagnostic(
        "hcl-syntax",
        `${summary.charAt(0).toLowerCase()}${summary.slice(1)}${detail.length > 0 ? `: ${detail.join("; ")}` : ""}`,
        { file, pointer: "", line: Number(m[1]), column: Number(m[2]) },
        "fix the Terraform syntax; `terraform validate` shows the same error",
      ),
    );
  });
  if (out.length === 0)
    out.push(
      inputDiagnostic(
        "hcl-syntax",
        message.replace(/^parse config: /, ""),
        { file, pointer: "", line: 1, column: 1 },
        "fix the Terraform syntax; `terraform validate` shows the same error",
      ),
    );
  return out;
}

/** One `.tf` file's text, with its line starts for locations. */
class Source {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }

  lineOf(offset: number): number {
    if (offset < 0) return 1;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  locate = (offset: number, pointer: string): SourceLocation => {
    const line = this.lineOf(offset);
    return { file: this.file, pointer, line, column: offset - this.lineStarts[line - 1]! + 1 };
  };
}

/** Where a block (or a `locals` block) starts. */
interface Place {
  source: Source;
  /** Offset of the block header in the source; -1 when not found. */
  offset: number;
  line: number;
}

interface Block extends Place {
  kind: "resource" | "data";
  type: string;
  name: string;
  body: Body;
  address: string;
}

interface Where {
  /** The block the value belongs to, for locations. */
  block: Place;
  /** Used in messages: `aws_iam_role.train`. */
  owner: string;
  attribute: string;
  /** Pointer prefix of the document's nodes. */
  pointer: string;
}

interface Resolved {
  node: JsonNode;
  /** The file the nodes point into (another one for `file("...")`). */
  file: string;
}

const ENCODE_PREFIX = /^jsonencode\s*\(/;
const DATA_REFERENCE =
  /^data\.aws_iam_policy_document\.([\w-]+)(?:\[[^\]]*\])?\.(?:json|minified_json)$/;
const PRINCIPAL_REFERENCE =
  /^\$\{aws_iam_(role|user|group)\.([\w-]+)(?:\[[^\]]*\])?\.(?:id|name|arn|unique_id)\}$/;
const POLICY_REFERENCE = /^\$\{aws_iam_policy\.([\w-]+)(?:\[[^\]]*\])?\.(?:arn|id)\}$/;

/** The text inside `${...}` when the whole string is one interpolation. */
function singleInterpolation(s: string): string | undefined {
  if (!s.startsWith("${")) return undefined;
  return matchingBrace(s, 1) === s.length - 1 ? s.slice(2, -1).trim() : undefined;
}

const PRINCIPAL_TYPES: ReadonlyMap<string, PrincipalKind> = new Map(
  Object.entries({
    aws_iam_role: "role",
    aws_iam_user: "user",
    aws_iam_group: "group",
  }),
);

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The offset of the `index`th `KIND "TYPE" "NAME" {` header; -1 when not found. */
function findBlock(text: string, kind: string, type: string, name: string, index: number): number {
  const re = new RegExp(
    `^[ \\t]*${kind}[ \\t]+"?${escapeRegExp(type)}"?[ \\t]+"?${escapeRegExp(name)}"?[ \\t]*\\{`,
    "gm",
  );
  let m: RegExpExecArray | null = null;
  for (let i = 0; i <= index; i++) {
    m = re.exec(text);
    if (!m) return -1;
  }
  return m ? m.index + m[0].length - m[0].trimStart().length : -1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

class TerraformReader {
  private readonly documents: LintDocument[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly blocks: Block[] = [];
  private readonly principals = new Map<string, string>();
  private readonly locals = new Map<string, { value: unknown; block: Place }>();
  /** What `removeUnknownStatements` took out of each document pushed. */
  private readonly removed = new WeakMap<JsonNode, { statement: JsonNode; value: string }[]>();
  /** Variables with a default, by name. */
  private readonly variables = new Map<string, unknown>();
  private readonly dataDocs = new Map<
    string,
    { block: Block; node?: JsonNode; state: "new" | "busy" | "done"; used: boolean }
  >();

  constructor(
    private readonly files: readonly { source: Source; json: Record<string, unknown> }[],
    private readonly options: TerraformOptions,
  ) {}

  read(): InputResult {
    for (const { source, json } of this.files) {
      const blocks: Block[] = [];
      for (const kind of ["resource", "data"] as const) {
        for (const [type, byName] of Object.entries(asRecord(json[kind]))) {
          for (const [name, bodies] of Object.entries(asRecord(byName))) {
            asBodies(bodies).forEach((body, i) => {
              const offset = findBlock(source.text, kind, type, name, i);
              const address = `${kind === "data" ? "data." : ""}${type}.${name}`;
              const line = source.lineOf(offset);
              blocks.push({ kind, type, name, body, source, offset, line, address });
            });
          }
        }
      }
      this.blocks.push(...blocks.sort((a, b) => a.offset - b.offset));
      const localsAt = /^[ \t]*locals[ \t]*\{/m.exec(source.text);
      const offset = localsAt ? localsAt.index : 0;
      const block = { source, offset, line: source.lineOf(offset) };
      for (const locals of asBodies(json.locals))
        for (const [k, value] of Object.entries(locals)) this.locals.set(k, { value, block });
      for (const [k, bodies] of Object.entries(asRecord(json.variable)))
        for (const v of asBodies(bodies)) if ("default" in v) this.variables.set(k, v.default);
    }

    for (const b of this.blocks) {
      if (b.kind === "data" && b.type === "aws_iam_policy_document")
        this.dataDocs.set(b.name, { block: b, state: "new", used: false });
      const kind = PRINCIPAL_TYPES.get(b.type);
      if (b.kind === "resource" && kind) {
        const name = b.body.name;
        const literal = typeof name === "string" && !name.includes("${") ? name : b.name;
        this.principals.set(`${kind}.${b.name}`, `${kind}/${literal}`);
      }
    }

    const attachments = this.attachments();
    for (const b of this.blocks) {
      if (b.kind !== "resource") continue;
      if (b.type === "aws_iam_policy") this.managedPolicy(b, attachments.get(b.name));
      else this.resource(b);
    }
    // Converting every data source first marks those that others include as used.
    for (const name of this.dataDocs.keys()) this.dataDocument(name);
    for (const [name, d] of this.dataDocs) {
      if (d.used) continue;
      const node = this.dataDocument(name);
      if (node)
        this.push(
          { file: d.block.source.file, node },
          detectPolicyType(node),
          d.block.address,
          undefined,
        );
    }
    return { documents: this.documents, diagnostics: this.diagnostics };
  }

  // ---- locations -------------------------------------------------------

  private blockLoc(block: Place, pointer: string): SourceLocation {
    return { file: block.source.file, pointer, line: block.line, column: 1 };
  }

  // ---- principals and attachments --------------------------------------

  /** `aws_iam_role.train.name` → the role's principal; a literal name → `role/NAME`. */
  private principalOf(kind: PrincipalKind, raw: unknown): string | undefined {
    if (typeof raw !== "string") return undefined;
    const m = PRINCIPAL_REFERENCE.exec(raw);
    if (m && m[1] === kind) return this.principals.get(`${kind}.${m[2]}`) ?? `${kind}/${m[2]}`;
    return `${kind}/${raw}`;
  }

  private selfPrincipal(b: Block): string | undefined {
    const kind = b.type.replace(/^aws_iam_/, "");
    return this.principals.get(`${kind}.${b.name}`);
  }

  /** Who each `aws_iam_policy` (by name) is attached to, or is the boundary of. */
  private attachments(): Map<string, { identity: Set<string>; boundary: Set<string> }> {
    const out = new Map<string, { identity: Set<string>; boundary: Set<string> }>();
    const add = (arn: unknown, principal: string | undefined, as: "identity" | "boundary") => {
      const m = typeof arn === "string" ? POLICY_REFERENCE.exec(arn) : null;
      if (!m || principal === undefined) return;
      const entry = out.get(m[1]!) ?? { identity: new Set(), boundary: new Set() };
      entry[as].add(principal);
      out.set(m[1]!, entry);
    };
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
    for (const b of this.blocks) {
      if (b.kind !== "resource") continue;
      forEachAttachment(
        b.type,
        (attribute) => list(b.body[attribute]),
        (kind, value) => this.principalOf(kind, value),
        () => this.selfPrincipal(b),
        add,
      );
    }
    return out;
  }

  // ---- documents -------------------------------------------------------

  private push(
    resolved: Resolved,
    type: PolicyType,
    name: string,
    principal: string | undefined,
    implied?: string,
  ): void {
    // A document may be pushed once per principal: its unknown actions are reported once.
    let removed = this.removed.get(resolved.node);
    if (!removed) {
      resolveLocals(resolved.node, this.localsOnly);
      removed = removeUnknownStatements(resolved.node, hasTerraformInterpolation);
      this.removed.set(resolved.node, removed);
      if (removed.length > 0)
        this.diagnostics.push(unknownStatementsDiagnostic(removed, `\`${name}\``));
    }
    if (removed.length > 0 && statementCount(resolved.node) === 0) return;
    shapePlaceholders(resolved.node, {
      isPlaceholder: hasTerraformInterpolation,
      serviceOf: serviceOfTerraformReference,
    });
    this.documents.push({
      file: resolved.file,
      node: resolved.node,
      type,
      name,
      ...(principal !== undefined ? { principal } : {}),
      ...(implied !== undefined ? { impliedResource: implied } : {}),
    });
  }

  private managedPolicy(
    b: Block,
    attached: { identity: Set<string>; boundary: Set<string> } | undefined,
  ): void {
    if (b.body.policy === undefined) return;
    const where = this.where(b, "policy");
    const resolved = this.document(b.body.policy, where);
    if (!resolved) return;
    const name = this.nameOf(b.address, "policy", b.body.policy);
    for (const p of attached?.identity ?? []) this.push(resolved, "identity", name, p);
    for (const p of attached?.boundary ?? []) this.push(resolved, "boundary", name, p);
    if (!attached) this.push(resolved, "identity", name, undefined);
  }

  private resource(b: Block): void {
    for (const spec of TERRAFORM_POLICY_RESOURCES.get(b.type) ?? []) {
      const raw = b.body[spec.attribute];
      const type = attributeType(spec, b.body);
      if (raw === undefined || type === undefined) continue;
      const principal = !spec.principal
        ? undefined
        : spec.principal.attribute
          ? this.principalOf(spec.principal.kind, b.body[spec.principal.attribute])
          : this.selfPrincipal(b);
      const resolved = this.document(raw, this.where(b, spec.attribute));
      const implied = spec.implies && impliedResource(spec.implies, `${b.address}.repository`);
      if (resolved)
        this.push(resolved, type, this.nameOf(b.address, spec.attribute, raw), principal, implied);
    }
    if (b.type === "aws_iam_role") {
      // `dynamic "inline_policy"` blocks too, where their `for_each` is known.
      const inlines = expandBlocks(b.body, "inline_policy", this.environment());
      if (inlines.unexpanded.length > 0) this.unexpanded(b, inlines.unexpanded, "inline policies");
      inlines.blocks.forEach((inline, i) => {
        if (inline.policy === undefined) return;
        const where = this.where(b, `inline_policy/${i}/policy`);
        const resolved = this.document(inline.policy, where);
        const label = typeof inline.name === "string" ? inline.name : String(i);
        if (resolved)
          this.push(
            resolved,
            "identity",
            `${b.address} inline_policy ${label}`,
            this.selfPrincipal(b),
          );
      });
    }
  }

  private where(b: Block, attribute: string): Where {
    return {
      block: b,
      owner: b.address,
      attribute,
      pointer: `/${b.kind}/${b.type}/${b.name}/${attribute}`,
    };
  }

  private nameOf(address: string, attribute: string, raw: unknown): string {
    const base = attribute === "policy" ? address : `${address} ${attribute}`;
    const data =
      typeof raw === "string" ? DATA_REFERENCE.exec(singleInterpolation(raw) ?? "") : null;
    return data ? `${base} (data.aws_iam_policy_document.${data[1]})` : base;
  }

  private unresolved(where: Where, raw: string, why: string): void {
    this.diagnostics.push(
      inputDiagnostic(
        "unresolved-policy",
        `\`${where.owner}\` sets \`${where.attribute.split("/")[0]}\` to ${why}: \`${raw.length > 80 ? `${raw.slice(0, 77)}...` : raw}\``,
        this.blockLoc(where.block, ""),
        "lint a plan instead (`terraform show -json plan.tfplan > plan.json`), where the policy is known",
        "warning",
      ),
    );
  }

  /** The policy document an attribute value stands for. */
  private document(raw: unknown, where: Where, depth = 0): Resolved | undefined {
    if (typeof raw !== "string") {
      this.diagnostics.push(
        inputDiagnostic(
          "invalid-policy",
          `\`${where.owner}\` sets \`${where.attribute}\` to a block or list, not a policy document`,
          this.blockLoc(where.block, ""),
          "set it to JSON text, `jsonencode({...})` or `data.aws_iam_policy_document.NAME.json`",
        ),
      );
      return undefined;
    }
    const expr = singleInterpolation(raw);
    if (expr === undefined) return this.jsonText(raw, where);
    if (ENCODE_PREFIX.test(expr)) return this.jsonencode(expr, where);
    const data = DATA_REFERENCE.exec(expr);
    if (data) {
      const d = this.dataDocs.get(data[1]!);
      if (!d) {
        this.unresolved(where, raw, "a data source that is not in this module");
        return undefined;
      }
      d.used = true;
      const node = this.dataDocument(data[1]!);
      return node ? { node, file: d.block.source.file } : undefined;
    }
    const local = /^local\.([\w-]+)$/.exec(expr);
    const localValue = local ? this.locals.get(local[1]!) : undefined;
    if (local && localValue && depth < 8) {
      return this.document(
        localValue.value,
        { ...where, block: localValue.block, attribute: local[1]! },
        depth + 1,
      );
    }
    const fileCall = /^file\(\s*"((?:[^"\\]|\\.)*)"\s*\)$/.exec(expr);
    if (fileCall) return this.fileDocument(fileCall[1]!, raw, where);
    this.unresolved(where, raw, "an expression leash cannot evaluate");
    return undefined;
  }

  /** Heredoc or quoted JSON. */
  private jsonText(raw: string, where: Where): Resolved | undefined {
    const text = unescapeTemplate(raw);
    const exact = this.heredoc(text, where);
    const file = where.block.source.file;
    if (exact) return { node: exact, file };
    const { node, diagnostics } = parseLocatedJson(text, file);
    if (!node) {
      const d = diagnostics[0];
      this.diagnostics.push(
        inputDiagnostic(
          "invalid-policy-json",
          `\`${where.attribute}\` of \`${where.owner}\` is not valid JSON: ${d?.message ?? "syntax error"}`,
          this.blockLoc(where.block, ""),
          "fix the policy JSON, or write it with `jsonencode({...})` or `aws_iam_policy_document`",
        ),
      );
      return undefined;
    }
    return { node: relocate(node, this.blockLoc(where.block, where.pointer)), file };
  }

  /** The heredoc `ATTR = <<EOT` after the block start, parsed in place when it reads the same. */
  private heredoc(expected: string, where: Where): JsonNode | undefined {
    if (where.block.offset < 0) return undefined;
    let want: string;
    try {
      want = JSON.stringify(JSON.parse(expected));
    } catch {
      return undefined;
    }
    const attribute = escapeRegExp(where.attribute.split("/").pop()!);
    const re = new RegExp(
      `(?:^|\\n)[ \\t]*"?${attribute}"?[ \\t]*=[ \\t]*<<-?([A-Za-z_][\\w-]*)[ \\t]*\\r?\\n`,
      "g",
    );
    re.lastIndex = where.block.offset;
    const { text, file } = where.block.source;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const bodyStart = m.index + m[0].length;
      const close = new RegExp(`^[ \\t]*${escapeRegExp(m[1]!)}[ \\t]*\\r?$`, "m").exec(
        text.slice(bodyStart),
      );
      if (!close) continue;
      const body = text.slice(bodyStart, bodyStart + close.index);
      const { node } = parseLocatedJson(body, file, where.block.source.lineOf(bodyStart));
      if (!node) continue;
      const unescaped = mapStrings(node, unescapeTemplate);
      if (JSON.stringify(toPlain(unescaped)) === want)
        return withPointerPrefix(unescaped, where.pointer);
    }
    return undefined;
  }

  private jsonencode(expr: string, where: Where): Resolved | undefined {
    const source = where.block.source;
    let start = where.block.offset >= 0 ? source.text.indexOf(expr, where.block.offset) : -1;
    if (start < 0) start = source.text.indexOf(expr);
    const result =
      start >= 0
        ? parseJsonencode(source.text, start, source.locate, where.pointer)
        : parseJsonencode(
            expr,
            0,
            (_offset, pointer) => this.blockLoc(where.block, pointer),
            where.pointer,
          );
    if (result.node) return { node: result.node, file: source.file };
    this.diagnostics.push(
      inputDiagnostic(
        "unsupported-expression",
        `leash cannot read the \`jsonencode(...)\` of \`${where.owner}\`: ${result.error}`,
        start >= 0 ? source.locate(result.offset, "") : this.blockLoc(where.block, ""),
        "lint a plan instead (`terraform show -json plan.tfplan > plan.json`), where the policy is known",
        "warning",
      ),
    );
    return undefined;
  }

  private fileDocument(path: string, raw: string, where: Where): Resolved | undefined {
    const relative = path.replace(/\$\{path\.(module|root|cwd)\}/g, ".");
    if (relative.includes("${") || !this.options.readFile) {
      this.unresolved(where, raw, "a file leash does not read");
      return undefined;
    }
    const target = isAbsolute(relative)
      ? relative
      : join(dirname(where.block.source.file), relative);
    const text = this.options.readFile(target);
    if (text === undefined) {
      this.unresolved(where, raw, `a file that cannot be read (\`${target}\`)`);
      return undefined;
    }
    const { node, diagnostics } = parseLocatedJson(text, target);
    if (!node) {
      this.diagnostics.push(...diagnostics.map((d) => ({ ...d, code: "input/json-syntax" })));
      return undefined;
    }
    return { node, file: target };
  }

  // ---- aws_iam_policy_document -----------------------------------------

  /**
   * The items of a list attribute (`source_policy_documents`): a literal
   * list, or a variable's default or a local that is one (each item still an
   * expression for `document`); otherwise the value as one item, which
   * `document` reports when it cannot read it.
   */
  private listOf(raw: unknown, depth = 0): { items: unknown[]; fromDefault: boolean } {
    if (Array.isArray(raw)) return { items: raw, fromDefault: false };
    if (raw === undefined) return { items: [], fromDefault: false };
    const expr = typeof raw === "string" ? singleInterpolation(raw) : undefined;
    const ref = /^(var|local)\.([\w-]+)$/.exec(expr ?? "");
    if (ref && depth < 8) {
      const value = ref[1] === "var" ? this.variables.get(ref[2]!) : undefined;
      if (Array.isArray(value)) return { items: value, fromDefault: true };
      const local = ref[1] === "local" ? this.locals.get(ref[2]!) : undefined;
      if (local) return this.listOf(local.value, depth + 1);
    }
    return { items: [raw], fromDefault: false };
  }

  /** The one warning for a block's `dynamic` blocks whose `for_each` is not known. */
  private unexpanded(b: Block, forEach: readonly string[], what: string): void {
    const [first, ...more] = forEach;
    const shown = first!.length > 80 ? `${first!.slice(0, 77)}...` : first;
    this.diagnostics.push(
      inputDiagnostic(
        "unexpanded-dynamic",
        `\`${b.address}\` has \`dynamic\` blocks whose \`for_each\` leash cannot evaluate (\`${shown}\`${more.length > 0 ? ` and ${more.length} more` : ""}): their ${what} are not analysed`,
        this.blockLoc(b, ""),
        "lint a plan instead (`terraform show -json plan.tfplan > plan.json`), where every `for_each` is known",
        "warning",
      ),
    );
  }

  /** The lines of a block's `dynamic "NAME"` blocks, in source order (as hcl2json lists them). */
  private dynamicLines(b: Block, name: string): number[] {
    if (b.offset < 0) return [];
    const end = matchingBrace(b.source.text, b.source.text.indexOf("{", b.offset));
    const body = b.source.text.slice(b.offset, end < 0 ? undefined : end);
    const re = new RegExp(`^[ \\t]*dynamic[ \\t]+"?${escapeRegExp(name)}"?[ \\t]*\\{`, "gm");
    // Only the block's own: a nested one sits deeper than the first.
    const found = [...body.matchAll(re)].map((m) => ({
      indent: m[0].length - m[0].trimStart().length,
      line: b.source.lineOf(b.offset + m.index),
    }));
    const top = Math.min(...found.map((f) => f.indent));
    return found.filter((f) => f.indent === top).map((f) => f.line);
  }

  /**
   * What a policy's own values may read: locals, partially known (see
   * `resolveLocals`). Not variables: their defaults are not what the
   * module's callers pass, and a placeholder is the honest value.
   */
  private readonly localsOnly: Resolve = (() => {
    const busy = new Set<string>();
    const resolve: Resolve = (root, path) => {
      const [name, ...rest] = path;
      if (root !== "local" || typeof name !== "string" || busy.has(name)) return undefined;
      const local = this.locals.get(name);
      if (!local) return undefined;
      busy.add(name); // locals that refer to each other in a cycle are unknown, not a crash
      try {
        const r = evaluateValue(local.value, resolve, 0, false, true);
        return r ? walk(r.value, rest) : undefined;
      } finally {
        busy.delete(name);
      }
    };
    return resolve;
  })();

  /** What `for_each` expressions may read: locals, and variables' defaults. */
  private environment(): Environment {
    const usedDefault = { value: false };
    const busy = new Set<string>();
    const resolve: Environment["resolve"] = (root, path) => {
      const [name, ...rest] = path;
      if (typeof name !== "string") return undefined;
      if (root === "var") {
        if (!this.variables.has(name)) return undefined;
        usedDefault.value = true;
        return walk(this.variables.get(name), rest);
      }
      if (root !== "local" || busy.has(name)) return undefined;
      const local = this.locals.get(name);
      if (!local) return undefined;
      busy.add(name); // locals that refer to each other in a cycle are unknown, not a crash
      try {
        const r = evaluateValue(local.value, resolve, 0, true);
        return r ? walk(r.value, rest) : undefined;
      } finally {
        busy.delete(name);
      }
    };
    return { resolve, usedDefault };
  }

  /** The data source converted to a policy, as Terraform renders it (see `convertStatement`). */
  private dataDocument(name: string): JsonNode | undefined {
    const d = this.dataDocs.get(name);
    if (!d) return undefined;
    if (d.state === "done") return d.node;
    if (d.state === "busy") return undefined; // a cycle through source/override documents
    d.state = "busy";
    const b = d.block;
    const base = `/data/aws_iam_policy_document/${name}`;
    const loc = (pointer: string) => this.blockLoc(b, pointer);
    const merged: JsonNode[] = [];
    const merge = (statements: JsonNode[]) => {
      for (const s of statements) {
        const sid = stringOf(member(s, "Sid"));
        const i = sid ? merged.findIndex((x) => stringOf(member(x, "Sid")) === sid) : -1;
        if (i >= 0) merged[i] = s;
        else merged.push(s);
      }
    };
    /** Whether a source or override document could not be read (it was reported). */
    let partial = false;
    /** Whether a variable's default decided which documents are merged. */
    let fromDefaults = false;
    const others = (key: string) => {
      const list = this.listOf(b.body[key]);
      fromDefaults ||= list.fromDefault;
      list.items.forEach((item, i) => {
        const where = { ...this.where(b, `${key}/${i}`), owner: b.address };
        const r = this.document(item, where);
        if (!r) partial = true;
        const s = member(r?.node, "Statement");
        merge(s?.kind === "object" ? [s] : itemsOf(s));
      });
    };
    others("source_policy_documents");
    const expansion = expandBlocks(b.body, "statement", this.environment());
    const dynamicLines = this.dynamicLines(b, "statement");
    // A statement a `dynamic` block made is located at that block, the others at the data source.
    const own = expansion.blocks.map((st, i) => {
      const line = dynamicLines[expansion.origins[i]!] ?? b.line;
      return fromPlain(convertStatement(st), b.source.file, line, `${base}/Statement/${i}`);
    });
    merge(own);
    others("override_policy_documents");
    if (expansion.unexpanded.length > 0) this.unexpanded(b, expansion.unexpanded, "statements");
    if (
      merged.length === 0 &&
      (expansion.unexpanded.length > 0 || fromDefaults || expansion.fromDefaults || partial)
    ) {
      // Nothing left to judge: an empty `Statement` here says nothing about the policy Terraform
      // will render (the reason is reported above, or below for variables' defaults).
      if (expansion.unexpanded.length === 0 && !partial)
        this.diagnostics.push(
          inputDiagnostic(
            "empty-with-defaults",
            `with its variables' defaults, \`${b.address}\` has no statement: not analysed`,
            loc(""),
            "lint a plan instead (`terraform show -json plan.tfplan > plan.json`), made with the variables the module is called with",
            "warning",
          ),
        );
      d.state = "done";
      return undefined;
    }
    const version = typeof b.body.version === "string" ? b.body.version : "2012-10-17";
    const entries: Extract<JsonNode, { kind: "object" }>["entries"] = [
      entry("Version", fromPlain(version, b.source.file, b.line, `${base}/Version`)),
    ];
    if (typeof b.body.policy_id === "string")
      entries.push(entry("Id", fromPlain(b.body.policy_id, b.source.file, b.line, `${base}/Id`)));
    entries.push(
      entry("Statement", { kind: "array", items: merged, loc: loc(`${base}/Statement`) }),
    );
    d.node = { kind: "object", entries, loc: loc(base) };
    d.state = "done";
    return d.node;
  }
}

function entry(key: string, value: JsonNode) {
  return { key, keyLoc: value.loc, value };
}

/** A copy with `prefix` before every pointer. */
function withPointerPrefix(node: JsonNode, prefix: string): JsonNode {
  return mapLocations(node, (l) => ({ ...l, pointer: prefix + l.pointer }));
}

function mapStrings(node: JsonNode, f: (s: string) => string): JsonNode {
  switch (node.kind) {
    case "object":
      return {
        ...node,
        entries: node.entries.map((e) => ({ ...e, key: f(e.key), value: mapStrings(e.value, f) })),
      };
    case "array":
      return { ...node, items: node.items.map((n) => mapStrings(n, f)) };
    case "string":
      return { ...node, value: f(node.value) };
    default:
      return node;
  }
}

// ---- statement conversion, as the AWS provider renders the data source -----
