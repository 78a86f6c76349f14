import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { leashProcess } from "./support/cli-process.js";

const example = join(import.meta.dirname, "..", "examples", "github-mlops-pipeline", "leash.yaml");

describe("leash generate", () => {
  it("prints JSON and one self-check line per role", async () => {
    const r = await run(["generate", example]);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout ?? "");
    expect(Object.keys(out)).toEqual([
      "cloud",
      "catalogVersion",
      "roles",
      "managedPolicies",
      "serviceControlPolicies",
      "githubWorkflows",
      "selfCheck",
    ]);
    expect(out.roles.map((x: { name: string }) => x.name)).toEqual([
      "fraud-mlops-build",
      "fraud-mlops-deploy",
      "fraud-mlops-serving",
      "fraud-mlops-train",
      "fraud-mlops-training",
    ]);
    expect(r.stderr).toMatch(/^build: 1 needs granted; 22,0\d\d other actions denied; 0 extra$/m);
    expect(r.stderr).toMatch(
      /^training: 4 needs granted; 22,0\d\d other actions denied; 0 extra$/m,
    );
  });

  it("writes the chosen format and the GitHub snippets, and never overwrites without --force", async () => {
    const out = mkdtempSync(join(tmpdir(), "leash-gen-"));
    const first = await run(["generate", example, "--format", "terraform", "--out", out]);
    expect(first.exitCode).toBe(0);
    expect(readFileSync(join(out, "main.tf"), "utf8")).toContain(
      'resource "aws_iam_role" "fraud_mlops_train"',
    );
    expect(readFileSync(join(out, "github", "deploy.yml"), "utf8")).toContain("environment: prod");
    writeFileSync(join(out, "main.tf"), "mine");
    const second = await run(["generate", example, "--format", "terraform", "--out", out]);
    expect(second.exitCode).toBe(2);
    expect(second.stderr).toContain("output/exists");
    expect(readFileSync(join(out, "main.tf"), "utf8")).toBe("mine");
    const forced = await run([
      "generate",
      example,
      "--format",
      "terraform",
      "--out",
      out,
      "--force",
    ]);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(join(out, "main.tf"), "utf8")).not.toBe("mine");
  });

  it("writes Terraform then CloudFormation into one folder: the shared workflows are unchanged", async () => {
    const out = mkdtempSync(join(tmpdir(), "leash-gen-both-"));
    const tf = await run(["generate", example, "--format", "terraform", "--out", out]);
    expect(tf.exitCode).toBe(0);
    const workflow = join(out, "github", "deploy.yml");
    const before = statSync(workflow).mtimeMs;
    const cfn = await run(["generate", example, "--format", "cloudformation", "--out", out]);
    expect(cfn.exitCode, cfn.stderr).toBe(0);
    expect(cfn.stderr).toMatch(
      /^wrote [^;\n]*template\.yaml; unchanged [^\n]*github\/deploy\.yml/m,
    );
    expect(readFileSync(join(out, "template.yaml"), "utf8")).toContain("AWS::IAM::Role");
    expect(readFileSync(join(out, "main.tf"), "utf8")).toContain("aws_iam_role");
    // Not rewritten: a file with no change keeps its time, as make and Terraform expect.
    expect(statSync(workflow).mtimeMs).toBe(before);
    const again = await run(["generate", example, "--format", "cloudformation", "--out", out]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/^unchanged [^\n]*template\.yaml/m);
    expect(again.stderr).not.toMatch(/^wrote/m);
  });

  it("reports spec problems at line:column with exit status 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leash-bad-"));
    const spec = join(dir, "leash.yaml");
    writeFileSync(
      spec,
      'version: 1\nname: x\ntargets: {aws: {account: "111122223333", region: us-east-1}}\nworkloads:\n  t:\n    kind: training-job\n    needs:\n      - read: nowhere\n',
    );
    const r = await run(["generate", spec]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `${spec}:8:15 (/workloads/t/needs/0/read): error spec/unknown-resource: unknown resource \`nowhere\``,
    );
  });

  /** Writes a spec to a fresh directory and runs `leash generate` on it. */
  async function generateText(lines: string[]) {
    const spec = join(mkdtempSync(join(tmpdir(), "leash-gen-")), "leash.yaml");
    writeFileSync(spec, [...lines, ""].join("\n"));
    return { spec, r: await run(["generate", spec]) };
  }

  it("refuses, before the self-check, guardrails that deny the roles' own Region", async () => {
    // This spec once reached the self-check and failed there with generate/need-denied
    // (exit status 1): validation now names the cause at its line.
    const { spec, r } = await generateText([
      "version: 1",
      "name: blocked",
      'targets: {aws: {account: "111122223333", region: us-east-1}}',
      "platform: {guardrails: {regions: [eu-west-1]}}",
      "resources: {data: {type: s3-prefix, uri: s3://acme-data/x/}}",
      "workloads: {t: {kind: training-job, needs: [{read: data}]}}",
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `${spec}:4:34 (/platform/guardrails/regions): error spec/region-not-allowed:`,
    );
  });

  it("fails with exit status 1, at the need and with the cause, when a key in another account denies it", async () => {
    const { spec, r } = await generateText([
      "version: 1",
      "name: blocked",
      'targets: {aws: {account: "111122223333", region: us-east-1}}',
      "resources:",
      "  data: {type: s3-prefix, uri: s3://acme-data/x/}",
      "  key: {type: kms-key, arn: arn:aws:kms:us-east-1:444455556666:key/k1}",
      "workloads:",
      "  t:",
      "    kind: processing-job",
      "    needs:",
      "      - read: data",
      "      - decrypt: key",
    ]);
    expect(r.exitCode).toBe(1);
    // The summary does not count the denied need as granted.
    expect(r.stderr).toMatch(/^t: 1 needs granted, 1 denied; /m);
    expect(r.stderr).toContain(
      `${spec}:12:9 (/workloads/t/needs/1): error generate/need-denied: \`blocked-t\` is denied \`kms:Decrypt\` on \`arn:aws:kms:us-east-1:444455556666:key/k1\`, which its need \`decrypt: key\` asks for: the resource is in account 444455556666, not 111122223333, and across accounts its own key policy must allow the role too`,
    );
    expect(r.stderr).toContain(
      "add to the key policy of `arn:aws:kms:us-east-1:444455556666:key/k1` a statement allowing `arn:aws:iam::111122223333:role/blocked-t` to `kms:Decrypt`",
    );
  });

  it("shows the spec's warnings and still generates", async () => {
    const { spec, r } = await generateText([
      "version: 1",
      "name: warned",
      'targets: {aws: {account: "111122223333", region: us-east-1}}',
      "resources: {data: {type: s3-prefix, uri: s3://acme-data/x/}}",
      "workloads:",
      "  t:",
      "    kind: training-job",
      "    needs:",
      "      - read: data",
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`${spec}:9:7 (/workloads/t/needs): warning spec/missing-output:`);
  });
});

describe("leash init", () => {
  it.each(["training", "pipeline", "inference", "multi-tenant"])(
    "writes the %s starter, which generates cleanly",
    async (scenario) => {
      const out = join(mkdtempSync(join(tmpdir(), "leash-init-")), "leash.yaml");
      const r = await run(["init", "--scenario", scenario, "--out", out]);
      expect(r.exitCode).toBe(0);
      expect(readFileSync(out, "utf8")).toMatch(/^# yaml-language-server: \$schema=/);
      const g = await run(["generate", out]);
      expect(g.exitCode).toBe(0);
      // Another starter is not written over this one; the same starter is left unchanged.
      const other = scenario === "training" ? "pipeline" : "training";
      expect((await run(["init", "--scenario", other, "--out", out])).exitCode).toBe(2);
      const again = await run(["init", "--scenario", scenario, "--out", out]);
      expect(again.exitCode).toBe(0);
      expect(again.stderr).toMatch(/^unchanged /);
    },
  );

  it("rejects an unknown scenario", async () => {
    const r = await run(["init", "--scenario", "trainig", "--out", join(tmpdir(), "never.yaml")]);
    expect(r.exitCode).toBe(2);
    expect(existsSync(join(tmpdir(), "never.yaml"))).toBe(false);
  });
});

// Command names and option values are the user's text: names of Object's own properties are
// unknown like any other (`leash __proto__` and `--format constructor` crashed with exit 70).
describe("leash with names Object has as properties", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "`leash %s` is an unknown command (exit 2)",
    async (command) => {
      const r = await run([command]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`unknown command \`${command}\``);
    },
  );

  it("`generate --format constructor` is an unknown format (exit 2)", async () => {
    const r = await run(["generate", example, "--format", "constructor"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown format `constructor`");
  });
});

describe("leash generate on a spec with a mapping as a key", () => {
  it("reports the key as an error and prints no library warning on standard error", () => {
    const dir = mkdtempSync(join(tmpdir(), "leash-yaml-key-"));
    const spec = join(dir, "leash.yaml");
    writeFileSync(spec, "version: 1\nworkloads:\n  ? [a, b]\n  : {}\n");
    const r = leashProcess(["generate", spec]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("spec/invalid-key");
    // The YAML library printed it as a Node process warning: "(node:PID) Warning: Keys with...".
    expect(r.stderr).not.toContain("Warning:");
  });
});

describe("leash generate --cloud", () => {
  it("writes gcp.json for --cloud gcp, with one self-check line per workload", async () => {
    const r = await run(["generate", example, "--cloud", "gcp"]);
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout ?? "");
    expect(out.cloud).toBe("gcp");
    expect(out.principals.map((p: { workload: string }) => p.workload)).toEqual([
      "build",
      "deploy",
      "serving",
      "train",
      "training",
    ]);
    expect(r.stderr).toMatch(
      /^build: 1 needs granted; 13,\d{3} other permissions denied; 0 extra$/m,
    );
  });

  it("writes every cloud the spec targets with --cloud all, each line named by its cloud", async () => {
    const dir = mkdtempSync(join(tmpdir(), "leash-all-"));
    const r = await run([
      "generate",
      example,
      "--cloud",
      "all",
      "--format",
      "terraform",
      "--out",
      dir,
    ]);
    expect(r.exitCode).toBe(0);
    expect(existsSync(join(dir, "main.tf"))).toBe(true);
    expect(readFileSync(join(dir, "gcp", "main.tf"), "utf8")).toContain(
      'resource "google_iam_workload_identity_pool_provider"',
    );
    expect(r.stderr).toMatch(/^aws build: /m);
    expect(r.stderr).toMatch(/^gcp build: /m);
  });

  it("refuses a format a cloud does not write, and an unknown cloud", async () => {
    const cfn = await run(["generate", example, "--cloud", "gcp", "--format", "cloudformation"]);
    expect(cfn.exitCode).toBe(2);
    expect(cfn.stderr).toContain("gcp has no cloudformation output");
    const azure = await run(["generate", example, "--cloud", "gpc"]);
    expect(azure.exitCode).toBe(2);
    expect(azure.stderr).toContain("gpc");
  });
});
