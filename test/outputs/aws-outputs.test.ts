import { spawnSync } from "node:child_process";
import { parse as parseHcl } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type {
  AwsGeneration,
  GeneratedRole,
  NamedPolicy,
  PolicyDocumentJson,
} from "../../src/clouds/aws/generate/types.js";
import {
  renderAwsJson,
  renderCloudFormation,
  renderCloudFormationManagement,
  renderGithubWorkflows,
  renderTerraform,
  renderTerraformManagement,
} from "../../src/outputs/index.js";

const ACCOUNT = "123456789012";

const boundary: PolicyDocumentJson = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "TeamServices",
      Effect: "Allow",
      Action: ["s3:*", "sagemaker:*", "logs:*", "ecr:*"],
      Resource: "*",
    },
    {
      Sid: "OnlyOwnTeamData",
      Effect: "Deny",
      Action: "s3:*",
      NotResource: [
        "arn:aws:s3:::acme-ml-data/${aws:PrincipalTag/team}/*",
        "arn:aws:s3:::acme-ml-data",
        "arn:aws:s3:::acme-ml-artifacts/${aws:PrincipalTag/team}/*",
        "arn:aws:s3:::acme-ml-artifacts",
      ],
    },
    {
      Sid: "KeepBoundaries",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
    },
  ],
};

const trainingRole: GeneratedRole = {
  name: "acme-ml-fraud-training",
  workload: "fraud-training",
  description: 'SageMaker training for "fraud" (team fraud, stage train)',
  trustPolicy: {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TrustSageMaker",
        Effect: "Allow",
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/*` },
        },
      },
    ],
  },
  inlinePolicies: [
    {
      name: "data",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ListOwnPrefixes",
            Effect: "Allow",
            Action: "s3:ListBucket",
            Resource: "arn:aws:s3:::acme-ml-data",
            Condition: {
              StringLike: { "s3:prefix": ["${aws:PrincipalTag/team}/datasets/*", "fraud/*"] },
            },
          },
          {
            Sid: "ReadDatasets",
            Effect: "Allow",
            Action: ["s3:GetObject", "s3:GetObjectVersion"],
            Resource: "arn:aws:s3:::acme-ml-data/${aws:PrincipalTag/team}/datasets/*",
          },
          {
            Sid: "WriteModels",
            Effect: "Allow",
            Action: "s3:PutObject",
            Resource: "arn:aws:s3:::acme-ml-artifacts/fraud/models/*",
            Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
          },
        ],
      },
    },
    {
      name: "logs",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:*`,
          },
        ],
      },
    },
  ],
  permissionBoundary: boundary,
  permissionBoundaryName: "acme-ml-boundary-fraud",
  tags: { "leash:spec": "acme-ml", "leash:workload": "fraud-training", team: "fraud" },
};

const ciRole: GeneratedRole = {
  name: "acme-ml-fraud-deploy-ci",
  workload: "fraud-deploy-ci",
  description: "GitHub Actions deploy of the fraud model",
  trustPolicy: {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TrustGithubOidc",
        Effect: "Allow",
        Principal: {
          Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:acme/fraud-model:environment:prod",
          },
        },
      },
    ],
  },
  inlinePolicies: [
    {
      name: "deploy",
      document: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["sagemaker:CreateModel", "sagemaker:CreateEndpointConfig"],
            Resource: [
              `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/fraud-*`,
              `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint-config/fraud-*`,
            ],
          },
          {
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: `arn:aws:iam::${ACCOUNT}:role/acme-ml-fraud-serving`,
            Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
          },
        ],
      },
    },
  ],
  permissionBoundary: boundary,
  permissionBoundaryName: "acme-ml-boundary-fraud",
  tags: { "leash:spec": "acme-ml", "leash:workload": "fraud-deploy-ci" },
};

const scp: NamedPolicy = {
  name: "acme-ml-guardrails",
  document: {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyOtherRegions",
        Effect: "Deny",
        NotAction: ["iam:*", "sts:*", "organizations:*"],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } },
      },
      {
        Sid: "ProtectBoundaries",
        Effect: "Deny",
        Action: ["iam:DeletePolicy", "iam:CreatePolicyVersion"],
        Resource: `arn:aws:iam::*:policy/acme-ml-boundary-*`,
        Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/platform-admin" } },
      },
    ],
  },
};

const fixture: AwsGeneration = {
  cloud: "aws",
  catalogVersion: "0.21.202609261",
  spec: "acme-ml",
  account: ACCOUNT,
  region: "us-east-1",
  partition: "aws",
  roles: [ciRole, trainingRole],
  // The same document object as the roles' boundary, as a generator may share it.
  managedPolicies: [{ name: "acme-ml-boundary-fraud", document: boundary }],
  serviceControlPolicies: [scp],
  githubWorkflows: [
    {
      workload: "fraud-deploy-ci",
      roleName: "acme-ml-fraud-deploy-ci",
      yaml: [
        "permissions:",
        "  id-token: write",
        "  contents: read",
        "steps:",
        "  - uses: aws-actions/configure-aws-credentials@v4",
        "    with:",
        `      role-to-assume: arn:aws:iam::${ACCOUNT}:role/acme-ml-fraud-deploy-ci`,
        "      aws-region: us-east-1",
      ].join("\n"),
    },
  ],
  selfCheck: {
    catalogActions: 1200,
    probeResources: 9,
    roles: [
      {
        role: "acme-ml-fraud-deploy-ci",
        workload: "fraud-deploy-ci",
        needsGranted: 3,
        needsDenied: [],
        looseConditions: [],
        otherActionsDenied: 1197,
        extra: [],
      },
      {
        role: "acme-ml-fraud-training",
        workload: "fraud-training",
        needsGranted: 6,
        needsDenied: [],
        looseConditions: [],
        otherActionsDenied: 1194,
        extra: [],
      },
    ],
    ok: true,
  },
};

/**
 * Awkward names and text: label collisions once sanitised, a leading digit,
 * quotes, backslashes, newlines, and literal `${`, `$${` and `%{` sequences.
 */
function awkward(): AwsGeneration {
  const doc = (resource: string): PolicyDocumentJson => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resource }],
  });
  const role = (name: string, extra: Partial<GeneratedRole> = {}): GeneratedRole => ({
    ...trainingRole,
    name,
    workload: name,
    inlinePolicies: [
      { name: "p-1", document: doc("arn:aws:s3:::b/$${literal}/%{if x}/%%{y}/*") },
      { name: "p_1", document: doc('arn:aws:s3:::b/"quoted"\\back\nline') },
    ],
    ...extra,
  });
  return {
    ...fixture,
    roles: [
      role("1st-role", {
        description: 'tab\there "q" \\ ${var} %{x}\nsecond line',
        tags: { "a b": "${x}", 'quote"key': "%{y}" },
      }),
      role("a-b"),
      role("a_b"),
      role("a.b", { permissionBoundary: null, permissionBoundaryName: null, tags: {} }),
    ],
    managedPolicies: [
      { name: "acme-ml-boundary-fraud", document: boundary },
      { name: "acme.ml.boundary.fraud", document: doc("*") },
    ],
    serviceControlPolicies: [scp, { ...scp, name: "acme_ml_guardrails" }],
  };
}

// ---- Terraform helpers ----------------------------------------------------

type HclResources = Record<string, Record<string, Record<string, unknown>[]>>;

async function terraformResources(text: string): Promise<HclResources> {
  const parsed = (await parseHcl("leash.tf", text)) as { resource: HclResources };
  return parsed.resource;
}

/** hcl2json keeps template escapes; undo them to get the literal heredoc text. */
function heredocJson(value: unknown): unknown {
  expect(typeof value).toBe("string");
  return JSON.parse((value as string).replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{"));
}

function unescapeTemplate(value: unknown): unknown {
  return typeof value === "string" ? value.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{") : value;
}

function only(resources: HclResources, type: string, label: string): Record<string, unknown> {
  const list = resources[type]?.[label];
  expect(list, `${type}.${label}`).toHaveLength(1);
  return list![0]!;
}

function byName(
  resources: HclResources,
  type: string,
  name: string,
): { label: string; body: Record<string, unknown> } {
  const hits = Object.entries(resources[type] ?? {}).filter(
    ([, list]) => unescapeTemplate(list[0]?.name) === name,
  );
  expect(hits, `${type} named ${name}`).toHaveLength(1);
  return { label: hits[0]![0], body: hits[0]![1][0]! };
}

/** Checks that every `terraform` resource round-trips to the generation's documents. */
async function expectTerraformRoundTrip(g: AwsGeneration): Promise<void> {
  const resources = await terraformResources(renderTerraform(g));
  const labelPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;
  for (const list of Object.values(resources)) {
    for (const label of Object.keys(list)) expect(label).toMatch(labelPattern);
  }

  const policyLabels = new Map<string, string>();
  expect(Object.keys(resources.aws_iam_policy ?? {})).toHaveLength(g.managedPolicies.length);
  for (const p of g.managedPolicies) {
    const { label, body } = byName(resources, "aws_iam_policy", p.name);
    policyLabels.set(p.name, label);
    expect(heredocJson(body.policy)).toEqual(p.document);
  }

  expect(Object.keys(resources.aws_iam_role ?? {})).toHaveLength(g.roles.length);
  const inlineCount = g.roles.reduce((n, r) => n + r.inlinePolicies.length, 0);
  expect(Object.keys(resources.aws_iam_role_policy ?? {})).toHaveLength(inlineCount);
  for (const r of g.roles) {
    const { label, body } = byName(resources, "aws_iam_role", r.name);
    expect(heredocJson(body.assume_role_policy)).toEqual(r.trustPolicy);
    if (r.description !== "") expect(unescapeTemplate(body.description)).toBe(r.description);
    if (r.permissionBoundary === null) expect(body.permissions_boundary).toBeUndefined();
    else {
      const boundaryLabel = policyLabels.get(r.permissionBoundaryName!);
      expect(body.permissions_boundary).toBe(`\${aws_iam_policy.${boundaryLabel}.arn}`);
      const boundaryBody = only(resources, "aws_iam_policy", boundaryLabel!);
      expect(heredocJson(boundaryBody.policy)).toEqual(r.permissionBoundary);
    }
    const tags = Object.fromEntries(
      Object.entries((body.tags as Record<string, string> | undefined) ?? {}).map(([k, v]) => [
        unescapeTemplate(k),
        unescapeTemplate(v),
      ]),
    );
    expect(tags).toEqual(r.tags);

    const attached = Object.values(resources.aws_iam_role_policy ?? {})
      .map((list) => list[0]!)
      .filter((p) => p.role === `\${aws_iam_role.${label}.id}`);
    expect(attached.map((p) => unescapeTemplate(p.name))).toEqual(
      r.inlinePolicies.map((p) => p.name),
    );
    for (const [i, p] of r.inlinePolicies.entries())
      expect(heredocJson(attached[i]!.policy)).toEqual(p.document);
  }

  // The SCPs are the management account's own root module.
  expect(resources.aws_organizations_policy).toBeUndefined();
  expect(resources.aws_organizations_policy_attachment).toBeUndefined();
  const management = renderTerraformManagement(g);
  if (g.serviceControlPolicies.length === 0) {
    expect(management).toBeUndefined();
    return;
  }
  const scpResources = await terraformResources(management!);
  expect(Object.keys(scpResources).sort()).toEqual([
    "aws_organizations_policy",
    "aws_organizations_policy_attachment",
  ]);
  expect(Object.keys(scpResources.aws_organizations_policy ?? {})).toHaveLength(
    g.serviceControlPolicies.length,
  );
  for (const p of g.serviceControlPolicies) {
    const { label, body } = byName(scpResources, "aws_organizations_policy", p.name);
    expect(body.type).toBe("SERVICE_CONTROL_POLICY");
    expect(heredocJson(body.content)).toEqual(p.document);
    const attachment = only(scpResources, "aws_organizations_policy_attachment", label);
    expect(attachment.policy_id).toBe(`\${aws_organizations_policy.${label}.id}`);
    expect(attachment.for_each).toBe("${toset(var.scp_target_ids)}");
    expect(attachment.target_id).toBe("${each.value}");
  }
}

/**
 * What `terraform fmt` enforces and this renderer relies on: in each run of
 * consecutive attribute lines at one indent, every `=` sits one space after
 * the longest key. A heredoc attribute is one line of its run (its body and
 * closing marker are skipped); a `key = {` line ends the run and has one space.
 */
function alignmentProblems(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split("\n");
  const attr = /^( *)([A-Za-z_][A-Za-z0-9_-]*|"(?:[^"\\]|\\.)*")( +)= (.*)$/;
  let run: { line: number; indent: string; key: string; gap: number }[] = [];
  const closeRun = () => {
    if (run.length === 0) return;
    const width = Math.max(...run.map((a) => a.key.length));
    for (const a of run) {
      if (a.key.length + a.gap !== width + 1)
        problems.push(`line ${a.line}: "=" not aligned in run starting at line ${run[0]!.line}`);
    }
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const m = attr.exec(line);
    if (!m) {
      closeRun();
      continue;
    }
    const [, indent, key, gap, value] = m as unknown as [string, string, string, string, string];
    if (value === "{" || value === "[") {
      closeRun();
      if (gap.length !== 1) problems.push(`line ${i + 1}: opening line with padded "="`);
      continue;
    }
    if (run.length > 0 && run[0]!.indent !== indent) closeRun();
    run.push({ line: i + 1, indent, key, gap: gap.length });
    const heredoc = /^<<-?([A-Za-z_]+)$/.exec(value);
    if (heredoc) {
      const marker = heredoc[1]!;
      while (i + 1 < lines.length && lines[i + 1]!.trim() !== marker) i++;
      i++; // the closing marker
    }
  }
  closeRun();
  return problems;
}

function terraformFmt(text: string): string | undefined {
  const probe = spawnSync("terraform", ["version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return undefined;
  const run = spawnSync("terraform", ["fmt", "-no-color", "-"], { input: text, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

const hasTerraform = !spawnSync("terraform", ["version"]).error;

// ---- tests ----------------------------------------------------------------

describe("renderTerraform", () => {
  it("round-trips every role, inline policy, boundary and SCP document through HCL", async () => {
    await expectTerraformRoundTrip(fixture);
  });

  it("references the boundary policy's arn and attaches inline policies by role id", async () => {
    const resources = await terraformResources(renderTerraform(fixture));
    const training = only(resources, "aws_iam_role", "acme_ml_fraud_training");
    expect(training.permissions_boundary).toBe("${aws_iam_policy.acme_ml_boundary_fraud.arn}");
    expect(training.name).toBe("acme-ml-fraud-training");
    const data = only(resources, "aws_iam_role_policy", "acme_ml_fraud_training_data");
    expect(data.role).toBe("${aws_iam_role.acme_ml_fraud_training.id}");
    expect(Object.keys(resources).sort()).toEqual([
      "aws_iam_policy",
      "aws_iam_role",
      "aws_iam_role_policy",
    ]);
  });

  it("escapes policy variables in heredocs as $${", () => {
    const text = renderTerraform(fixture);
    expect(text).toContain('"arn:aws:s3:::acme-ml-data/$${aws:PrincipalTag/team}/datasets/*"');
    expect(text).not.toMatch(/(^|[^$])\$\{aws:/m);
    expect(text.startsWith("# Generated by leash")).toBe(true);
    expect(text.split("\n")[0]).toContain("0.21.202609261");
  });

  it("round-trips awkward names and text, with unique valid labels", async () => {
    const g = awkward();
    await expectTerraformRoundTrip(g);
    const resources = await terraformResources(renderTerraform(g));
    expect(Object.keys(resources.aws_iam_role!)).toEqual(["_1st_role", "a_b", "a_b_2", "a_b_3"]);
    expect(Object.keys(resources.aws_iam_policy!)).toEqual([
      "acme_ml_boundary_fraud",
      "acme_ml_boundary_fraud_2",
    ]);
  });

  it("is formatted as terraform fmt would: aligned =, no trailing space, one final newline", () => {
    for (const text of [fixture, awkward()].flatMap((g) => [
      renderTerraform(g),
      renderTerraformManagement(g)!,
    ])) {
      expect(alignmentProblems(text)).toEqual([]);
      expect(text).not.toMatch(/[ \t]+$/m);
      expect(text.endsWith("}\n")).toBe(true);
      expect(text.endsWith("\n\n")).toBe(false);
      expect(text).not.toContain("\t");
    }
  });

  it("the alignment checker catches misaligned and over-padded runs", () => {
    const good =
      'resource "a" "b" {\n  name   = "x"\n  policy = <<-EOT\n    {}\n  EOT\n  n      = 1\n}\n';
    expect(alignmentProblems(good)).toEqual([]);
    expect(alignmentProblems(good.replace("name   =", "name ="))).toHaveLength(1);
    expect(alignmentProblems(good.replace(/ = /g, "  = "))).toHaveLength(3);
    expect(alignmentProblems('x {\n  tags  = {\n    a = "b"\n  }\n}\n')).toHaveLength(1);
  });

  it.skipIf(!hasTerraform)("is left unchanged by terraform fmt when terraform is installed", () => {
    for (const text of [fixture, awkward()].flatMap((g) => [
      renderTerraform(g),
      renderTerraformManagement(g)!,
    ])) {
      expect(terraformFmt(text)).toBe(text);
    }
  });

  it("refuses a boundary that is not among the managed policies", () => {
    expect(() => renderTerraform({ ...fixture, managedPolicies: [] })).toThrow(
      /permission boundary/,
    );
    expect(() => renderCloudFormation({ ...fixture, managedPolicies: [] })).toThrow(
      /permission boundary/,
    );
  });
});

// ---- CloudFormation ---------------------------------------------------------

interface CfnResource {
  Type: string;
  Properties: Record<string, unknown>;
}

function expectCloudFormationRoundTrip(g: AwsGeneration): void {
  const text = renderCloudFormation(g);
  expect(text).not.toMatch(/[&*]a\d+\b/); // no anchors or aliases
  const template = parseYaml(text) as {
    AWSTemplateFormatVersion: unknown;
    Description: unknown;
    Resources: Record<string, CfnResource>;
  };
  expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
  expect(typeof template.Description).toBe("string");
  const entries = Object.entries(template.Resources);
  for (const [id] of entries) expect(id).toMatch(/^[A-Z][A-Za-z0-9]*$/);
  const ofType = (type: string) => entries.filter(([, r]) => r.Type === type);

  const policies = ofType("AWS::IAM::ManagedPolicy");
  expect(policies).toHaveLength(g.managedPolicies.length);
  for (const [i, p] of g.managedPolicies.entries()) {
    expect(policies[i]![1].Properties).toEqual({
      ManagedPolicyName: p.name,
      PolicyDocument: p.document,
    });
  }

  const roles = ofType("AWS::IAM::Role");
  expect(roles).toHaveLength(g.roles.length);
  for (const [i, r] of g.roles.entries()) {
    const props = roles[i]![1].Properties;
    expect(props.RoleName).toBe(r.name);
    expect(props.Description).toBe(r.description === "" ? undefined : r.description);
    expect(props.AssumeRolePolicyDocument).toEqual(r.trustPolicy);
    expect(props.Policies ?? []).toEqual(
      r.inlinePolicies.map((p) => ({ PolicyName: p.name, PolicyDocument: p.document })),
    );
    expect(props.Tags ?? []).toEqual(
      Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
    );
    if (r.permissionBoundary === null) expect(props.PermissionsBoundary).toBeUndefined();
    else {
      const ref = (props.PermissionsBoundary as { Ref: string }).Ref;
      const target = template.Resources[ref]!;
      expect(target.Type).toBe("AWS::IAM::ManagedPolicy");
      expect(target.Properties.ManagedPolicyName).toBe(r.permissionBoundaryName);
      expect(target.Properties.PolicyDocument).toEqual(r.permissionBoundary);
    }
  }

  // The SCPs are the management account's own template.
  expect(ofType("AWS::Organizations::Policy")).toEqual([]);
  const management = parseYaml(renderCloudFormationManagement(g)!) as {
    Resources: Record<string, CfnResource>;
  };
  const scps = Object.values(management.Resources);
  expect(scps).toHaveLength(g.serviceControlPolicies.length);
  for (const [i, p] of g.serviceControlPolicies.entries()) {
    expect(scps[i]!.Type).toBe("AWS::Organizations::Policy");
    expect(scps[i]!.Properties).toEqual({
      Name: p.name,
      Type: "SERVICE_CONTROL_POLICY",
      Content: p.document,
      TargetIds: { Ref: "ScpTargetIds" },
    });
  }
}

describe("renderCloudFormation", () => {
  it("round-trips every document through YAML", () => {
    expectCloudFormationRoundTrip(fixture);
  });

  it("round-trips awkward names and text", () => {
    expectCloudFormationRoundTrip(awkward());
  });

  it("uses readable PascalCase logical ids and quotes the template version", () => {
    const text = renderCloudFormation(fixture);
    expect(text).toContain('AWSTemplateFormatVersion: "2010-09-09"\n');
    const template = parseYaml(text) as { Resources: Record<string, CfnResource> };
    expect(Object.keys(template.Resources)).toEqual([
      "AcmeMlBoundaryFraudManagedPolicy",
      "AcmeMlFraudDeployCiRole",
      "AcmeMlFraudTrainingRole",
    ]);
    expect(template.Resources.AcmeMlFraudTrainingRole!.Properties.PermissionsBoundary).toEqual({
      Ref: "AcmeMlBoundaryFraudManagedPolicy",
    });
  });
});

// ---- JSON, GitHub, determinism --------------------------------------------

describe("renderAwsJson", () => {
  it("round-trips with a fixed key order", () => {
    const text = renderAwsJson(fixture);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "cloud": "aws",\n'); // two-space indent
    const out = JSON.parse(text) as Record<string, unknown> & {
      roles: Record<string, unknown>[];
    };
    expect(Object.keys(out)).toEqual([
      "cloud",
      "catalogVersion",
      "roles",
      "managedPolicies",
      "serviceControlPolicies",
      "githubWorkflows",
      "selfCheck",
    ]);
    for (const r of out.roles)
      expect(Object.keys(r)).toEqual([
        "name",
        "workload",
        "description",
        "tags",
        "trustPolicy",
        "inlinePolicies",
        "permissionBoundary",
        "permissionBoundaryName",
      ]);
    expect(out).toEqual({
      cloud: "aws",
      catalogVersion: fixture.catalogVersion,
      roles: fixture.roles.map((r) => ({
        name: r.name,
        workload: r.workload,
        description: r.description,
        tags: r.tags,
        trustPolicy: r.trustPolicy,
        inlinePolicies: r.inlinePolicies,
        permissionBoundary: r.permissionBoundary,
        permissionBoundaryName: r.permissionBoundaryName,
      })),
      managedPolicies: fixture.managedPolicies,
      serviceControlPolicies: fixture.serviceControlPolicies,
      githubWorkflows: fixture.githubWorkflows,
      selfCheck: fixture.selfCheck,
    });
  });
});

describe("renderGithubWorkflows", () => {
  it("writes one file per snippet, ending in a newline", () => {
    expect(renderGithubWorkflows(fixture)).toEqual([
      { file: "github/fraud-deploy-ci.yml", content: `${fixture.githubWorkflows[0]!.yaml}\n` },
    ]);
    const twice = renderGithubWorkflows({
      ...fixture,
      githubWorkflows: [
        { workload: "a/b", roleName: "r", yaml: "x: 1\n" },
        { workload: "a-b", roleName: "r", yaml: "y: 2" },
      ],
    });
    expect(twice).toEqual([
      { file: "github/a-b.yml", content: "x: 1\n" },
      { file: "github/a-b-2.yml", content: "y: 2\n" },
    ]);
  });
});

describe("determinism", () => {
  it("renders the same input to identical bytes, including from a deep copy", () => {
    const copy = structuredClone(fixture);
    for (const render of [renderAwsJson, renderTerraform, renderCloudFormation]) {
      const first = render(fixture);
      expect(render(fixture)).toBe(first);
      expect(render(copy)).toBe(first);
    }
    expect(renderGithubWorkflows(copy)).toEqual(renderGithubWorkflows(fixture));
  });
});
