import { describe, expect, it } from "vitest";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { loadSpec } from "../../src/spec/index.js";

/**
 * Trust policies per identity (Amazon EKS User Guide, "IAM roles for service
 * accounts": the OIDC provider as Federated principal, `:sub` the service
 * account, `:aud` sts.amazonaws.com; GitHub, "Configuring OpenID Connect in AWS").
 */
const spec = (identity: string) => `version: 1
name: ids
targets: {aws: {account: "111122223333", region: eu-west-1}}
resources: {data: {type: s3-prefix, uri: s3://acme-data/x/}}
workloads:
  app:
    kind: ci-stage
    identity: ${identity}
    needs: [{read: data}]
`;

function trustOf(identity: string) {
  const { spec: s, diagnostics } = loadSpec(spec(identity), "ids.yaml");
  expect(diagnostics).toEqual([]);
  const { generation } = generateAws(s!);
  expect(generation?.selfCheck.ok).toBe(true);
  return generation!.roles[0]!.trustPolicy.Statement[0]!;
}

describe("trust policies by identity", () => {
  it.each([
    [
      "an EKS service account",
      "{eks: {oidcProvider: oidc.eks.eu-west-1.amazonaws.com/id/ABC123, namespace: ml, serviceAccount: trainer}}",
      {
        Principal: {
          Federated:
            "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123",
        },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:aud": "sts.amazonaws.com",
            "oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub": "system:serviceaccount:ml:trainer",
          },
        },
      },
    ],
    [
      "a GitHub environment",
      "{github: {repo: acme/ml, environment: staging}}",
      {
        Principal: {
          Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:acme/ml:environment:staging",
          },
        },
      },
    ],
    [
      "a CI service",
      "{service: codebuild.amazonaws.com}",
      {
        Principal: { Service: "codebuild.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
      },
    ],
  ])("trusts %s", (_name, identity, want) => {
    expect(trustOf(identity)).toMatchObject(want);
  });
});
