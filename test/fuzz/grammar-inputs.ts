/**
 * Account exports, Terraform plans and CloudFormation templates built around
 * grammar-built policies: the fixtures hold a handful of policies, these put
 * any policy in every place an input can hold one (inline, attached, trust,
 * boundary, resource policy), as a value or as JSON or URL-encoded text.
 */
import fc from "fast-check";
import { type PolicyPlace, policyFor } from "./grammar.js";

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const ACCOUNT = "123456789012";

/** A policy as the input holds it: a value, JSON text, or (exports) URL-encoded JSON text. */
const held = (place: PolicyPlace, encodings: readonly ("value" | "json" | "url")[]) =>
  fc
    .tuple(policyFor(place), fc.constantFrom(...encodings))
    .map(([p, how]) =>
      how === "value"
        ? p
        : how === "json"
          ? JSON.stringify(p)
          : encodeURIComponent(JSON.stringify(p)),
    );

export const grammarExport: fc.Arbitrary<unknown> = fc
  .record({
    roles: fc.array(
      fc.record({
        name,
        trust: held("trust", ["value", "url"]),
        inline: fc.array(fc.tuple(name, held("identity", ["value", "url"])), { maxLength: 2 }),
        attached: fc.array(name, { maxLength: 2 }),
        boundary: fc.option(name),
      }),
      { maxLength: 3 },
    ),
    users: fc.array(
      fc.record({
        name,
        inline: fc.array(fc.tuple(name, held("identity", ["value", "url"])), { maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
    policies: fc.array(fc.tuple(name, held("identity", ["value", "url"])), { maxLength: 3 }),
  })
  .map(({ roles, users, policies }) => ({
    UserDetailList: users.map((u) => ({
      UserName: u.name,
      Arn: `arn:aws:iam::${ACCOUNT}:user/${u.name}`,
      UserPolicyList: u.inline.map(([n, d]) => ({ PolicyName: n, PolicyDocument: d })),
      GroupList: [],
      AttachedManagedPolicies: [],
    })),
    GroupDetailList: [],
    RoleDetailList: roles.map((r) => ({
      RoleName: r.name,
      Arn: `arn:aws:iam::${ACCOUNT}:role/${r.name}`,
      AssumeRolePolicyDocument: r.trust,
      RolePolicyList: r.inline.map(([n, d]) => ({ PolicyName: n, PolicyDocument: d })),
      AttachedManagedPolicies: r.attached.map((n) => ({
        PolicyName: n,
        PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/${n}`,
      })),
      ...(r.boundary
        ? {
            PermissionsBoundary: {
              PermissionsBoundaryType: "Policy",
              PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/${r.boundary}`,
            },
          }
        : {}),
    })),
    Policies: policies.map(([n, d]) => ({
      PolicyName: n,
      Arn: `arn:aws:iam::${ACCOUNT}:policy/${n}`,
      DefaultVersionId: "v1",
      PolicyVersionList: [{ Document: d, VersionId: "v1", IsDefaultVersion: true }],
    })),
  }));

/** Terraform resources that hold policies as JSON text, with their attribute. */
const PLAN_RESOURCES = [
  ["aws_iam_policy", "policy", "identity"],
  ["aws_iam_role", "assume_role_policy", "trust"],
  ["aws_iam_role_policy", "policy", "identity"],
  ["aws_iam_user_policy", "policy", "identity"],
  ["aws_s3_bucket_policy", "policy", "resource"],
  ["aws_kms_key", "policy", "resource"],
  ["aws_iam_policy_document", "json", "identity"],
] as const;

/** A resource kind, a name and a policy for the kind's place. */
const placed = <K extends readonly [string, string, PolicyPlace]>(
  kinds: readonly K[],
  encodings: readonly ("value" | "json" | "url")[],
) =>
  fc
    .constantFrom(...kinds)
    .chain((kind) => fc.tuple(fc.constant(kind), name, held(kind[2], encodings)));

export const grammarPlan: fc.Arbitrary<unknown> = fc
  .array(placed(PLAN_RESOURCES, ["json"]), {
    minLength: 1,
    maxLength: 4,
  })
  .map((resources) => ({
    format_version: "1.2",
    terraform_version: "1.9.5",
    planned_values: {
      root_module: {
        resources: resources.map(([[type, attribute], n, policy]) => ({
          address: `${type === "aws_iam_policy_document" ? "data." : ""}${type}.${n}`,
          mode: type === "aws_iam_policy_document" ? "data" : "managed",
          type,
          name: n,
          values: { name: n, role: n, bucket: n, [attribute]: policy },
        })),
      },
    },
  }));

/** CloudFormation resources that hold policies, with where they hold them. */
const TEMPLATE_RESOURCES = [
  ["AWS::IAM::ManagedPolicy", "PolicyDocument", "identity"],
  ["AWS::IAM::Role", "AssumeRolePolicyDocument", "trust"],
  ["AWS::IAM::Policy", "PolicyDocument", "identity"],
  ["AWS::S3::BucketPolicy", "PolicyDocument", "resource"],
  ["AWS::KMS::Key", "KeyPolicy", "resource"],
  ["AWS::SQS::QueuePolicy", "PolicyDocument", "resource"],
] as const;

export const grammarTemplate: fc.Arbitrary<unknown> = fc
  .array(placed(TEMPLATE_RESOURCES, ["value", "json"]), {
    minLength: 1,
    maxLength: 4,
  })
  .map((resources) => ({
    AWSTemplateFormatVersion: "2010-09-09",
    Resources: Object.fromEntries(
      resources.map(([[type, property], n, policy], i) => [
        `R${i}${n.replace(/-/g, "")}`,
        {
          Type: type,
          Properties: {
            [property]: policy,
            ...(type === "AWS::IAM::Role"
              ? { Policies: [{ PolicyName: n, PolicyDocument: policy }] }
              : type === "AWS::IAM::Policy"
                ? { PolicyName: n, Roles: [{ Ref: "R0" }] }
                : type === "AWS::S3::BucketPolicy"
                  ? { Bucket: n }
                  : {}),
          },
        },
      ]),
    ),
  }));
