import type {
  AwsGeneration,
  NamedPolicy,
  PolicyDocumentJson,
} from "../clouds/aws/generate/types.js";

/**
 * The generation as one Terraform file, laid out exactly as `terraform fmt`
 * leaves it: two-space indent; the `=` of consecutive attributes aligned
 * (a heredoc attribute counts as one line of its run, while an attribute
 * holding a multi-line object breaks the run and is aligned on its own);
 * heredoc bodies are never reformatted. Blocks are separated by one blank line.
 */

type Attribute =
  | { key: string; kind: "expr"; text: string }
  | { key: string; kind: "heredoc"; body: string[] }
  | { key: string; kind: "object"; entries: [string, string][] };

const MARKER = "EOT";

/** A quoted HCL template string: escapes, plus `$${` and `%%{` for literal `${` and `%{`. */
function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    const next = s[i + 1];
    if (c === "\\") out += "\\\\";
    else if (c === '"') out += '\\"';
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else if ((c === "$" || c === "%") && next === "{") out += `${c}${c}`;
    else out += c;
  }
  return `${out}"`;
}

/** Escapes template sequences so a heredoc holds the text literally. */
function heredocText(s: string): string {
  return s.replace(/[$%]\{/g, (m) => `${m[0]}${m}`);
}

/**
 * IAM policy documents as pretty JSON. SCPs are written compact: AWS
 * Organizations counts whitespace against the 5,120-character SCP limit,
 * while IAM does not for its own policies.
 */
function jsonBody(doc: PolicyDocumentJson, compact: boolean): string[] {
  return heredocText(compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2)).split("\n");
}

function renderAttributes(attrs: Attribute[], indent: string): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < attrs.length) {
    const first = attrs[i]!;
    if (first.kind === "object") {
      lines.push(`${indent}${first.key} = {`);
      const width = Math.max(0, ...first.entries.map(([k]) => k.length));
      for (const [k, v] of first.entries) lines.push(`${indent}  ${k.padEnd(width)} = ${v}`);
      lines.push(`${indent}}`);
      i++;
      continue;
    }
    // A run of single-line and heredoc attributes shares one `=` column.
    let end = i;
    while (end < attrs.length && attrs[end]!.kind !== "object") end++;
    const run = attrs.slice(i, end);
    const width = Math.max(...run.map((a) => a.key.length));
    for (const a of run) {
      const lead = `${indent}${a.key.padEnd(width)} =`;
      if (a.kind === "expr") lines.push(`${lead} ${a.text}`);
      else if (a.kind === "heredoc") {
        lines.push(`${lead} <<-${MARKER}`);
        for (const l of a.body) lines.push(l === "" ? "" : `${indent}  ${l}`);
        lines.push(`${indent}${MARKER}`);
      }
    }
    i = end;
  }
  return lines;
}

function block(labels: string[], attrs: Attribute[]): string {
  const head = `resource ${labels.map((l) => hclString(l)).join(" ")} {`;
  return [head, ...renderAttributes(attrs, "  "), "}"].join("\n");
}

/** A valid, unique Terraform identifier derived from a name. */
function labeller(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    let base = name.replace(/[^A-Za-z0-9_]/g, "_");
    if (base === "" || /^[0-9]/.test(base)) base = `_${base}`;
    let label = base;
    for (let n = 2; used.has(label); n++) label = `${base}_${n}`;
    used.add(label);
    return label;
  };
}

function oneLine(s: string): string {
  return s.replace(/[\p{Cc}\u2028\u2029]+/gu, " ");
}

export function renderTerraform(g: AwsGeneration): string {
  const blocks: string[] = [];

  const policyLabel = labeller();
  const boundaryLabels = new Map<string, string>();
  for (const p of g.managedPolicies) {
    const label = policyLabel(p.name);
    if (!boundaryLabels.has(p.name)) boundaryLabels.set(p.name, label);
    blocks.push(
      block(
        ["aws_iam_policy", label],
        [
          { key: "name", kind: "expr", text: hclString(p.name) },
          { key: "policy", kind: "heredoc", body: jsonBody(p.document, false) },
        ],
      ),
    );
  }

  const roleLabel = labeller();
  const rolePolicyLabel = labeller();
  for (const r of g.roles) {
    const label = roleLabel(r.name);
    const attrs: Attribute[] = [{ key: "name", kind: "expr", text: hclString(r.name) }];
    if (r.description !== "")
      attrs.push({ key: "description", kind: "expr", text: hclString(r.description) });
    attrs.push({
      key: "assume_role_policy",
      kind: "heredoc",
      body: jsonBody(r.trustPolicy, false),
    });
    if (r.permissionBoundary !== null) {
      const boundary = boundaryOf(r.name, r.permissionBoundaryName, boundaryLabels);
      attrs.push({
        key: "permissions_boundary",
        kind: "expr",
        text: `aws_iam_policy.${boundary}.arn`,
      });
    }
    const tags = Object.entries(r.tags);
    if (tags.length > 0)
      attrs.push({
        key: "tags",
        kind: "object",
        entries: tags.map(([k, v]) => [hclString(k), hclString(v)]),
      });
    blocks.push(block(["aws_iam_role", label], attrs));

    for (const p of r.inlinePolicies) {
      blocks.push(
        block(
          ["aws_iam_role_policy", rolePolicyLabel(`${label}_${p.name}`)],
          [
            { key: "name", kind: "expr", text: hclString(p.name) },
            { key: "role", kind: "expr", text: `aws_iam_role.${label}.id` },
            { key: "policy", kind: "heredoc", body: jsonBody(p.document, false) },
          ],
        ),
      );
    }
  }

  const scpLabel = labeller();
  for (const p of g.serviceControlPolicies) {
    const label = scpLabel(p.name);
    blocks.push(scpBlock(label, p));
    // Attached to the spec's account: its boundary ARNs name that account. An SCP is created
    // and attached from the organization's management (or delegated administrator) account.
    blocks.push(
      block(
        ["aws_organizations_policy_attachment", label],
        [
          { key: "policy_id", kind: "expr", text: `aws_organizations_policy.${label}.id` },
          { key: "target_id", kind: "expr", text: hclString(g.account) },
        ],
      ),
    );
  }

  const header = [
    `# Generated by leash from spec ${JSON.stringify(oneLine(g.spec))} (catalog ${oneLine(g.catalogVersion)}).`,
    "# Do not edit by hand: change the spec and generate again.",
  ].join("\n");
  return `${[header, ...blocks].join("\n\n")}\n`;
}

function scpBlock(label: string, p: NamedPolicy): string {
  return block(
    ["aws_organizations_policy", label],
    [
      { key: "name", kind: "expr", text: hclString(p.name) },
      { key: "type", kind: "expr", text: hclString("SERVICE_CONTROL_POLICY") },
      { key: "content", kind: "heredoc", body: jsonBody(p.document, true) },
    ],
  );
}

function boundaryOf(
  role: string,
  name: string | null,
  labels: ReadonlyMap<string, string>,
): string {
  const label = name === null ? undefined : labels.get(name);
  if (label === undefined)
    throw new Error(
      `role ${role} has a permission boundary ${JSON.stringify(name)} that is not among the managed policies`,
    );
  return label;
}
