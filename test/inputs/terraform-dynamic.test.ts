import { describe, expect, it } from "vitest";
import { readTerraform } from "../../src/clouds/aws/inputs/terraform.js";
import { evaluate } from "../../src/clouds/aws/inputs/terraform-evaluate.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { titled } from "../support/rows.js";
import { at, nodeAt, position } from "./support.js";

/** A module: the given HCL, with the data source under test named `d` used by a policy or role. */
const module = (hcl: string, trust = false) =>
  trust
    ? `${hcl}
resource "aws_iam_role" "r" {
  assume_role_policy = data.aws_iam_policy_document.d.json
}
`
    : `${hcl}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`;

interface Row {
  given: string;
  hcl: string;
  /** The rendered statements; undefined when no document is produced. */
  statements: unknown[] | undefined;
  /** `code` of each diagnostic, in order. */
  diagnostics?: string[];
  /** The data source is a role's trust policy. */
  trust?: boolean;
}

const ROWS: Row[] = [
  {
    given: "a literal list, the default iterator",
    hcl: `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = ["s3:GetObject", "s3:PutObject"]
    content {
      actions   = [statement.value]
      resources = ["arn:aws:s3:::models/*"]
    }
  }
}`,
    statements: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::models/*" },
      { Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::models/*" },
    ],
  },
  {
    given: "a local, a custom iterator, try() for an optional attribute",
    hcl: `locals {
  grants = [
    { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::data/*"] },
    { actions = ["s3:ListBucket"] },
  ]
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = local.grants
    iterator = grant
    content {
      actions   = grant.value.actions
      resources = try(grant.value.resources, ["arn:aws:s3:::data"])
    }
  }
}`,
    statements: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::data" },
    ],
  },
  {
    given: "a variable's default map: key and value, interpolated in text",
    hcl: `variable "buckets" {
  type    = map(string)
  default = { read = "arn:aws:s3:::r", audit = "arn:aws:s3:::a" }
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sts:GetCallerIdentity"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.buckets
    content {
      sid       = "\${statement.key}Objects"
      actions   = ["s3:GetObject"]
      resources = ["\${statement.value}/*"]
    }
  }
}`,
    statements: [
      { Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" },
      {
        Sid: "auditObjects",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::a/*",
      },
      { Sid: "readObjects", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::r/*" },
    ],
  },
  {
    given: "toset() of a default list, and a conditional on a default flag",
    hcl: `variable "tables" {
  default = ["b", "a", "b"]
}
variable "enable_logs" {
  default = true
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = toset(var.tables)
    content {
      actions   = ["dynamodb:GetItem"]
      resources = ["arn:aws:dynamodb:us-east-1:111122223333:table/\${statement.key}"]
    }
  }
  dynamic "statement" {
    for_each = var.enable_logs ? [1] : []
    content {
      actions   = ["logs:PutLogEvents"]
      resources = ["*"]
    }
  }
}`,
    statements: [
      {
        Effect: "Allow",
        Action: "dynamodb:GetItem",
        Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/a",
      },
      {
        Effect: "Allow",
        Action: "dynamodb:GetItem",
        Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/b",
      },
      { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" },
    ],
  },
  {
    given: "nested dynamic conditions in a static statement",
    hcl: `data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    dynamic "condition" {
      for_each = { "aws:PrincipalTag/team" = "ml", "aws:ResourceTag/team" = "ml" }
      content {
        test     = "StringEquals"
        variable = condition.key
        values   = [condition.value]
      }
    }
  }
}`,
    statements: [
      {
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:PrincipalTag/team": "ml", "aws:ResourceTag/team": "ml" },
        },
      },
    ],
  },
  {
    given:
      "nested dynamic principals and conditions reading the outer iterator (terraform-aws-iam's shape)",
    trust: true,
    hcl: `variable "trust" {
  default = {
    ci = {
      actions    = ["sts:AssumeRoleWithWebIdentity"]
      principals = [{ type = "Federated", identifiers = ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"] }]
      condition  = [{ test = "StringLike", variable = "token.actions.githubusercontent.com:sub", values = ["repo:org/ml:*"] }]
    }
  }
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.trust != null ? var.trust : {}
    content {
      sid     = statement.key
      actions = try(statement.value.actions, null)
      dynamic "principals" {
        for_each = statement.value.principals != null ? statement.value.principals : []
        content {
          type        = principals.value.type
          identifiers = principals.value.identifiers
        }
      }
      dynamic "condition" {
        for_each = statement.value.condition != null ? statement.value.condition : []
        content {
          test     = condition.value.test
          variable = condition.value.variable
          values   = condition.value.values
        }
      }
    }
  }
}`,
    statements: [
      {
        Sid: "ci",
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: {
          Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        },
        Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/ml:*" } },
      },
    ],
  },
  {
    given: "a for_each that is not known: reported once, the known statements kept",
    hcl: `variable "extra" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      actions   = statement.value
      resources = ["*"]
    }
  }
  dynamic "statement" {
    for_each = [for s in var.extra : s]
    content {
      actions   = statement.value
      resources = ["*"]
    }
  }
}`,
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    diagnostics: ["input/unexpanded-dynamic"],
  },
  {
    given: "only statements whose for_each is not known: no document, never an empty Statement",
    hcl: `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = aws_s3_bucket.models
    content {
      actions   = ["s3:GetObject"]
      resources = ["\${statement.value.arn}/*"]
    }
  }
}`,
    statements: undefined,
    diagnostics: ["input/unexpanded-dynamic"],
  },
  {
    given: "a statement whose nested principals are not known: left out, reported",
    hcl: `data "aws_iam_policy_document" "d" {
  statement {
    actions = ["sts:AssumeRole"]
    dynamic "principals" {
      for_each = var.accounts
      content {
        type        = "AWS"
        identifiers = [principals.value]
      }
    }
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}`,
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    diagnostics: ["input/unexpanded-dynamic"],
  },
  {
    given: "no statement with the variables' defaults: no document, a warning",
    hcl: `variable "enable" {
  default = false
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = var.enable ? [1] : []
    content {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}`,
    statements: undefined,
    diagnostics: ["input/empty-with-defaults"],
  },
  {
    given: "a local map whose values are known only at apply time: its keys still decide",
    hcl: `locals {
  buckets = { models = aws_s3_bucket.models.arn }
}
data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = local.buckets
    content {
      sid       = statement.key
      actions   = ["s3:GetObject"]
      resources = ["\${statement.value}/*"]
    }
  }
}`,
    statements: [
      {
        Sid: "models",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::${aws_s3_bucket.models.arn}/*",
      },
    ],
  },
  {
    given: "source and override documents from a variable's default list or a local",
    hcl: `variable "source_docs" {
  type    = list(string)
  default = []
}
locals {
  overrides = [data.aws_iam_policy_document.base.json]
}
data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::base/*"]
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents   = var.source_docs
  override_policy_documents = local.overrides
  statement {
    sid       = "Read"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}`,
    statements: [
      { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::base/*" },
    ],
  },
  {
    given: "only source documents, none with the variables' defaults: no document, a warning",
    hcl: `variable "source_docs" {
  default = []
}
data "aws_iam_policy_document" "d" {
  source_policy_documents = var.source_docs
}`,
    statements: undefined,
    diagnostics: ["input/empty-with-defaults"],
  },
];

describe("dynamic blocks in aws_iam_policy_document", () => {
  it.each(titled(ROWS, (r) => r.given))("%s", async (_, row) => {
    const { documents, diagnostics } = await readTerraform(module(row.hcl, row.trust), "main.tf");
    expect(diagnostics.map((d) => d.code)).toEqual(row.diagnostics ?? []);
    for (const d of diagnostics)
      expect(d).toMatchObject({ severity: "warning", location: { file: "main.tf" } });
    if (row.statements === undefined) {
      expect(documents).toEqual([]);
      return;
    }
    expect(documents).toHaveLength(1);
    expect(toPlain(documents[0]!.node)).toEqual({
      Version: "2012-10-17",
      Statement: row.statements,
    });
    // What is read is a policy AWS accepts: no syntax finding.
    const syntax = lintAws(documents).filter((f) => f.ruleId === "aws/policy-syntax");
    expect(syntax).toEqual([]);
  });

  it("names the for_each it could not evaluate, once per data source", async () => {
    const row = ROWS.find((r) => r.given.startsWith("a for_each that is not known"))!;
    const { diagnostics } = await readTerraform(module(row.hcl), "main.tf");
    expect(diagnostics).toMatchObject([
      {
        message:
          "`data.aws_iam_policy_document.d` has `dynamic` blocks whose `for_each` leash cannot evaluate (`var.extra` and 1 more): their statements are not analysed",
        location: { line: 2, column: 1 },
      },
    ]);
  });
});

describe("evaluate (for_each expressions)", () => {
  const vars: Record<string, unknown> = {
    on: true,
    off: false,
    list: ["a"],
    none: null,
    obj: { a: 1 },
  };
  const resolve = (root: string, path: readonly (string | number)[]) => {
    if (root !== "var" || typeof path[0] !== "string" || !(path[0] in vars)) return undefined;
    let v: unknown = vars[path[0]];
    for (const step of path.slice(1)) v = (v as Record<string, unknown>)?.[step as string] ?? null;
    return { value: v };
  };

  it.each([
    ["var.on ? [1] : []", [1]],
    ["var.off ? [1] : []", []],
    ["length(var.list) > 0 ? var.list : []", ["a"]],
    ["var.none != null ? var.none : {}", {}],
    ["var.unknown_flag == null ? [] : [1]", undefined],
    ["var.on ? [1] : var.unknown", [1]],
    ["!var.off && var.on", true],
    ['lookup(var.obj, "b", "x")', "x"],
    ["try(var.obj.a, 2)", 1],
    ['toset(concat(var.list, ["b", "a"]))', ["a", "b"]],
    ["[for x in var.list : x]", undefined],
    ["data.aws_caller_identity.current.account_id", undefined],
    ['upper("a")', undefined],
  ])("`%s`", (text, expected) => {
    const r = evaluate(text, resolve);
    expect(r?.value).toEqual(expected);
  });
});

describe("dynamic inline_policy blocks of aws_iam_role", () => {
  it("are expanded like statements, their policies read", async () => {
    const text = `locals {
  policies = { read = data.aws_iam_policy_document.read.json }
}
data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_role" "train" {
  name               = "train"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "sagemaker.amazonaws.com" } }] })
  dynamic "inline_policy" {
    for_each = local.policies
    content {
      name   = inline_policy.key
      policy = inline_policy.value
    }
  }
  dynamic "inline_policy" {
    for_each = var.more
    content {
      name   = inline_policy.key
      policy = inline_policy.value
    }
  }
}
`;
    const { documents, diagnostics } = await readTerraform(text, "main.tf");
    expect(documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["trust", "role/train", "aws_iam_role.train assume_role_policy"],
      ["identity", "role/train", "aws_iam_role.train inline_policy read"],
    ]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "input/unexpanded-dynamic",
        "`aws_iam_role.train` has `dynamic` blocks whose `for_each` leash cannot evaluate (`var.more`): their inline policies are not analysed",
      ],
    ]);
  });
});

describe("locations of expanded statements", () => {
  it("a statement a dynamic block made is located at that block; the others at the data source", async () => {
    const row = ROWS.find((r) => r.given.startsWith("a variable's default map"))!;
    const text = module(row.hcl);
    const { documents } = await readTerraform(text, "main.tf");
    const statements = documents[0]!.node;
    // Terraform locations are lines (hcl2json gives no positions): column 1.
    const line = (needle: string) => `${position(text, needle).split(":")[0]}:1`;
    expect([0, 1, 2].map((i) => at(nodeAt(statements, "Statement", i)))).toEqual([
      line('data "aws_iam_policy_document"'),
      line('dynamic "statement"'),
      line('dynamic "statement"'),
    ]);
  });
});
