import { lintRows, policy } from "./lint-rows.js";

const UK = "aws/unknown-condition-key";
const withCondition = (condition: object) =>
  policy({
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::b/*",
    Condition: condition,
  });

lintRows(
  [UK],
  [
    {
      given: "a misspelt global key",
      policy: withCondition({ StringEquals: { "aws:SourceAcount": "123456789012" } }),
      findings: [[UK, 10, 11, "unknown global condition key `aws:SourceAcount`"]],
    },
    {
      given: "a misspelt service key",
      policy: withCondition({ StringLike: { "s3:prefx": "home/" } }),
      findings: [[UK, 10, 11, "`s3` has no condition key `s3:prefx` | did you mean `s3:prefix`?"]],
    },
    {
      // AWS KMS Developer Guide, "kms:EncryptionContext:context-key": the context key after
      // `kms:EncryptionContext:` is any text, `:` included (S3 sends `aws:s3:arn`). The catalog
      // lists it as `kms:EncryptionContext:${EncryptionContextKey}`; it was reported unknown.
      given:
        "encryption context keys, and a tag key on a service that writes `ResourceTag/tag-key`",
      policy: withCondition({
        StringEquals: {
          "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::b",
          "kms:EncryptionContext:Department": "ml",
          "secretsmanager:ResourceTag/Owner": "ml",
        },
      }),
      findings: [],
    },
    {
      // Keys with a `/` are literal unless the catalog writes a variable there: `apigateway`
      // lists `apigateway:Request/ApiName`, which is no template for other names.
      given: "an unknown name under a literal `/` key of API Gateway",
      policy: withCondition({ StringEquals: { "apigateway:Request/NoSuchKey": "x" } }),
      findings: [[UK, 10, 11, "`apigateway` has no condition key `apigateway:Request/NoSuchKey`"]],
    },
    {
      given: "known keys: global, tag templates, service, cross-service, other case",
      policy: withCondition({
        StringEquals: {
          "aws:PrincipalTag/team": "ml",
          "aws:ResourceTag/team": "ml",
          "aws:sourceaccount": "123456789012",
          "s3:ResourceAccount": "123456789012",
          "ec2:ResourceTag/Name": "x",
          "kms:ViaService": "s3.us-east-1.amazonaws.com",
          "sts:ExternalId": "x",
        },
      }),
      findings: [],
    },
    {
      given: "web identity and SAML keys (not in the catalog)",
      policy: withCondition({
        StringEquals: {
          "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main",
          "accounts.google.com:aud": "x",
        },
      }),
      findings: [],
    },
    {
      given: "an unknown key in a Deny",
      policy: policy({
        Effect: "Deny",
        Action: "s3:*",
        Resource: "*",
        Condition: { Bool: { "aws:SecureTransports": "false" } },
      }),
      findings: [[UK, 10, 11, "`aws:SecureTransports`"]],
    },
    {
      given: "a documented `secretsmanager:ResourceTag/tag-key` key",
      policy: withCondition({ StringEquals: { "secretsmanager:ResourceTag/team": "ml" } }),
      findings: [],
    },
    {
      given: "a key of a service that does not exist",
      policy: withCondition({ StringEquals: { "foo:bar": "x" } }),
      findings: [[UK, 10, 11]],
    },
  ],
);
