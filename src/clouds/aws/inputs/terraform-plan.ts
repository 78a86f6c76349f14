import { type Diagnostic, type JsonNode, parseLocatedJson } from "../../../diagnostics/index.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";
import {
  type InputResult,
  inputDiagnostic,
  itemsOf,
  member,
  parseEmbeddedJson,
  stringOf,
} from "./common.js";
import {
  attributeType,
  forEachAttachment,
  TERRAFORM_POLICY_RESOURCES,
} from "./terraform-common.js";
import {
  type AttributeValue,
  type PlannedResource,
  PlanReferences,
} from "./terraform-plan-references.js";

/** True for `terraform show -json` output: a plan (`planned_values`) or a state (`values`). */
export function isTerraformPlan(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return "format_version" in value && ("planned_values" in value || "values" in value);
}

const PRINCIPAL_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    aws_iam_role: "role",
    aws_iam_user: "user",
    aws_iam_group: "group",
  }),
);

/**
 * Reads `terraform show -json` output for a plan (`planned_values`) or a
 * state (`values`): the resources of the root module and of every child
 * module, with the same resource types as the `.tf` reader. Policies are
 * JSON strings in the values; they are reported at the string's position in
 * the plan file. A policy that depends on resources not yet created is
 * unknown until apply and reported as a warning.
 */
export function readTerraformPlan(text: string, file: string): InputResult {
  const parsed = parseLocatedJson(text, file);
  if (!parsed.node) {
    return {
      documents: [],
      diagnostics: parsed.diagnostics.map((d) => ({ ...d, code: "input/json-syntax" })),
    };
  }
  const root = parsed.node;
  const documents: LintDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const rootModule =
    member(member(root, "planned_values"), "root_module") ??
    member(member(root, "values"), "root_module");
  if (!rootModule) {
    diagnostics.push(
      inputDiagnostic(
        "invalid-plan",
        "the Terraform JSON has no `planned_values.root_module` or `values.root_module`",
        root.loc,
        "pass the output of `terraform show -json plan.tfplan` (or of `terraform show -json` for the state)",
      ),
    );
    return { documents, diagnostics };
  }

  const resources: PlannedResource[] = [];
  const walk = (module: JsonNode, depth: number) => {
    if (depth > 64) return;
    for (const r of itemsOf(member(module, "resources"))) {
      const mode = stringOf(member(r, "mode")) ?? "managed";
      const type = stringOf(member(r, "type"));
      const values = member(r, "values");
      if (mode !== "managed" || type === undefined || values?.kind !== "object") continue;
      const name = stringOf(member(r, "name")) ?? "";
      const address = stringOf(member(r, "address")) ?? `${type}.${name}`;
      resources.push({
        address,
        type,
        values,
        module: stringOf(member(module, "address")) ?? "",
        name,
      });
    }
    for (const child of itemsOf(member(module, "child_modules"))) walk(child, depth + 1);
  };
  walk(rootModule, 0);

  // Attributes unknown until apply, by resource address.
  const unknown = new Map<string, JsonNode>();
  for (const rc of itemsOf(member(root, "resource_changes"))) {
    const address = stringOf(member(rc, "address"));
    const afterUnknown = member(member(rc, "change"), "after_unknown");
    if (address !== undefined && afterUnknown) unknown.set(address, afterUnknown);
  }

  const references = new PlanReferences(root, resources);
  const selfPrincipal = (r: PlannedResource): string | undefined => {
    const kind = PRINCIPAL_TYPES.get(r.type);
    const name = stringOf(member(r.values, "name"));
    return kind && name !== undefined ? `${kind}/${name}` : undefined;
  };
  /** A principal named by a value, or by the role/user/group resource it refers to. */
  const principalOf = (kind: string, v: AttributeValue | undefined) => {
    if (v?.value !== undefined) return `${kind}/${v.value}`;
    const t = v?.target;
    if (!t || PRINCIPAL_TYPES.get(t.type) !== kind) return undefined;
    // A name made at apply (`name_prefix`) is unknown: the resource's own name stands for it, as in `.tf`.
    return selfPrincipal(t) ?? `${kind}/${t.name}`;
  };

  const add = (
    r: PlannedResource,
    path: string,
    node: JsonNode | undefined,
    type: PolicyType,
    name: string,
    principals: (string | undefined)[],
  ) => {
    if (node === undefined || node.kind === "null" || (node.kind === "string" && !node.value)) {
      const isUnknown = path
        .split("/")
        .reduce<JsonNode | undefined>(
          (n, key) => member(n, key) ?? itemsOf(n)[Number(key)],
          unknown.get(r.address),
        );
      if (isUnknown?.kind === "boolean" && isUnknown.value)
        diagnostics.push(
          inputDiagnostic(
            "unknown-at-plan",
            `\`${path.split("/")[0]}\` of \`${r.address}\` is not known until apply`,
            r.values.loc,
            "it depends on resources not created yet; lint again after apply, or lint the `.tf` files",
            "warning",
          ),
        );
      return;
    }
    if (node.kind !== "string") {
      diagnostics.push(
        inputDiagnostic(
          "invalid-policy",
          `\`${path}\` of \`${r.address}\` is not a JSON string`,
          node.loc,
          "pass the unmodified output of `terraform show -json`",
        ),
      );
      return;
    }
    const parsedDoc = parseEmbeddedJson(node.value, node.loc, `\`${path}\` of \`${r.address}\``);
    diagnostics.push(...parsedDoc.diagnostics);
    if (!parsedDoc.node) return;
    for (const principal of principals)
      documents.push({
        file,
        node: parsedDoc.node,
        type,
        name,
        ...(principal !== undefined ? { principal } : {}),
        address: r.address,
      });
  };

  // Managed policies attach by ARN, which the plan knows for existing policies only.
  const attached = new Map<string, Uses>();
  const attach = (
    arn: AttributeValue,
    principal: string | undefined,
    as: "identity" | "boundary",
  ) => {
    // A policy created by the same plan has no ARN yet: it is known by its address.
    const a =
      arn.value ?? (arn.target?.type === "aws_iam_policy" ? addressKey(arn.target) : undefined);
    if (a === undefined || principal === undefined) return;
    const entry = attached.get(a) ?? { identity: new Set(), boundary: new Set() };
    entry[as].add(principal);
    attached.set(a, entry);
  };
  for (const r of resources)
    forEachAttachment(
      r.type,
      (attribute) => references.values(r, attribute),
      principalOf,
      () => selfPrincipal(r),
      attach,
    );

  for (const r of resources) {
    const v = r.values;
    if (r.type === "aws_iam_policy") {
      const arn = stringOf(member(v, "arn"));
      const a = mergeUses(
        arn === undefined ? undefined : attached.get(arn),
        attached.get(addressKey(r)),
      );
      const policy = member(v, "policy");
      if (a) {
        if (a.identity.size > 0) add(r, "policy", policy, "identity", r.address, [...a.identity]);
        if (a.boundary.size > 0) add(r, "policy", policy, "boundary", r.address, [...a.boundary]);
      } else add(r, "policy", policy, "identity", r.address, [undefined]);
      continue;
    }
    const plain = Object.fromEntries(
      (v.kind === "object" ? v.entries : []).map((e) => [e.key, stringOf(e.value)]),
    );
    for (const spec of TERRAFORM_POLICY_RESOURCES.get(r.type) ?? []) {
      const type = attributeType(spec, plain);
      if (type === undefined) continue;
      const principal = !spec.principal
        ? undefined
        : spec.principal.attribute
          ? principalOf(spec.principal.kind, references.values(r, spec.principal.attribute)[0])
          : selfPrincipal(r);
      const name = spec.attribute === "policy" ? r.address : `${r.address} ${spec.attribute}`;
      add(r, spec.attribute, member(v, spec.attribute), type, name, [principal]);
    }
    if (r.type === "aws_iam_role") {
      itemsOf(member(v, "inline_policy")).forEach((inline, i) => {
        const label = stringOf(member(inline, "name")) ?? String(i);
        add(
          r,
          `inline_policy/${i}/policy`,
          member(inline, "policy"),
          "identity",
          `${r.address} inline_policy ${label}`,
          [selfPrincipal(r)],
        );
      });
    }
  }
  return { documents, diagnostics };
}

type Uses = { identity: Set<string>; boundary: Set<string> };

function mergeUses(a: Uses | undefined, b: Uses | undefined): Uses | undefined {
  if (!a || !b) return a ?? b;
  return {
    identity: new Set([...a.identity, ...b.identity]),
    boundary: new Set([...a.boundary, ...b.boundary]),
  };
}

/** The key a policy of the plan is attached by when its ARN is not known yet. */
function addressKey(r: PlannedResource): string {
  return `address:${r.address}`;
}
