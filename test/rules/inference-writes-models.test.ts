import { describe, expect, it } from "vitest";
import { awsCatalog } from "../../src/clouds/aws/catalog/catalog.js";
import { ActionExpander } from "../../src/clouds/aws/catalog/expand.js";
import { INVOKE, WRITE } from "../../src/clouds/aws/rules/inference-writes-models.js";
import { lintRows, policy } from "./lint-rows.js";

const IW = "aws/inference-writes-models";
const ENDPOINT = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud";
const invoke = { Effect: "Allow", Action: "sagemaker:InvokeEndpoint", Resource: ENDPOINT };
const putArtifacts = {
  Effect: "Allow",
  Action: "s3:PutObject",
  Resource: "arn:aws:s3:::models/fraud/*",
};

lintRows(
  [IW],
  [
    {
      given: "an endpoint invoker that can put objects (model artifacts) in S3",
      policy: policy(invoke, putArtifacts),
      findings: [
        [
          IW,
          9,
          5,
          "`policy.json` can invoke models (`sagemaker:InvokeEndpoint`) and write what they serve (`s3:PutObject`) | give the inference identity read-only access",
        ],
      ],
    },
    {
      given: "invoking only",
      policy: policy(invoke),
      findings: [],
    },
    {
      given: "writing only (a training or deployment identity)",
      policy: policy(putArtifacts, {
        Effect: "Allow",
        Action: ["sagemaker:CreateModel", "sagemaker:CreateModelPackage"],
        Resource: "*",
      }),
      findings: [],
    },
    {
      given: "invoke and write in two policies of one principal",
      docs: [
        { policy: policy(invoke), principal: "role/serve" },
        { policy: policy(putArtifacts), principal: "role/serve" },
      ],
      findings: [[IW, 4, 5, "`role/serve` can invoke models", "policy1.json"]],
    },
    {
      given: "invoke and write held by two principals",
      docs: [
        { policy: policy(invoke), principal: "role/serve" },
        { policy: policy(putArtifacts), principal: "role/train" },
      ],
      findings: [],
    },
    {
      given: "Bedrock invocation and pushing images and model packages",
      policy: policy(
        { Effect: "Allow", Action: "bedrock:Invoke*", Resource: "*" },
        {
          Effect: "Allow",
          Action: [
            "ecr:PutImage",
            "sagemaker:CreateModelPackageGroup",
            "sagemaker:UpdateModelPackage",
          ],
          Resource: "*",
        },
      ),
      findings: [
        [
          IW,
          9,
          5,
          "(`bedrock:InvokeModel`) and write what they serve (`sagemaker:CreateModelPackageGroup`, `sagemaker:UpdateModelPackage`, `ecr:PutImage`)",
        ],
      ],
    },
    {
      given: "`s3:PutObject` denied on every resource with no condition",
      policy: policy(invoke, putArtifacts, {
        Effect: "Deny",
        Action: "s3:PutObject",
        Resource: "*",
      }),
      findings: [],
    },
    {
      given: "a conditional Deny of `s3:PutObject` (it may not apply)",
      policy: policy(invoke, putArtifacts, {
        Effect: "Deny",
        Action: "s3:PutObject",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": "us-east-1" } },
      }),
      findings: [[IW, 9, 5]],
    },
    {
      given: "a NotAction Allow grants both",
      policy: policy({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
      findings: [[IW, 4, 5, "`sagemaker:InvokeEndpoint`"]],
    },
    {
      given: "other S3 writes (`s3:PutObjectTagging`) are not model writes",
      policy: policy(invoke, {
        Effect: "Allow",
        Action: "s3:PutObjectTagging",
        Resource: "arn:aws:s3:::models/*",
      }),
      findings: [],
    },
    {
      given: "a role trust policy (not an identity policy)",
      type: "trust",
      policy: policy({
        Effect: "Allow",
        Principal: { Service: "sagemaker.amazonaws.com" },
        Action: "sts:AssumeRole",
      }),
      findings: [],
    },
  ],
);

describe("aws/inference-writes-models action lists", () => {
  const expander = new ActionExpander(awsCatalog());
  const names = (...patterns: string[]) =>
    patterns.flatMap((p) => expander.expand(p).map((a) => a.fullName)).sort();

  it("INVOKE is `sagemaker:InvokeEndpoint*` and `bedrock:InvokeModel*`", () => {
    expect([...INVOKE].sort()).toEqual(names("sagemaker:InvokeEndpoint*", "bedrock:InvokeModel*"));
  });

  it("WRITE is the writes of the rule's page, each a catalog action", () => {
    expect([...WRITE].sort()).toEqual(
      names(
        "s3:PutObject",
        "sagemaker:CreateModelPackage*",
        "sagemaker:UpdateModelPackage",
        "sagemaker:CreateModel",
        "ecr:PutImage",
      ),
    );
  });
});
