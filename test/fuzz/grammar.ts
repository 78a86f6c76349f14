/**
 * Policies built from the IAM policy grammar, each element either of its
 * right shape or, now and then, of a wrong type: what a person or a
 * template engine gets almost right.
 */
import fc from "fast-check";
import { oddValue } from "./mutate.js";

/** A right value most of the time, an odd one (wrong type, edge) now and then: a policy has dozens of values, and one odd one makes it invalid. */
const orOdd = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 25, arbitrary: right }, { weight: 1, arbitrary: oddValue });

const oneOrMany = <T>(item: fc.Arbitrary<T>) =>
  fc.oneof(item, fc.array(item, { minLength: 0, maxLength: 4 }));

const ACTIONS = [
  "*",
  "s3:*",
  "s3:GetObject",
  "s3:Put*",
  "s3:ListBucket",
  "iam:PassRole",
  "iam:CreatePolicyVersion",
  "iam:AttachRolePolicy",
  "iam:*",
  "sts:AssumeRole",
  "ec2:RunInstances",
  "lambda:CreateFunction",
  "kms:Decrypt",
  "sagemaker:CreateTrainingJob",
  "sagemaker:*",
  "bedrock:InvokeModel",
  "logs:PutLogEvents",
  "nosuchservice:Foo",
  "s3:NoSuchAction",
  "S3:getobject",
  "ec2:Describe*",
];

const RESOURCES = [
  "*",
  "arn:aws:s3:::data",
  "arn:aws:s3:::data/*",
  "arn:aws:s3:::*",
  "arn:aws:iam::123456789012:role/*",
  "arn:aws:iam::123456789012:role/train",
  "arn:aws:kms:us-east-1:123456789012:key/k1",
  "arn:aws:sagemaker:*:123456789012:training-job/*",
  "arn:aws:s3:::${aws:username}/*",
  "arn:aws:lambda:us-east-1:123456789012:function:f",
  "arn:aws-cn:s3:::b",
  "arn:aws:s3:::b/${aws:PrincipalTag/team}",
];

const PRINCIPALS: unknown[] = [
  "*",
  { AWS: "*" },
  { AWS: "123456789012" },
  { AWS: "arn:aws:iam::444455556666:root" },
  { AWS: ["arn:aws:iam::123456789012:role/train", "arn:aws:iam::123456789012:user/u"] },
  { Service: "sagemaker.amazonaws.com" },
  { Service: ["lambda.amazonaws.com", "ec2.amazonaws.com"] },
  { Federated: "cognito-identity.amazonaws.com" },
  { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
  { CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be" },
];

const OPERATORS = [
  "StringEquals",
  "StringLike",
  "StringNotEquals",
  "ArnLike",
  "ArnNotLike",
  "Bool",
  "IpAddress",
  "NotIpAddress",
  "NumericLessThan",
  "DateGreaterThan",
  "Null",
  "ForAllValues:StringEquals",
  "ForAnyValue:StringLike",
  "StringEqualsIfExists",
  "BinaryEquals",
  "NoSuchOperator",
];

const CONDITION_KEYS = [
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:PrincipalOrgID",
  "aws:SourceIp",
  "aws:SecureTransport",
  "aws:MultiFactorAuthAge",
  "aws:CurrentTime",
  "aws:PrincipalTag/team",
  "aws:RequestTag/${aws:PrincipalTag/team}",
  "aws:TagKeys",
  "s3:prefix",
  "iam:PassedToService",
  "sts:ExternalId",
  "token.actions.githubusercontent.com:sub",
  "kms:ViaService",
  "no:such-key",
];

const CONDITION_VALUES: unknown[] = [
  "123456789012",
  "o-abc123",
  "10.0.0.0/8",
  "2001:db8::/32",
  "fe80::1%eth0",
  "true",
  true,
  3600,
  "2026-01-01T00:00:00Z",
  "repo:acme/*",
  "sagemaker.amazonaws.com",
  "arn:aws:s3:::data",
  ["a", "b"],
  [],
];

/** Any value as an object key; `String` throws on some (`{"toString": 0}`). */
const asKey = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "null"));

const condition = fc.dictionary(
  orOdd(fc.constantFrom(...OPERATORS)).map(asKey),
  orOdd(
    fc.dictionary(
      orOdd(fc.constantFrom(...CONDITION_KEYS)).map(asKey),
      orOdd(fc.constantFrom(...CONDITION_VALUES)),
      { maxKeys: 3 },
    ),
  ),
  { maxKeys: 3 },
);

/** `key` (or, now and then, its `Not` form when it has one) with a value, present with probability `presence`. */
const element = (key: string, value: fc.Arbitrary<unknown>, presence: number) =>
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 9 }), orOdd(value))
    .map(
      ([p, not, v]): Record<string, unknown> =>
        p >= presence ? {} : { [not === 0 && HAS_NOT.has(key) ? `Not${key}` : key]: v },
    );
const HAS_NOT = new Set(["Action", "Resource", "Principal"]);
const none = fc.constant({});

const TRUST_ACTIONS = [
  "sts:AssumeRole",
  "sts:AssumeRoleWithWebIdentity",
  "sts:TagSession",
  "sts:*",
];

/** Where a policy is attached decides its elements: no principal in an identity policy, no resource in a trust policy. */
export type PolicyPlace = "identity" | "resource" | "trust";

/**
 * One statement as the grammar builds it for its place (`Action` or `NotAction`,
 * `Resource` or `NotResource`, a principal where one goes), each element now and
 * then odd, missing or unknown.
 */
const statementFor = (place: PolicyPlace): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      element("Sid", fc.stringMatching(/^[A-Za-z0-9]{0,12}$/), 0.4),
      element("Effect", fc.constantFrom("Allow", "Deny"), 0.98),
      element(
        "Action",
        oneOrMany(fc.constantFrom(...(place === "trust" ? TRUST_ACTIONS : ACTIONS))),
        0.98,
      ),
      place === "trust"
        ? none
        : element("Resource", oneOrMany(fc.constantFrom(...RESOURCES)), 0.98),
      place === "identity" ? none : element("Principal", fc.constantFrom(...PRINCIPALS), 0.98),
      element("Condition", condition, 0.3),
      fc.option(
        fc.dictionary(fc.constantFrom("Action", "Resource", "Extra", "effect"), oddValue, {
          maxKeys: 1,
        }),
        { freq: 20 },
      ),
    )
    .map((parts) => Object.assign({}, ...parts.map((p) => p ?? {})));

/** A policy document for a place: a `Version`, one statement or a list, sometimes an `Id`. */
export const policyFor = (place: PolicyPlace): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      Version: orOdd(fc.constantFrom("2012-10-17", "2008-10-17")),
      Id: orOdd(fc.string({ maxLength: 8 })),
      Statement: orOdd(
        fc.oneof(
          statementFor(place),
          fc.array(statementFor(place), { minLength: 0, maxLength: 6 }),
        ),
      ),
    },
    { requiredKeys: ["Statement"] },
  );

/** A policy for any place. */
export const grammarPolicy = fc.oneof(
  policyFor("identity"),
  policyFor("resource"),
  policyFor("trust"),
);
