import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { run } from "../../src/cli/main.js";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { renderAwsFiles } from "../../src/outputs/index.js";
import { loadSpec } from "../../src/spec/index.js";

/**
 * Outputs a platform engineer can apply as they are: what the management
 * account deploys (SCPs, attached to OUs) apart from what the member account
 * deploys (roles, boundaries); Terraform modules that declare their provider
 * and output every role ARN; CloudFormation templates with Outputs and the
 * capability they need said up front.
 */

const examples = join(import.meta.dirname, "..", "..", "examples");
function generation(example: string) {
  const { spec } = loadSpec(
    readFileSync(join(examples, example, "leash.yaml"), "utf8"),
    "leash.yaml",
  );
  return generateAws(spec!).generation!;
}
const multiTenant = generation("multi-tenant-platform");
const training = generation("sagemaker-training");

type Blocks = Record<string, Record<string, Record<string, unknown>[]>>;
interface TerraformModule {
  terraform?: { required_version?: string; required_providers?: Record<string, unknown>[] }[];
  provider?: Record<string, Record<string, unknown>[]>;
  variable?: Record<string, Record<string, unknown>[]>;
  data?: Blocks;
  resource?: Blocks;
  output?: Record<string, { value: string }[]>;
}

async function terraformModules(g = multiTenant): Promise<Record<string, TerraformModule>> {
  const out: Record<string, TerraformModule> = {};
  for (const f of renderAwsFiles(g, "terraform").filter((f) => f.file.endsWith(".tf")))
    out[f.file] = (await parseHcl(f.file, f.content)) as TerraformModule;
  return out;
}

interface Template {
  Parameters?: Record<string, { Type: string; AllowedPattern?: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
}

function templates(g = multiTenant): Record<string, { text: string; template: Template }> {
  const out: Record<string, { text: string; template: Template }> = {};
  for (const f of renderAwsFiles(g, "cloudformation").filter((f) => f.file.endsWith(".yaml")))
    out[f.file] = { text: f.content, template: parseYaml(f.content) as Template };
  return out;
}

describe("Terraform: two root modules, one per account", () => {
  it("puts the roles and boundaries in main.tf and the SCPs in management-account/main.tf", async () => {
    const modules = await terraformModules();
    expect(Object.keys(modules)).toEqual(["main.tf", "management-account/main.tf"]);
    expect(Object.keys(modules["main.tf"]!.resource!).sort()).toEqual([
      "aws_iam_policy",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]);
    expect(Object.keys(modules["management-account/main.tf"]!.resource!).sort()).toEqual([
      "aws_organizations_policy",
      "aws_organizations_policy_attachment",
    ]);
  });

  it("attaches the SCPs to the OUs given to the management module, never to an account", async () => {
    const management = (await terraformModules())["management-account/main.tf"]!;
    const variable = management.variable?.scp_target_ids?.[0];
    expect(variable?.type).toBe("${list(string)}");
    expect(variable?.default).toBeUndefined();
    const condition = String(
      (variable?.validation as { condition: string }[] | undefined)?.[0]?.condition,
    );
    const pattern = new RegExp(/regex\("([^"]+)"/.exec(condition)![1]!);
    for (const good of ["ou-ab12-cdef3456", "r-ab12"]) expect(pattern.test(good)).toBe(true);
    for (const bad of ["111122223333", "o-acme1234567", "ou-ab12"])
      expect(pattern.test(bad)).toBe(false);
    for (const [attachment] of Object.values(
      management.resource!.aws_organizations_policy_attachment!,
    )) {
      expect(attachment!.for_each).toBe("${toset(var.scp_target_ids)}");
      expect(attachment!.target_id).toBe("${each.value}");
    }
  });

  it("refuses to apply the SCPs in another organization than the spec's, when the spec names it", async () => {
    const management = (await terraformModules())["management-account/main.tf"]!;
    expect(Object.keys(management.data?.aws_organizations_organization ?? {})).toEqual(["current"]);
    for (const [policy] of Object.values(management.resource!.aws_organizations_policy!)) {
      const lifecycle = policy!.lifecycle as { precondition: { condition: string }[] }[];
      expect(lifecycle[0]!.precondition[0]!.condition).toBe(
        '${data.aws_organizations_organization.current.id == "o-acme1234567"}',
      );
    }
    const { organization: _, ...unnamed } = multiTenant;
    const without = (await terraformModules(unnamed))["management-account/main.tf"]!;
    expect(without.data).toBeUndefined();
    for (const [policy] of Object.values(without.resource!.aws_organizations_policy!))
      expect(policy!.lifecycle).toBeUndefined();
  });

  it("declares the AWS provider in every module; the member's accepts only the spec's account", async () => {
    const modules = await terraformModules();
    for (const m of Object.values(modules)) {
      expect(m.terraform?.[0]?.required_providers?.[0]?.aws).toEqual({
        source: "hashicorp/aws",
        version: ">= 5.0, < 7.0",
      });
      expect(m.provider?.aws?.[0]?.region).toBe("us-east-1");
    }
    expect(modules["main.tf"]!.provider!.aws![0]!.allowed_account_ids).toEqual(["111122223333"]);
  });

  it("outputs the ARN of every role and boundary", async () => {
    const member = (await terraformModules())["main.tf"]!;
    const values = Object.values(member.output ?? {}).map((o) => o[0]!.value);
    const roles = Object.keys(member.resource!.aws_iam_role!);
    const policies = Object.keys(member.resource!.aws_iam_policy!);
    expect(roles).toHaveLength(multiTenant.roles.length);
    expect(values.sort()).toEqual(
      [
        ...roles.map((l) => `\${aws_iam_role.${l}.arn}`),
        ...policies.map((l) => `\${aws_iam_policy.${l}.arn}`),
      ].sort(),
    );
  });

  it("writes no management module for a spec without SCPs", async () => {
    expect(Object.keys(await terraformModules(training))).toEqual(["main.tf"]);
  });
});

describe("CloudFormation: two templates, one per account", () => {
  it("puts the roles and boundaries in template.yaml and the SCPs in management-account/template.yaml", () => {
    const t = templates();
    expect(Object.keys(t)).toEqual(["template.yaml", "management-account/template.yaml"]);
    const types = (f: string) =>
      [...new Set(Object.values(t[f]!.template.Resources).map((r) => r.Type))].sort();
    expect(types("template.yaml")).toEqual(["AWS::IAM::ManagedPolicy", "AWS::IAM::Role"]);
    expect(types("management-account/template.yaml")).toEqual(["AWS::Organizations::Policy"]);
  });

  it("says in its header that the member template needs CAPABILITY_NAMED_IAM, and the other none", () => {
    const t = templates();
    expect(t["template.yaml"]!.text.split("\n")[0]).toMatch(
      /^# Deploy with --capabilities CAPABILITY_NAMED_IAM\b/,
    );
    expect(t["management-account/template.yaml"]!.text).toMatch(/^# .*management account/);
    expect(t["management-account/template.yaml"]!.text).not.toContain("CAPABILITY_");
  });

  it("attaches the SCPs to the OUs of the ScpTargetIds parameter", () => {
    const { template } = templates()["management-account/template.yaml"]!;
    expect(template.Parameters?.ScpTargetIds?.Type).toBe("CommaDelimitedList");
    const pattern = new RegExp(template.Parameters!.ScpTargetIds!.AllowedPattern!);
    expect(pattern.test("ou-ab12-cdef3456")).toBe(true);
    expect(pattern.test("111122223333")).toBe(false);
    for (const r of Object.values(template.Resources))
      expect(r.Properties.TargetIds).toEqual({ Ref: "ScpTargetIds" });
  });

  it("outputs the ARN of every role and boundary", () => {
    const { template } = templates()["template.yaml"]!;
    const values = Object.values(template.Outputs ?? {}).map((o) => o.Value);
    const ids = (type: string) =>
      Object.entries(template.Resources)
        .filter(([, r]) => r.Type === type)
        .map(([id]) => id);
    expect(ids("AWS::IAM::Role")).toHaveLength(multiTenant.roles.length);
    expect(values).toEqual([
      ...ids("AWS::IAM::ManagedPolicy").map((id) => ({ Ref: id })),
      ...ids("AWS::IAM::Role").map((id) => ({ "Fn::GetAtt": [id, "Arn"] })),
    ]);
  });

  it("writes no management template for a spec without SCPs", () => {
    expect(Object.keys(templates(training))).toEqual(["template.yaml"]);
  });
});

describe("the README's output section", () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
  it.each([
    "CAPABILITY_NAMED_IAM",
    "management-account/main.tf",
    "management-account/template.yaml",
    "scp_target_ids",
    "ScpTargetIds",
  ])("says %s", (text) => {
    expect(readme).toContain(text);
  });
});

describe("leash generate --out", () => {
  const dir = mkdtempSync(join(tmpdir(), "leash-deployable-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const spec = join(examples, "multi-tenant-platform", "leash.yaml");

  it("writes the management account's module beside the member account's", async () => {
    const r = await run(["generate", spec, "--format", "terraform", "--out", dir]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, "management-account", "main.tf"), "utf8")).toContain(
      'resource "aws_organizations_policy"',
    );
    expect(readFileSync(join(dir, "main.tf"), "utf8")).not.toContain("aws_organizations_policy");
  });

  it("without --out, prints the member account's file and names the others", async () => {
    const r = await run(["generate", spec, "--format", "cloudformation"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("AWS::IAM::Role");
    expect(r.stdout).not.toContain("AWS::Organizations::Policy");
    expect(r.stderr).toContain(
      "not printed: management-account/template.yaml, github/growth-pipeline.yml, github/risk-pipeline.yml (write them with --out DIR)",
    );
  });

  it("under --quiet, still warns that the other files were not printed", async () => {
    const r = await run(["generate", spec, "--format", "terraform", "-q"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('resource "aws_iam_role"');
    expect(r.stderr).toMatch(
      /^warning output\/not-printed: not printed: management-account\/main\.tf, github\/growth-pipeline\.yml, github\/risk-pipeline\.yml \(write them with --out DIR\)\n {2}help: /m,
    );
    // The self-check summary is a note: --quiet drops it.
    expect(r.stderr).not.toMatch(/needs granted/);
  });
});
