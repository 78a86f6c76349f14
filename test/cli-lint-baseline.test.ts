import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { type Finding, legacyFindingFingerprint } from "../src/model/index.js";
import { titled } from "./support/rows.js";
import { tempFiles } from "./support/temp-files.js";

const { dir, file } = tempFiles("leash-lint-baseline-");

describe("leash lint baselines follow statements, not positions", () => {
  const statements = {
    named: {
      Sid: "ReadEverything",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
    },
    anonymous: { Effect: "Allow", Action: ["iam:PassRole"], Resource: "*" },
    fresh: { Effect: "Allow", Action: "kms:Decrypt", Resource: "*" },
  };
  const policy = (name: string, list: unknown[], indent = 2) =>
    file(name, JSON.stringify({ Version: "2012-10-17", Statement: list }, null, indent));

  it.each(
    titled(
      [
        {
          name: "a statement inserted before them",
          after: [statements.fresh, statements.named, statements.anonymous],
        },
        {
          name: "the statements reordered",
          after: [statements.anonymous, statements.named],
        },
        {
          name: "keys reordered, a one-item list written as a string, other white space",
          after: [
            { Resource: "*", Action: "s3:GetObject", Effect: "Allow", Sid: "ReadEverything" },
            { Resource: ["*"], Action: "iam:PassRole", Effect: "Allow" },
          ],
          indent: 0,
        },
      ],
      (row) => `keeps accepted findings accepted with ${row.name}`,
    ),
  )("%s", async (_, { after, indent }) => {
    const name = `baseline-${after.length}-${indent ?? 2}.json`;
    const before = policy(name, [statements.named, statements.anonymous]);
    const baseline = join(dir, `${name}.baseline`);
    expect((await run(["lint", before, "--write-baseline", baseline, "--force"])).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(baseline, "utf8")).version).toBe(2);
    policy(name, after, indent);
    const r = await run(["lint", before, "--baseline", baseline, "--format", "json"]);
    const fresh = JSON.parse(r.stdout ?? "").findings as { location: { pointer: string } }[];
    // Only the inserted statement's findings are new.
    const insertedAt = (after as unknown[]).indexOf(statements.fresh);
    expect(fresh.map((f) => f.location.pointer.split("/")[2])).toEqual(
      fresh.map(() => String(insertedAt)),
    );
    expect(r.exitCode).toBe(insertedAt >= 0 && fresh.length > 0 ? 1 : 0);
  });

  it("revives a finding whose statement changed, and separates same-Sid statements of two policies", async () => {
    const before = policy("changed.json", [statements.anonymous]);
    const baseline = join(dir, "changed.baseline");
    await run(["lint", before, "--write-baseline", baseline, "--force"]);
    policy("changed.json", [
      { ...statements.anonymous, Action: ["iam:PassRole", "ec2:RunInstances"] },
    ]);
    const r = await run(["lint", before, "--baseline", baseline]);
    expect(r.exitCode).toBe(1);
  });

  it("takes the same statement given to a new role for a new finding, a moved resource for an old one", async () => {
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
    const role = (name: string) => ({
      Type: "AWS::IAM::Policy",
      Properties: {
        PolicyName: name,
        Roles: [name],
        PolicyDocument: { Version: "2012-10-17", Statement: [statement] },
      },
    });
    const template = (resources: Record<string, unknown>) =>
      file("roles.template.json", { AWSTemplateFormatVersion: "2010-09-09", Resources: resources });
    const path = template({ Train: role("train"), Serve: role("serve") });
    const baseline = join(dir, "roles.baseline");
    await run(["lint", path, "--write-baseline", baseline, "--force"]);
    template({ Serve: role("serve"), Other: { Type: "AWS::S3::Bucket" }, Train: role("train") });
    expect((await run(["lint", path, "--baseline", baseline])).exitCode).toBe(0);
    template({ Train: role("train"), Serve: role("serve"), Deploy: role("deploy") });
    const r = await run(["lint", path, "--baseline", baseline, "--format", "json"]);
    expect(r.exitCode).toBe(1);
    const fresh = JSON.parse(r.stdout ?? "").findings as { location: { pointer: string } }[];
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((f) => f.location.pointer.startsWith("/Resources/Deploy/"))).toBe(true);
  });

  it("still reads a version 1 baseline (by position) and says to rewrite it", async () => {
    const p = policy("v1.json", [statements.named, statements.anonymous]);
    const findings = JSON.parse((await run(["lint", p, "--format", "json"])).stdout ?? "")
      .findings as Finding[];
    const v1 = file("v1.baseline.json", {
      version: 1,
      findings: findings.map((f) => ({
        fingerprint: legacyFindingFingerprint(f),
        ruleId: f.ruleId,
        file: f.location.file,
        pointer: f.location.pointer,
      })),
    });
    const r = await run(["lint", p, "--baseline", v1]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`${findings.length} findings accepted by the baseline`);
    expect(r.stderr).toContain("warning config/baseline-v1:");
    expect(r.stderr).toContain("help: rewrite it with --write-baseline");
  });
});
