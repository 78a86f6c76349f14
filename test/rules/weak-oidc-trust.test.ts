import { lintRows, policy } from "./lint-rows.js";

const WO = "aws/weak-oidc-trust";
const GITHUB = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const oidc = (provider: string, condition?: object, action = "sts:AssumeRoleWithWebIdentity") =>
  policy({
    Effect: "Allow",
    Principal: { Federated: provider },
    Action: action,
    ...(condition ? { Condition: condition } : {}),
  });
const aud = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" };

lintRows(
  [WO],
  [
    {
      given: "GitHub with aud and an exact branch sub",
      type: "trust",
      policy: oidc(GITHUB, {
        StringEquals: {
          ...aud,
          "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main",
        },
      }),
      findings: [],
    },
    {
      // A negated operator names who may NOT assume the role: every other repository may.
      given: "GitHub with aud and `StringNotEquals` on sub",
      type: "trust",
      policy: oidc(GITHUB, {
        StringEquals: aud,
        StringNotEquals: {
          "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main",
        },
      }),
      findings: [[WO, 7, 22, "does not pin `token.actions.githubusercontent.com:sub`"]],
    },
    {
      given: "GitHub with aud and a sub wildcard after the repository",
      type: "trust",
      policy: oidc(GITHUB, {
        StringEquals: aud,
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/app:*" },
      }),
      findings: [[WO, 15, 54, "GitHub `sub` `repo:acme/app:*` uses a wildcard"]],
    },
    {
      given: "GitHub with a repository wildcard and no aud",
      type: "trust",
      policy: oidc(GITHUB, {
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" },
      }),
      findings: [
        [WO, 7, 22, "does not pin `token.actions.githubusercontent.com:aud`"],
        [WO, 12, 54, "`repo:acme/*` uses a wildcard"],
      ],
    },
    {
      given: "GitHub with an exact branch and a wildcard environment in one list",
      type: "trust",
      policy: oidc(GITHUB, {
        StringEquals: aud,
        StringLike: {
          "token.actions.githubusercontent.com:sub": [
            "repo:acme/app:ref:refs/heads/main",
            "repo:acme/app:environment:*",
          ],
        },
      }),
      findings: [[WO, 17, 13, "`repo:acme/app:environment:*`"]],
    },
    {
      given: "GitHub with an exact environment",
      type: "trust",
      policy: oidc(GITHUB, {
        StringEquals: {
          ...aud,
          "token.actions.githubusercontent.com:sub": "repo:acme/app:environment:prod",
        },
      }),
      findings: [],
    },
    {
      given: "GitHub with no condition at all",
      type: "trust",
      policy: oidc(GITHUB),
      findings: [
        [WO, 7, 22, "does not pin `token.actions.githubusercontent.com:aud`"],
        [WO, 7, 22, "any identity of the provider may assume the role"],
      ],
    },
    {
      given:
        "an EKS provider with aud and a namespace wildcard sub (wildcards are judged for GitHub only)",
      type: "trust",
      policy: oidc(
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
        {
          StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" },
          StringLike: {
            "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:ml:*",
          },
        },
      ),
      findings: [],
    },
    {
      given: "an EKS provider without sub",
      type: "trust",
      policy: oidc(
        "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
        { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com" } },
      ),
      findings: [[WO, 7, 22, "does not pin `oidc.eks.us-east-1.amazonaws.com/id/ABC:sub`"]],
    },
    {
      given: "a SAML provider (sts:AssumeRoleWithSAML is not web identity)",
      type: "trust",
      policy: oidc(
        "arn:aws:iam::123456789012:saml-provider/corp",
        { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
        "sts:AssumeRoleWithSAML",
      ),
      findings: [],
    },
    {
      given: "a Cognito identity pool trust as AWS documents it (aud and amr)",
      type: "trust",
      policy: oidc("cognito-identity.amazonaws.com", {
        StringEquals: {
          "cognito-identity.amazonaws.com:aud": "us-east-1:1a2b3c4d-5678-90ab-cdef-1234567890ab",
        },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      }),
      findings: [],
    },
  ],
);
