import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import type { AwsGeneration } from "../src/clouds/aws/generate/types.js";
import { readInputs } from "../src/clouds/aws/inputs/index.js";
import { lintAws } from "../src/clouds/aws/rules/lint.js";
import { toPlain } from "../src/diagnostics/index.js";
import { renderAwsJson, renderCloudFormation, renderTerraform } from "../src/outputs/index.js";
import { SCENARIOS } from "../src/spec/index.js";

/**
 * `leash generate SPEC --out DIR && leash lint DIR` passes, and the same IAM
 * gets the same verdict whatever format it is written in.
 *
 * "The same verdict" means, for the files of one generation:
 * - the same documents are judged: the multiset of (policy type, principal,
 *   policy content, keys sorted) is equal in every format, so each rule sees the same input;
 * - the same findings: the multiset of (rule id, severity, message) is equal,
 *   once the file, the location and the names each format gives its
 *   documents (`AcmeMlGrowthPipelineRole policy ...`, `aws_iam_role_policy.x`,
 *   `role-name policy ...`, a plan's `(in \`address\`)`) are taken out of the message;
 * - and every file passes the gate (`leash lint FILE` exits 0 at the default `--fail-on`).
 */

const root = join(import.meta.dirname, "..", "examples");
const EXAMPLES = [
  "sagemaker-training",
  "github-mlops-pipeline",
  "inference-api",
  "multi-tenant-platform",
];
const FORMATS = ["aws.json", "main.tf", "template.yaml"] as const;
/** The SCPs are the management account's own Terraform module and template, beside the member account's. */
const MANAGEMENT: Record<(typeof FORMATS)[number], string[]> = {
  "aws.json": [],
  "main.tf": ["management-account/main.tf"],
  "template.yaml": ["management-account/template.yaml"],
};

/** JSON with keys sorted: Terraform reorders the keys of the policies it stores. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function judged(...files: string[]) {
  const { documents, diagnostics } = await readInputs(files);
  const names = documents.map((d) => d.name).sort((a, b) => b.length - a.length);
  const findings = lintAws(documents).map((f) => {
    // A plan's findings end with their resource's address, which other formats do not have.
    let message = f.message.replace(/ \(in `[^`]+`\)$/, "");
    for (const name of names) message = message.split(`\`${name}\``).join("`<document>`");
    return `${f.ruleId} ${f.severity} ${message}`;
  });
  return {
    diagnostics,
    documents: documents
      .map((d) => `${d.type} ${d.principal ?? "-"} ${canonical(toPlain(d.node))}`)
      .sort(),
    findings: findings.sort(),
  };
}

describe.each(EXAMPLES)("examples/%s: lint of the expected outputs", (name) => {
  const file = (f: string) => join(root, name, "expected", f);
  /** A format's files: the member account's, and the management account's when there are SCPs. */
  const filesOf = (f: (typeof FORMATS)[number]) =>
    [f, ...MANAGEMENT[f]].map(file).filter((p) => existsSync(p));

  it("judges the same documents and finds the same findings in every format", async () => {
    const [json, tf, cfn] = await Promise.all(FORMATS.map((f) => judged(...filesOf(f))));
    for (const r of [json, tf, cfn]) expect(r!.diagnostics).toEqual([]);
    expect(json!.documents.length).toBeGreaterThan(0);
    expect(tf!.documents).toEqual(json!.documents);
    expect(cfn!.documents).toEqual(json!.documents);
    expect(tf!.findings).toEqual(json!.findings);
    expect(cfn!.findings).toEqual(json!.findings);
  });

  it.each(FORMATS)("%s passes the gate, with the management account's file", async (f) => {
    for (const path of filesOf(f)) expect((await run(["lint", path])).exitCode).toBe(0);
  });
});

describe("a generation with findings, in every format", () => {
  const dir = mkdtempSync(join(tmpdir(), "leash-formats-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gets the same findings from aws.json, main.tf and template.yaml, the team boundary applied in each", async () => {
    // The multi-tenant example's generation, read back from its aws.json, with a too-broad
    // statement in a role and a typo in a team boundary.
    const expected = join(root, "multi-tenant-platform", "expected", "aws.json");
    const g = {
      ...JSON.parse(readFileSync(expected, "utf8")),
      spec: "acme-ml",
      account: "111122223333",
      region: "us-east-1",
      partition: "aws",
    } as AwsGeneration;
    g.roles[0]!.inlinePolicies[0]!.document.Statement.push({
      Sid: "TooBroad",
      Effect: "Allow",
      Action: ["s3:GetObject", "iam:CreatePolicyVersion"],
      Resource: "*",
    });
    g.managedPolicies[0]!.document.Statement.push({
      Sid: "Typo",
      Effect: "Allow",
      Action: ["s3:GetObjekt"],
      Resource: "*",
    });
    const files: [string, string][] = [
      ["aws.json", renderAwsJson(g)],
      ["main.tf", renderTerraform(g)],
      ["template.yaml", renderCloudFormation(g)],
    ];
    const results = [];
    for (const [name, text] of files) {
      writeFileSync(join(dir, name), text);
      results.push(await judged(join(dir, name)));
    }
    const [json, tf, cfn] = results;
    expect(json!.findings).toEqual(
      expect.arrayContaining([
        "aws/data-exfiltration high unrestricted `s3:GetObject` on every resource",
        "aws/unknown-action error `s3` has no action `GetObjekt`",
      ]),
    );
    // The boundary allows no `iam:` action but PassRole: `iam:CreatePolicyVersion` is no escalation.
    expect(json!.findings.filter((f) => f.startsWith("aws/privilege-escalation"))).toEqual([]);
    expect(tf!.findings).toEqual(json!.findings);
    expect(cfn!.findings).toEqual(json!.findings);
  });
});

describe("a terraform show -json plan of an example", () => {
  // The plan was made from the main.tf beside it (test/fixtures/plans/README.md).
  const dir = join(import.meta.dirname, "fixtures", "plans", "multi-tenant-platform");

  it("judges the same documents as its main.tf and passes the gate (it had 58 findings)", async () => {
    const [tf, plan] = await Promise.all([
      judged(join(dir, "main.tf")),
      judged(join(dir, "plan.json")),
    ]);
    expect(plan.diagnostics).toEqual([]);
    expect(plan.documents).toEqual(tf.documents);
    expect(plan.findings).toEqual(tf.findings);
    expect((await run(["lint", join(dir, "plan.json")])).exitCode).toBe(0);
  });
});

describe("leash init, generate, lint", () => {
  const dir = mkdtempSync(join(tmpdir(), "leash-init-lint-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(SCENARIOS.flatMap((s) => ["json", "terraform", "cloudformation"].map((f) => [s, f])))(
    "the %s scenario generated as %s lints clean",
    async (scenario, format) => {
      const spec = join(dir, `${scenario}.yaml`);
      const out = join(dir, `${scenario}-${format}`);
      expect(
        (await run(["init", "--scenario", scenario!, "--out", spec, "--force"])).exitCode,
      ).toBe(0);
      const generated = await run(["generate", spec, "--format", format!, "--out", out]);
      expect(generated.exitCode).toBe(0);
      expect((await run(["lint", out])).exitCode).toBe(0);
    },
  );
});
