import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { generateAws } from "../src/clouds/aws/generate/index.js";
import { generateGcp } from "../src/clouds/gcp/generate/index.js";
import {
  MANAGEMENT_DIR,
  renderAwsFiles,
  renderAwsJson,
  renderCloudFormation,
  renderGcpJson,
  renderGcpTerraform,
  renderGithubWorkflows,
  renderTerraform,
  renderTerraformManagement,
} from "../src/outputs/index.js";
import { loadSpec } from "../src/spec/index.js";

/**
 * Every example's generated output equals its committed expected output
 * (regenerate with `npm run examples` and review the diff).
 */
const root = join(import.meta.dirname, "..", "examples");
const EXAMPLES = [
  "sagemaker-training",
  "github-mlops-pipeline",
  "inference-api",
  "multi-tenant-platform",
];

describe.each(EXAMPLES)("examples/%s", (name) => {
  const dir = join(root, name);
  const { spec, diagnostics } = loadSpec(
    readFileSync(join(dir, "leash.yaml"), "utf8"),
    "leash.yaml",
  );
  const result = spec ? generateAws(spec) : undefined;
  const g = result?.generation;
  const expected = (file: string) => readFileSync(join(dir, "expected", file), "utf8");

  it("has a README and a valid spec whose self-check passes", () => {
    expect(existsSync(join(dir, "README.md"))).toBe(true);
    expect(diagnostics).toEqual([]);
    expect(result?.diagnostics).toEqual([]);
    expect(g?.selfCheck.ok).toBe(true);
  });

  it.each([
    ["aws.json", () => renderAwsJson(g!)],
    ["main.tf", () => renderTerraform(g!)],
    ["template.yaml", () => renderCloudFormation(g!)],
  ])("generates %s exactly as committed", (file, render) => {
    expect(render()).toBe(expected(file));
  });

  it("generates the management account's files exactly as committed, when it has SCPs", () => {
    const dir = join(root, name, "expected", MANAGEMENT_DIR);
    const committed = existsSync(dir) ? readdirSync(dir).sort() : [];
    const generated = (["terraform", "cloudformation"] as const)
      .flatMap((f) => renderAwsFiles(g!, f))
      .filter((f) => f.file.startsWith(`${MANAGEMENT_DIR}/`));
    expect(generated.map((f) => f.file.slice(MANAGEMENT_DIR.length + 1)).sort()).toEqual(committed);
    expect(committed.length > 0).toBe(g!.serviceControlPolicies.length > 0);
    for (const f of generated) expect(f.content).toBe(expected(f.file));
  });

  it("generates the committed GitHub Actions snippets", () => {
    const workflows = renderGithubWorkflows(g!);
    const committed = existsSync(join(dir, "expected", "github"))
      ? readdirSync(join(dir, "expected", "github")).sort()
      : [];
    expect(workflows.map((w) => w.file.replace(/^github\//, "")).sort()).toEqual(committed);
    for (const w of workflows) expect(w.content).toBe(expected(w.file));
  });
});

describe.each(EXAMPLES)("examples/%s on GCP", (name) => {
  const dir = join(root, name);
  const { spec } = loadSpec(readFileSync(join(dir, "leash.yaml"), "utf8"), "leash.yaml");
  const result = generateGcp(spec!);
  const g = result.generation;
  const expected = (file: string) => readFileSync(join(dir, "expected", file), "utf8");

  it("generates without a problem, and its self-check passes", () => {
    expect(result.diagnostics).toEqual([]);
    expect(g?.selfCheck.ok).toBe(true);
    for (const w of g!.selfCheck.workloads) {
      expect(w.needsGranted, w.workload).toBe(spec!.workloads[w.workload]!.needs.length);
      expect(w.otherPermissionsDenied, w.workload).toBeGreaterThan(13_000);
    }
  });

  it.each([
    ["gcp.json", () => renderGcpJson(g!)],
    ["gcp/main.tf", () => renderGcpTerraform(g!)],
  ])("generates %s exactly as committed", (file, render) => {
    expect(render()).toBe(expected(file));
  });

  it("writes Terraform that parses (read with @cdktf/hcl2json)", async () => {
    const parsed = (await parseHcl("main.tf", renderGcpTerraform(g!))) as {
      resource: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(parsed.resource["google_service_account"]!)).toHaveLength(
      Object.keys(spec!.workloads).length,
    );
  });
});

/** Terraform heredocs are templates: `$${` is a literal `${`. */
const unescapeHeredoc = (s: string) =>
  JSON.parse(s.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{"));

describe.each(EXAMPLES)("examples/%s parses back to the same documents", (name) => {
  const dir = join(root, name);
  const { spec } = loadSpec(readFileSync(join(dir, "leash.yaml"), "utf8"), "leash.yaml");
  const g = generateAws(spec!).generation!;
  const json = JSON.parse(renderAwsJson(g));
  const inline = (r: { inlinePolicies: { document: unknown }[] }) =>
    r.inlinePolicies.map((p) => p.document);

  it("from Terraform (read with @cdktf/hcl2json)", async () => {
    const tf = (await parseHcl("main.tf", renderTerraform(g))) as {
      resource: Record<
        string,
        Record<
          string,
          { name: string; assume_role_policy?: string; policy?: string; content?: string }[]
        >
      >;
    };
    const roles = Object.values(tf.resource.aws_iam_role ?? {}).map((b) => b[0]!);
    const policies = Object.values(tf.resource.aws_iam_role_policy ?? {}).map((b) => b[0]!);
    for (const role of json.roles) {
      const block = roles.find((r) => r.name === role.name)!;
      expect(unescapeHeredoc(block.assume_role_policy!)).toEqual(role.trustPolicy);
      for (const p of role.inlinePolicies) {
        expect(unescapeHeredoc(policies.find((x) => x.name === p.name)!.policy!)).toEqual(
          p.document,
        );
      }
    }
    const managed = Object.values(tf.resource.aws_iam_policy ?? {}).map((b) => b[0]!);
    for (const m of json.managedPolicies)
      expect(unescapeHeredoc(managed.find((x) => x.name === m.name)!.policy!)).toEqual(m.document);
    const management = renderTerraformManagement(g);
    const scpModule = management
      ? ((await parseHcl("main.tf", management)) as typeof tf)
      : { resource: {} as typeof tf.resource };
    const scps = Object.values(scpModule.resource.aws_organizations_policy ?? {}).map((b) => b[0]!);
    expect(scps).toHaveLength(json.serviceControlPolicies.length);
    for (const s of json.serviceControlPolicies)
      expect(unescapeHeredoc(scps.find((x) => x.name === s.name)!.content!)).toEqual(s.document);
  });

  it("from CloudFormation (read with yaml)", () => {
    const cfn = parseYaml(renderCloudFormation(g)) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const resources = Object.values(cfn.Resources);
    for (const role of json.roles) {
      const r = resources.find(
        (x) => x.Type === "AWS::IAM::Role" && x.Properties.RoleName === role.name,
      )!;
      expect(r.Properties.AssumeRolePolicyDocument).toEqual(role.trustPolicy);
      expect(
        (r.Properties.Policies as { PolicyDocument: unknown }[]).map((p) => p.PolicyDocument),
      ).toEqual(inline(role));
    }
  });
});
