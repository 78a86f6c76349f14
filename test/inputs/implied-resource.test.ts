import { describe, expect, it } from "vitest";
import { readCloudFormation } from "../../src/clouds/aws/inputs/cloudformation.js";
import type { InputResult } from "../../src/clouds/aws/inputs/common.js";
import { readTerraform } from "../../src/clouds/aws/inputs/terraform.js";
import { readTerraformPlan } from "../../src/clouds/aws/inputs/terraform-plan.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { titled } from "../support/rows.js";

/**
 * Repository policies as the Amazon ECR User Guide writes them ("Private
 * repository policy examples", "Public repository policy examples"): no
 * `Resource`, the repository is implied. Other resource policies still
 * need one.
 */
const STATEMENT = {
  Sid: "AllowPull",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
};
const DOC = JSON.stringify({ Version: "2012-10-17", Statement: [STATEMENT] });

const cfn = (type: string, property: string) => () =>
  readCloudFormation(
    JSON.stringify({
      Resources: { Repo: { Type: type, Properties: { [property]: JSON.parse(DOC) } } },
    }),
    "t.json",
  );
const tf = (type: string) => () =>
  readTerraform(
    `resource "${type}" "p" {\n  repository = "r"\n  policy = jsonencode(${DOC})\n}\n`,
    "main.tf",
  );
const plan = (type: string) => () =>
  readTerraformPlan(
    JSON.stringify({
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            { address: `${type}.p`, mode: "managed", type, name: "p", values: { policy: DOC } },
          ],
        },
      },
    }),
    "plan.json",
  );

const ROWS: { given: string; read: () => InputResult | Promise<InputResult>; implied: boolean }[] =
  [
    {
      given: "AWS::ECR::Repository",
      read: cfn("AWS::ECR::Repository", "RepositoryPolicyText"),
      implied: true,
    },
    {
      given: "AWS::ECR::PublicRepository",
      read: cfn("AWS::ECR::PublicRepository", "RepositoryPolicyText"),
      implied: true,
    },
    { given: "aws_ecr_repository_policy", read: tf("aws_ecr_repository_policy"), implied: true },
    {
      given: "aws_ecrpublic_repository_policy",
      read: tf("aws_ecrpublic_repository_policy"),
      implied: true,
    },
    {
      given: "a plan's aws_ecr_repository_policy",
      read: plan("aws_ecr_repository_policy"),
      implied: true,
    },
    // Bucket policies need a Resource: still a syntax error.
    {
      given: "AWS::S3::BucketPolicy",
      read: cfn("AWS::S3::BucketPolicy", "PolicyDocument"),
      implied: false,
    },
    { given: "aws_s3_bucket_policy", read: tf("aws_s3_bucket_policy"), implied: false },
  ];

describe("resource policies whose service implies the Resource", () => {
  it.each(titled(ROWS, (r) => `${r.given}: ${r.implied ? "no" : "a"} syntax error`))(
    "%s",
    async (_, row) => {
      const { documents } = await row.read();
      expect(documents).toHaveLength(1);
      const syntax = lintAws(documents).filter((f) => f.ruleId === "aws/policy-syntax");
      if (row.implied) expect(syntax).toEqual([]);
      else
        expect(syntax.map((f) => f.message)).toContain(
          "the statement has neither `Resource` nor `NotResource`",
        );
    },
  );
});
