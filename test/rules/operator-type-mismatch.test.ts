import { lintRows, policy } from "./lint-rows.js";

const OT = "aws/operator-type-mismatch";
const withCondition = (Condition: object) =>
  policy({ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::reports", Condition });

lintRows(
  [OT],
  [
    {
      // AWS managed policies (AWS-SSM-DiagnosisAutomation-*) write this; the value is the
      // bucket's ARN, though the catalog types the whole encryption context String.
      given: "`ArnLike` on a String key named for an ARN (`kms:EncryptionContext:aws:s3:arn`)",
      policy: withCondition({
        ArnLike: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b/*" },
      }),
      findings: [],
    },
    {
      given: "`NumericLessThan` on a String key",
      policy: withCondition({ NumericLessThan: { "aws:username": "5" } }),
      findings: [
        [
          OT,
          10,
          11,
          "`NumericLessThan` compares `aws:username` as a Numeric value, but its type is String | use `StringEquals` or `StringLike`",
        ],
      ],
    },
    {
      given: "`DateGreaterThan` on a String key",
      policy: withCondition({ DateGreaterThan: { "aws:SourceAccount": "2024-01-01T00:00:00Z" } }),
      findings: [[OT, 10, 11, "as a Date value, but its type is String"]],
    },
    {
      given: "`Bool` on a Numeric key",
      policy: withCondition({ Bool: { "aws:MultiFactorAuthAge": "true" } }),
      findings: [[OT, 10, 11, "use a `Numeric...` operator"]],
    },
    {
      given: "`IpAddress` on a String key",
      policy: withCondition({ IpAddress: { "aws:SourceVpc": "10.0.0.0/8" } }),
      findings: [[OT, 10, 11, "as an IP address value"]],
    },
    {
      given: "`ArnLike` on a String key (ARN operators compare ARN keys only)",
      policy: withCondition({ ArnLike: { "aws:SourceAccount": "arn:aws:iam::*" } }),
      findings: [[OT, 10, 11, "`ArnLike` compares `aws:SourceAccount` as an ARN value"]],
    },
    {
      given: "`StringLike` on an ARN key (String operators may compare ARNs)",
      policy: withCondition({
        StringLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/ml-*" },
      }),
      findings: [],
    },
    {
      given: "`ArnLike` on an ARN key",
      policy: withCondition({
        ArnLike: { "aws:SourceArn": "arn:aws:sagemaker:us-east-1:123456789012:*" },
      }),
      findings: [],
    },
    {
      given: "`StringEquals` on a Bool key (Access Analyzer asks for `Bool`)",
      policy: withCondition({ StringEquals: { "aws:SecureTransport": "true" } }),
      findings: [[OT, 10, 11, "use `Bool` for `aws:SecureTransport`"]],
    },
    {
      given: "`aws:EpochTime` with date and numeric operators (it is both)",
      policy: withCondition({
        DateGreaterThan: { "aws:EpochTime": "1700000000" },
        NumericLessThan: { "aws:EpochTime": "1800000000" },
      }),
      findings: [],
    },
    {
      given: "`...IfExists` is judged like the operator",
      policy: withCondition({ NumericLessThanIfExists: { "aws:username": "5" } }),
      findings: [[OT, 10, 11, "`NumericLessThanIfExists`"]],
    },
    {
      given: "`Null` (fits every key, with or without a set qualifier)",
      policy: withCondition({ Null: { "aws:username": "false", "aws:TagKeys": "false" } }),
      findings: [],
    },
    {
      given: "a service key of its own type (`s3:max-keys` is Numeric)",
      policy: withCondition({ NumericLessThanEquals: { "s3:max-keys": "100" } }),
      findings: [],
    },
    {
      given: "a String operator on a Numeric service key",
      policy: withCondition({ StringEquals: { "s3:max-keys": "100" } }),
      findings: [[OT, 10, 11, "`StringEquals` compares `s3:max-keys` as a String value"]],
    },
    {
      given: "a multivalued key without `ForAllValues:`/`ForAnyValue:`",
      policy: withCondition({ StringEquals: { "aws:TagKeys": ["team", "env"] } }),
      findings: [[OT, 10, 11, "`aws:TagKeys` is multivalued, but `StringEquals` has no"]],
    },
    {
      given: "a multivalued key with a set qualifier",
      policy: withCondition({ "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } }),
      findings: [],
    },
    {
      given: "a single-valued key with `ForAnyValue:`",
      policy: withCondition({ "ForAnyValue:StringEquals": { "aws:username": ["ana", "bo"] } }),
      findings: [[OT, 10, 11, "treats it as a set | remove `ForAnyValue:`"]],
    },
    {
      given: "a single-valued tag key with `ForAllValues:` (also true when the tag is absent)",
      policy: withCondition({ "ForAllValues:StringEquals": { "aws:PrincipalTag/team": "ml" } }),
      findings: [[OT, 10, 11, "true when the request has no `aws:PrincipalTag/team`"]],
    },
    {
      given: "a multivalued service key with a qualifier (`sagemaker:InstanceTypes`)",
      policy: withCondition({
        "ForAllValues:StringLike": { "sagemaker:InstanceTypes": "ml.t3.*" },
      }),
      findings: [],
    },
    {
      given: "both mistakes in one clause: two findings at the key",
      policy: withCondition({ "ForAnyValue:NumericEquals": { "aws:username": "1" } }),
      findings: [
        [OT, 10, 11, "as a Numeric value"],
        [OT, 10, 11, "is single-valued"],
      ],
    },
    {
      given: "unknown and web identity keys (types unknown: not judged)",
      policy: withCondition({
        NumericLessThan: { "s3:prefx": "1", "token.actions.githubusercontent.com:sub": "2" },
      }),
      findings: [],
    },
  ],
);
