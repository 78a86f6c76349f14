import { describe, expect, it } from "vitest";
import { readTerraform } from "../../src/clouds/aws/inputs/terraform.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { toPlain } from "../../src/diagnostics/index.js";
import { titled } from "../support/rows.js";
import { nodeAt } from "./support.js";

/**
 * Locals a policy reads, evaluated as far as they are known: the shape of
 * terraform-aws-modules/terraform-aws-iam's `iam-group` module (AWS's
 * "manage your own credentials" policy), written here from scratch.
 */
const LOCALS = `data "aws_partition" "current" {
  count = var.create ? 1 : 0
}
data "aws_caller_identity" "current" {
  count = var.create ? 1 : 0
}
variable "users_account_id" {
  type    = string
  default = null
}
locals {
  partition        = try(data.aws_partition.current[0].partition, "")
  users_account_id = try(coalesce(var.users_account_id, data.aws_caller_identity.current[0].account_id), "")
  user_resources = [for pattern in ["user/$\${aws:username}", "user/*/$\${aws:username}"] :
    "arn:\${local.partition}:iam::\${local.users_account_id}:\${pattern}"
  ]
  buckets = { logs = "logs-bucket", data = "data-bucket" }
  bucket_arns = [for k, name in local.buckets : "arn:aws:s3:::\${name}/*" if k != "logs"]
  unknown = data.aws_caller_identity.current[0].arn
}
resource "aws_iam_group" "this" {
  name = "this"
}
resource "aws_iam_group_policy" "this" {
  group  = aws_iam_group.this.name
  policy = data.aws_iam_policy_document.this.json
}
`;

const ROWS = [
  {
    given: "a `for` over a literal list with `$${` escapes, reading data sources",
    statement: `actions = ["iam:CreateAccessKey", "iam:UpdateLoginProfile"]
    resources = local.user_resources`,
    resource: [
      "arn:aws:iam::000000000000:user/${aws:username}",
      "arn:aws:iam::000000000000:user/*/${aws:username}",
    ],
  },
  {
    given: "a template whose partition and account read locals that read data sources",
    statement: `actions = ["iam:CreateVirtualMFADevice"]
    resources = ["arn:\${local.partition}:iam::\${local.users_account_id}:mfa/*"]`,
    resource: "arn:aws:iam::000000000000:mfa/*",
  },
  {
    given: "a `for` over a local map with a key and a filter",
    statement: `actions = ["s3:GetObject"]
    resources = local.bucket_arns`,
    resource: "arn:aws:s3:::data-bucket/*",
  },
  {
    given: "a `for` expression written in place, over a literal list",
    statement: `actions = ["s3:GetObject"]
    resources = [for b in ["a", "b"] : "arn:aws:s3:::\${b}/*"]`,
    resource: ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"],
  },
  {
    given: "a local that is wholly unknown stays a placeholder",
    statement: `actions = ["s3:GetObject"]
    resources = [local.unknown]`,
    resource: "arn:aws:s3:::${local.unknown}",
  },
];

describe("readTerraform with locals a policy reads", () => {
  it.each(titled(ROWS, (r) => r.given))("%s", async (_, row) => {
    const text = `${LOCALS}
data "aws_iam_policy_document" "this" {
  statement {
    ${row.statement}
  }
}
`;
    const { documents, diagnostics } = await readTerraform(text, "main.tf");
    expect(diagnostics).toEqual([]);
    expect(toPlain(nodeAt(documents[0]!.node, "Statement", 0, "Resource"))).toEqual(row.resource);
    const findings = lintAws(documents).filter(
      (f) => f.ruleId === "aws/policy-syntax" || f.ruleId === "aws/privilege-escalation",
    );
    expect(findings).toEqual([]);
  });

  it("in jsonencode too", async () => {
    const text = `${LOCALS}
resource "aws_iam_user_policy" "self" {
  user = "u"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:CreateAccessKey"]
      Resource = local.user_resources
    }]
  })
}
data "aws_iam_policy_document" "this" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`;
    const { documents } = await readTerraform(text, "main.tf");
    const self = documents.find((d) => d.name === "aws_iam_user_policy.self")!;
    expect(toPlain(nodeAt(self.node, "Statement", 0, "Resource"))).toEqual([
      "arn:aws:iam::000000000000:user/${aws:username}",
      "arn:aws:iam::000000000000:user/*/${aws:username}",
    ]);
    expect(lintAws([self]).filter((f) => f.ruleId === "aws/privilege-escalation")).toEqual([]);
  });
});

describe("a resource known only at deployment", () => {
  it.each([
    ["resources = [local.unknown]", "arn:aws:iam:::${local.unknown}"],
    ["resources = var.user_arns", "arn:aws:iam:::${var.user_arns}"],
  ])(
    "`%s`: privilege-escalation still fires, but says it may, not that it can",
    async (resources, shown) => {
      const text = `${LOCALS}
variable "user_arns" {
  type = list(string)
}
data "aws_iam_policy_document" "this" {
  statement {
    actions = ["iam:CreateAccessKey"]
    ${resources}
  }
}
`;
      const { documents } = await readTerraform(text, "main.tf");
      const messages = lintAws(documents)
        .filter((f) => f.ruleId === "aws/privilege-escalation")
        .map((f) => f.message);
      expect(messages).toEqual([
        `\`group/this\` may escalate (create-access-key): \`iam:CreateAccessKey\` lets it create access keys for a more powerful user, if \`${shown}\` (known only at deployment) names such a resource`,
      ]);
    },
  );
});
