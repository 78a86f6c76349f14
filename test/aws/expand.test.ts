import { describe, expect, it } from "vitest";
import { awsCatalog } from "../../src/clouds/aws/catalog/catalog.js";
import { ActionExpander } from "../../src/clouds/aws/catalog/expand.js";

// IAM User Guide, "IAM JSON policy elements: Action": actions match case-insensitively, and
// `*` and `?` match across the whole `service:action` name.
describe("ActionExpander.expand", () => {
  const expander = new ActionExpander(awsCatalog());
  const names = (pattern: string) => expander.expand(pattern).map((a) => a.fullName);

  it("names one action for an exact name, in any case", () => {
    expect(names("S3:getobject")).toEqual(["s3:GetObject"]);
  });

  it("matches a wildcard in the action name within the service", () => {
    expect(names("s3:GetObjectT*")).toEqual(["s3:GetObjectTagging", "s3:GetObjectTorrent"]);
  });

  it("matches a pattern without a colon against whole names, and a plain word not at all", () => {
    const any = names("*:GetObjectTorrent");
    expect(any).toEqual(["s3:GetObjectTorrent"]);
    expect(names("*GetObjectTorrent")).toEqual(any);
    expect(names("s3")).toEqual([]);
  });

  it("names nothing for an unknown service or action", () => {
    expect(names("s4:GetObject")).toEqual([]);
    expect(names("s3:GetObjekt")).toEqual([]);
  });
});
