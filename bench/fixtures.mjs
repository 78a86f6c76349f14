// Fixed inputs for the AWS evaluation benchmark: a 20-statement identity
// policy (wildcards, NotAction, NotResource, a dozen condition operators),
// an SCP, a permissions boundary, and 20,000 requests across 16 services,
// generated from a fixed seed so every run sees the same input.

const ACCOUNT = "111122223333";

export const identityPolicy = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "S3ReadDatasets",
      Effect: "Allow",
      Action: ["s3:Get*", "s3:List*"],
      Resource: ["arn:aws:s3:::acme-ml-datasets", "arn:aws:s3:::acme-ml-datasets/*"],
    },
    {
      Sid: "S3WriteArtifacts",
      Effect: "Allow",
      Action: "s3:PutObject",
      Resource: "arn:aws:s3:::acme-ml-artifacts/${aws:PrincipalTag/team}/*",
      Condition: { StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
    },
    {
      Sid: "SageMakerJobs",
      Effect: "Allow",
      Action: ["sagemaker:CreateTrainingJob", "sagemaker:Describe*", "sagemaker:Stop*"],
      Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/fraud-*`,
      Condition: {
        Bool: { "sagemaker:NetworkIsolation": "true" },
        "ForAllValues:StringLike": { "sagemaker:VpcSubnets": ["subnet-0a*", "subnet-0b*"] },
      },
    },
    {
      Sid: "InvokeEndpoints",
      Effect: "Allow",
      Action: "sagemaker:InvokeEndpoint",
      Resource: `arn:aws:sagemaker:*:${ACCOUNT}:endpoint/*`,
      Condition: { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"] } },
    },
    {
      Sid: "EcrPull",
      Effect: "Allow",
      Action: [
        "ecr:BatchGetImage",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchCheckLayerAvailability",
      ],
      Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fraud-*`,
    },
    { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    {
      Sid: "Logs",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/*`,
    },
    {
      Sid: "KmsViaS3",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/*`,
      Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } },
    },
    {
      Sid: "Secrets",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ml/*`,
      Condition: { StringEqualsIgnoreCase: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } },
    },
    {
      Sid: "Bedrock",
      Effect: "Allow",
      Action: "bedrock:InvokeModel*",
      Resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.*",
      Condition: { NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } },
    },
    {
      Sid: "DynamoFeatures",
      Effect: "Allow",
      Action: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
      Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/features-*`,
      Condition: {
        "ForAllValues:StringEquals": { "dynamodb:Attributes": ["pk", "sk", "score", "updated"] },
      },
    },
    {
      Sid: "LambdaInvoke",
      Effect: "Allow",
      Action: "lambda:InvokeFunction",
      Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fraud-*`,
      Condition: { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } },
    },
    {
      Sid: "SqsQueues",
      Effect: "Allow",
      Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
      Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:inference-*`,
      Condition: { ArnLike: { "aws:SourceArn": `arn:aws:sns:us-east-1:${ACCOUNT}:*` } },
    },
    {
      Sid: "CloudWatchMetrics",
      Effect: "Allow",
      Action: "cloudwatch:PutMetricData",
      Resource: "*",
      Condition: { StringLike: { "cloudwatch:namespace": "ML/*" } },
    },
    {
      Sid: "PassTrainingRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: `arn:aws:iam::${ACCOUNT}:role/sagemaker-*`,
      Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
    },
    {
      Sid: "ReadOnlyEverythingElse",
      Effect: "Allow",
      NotAction: ["iam:*", "organizations:*", "kms:*", "s3:*", "secretsmanager:*"],
      Resource: "*",
      Condition: {
        Bool: { "aws:SecureTransport": "true" },
        StringEqualsIfExists: { "aws:RequestedRegion": "us-east-1" },
      },
    },
    {
      Sid: "DenyOutsideOrg",
      Effect: "Deny",
      Action: "*",
      NotResource: ["arn:aws:s3:::acme-*", "arn:aws:s3:::acme-*/*"],
      Condition: {
        StringNotEquals: { "aws:ResourceOrgID": "o-acme12345" },
        Null: { "aws:ResourceOrgID": "false" },
      },
    },
    {
      Sid: "DenyUnencryptedPut",
      Effect: "Deny",
      Action: "s3:PutObject",
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": ["aws:kms", "aws:kms:dsse"] },
      },
    },
    {
      Sid: "DenyIamWrite",
      Effect: "Deny",
      Action: ["iam:Create*", "iam:Delete*", "iam:Put*", "iam:Attach*", "iam:Update*"],
      Resource: "*",
    },
    {
      Sid: "DenyOldTls",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
    },
  ],
};

export const scp = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "FullAccess", Effect: "Allow", Action: "*", Resource: "*" },
    {
      Sid: "RegionLock",
      Effect: "Deny",
      NotAction: ["iam:*", "sts:*", "organizations:*", "cloudfront:*", "route53:*", "support:*"],
      Resource: "*",
      Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } },
    },
    {
      Sid: "NoLeavingOrg",
      Effect: "Deny",
      Action: "organizations:LeaveOrganization",
      Resource: "*",
    },
  ],
};

export const boundary = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "MlServices",
      Effect: "Allow",
      Action: [
        "s3:*",
        "sagemaker:*",
        "ecr:*",
        "logs:*",
        "kms:*",
        "secretsmanager:GetSecretValue",
        "bedrock:*",
        "dynamodb:*",
        "lambda:*",
        "sqs:*",
        "cloudwatch:*",
        "iam:PassRole",
        "ec2:Describe*",
        "sns:*",
        "events:*",
        "glue:Get*",
      ],
      Resource: "*",
    },
    {
      Sid: "NoBoundaryEscape",
      Effect: "Deny",
      Action: ["iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
    },
  ],
};

export const policySet = {
  identityPolicies: [identityPolicy],
  resourcePolicy: null,
  permissionBoundary: boundary,
  scps: [[scp]],
  rcps: null,
  sessionPolicy: null,
};

function mulberry32(seed) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEMPLATES = [
  [
    "s3:GetObject",
    (r) =>
      `arn:aws:s3:::${r.pick(["acme-ml-datasets", "acme-ml-artifacts", "other-bucket"])}/fraud/${r.n(100)}.parquet`,
  ],
  ["s3:ListBucket", () => "arn:aws:s3:::acme-ml-datasets"],
  [
    "s3:PutObject",
    (r) => `arn:aws:s3:::acme-ml-artifacts/${r.pick(["risk", "growth"])}/model-${r.n(50)}.tar.gz`,
  ],
  ["s3:DeleteObject", (r) => `arn:aws:s3:::acme-ml-datasets/tmp/${r.n(10)}`],
  [
    "sagemaker:CreateTrainingJob",
    (r) =>
      `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/${r.pick(["fraud", "churn"])}-${r.n(1000)}`,
  ],
  [
    "sagemaker:DescribeTrainingJob",
    (r) => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/fraud-${r.n(1000)}`,
  ],
  [
    "sagemaker:InvokeEndpoint",
    (r) => `arn:aws:sagemaker:${r.pick(["us-east-1", "eu-west-1"])}:${ACCOUNT}:endpoint/fraud-prod`,
  ],
  ["sagemaker:DeleteEndpoint", () => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint/fraud-prod`],
  [
    "ecr:BatchGetImage",
    (r) =>
      `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/${r.pick(["fraud-train", "fraud-serve", "web"])}`,
  ],
  ["ecr:GetAuthorizationToken", () => "*"],
  ["ecr:PutImage", () => `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/fraud-train`],
  [
    "logs:PutLogEvents",
    (r) =>
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/sagemaker/TrainingJobs:log-stream:fraud-${r.n(100)}`,
  ],
  [
    "kms:Decrypt",
    () => `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  ],
  [
    "secretsmanager:GetSecretValue",
    (r) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ml/${r.pick(["db", "api"])}-AbCdEf`,
  ],
  [
    "bedrock:InvokeModel",
    (r) =>
      `arn:aws:bedrock:us-east-1::foundation-model/${r.pick(["anthropic.claude-3", "meta.llama3"])}`,
  ],
  [
    "dynamodb:Query",
    (r) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/features-${r.pick(["fraud", "churn"])}`,
  ],
  ["lambda:InvokeFunction", () => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fraud-scorer`],
  ["sqs:SendMessage", () => `arn:aws:sqs:us-east-1:${ACCOUNT}:inference-requests`],
  ["cloudwatch:PutMetricData", () => "*"],
  ["iam:PassRole", (r) => `arn:aws:iam::${ACCOUNT}:role/${r.pick(["sagemaker-train", "admin"])}`],
  ["iam:CreateRole", () => `arn:aws:iam::${ACCOUNT}:role/new`],
  ["ec2:DescribeInstances", () => "*"],
  ["glue:GetTable", () => `arn:aws:glue:us-east-1:${ACCOUNT}:table/ml/features`],
  ["sns:Publish", () => `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`],
  ["organizations:LeaveOrganization", () => "*"],
];

/** The 20,000 requests, always the same. */
export function requests(count = 20_000) {
  const rand = mulberry32(20261122);
  const r = { n: (k) => Math.floor(rand() * k), pick: (xs) => xs[Math.floor(rand() * xs.length)] };
  const out = [];
  for (let i = 0; i < count; i++) {
    const [action, resource] = TEMPLATES[r.n(TEMPLATES.length)];
    const context = {
      "aws:RequestedRegion": r.pick(["us-east-1", "us-east-1", "eu-west-1", "ap-south-1"]),
      "aws:SecureTransport": rand() < 0.9,
      "aws:SourceIp": r.pick(["10.1.2.3", "203.0.113.9", "2001:db8::7"]),
      "aws:PrincipalTag/team": r.pick(["risk", "growth"]),
      "aws:MultiFactorAuthAge": r.n(7200),
      "aws:CurrentTime": "2026-11-22T10:00:00Z",
    };
    if (action === "s3:PutObject")
      context["s3:x-amz-server-side-encryption"] = r.pick(["aws:kms", "AES256"]);
    if (action === "s3:ListBucket") context["s3:prefix"] = r.pick(["fraud/v3/", "other/"]);
    if (action.startsWith("sagemaker:Create")) {
      context["sagemaker:NetworkIsolation"] = rand() < 0.7;
      context["sagemaker:VpcSubnets"] = [r.pick(["subnet-0a1", "subnet-0c9"])];
    }
    if (action === "kms:Decrypt")
      context["kms:ViaService"] = r.pick([
        "s3.us-east-1.amazonaws.com",
        "ec2.us-east-1.amazonaws.com",
      ]);
    if (action === "iam:PassRole")
      context["iam:PassedToService"] = r.pick(["sagemaker.amazonaws.com", "ec2.amazonaws.com"]);
    if (action === "sqs:SendMessage")
      context["aws:SourceArn"] = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
    if (action === "dynamodb:Query")
      context["dynamodb:Attributes"] = r.pick([
        ["pk", "score"],
        ["pk", "ssn"],
      ]);
    if (action === "cloudwatch:PutMetricData")
      context["cloudwatch:namespace"] = r.pick(["ML/Training", "Billing"]);
    if (action.startsWith("secretsmanager"))
      context["aws:ResourceTag/team"] = r.pick(["RISK", "growth"]);
    if (rand() < 0.2) context["aws:ResourceOrgID"] = r.pick(["o-acme12345", "o-other"]);
    out.push({
      principal: `arn:aws:sts::${ACCOUNT}:assumed-role/ml-${context["aws:PrincipalTag/team"]}/job-${r.n(50)}`,
      action,
      resource: resource(r),
      context,
    });
  }
  return out;
}
