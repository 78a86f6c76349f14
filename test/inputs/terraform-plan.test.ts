import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { readTerraformPlan } from "../../src/clouds/aws/inputs/terraform-plan.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { at, fixture, nodeAt } from "./support.js";

const plan = fixture("plan.json");

describe("readTerraformPlan", () => {
  const result = readTerraformPlan(plan.text, plan.file);

  it("reads resources of the root module and of nested child modules", () => {
    expect(result.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["trust", "role/train", "aws_iam_role.train assume_role_policy"],
      ["resource", undefined, "module.storage.aws_s3_bucket_policy.data"],
      ["identity", "role/train", "module.storage.module.access.aws_iam_role_policy.read"],
    ]);
  });

  it("decodes the policy strings and reports them at the string's position", () => {
    const read = result.documents[2]!;
    expect(toPlain(read.node)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: ["arn:aws:s3:::acme-ml-data", "arn:aws:s3:::acme-ml-data/*"],
        },
      ],
    });
    const action = nodeAt(read.node, "Statement", 0, "Action", 1);
    expect(at(action)).toBe("66:31");
    expect(action.loc.pointer).toBe(
      "/planned_values/root_module/child_modules/0/child_modules/0/resources/0/values/policy/Statement/0/Action/1",
    );
    expect(at(result.documents[0]!.node)).toBe("15:35");
  });

  it("warns about policies unknown until apply", () => {
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "input/unknown-at-plan",
        severity: "warning",
        message:
          "`policy` of `module.storage.module.access.aws_iam_role_policy.logs` is not known until apply",
      }),
    ]);
  });

  it("reads a state (`values`) and attaches managed policies by ARN", () => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const state = {
      format_version: "1.0",
      values: {
        root_module: {
          resources: [
            {
              address: "aws_iam_policy.read",
              mode: "managed",
              type: "aws_iam_policy",
              name: "read",
              values: { arn: "arn:aws:iam::123456789012:policy/read", name: "read", policy },
            },
            {
              address: "aws_iam_role_policy_attachment.a",
              mode: "managed",
              type: "aws_iam_role_policy_attachment",
              name: "a",
              values: { role: "train", policy_arn: "arn:aws:iam::123456789012:policy/read" },
            },
            {
              address: "aws_iam_user.ci",
              mode: "managed",
              type: "aws_iam_user",
              name: "ci",
              values: { name: "ci", permissions_boundary: "arn:aws:iam::123456789012:policy/read" },
            },
          ],
        },
      },
    };
    const { documents, diagnostics } = readTerraformPlan(JSON.stringify(state), "state.json");
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["identity", "role/train", "aws_iam_policy.read"],
      ["boundary", "user/ci", "aws_iam_policy.read"],
    ]);
  });

  it.each([
    ["not JSON", '{"format_version": ', "input/json-syntax", "/format_version"],
    ["no root module", '{"format_version": "1.2", "planned_values": {}}', "input/invalid-plan", ""],
    [
      "a policy that is not JSON",
      '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "values": {"policy": "{\\"Statement\\": ["}}]}}}',
      "input/invalid-policy-json",
      "/planned_values/root_module/resources/0/values/policy",
    ],
    [
      "a policy that is not a string",
      '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_iam_policy.p", "mode": "managed", "type": "aws_iam_policy", "values": {"policy": 3}}]}}}',
      "input/invalid-policy",
      "/planned_values/root_module/resources/0/values/policy",
    ],
  ])("reports %s without throwing", (_, text, code, pointer) => {
    const { documents, diagnostics } = readTerraformPlan(text, "plan.json");
    expect(documents).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code, location: { file: "plan.json", pointer } });
  });
});

describe("readTerraformPlan with values unknown until apply", () => {
  // A real plan (test/fixtures/plans/README.md): the boundary, the attached policy and the
  // role are new, so `permissions_boundary`, `policy_arn` and `role` are not in `planned_values`.
  const file = join(import.meta.dirname, "..", "fixtures", "plans", "references", "plan.json");
  const result = readTerraformPlan(readFileSync(file, "utf8"), "plan.json");

  it("follows the configuration's references: boundaries, attachments and inline policies find their role (they were standalone identity policies)", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["identity", "role/train", "aws_iam_policy.attached"],
      ["boundary", "role/train", "aws_iam_policy.boundary"],
      ["trust", "role/train", "aws_iam_role.train assume_role_policy"],
      ["identity", "role/train", "aws_iam_role_policy.train"],
      // Inside a module instance, references stay in that instance; `count` instances pair by key.
      ["boundary", "role/a-worker-0", 'module.team["a"].aws_iam_policy.boundary'],
      ["boundary", "role/a-worker-1", 'module.team["a"].aws_iam_policy.boundary'],
      ["trust", "role/a-worker-0", 'module.team["a"].aws_iam_role.worker[0] assume_role_policy'],
      ["trust", "role/a-worker-1", 'module.team["a"].aws_iam_role.worker[1] assume_role_policy'],
      ["identity", "role/a-worker-0", 'module.team["a"].aws_iam_role_policy.worker[0]'],
      ["identity", "role/a-worker-1", 'module.team["a"].aws_iam_role_policy.worker[1]'],
      ["boundary", "role/b-worker-0", 'module.team["b"].aws_iam_policy.boundary'],
      ["boundary", "role/b-worker-1", 'module.team["b"].aws_iam_policy.boundary'],
      ["trust", "role/b-worker-0", 'module.team["b"].aws_iam_role.worker[0] assume_role_policy'],
      ["trust", "role/b-worker-1", 'module.team["b"].aws_iam_role.worker[1] assume_role_policy'],
      ["identity", "role/b-worker-0", 'module.team["b"].aws_iam_role_policy.worker[0]'],
      ["identity", "role/b-worker-1", 'module.team["b"].aws_iam_role_policy.worker[1]'],
    ]);
  });

  it("judges the role's policies within its boundary: `iam:AttachRolePolicy` outside an `s3:*` boundary is no escalation", () => {
    expect(
      lintAws(result.documents).filter((f) => f.ruleId === "aws/privilege-escalation"),
    ).toEqual([]);
  });
});

describe("findings in a terraform show -json plan name the resource", () => {
  // As `terraform show -json` writes it: one line, resources by index.
  const source = join(import.meta.dirname, "..", "fixtures", "plans", "references", "plan.json");
  const oneLine = JSON.stringify(JSON.parse(readFileSync(source, "utf8")));
  const file = join(mkdtempSync(join(tmpdir(), "leash-plan-")), "plan.json");
  writeFileSync(file, oneLine);

  /** Each planned resource's JSON pointer, with its address. */
  const resources: [string, string][] = [];
  const walk = (
    module: { resources?: { address: string }[]; child_modules?: unknown[] },
    at: string,
  ) => {
    for (const [i, r] of (module.resources ?? []).entries())
      resources.push([`${at}/resources/${i}/`, r.address]);
    for (const [i, m] of (module.child_modules ?? []).entries())
      walk(m as typeof module, `${at}/child_modules/${i}`);
  };
  walk(JSON.parse(oneLine).planned_values.root_module, "/planned_values/root_module");

  it("appends the resource address to the message, at the policy string's line:column", () => {
    const findings = lintAws(readTerraformPlan(oneLine, file).documents);
    const attached = oneLine.indexOf('"address":"aws_iam_policy.attached"');
    const column = oneLine.indexOf('"policy":"{', attached) + '"policy":'.length + 1;
    expect(findings).toContainEqual(
      expect.objectContaining({
        ruleId: "aws/star-resource",
        message:
          '`Resource: "*"` on 1 action that takes resource ARNs (`s3:GetObject`) (in `aws_iam_policy.attached`)',
        location: expect.objectContaining({ line: 1, column }),
      }),
    );
    // Every finding names the resource its pointer is in.
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      const [, address] = resources.find(([prefix]) => f.location.pointer.startsWith(prefix))!;
      expect(f.message.endsWith(` (in \`${address}\`)`)).toBe(true);
    }
  });

  it("shows it in the text output", async () => {
    const r = await run(["lint", file]);
    expect(r.stdout).toMatch(
      /plan\.json:1:\d+: medium aws\/star-resource: .* \(in `aws_iam_policy\.attached`\)/,
    );
    expect(r.stdout).toMatch(
      /plan\.json:1:\d+: medium aws\/service-trust-without-source: .* \(in `module\.team\["a"\]\.aws_iam_role\.worker\[0\]`\)/,
    );
  });

  it("leaves findings of inputs without addresses as they were", () => {
    const policy = readTerraformPlan(oneLine, file).documents.map(({ address: _, ...d }) => d);
    expect(lintAws(policy).every((f) => !f.message.includes("(in `"))).toBe(true);
  });
});
