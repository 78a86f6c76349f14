import { describe, expect, it } from "vitest";
import {
  intersects,
  resourceGlob,
  templateGlob,
} from "../../src/clouds/aws/catalog/arn-template.js";
import { hasTemplateExpression } from "../../src/clouds/aws/policy/condition-values.js";
import { lintRows, policy } from "./lint-rows.js";

const RT = "aws/resource-type-mismatch";
const allow = (Action: unknown, Resource: unknown) => policy({ Effect: "Allow", Action, Resource });

lintRows(
  [RT],
  [
    {
      given: "`s3:GetObject` on a bucket ARN (it reads objects)",
      policy: allow("s3:GetObject", "arn:aws:s3:::reports"),
      findings: [
        [
          RT,
          7,
          19,
          "`s3:GetObject` does not act on `arn:aws:s3:::reports`: no resource type it takes matches | `s3:GetObject` takes accesspointobject (`arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}`), or object (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`)",
        ],
      ],
    },
    {
      given: "`s3:ListBucket` on the bucket's objects (it lists a bucket)",
      policy: allow("s3:ListBucket", "arn:aws:s3:::reports/*"),
      findings: [[RT, 7, 19, "bucket (`arn:${Partition}:s3:::${BucketName}`)"]],
    },
    {
      given: "`s3:ListBucket` on `arn:aws:s3:::*/CodeDeploy/*` (bucket names have no `/`)",
      policy: allow("s3:ListBucket", "arn:aws:s3:::*/CodeDeploy/*"),
      findings: [[RT, 7, 19, "`s3:ListBucket` does not act on `arn:aws:s3:::*/CodeDeploy/*`"]],
    },
    {
      // Two reference pages under one prefix; the catalog keeps one page's row per action.
      given: "ELB V2 target groups and API Gateway V2 APIs, which the catalog's rows miss",
      policy: allow(
        ["elasticloadbalancing:AddTags", "apigateway:GET"],
        [
          "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/*",
          "arn:aws:apigateway:us-east-1::/apis/*",
        ],
      ),
      findings: [],
    },
    {
      given: "bucket and object actions on the bucket and its objects, the usual pair",
      policy: allow(
        ["s3:ListBucket", "s3:GetObject", "s3:PutObject"],
        ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"],
      ),
      findings: [],
    },
    {
      given: "several ARNs, none of a type one of the actions takes: reported at the first ARN",
      policy: allow(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::a/x", "arn:aws:s3:::b/y"]),
      findings: [[RT, 11, 9, "`s3:ListBucket` does not act on any of the 2 ARNs"]],
    },
    {
      given: "the policy's own wildcards may name an object (`reports*`, `*`)",
      policy: allow("s3:GetObject", ["arn:aws:s3:::reports*", "arn:aws:s3:::*"]),
      findings: [],
    },
    {
      given: "a policy variable as the bucket name",
      policy: allow(["s3:ListBucket"], "arn:aws:s3:::${aws:username}"),
      findings: [],
    },
    {
      given: "a policy variable in an object key",
      policy: allow("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"),
      findings: [],
    },
    {
      given: 'Resource "*" (star-resource judges it)',
      policy: allow("s3:GetObject", "*"),
      findings: [],
    },
    {
      given: "an action pattern (`s3:Get*`): patterns are not expanded for this check",
      policy: allow("s3:Get*", "arn:aws:s3:::reports"),
      findings: [],
    },
    {
      given:
        "an action the catalog lists with no resource type (`s3:ListAllMyBuckets`): not judged",
      policy: allow("s3:ListAllMyBuckets", "arn:aws:s3:::reports"),
      findings: [],
    },
    {
      given: "a Deny with a bucket ARN for an object action (only Allow is checked)",
      policy: policy({ Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports" }),
      findings: [],
    },
    {
      given: "NotResource (not checked)",
      policy: policy({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::x" }),
      findings: [],
    },
    {
      given: "a wrong-service ARN next to a right one: reported at the wrong one",
      policy: allow("s3:GetObject", [
        "arn:aws:s3:::reports/*",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
      ]),
      findings: [
        [
          RT,
          9,
          9,
          "`arn:aws:dynamodb:us-east-1:123456789012:table/orders` is an ARN of `dynamodb`, but no action of the statement acts on `dynamodb` resources | the statement's actions are `s3` actions",
        ],
      ],
    },
    {
      given: "only a wrong-service ARN: the wrong-service finding, not one per action as well",
      policy: allow(["s3:GetObject", "s3:PutObject"], "arn:aws:sqs:us-east-1:123456789012:jobs"),
      findings: [[RT, 10, 19, "is an ARN of `sqs`"]],
    },
    {
      given:
        "a service segment named like an Object property (`constructor`) is a service name, not Object's own",
      policy: allow("s3:GetObject", "arn:aws:constructor:us-east-1:123456789012:thing/x"),
      findings: [[RT, 7, 19, "is an ARN of `constructor`, but no action of the statement acts on"]],
    },
    {
      given: "an ARN of another service that an action takes (`ssm:SendCommand` on a bucket)",
      policy: allow("ssm:SendCommand", [
        "arn:aws:ssm:us-east-1::document/AWS-RunShellScript",
        "arn:aws:s3:::command-output",
      ]),
      findings: [],
    },
    {
      given: "a pattern of the ARN's service in the statement (`dynamodb:*`): no wrong-service ARN",
      policy: allow(
        ["s3:GetObject", "dynamodb:*"],
        ["arn:aws:s3:::r/*", "arn:aws:dynamodb:us-east-1:123456789012:table/t"],
      ),
      findings: [],
    },
    {
      given: "`iam:PassRole` on a user ARN (it passes roles)",
      policy: allow("iam:PassRole", "arn:aws:iam::123456789012:user/ci"),
      findings: [[RT, 7, 19, "role (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`)"]],
    },
    {
      given: "`iam:PassRole` on a role with a path",
      policy: allow("iam:PassRole", "arn:aws:iam::123456789012:role/service/sagemaker-train"),
      findings: [],
    },
    {
      given: "`dynamodb:GetItem` on an index (it reads tables; table names have no `/`)",
      policy: allow(
        "dynamodb:GetItem",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-date",
      ),
      findings: [[RT, 7, 19, "`dynamodb:GetItem` does not act on"]],
    },
    {
      given: "`dynamodb:Query` on the same index (it queries indexes too)",
      policy: allow(
        "dynamodb:Query",
        "arn:aws:dynamodb:us-east-1:123456789012:table/orders/index/by-date",
      ),
      findings: [],
    },
    {
      given: "`lambda:InvokeFunction` on a qualified function ARN (alias after the name)",
      policy: allow(
        "lambda:InvokeFunction",
        "arn:aws:lambda:us-east-1:123456789012:function:score:prod",
      ),
      findings: [],
    },
    {
      given: "a bucket ARN with a Region and account (S3 bucket ARNs have neither)",
      policy: allow("s3:ListBucket", "arn:aws:s3:us-east-1:123456789012:reports"),
      findings: [[RT, 7, 19, "`s3:ListBucket` does not act on"]],
    },
    {
      given: "every resource of the action's service (`arn:aws:logs:*:*:*`)",
      policy: allow("logs:PutLogEvents", "arn:aws:logs:*:*:*"),
      findings: [],
    },
    {
      given: "a CodeConnections ARN for a CodeStar Connections action (the service was renamed)",
      policy: allow(
        "codestar-connections:UseConnection",
        "arn:aws:codeconnections:us-east-1:123456789012:connection/abc",
      ),
      findings: [],
    },
    {
      given: "a CloudFormation expression that may stand for any ARN (not judged)",
      policy: allow("s3:GetObject", "arn:aws:s3:::${GetAtt:Bucket.Arn}"),
      findings: [],
    },
    {
      given: "the action's name in another case",
      policy: allow("S3:getobject", "arn:aws:s3:::reports"),
      findings: [[RT, 7, 19, "`s3:GetObject` does not act on `arn:aws:s3:::reports`"]],
    },
  ],
);

describe("ARN patterns against catalog templates", () => {
  const BUCKET = "arn:${Partition}:s3:::${BucketName}";
  const OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
  const ROLE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
  it.each([
    ["arn:aws:s3:::reports", BUCKET, true],
    ["arn:aws:s3:::reports", OBJECT, false],
    ["arn:aws:s3:::reports/*", BUCKET, false],
    ["arn:aws:s3:::reports/*", OBJECT, true],
    ["arn:aws:s3:::*", BUCKET, true],
    ["arn:aws:s3:::*", OBJECT, true],
    ["arn:aws:s3:::report?", BUCKET, true],
    ["arn:aws:s3:::*/*", BUCKET, false],
    ["arn:aws:s3:::${aws:username}", BUCKET, true],
    ["ARN:AWS:S3:::Reports", BUCKET, true],
    ["arn:aws:iam::123456789012:role/a/b/c", ROLE, true],
    ["arn:aws:iam::123456789012:user/a", ROLE, false],
    ["arn:aws:iam::*:role/*", ROLE, true],
    ["arn:aws:iam:us-east-1:123456789012:role/a", ROLE, false],
    ["arn:aws:*", ROLE, true],
    ["*", ROLE, true],
  ])("%s against %s: %s", (resource, template, expected) => {
    expect(intersects(resourceGlob(resource), templateGlob(template))).toBe(expected);
  });

  it.each([
    ["arn:aws:s3:::${aws:username}/*", false],
    ["arn:aws:s3:::${*}x", false],
    ["arn:aws:s3:::${GetAtt:Bucket.Arn}", true],
    ["arn:${AWS::Partition}:s3:::b", true],
    ["arn:aws:s3:::${aws_s3_bucket.data.id}/*", true],
    ["arn:aws:s3:::plain", false],
  ])("%s holds a template expression: %s", (value, expected) => {
    expect(hasTemplateExpression(value)).toBe(expected);
  });
});
