import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectInputKind } from "../../src/clouds/aws/inputs/detect.js";
import { readLeashAwsJson } from "../../src/clouds/aws/inputs/leash-aws-json.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { at, nodeAt, position } from "./support.js";

// leash's own output for a platform of two teams: six roles, two boundaries, one SCP.
const file = join(
  import.meta.dirname,
  "..",
  "..",
  "examples",
  "multi-tenant-platform",
  "expected",
  "aws.json",
);
const text = readFileSync(file, "utf8");
const plain = JSON.parse(text) as {
  roles: { name: string; permissionBoundaryName: string }[];
  managedPolicies: { name: string }[];
  serviceControlPolicies: { name: string }[];
};

/** A minimal `aws.json` with `roles` and the rest given. */
const generated = (roles: unknown[], rest: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      cloud: "aws",
      catalogVersion: "1",
      roles,
      managedPolicies: [],
      serviceControlPolicies: [],
      ...rest,
    },
    null,
    2,
  );
const doc = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
};
const trust = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "sagemaker.amazonaws.com" },
      Action: "sts:AssumeRole",
    },
  ],
};

describe("readLeashAwsJson", () => {
  const result = readLeashAwsJson(text, file);

  it("is detected by content", async () => {
    expect((await detectInputKind(text, file)).kind).toBe("leash-aws-json");
    expect((await detectInputKind(text, "renamed.json")).kind).toBe("leash-aws-json");
  });

  it("judges each document as what it is: trust, inline (identity), boundary per role, SCP", () => {
    expect(result.diagnostics).toEqual([]);
    const role = plain.roles[0]!;
    const mine = result.documents.filter((d) => d.principal === `role/${role.name}`);
    expect(mine.map((d) => [d.type, d.name])).toEqual([
      ["trust", `${role.name} trust policy`],
      ["identity", `${role.name} policy ${role.name}-least-privilege`],
      ["boundary", role.permissionBoundaryName],
    ]);
    expect(result.documents.filter((d) => d.type === "scp").map((d) => d.name)).toEqual(
      plain.serviceControlPolicies.map((p) => p.name),
    );
    // Every role has a boundary, so no managed policy is judged as an identity policy.
    expect(result.documents.filter((d) => d.type === "identity" && !d.principal)).toEqual([]);
  });

  it("locates documents in aws.json: the boundary at its managed policy, once for all its roles", () => {
    const boundaries = result.documents.filter((d) => d.name === plain.managedPolicies[0]!.name);
    expect(boundaries.map((d) => d.type)).toEqual(["boundary", "boundary", "boundary"]);
    expect(new Set(boundaries.map((d) => d.node))).toHaveProperty("size", 1);
    const statement = nodeAt(boundaries[0]!.node, "Statement", 0);
    expect(statement.loc.pointer).toBe("/managedPolicies/0/document/Statement/0");
    const inline = result.documents.find((d) => d.type === "identity")!;
    const action = nodeAt(inline.node, "Statement", 0, "Action");
    expect(action.loc.pointer).toBe("/roles/0/inlinePolicies/0/document/Statement/0/Action");
    const [line, column] = position(text, '"Action": ', '"inlinePolicies"').split(":").map(Number);
    expect(at(action)).toBe(`${line}:${column! + '"Action": '.length}`);
  });

  it("lints clean (it was one broken policy with 8 aws/policy-syntax errors)", () => {
    expect(lintAws(result.documents)).toEqual([]);
  });

  it("takes a role's own boundary copy when no managed policy carries it", () => {
    const r = readLeashAwsJson(
      generated([
        {
          name: "r",
          trustPolicy: trust,
          inlinePolicies: [],
          permissionBoundary: doc,
          permissionBoundaryName: null,
        },
      ]),
      "aws.json",
    );
    expect(r.documents.map((d) => [d.type, d.principal, d.node.loc.pointer])).toEqual([
      ["trust", "role/r", "/roles/0/trustPolicy"],
      ["boundary", "role/r", "/roles/0/permissionBoundary"],
    ]);
  });

  it("judges a managed policy no role uses as a standalone identity policy", () => {
    const r = readLeashAwsJson(
      generated([], { managedPolicies: [{ name: "m", document: doc }] }),
      "aws.json",
    );
    expect(r.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["identity", undefined, "m"],
    ]);
  });

  it.each([
    [
      "a role without a name",
      generated([{ trustPolicy: trust }]),
      "a role has no `name`",
      "/roles/0",
      "error",
    ],
    [
      "a role without a trust policy",
      generated([{ name: "r", inlinePolicies: [] }]),
      "role `r` has no `trustPolicy`",
      "/roles/0",
      "error",
    ],
    [
      "an inline policy that is not an object",
      generated([
        { name: "r", trustPolicy: trust, inlinePolicies: [{ name: "p", document: "x" }] },
      ]),
      "`document` of inline policy `p` of role `r` is a string, not a policy document",
      "/roles/0/inlinePolicies/0/document",
      "error",
    ],
    [
      "a boundary name missing from managedPolicies",
      generated([
        { name: "r", trustPolicy: trust, permissionBoundary: null, permissionBoundaryName: "b" },
      ]),
      "role `r` names boundary `b`, which is not in `managedPolicies`",
      "/roles/0/permissionBoundaryName",
      "error",
    ],
    [
      "a boundary copy that differs from its managed policy",
      generated(
        [{ name: "r", trustPolicy: trust, permissionBoundary: trust, permissionBoundaryName: "b" }],
        {
          managedPolicies: [{ name: "b", document: doc }],
        },
      ),
      "the boundary copy of role `r` differs from managed policy `b`, which is what the role uses",
      "/roles/0/permissionBoundary",
      "warning",
    ],
    [
      "inline policies that are not a list",
      generated([{ name: "r", trustPolicy: trust, inlinePolicies: {} }]),
      "`inlinePolicies` of role `r` is an object, not an array",
      "/roles/0/inlinePolicies",
      "error",
    ],
    [
      "a managed policy without a name",
      generated([], { managedPolicies: [{ document: doc }] }),
      "a managed policy has no `name`",
      "/managedPolicies/0",
      "error",
    ],
    [
      "roles that are not a list",
      generated([]).replace('"roles": []', '"roles": {}'),
      "`roles` is an object, not an array",
      "/roles",
      "error",
    ],
  ])("reports %s", (_, input, message, pointer, severity) => {
    const r = readLeashAwsJson(input, "aws.json");
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: "input/invalid-leash-output",
        severity,
        message,
        location: expect.objectContaining({ file: "aws.json", pointer }),
      }),
    ]);
  });
});

describe("readLeashAwsJson on odd values", () => {
  it("reports every malformed entry and keeps the rest, without throwing", () => {
    const text = JSON.stringify({
      cloud: "aws",
      roles: [
        null,
        1,
        { name: "__proto__", trustPolicy: {}, permissionBoundaryName: "constructor", tags: [1] },
      ],
      managedPolicies: [{ name: "constructor", document: {} }, null],
      serviceControlPolicies: "x",
    });
    const r = readLeashAwsJson(text, "aws.json");
    expect(r.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["trust", "role/__proto__", "__proto__ trust policy"],
      ["boundary", "role/__proto__", "constructor"],
    ]);
    expect(r.diagnostics.map((d) => d.location?.pointer)).toEqual([
      "/managedPolicies/1",
      "/serviceControlPolicies",
      "/roles/0",
      "/roles/1",
    ]);
  });
});
