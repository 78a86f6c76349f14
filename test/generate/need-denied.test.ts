import { describe, expect, it } from "vitest";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { loadSpec } from "../../src/spec/index.js";
import { SPEC_HEADER } from "../support/spec-text.js";

/**
 * A need the self-check finds denied is reported at its place in the spec,
 * with its real cause: a resource in another account needs its own policy.
 */
const HEADER = [
  ...SPEC_HEADER,
  "resources:",
  "  data: {type: s3-prefix, uri: s3://acme-data/x/}",
  "  out: {type: s3-prefix, uri: s3://acme-models/x/}",
  "  key: {type: kms-key, arn: arn:aws:kms:us-east-1:444455556666:key/k1}",
];
const KEY = "arn:aws:kms:us-east-1:444455556666:key/k1";

function generated(...lines: string[]) {
  const { spec, diagnostics } = loadSpec(`${[...HEADER, ...lines].join("\n")}\n`, "leash.yaml");
  expect(diagnostics).toEqual([]);
  return generateAws(spec!);
}

const summary = (d: { code: string; location?: { pointer: string; line: number } }) => [
  d.code,
  d.location?.pointer,
  d.location?.line,
];

describe("a need denied by a key in another account", () => {
  it("is reported at the need, says the key policy must allow the role, and is not counted granted", () => {
    const { generation, diagnostics } = generated(
      "workloads:",
      "  t:",
      "    kind: training-job",
      "    needs: [{read: data}, {write: out}, {decrypt: key}]",
    );
    expect(diagnostics.map(summary)).toEqual([
      ["generate/need-denied", "/workloads/t/needs/2", 14],
    ]);
    expect(diagnostics[0]!.message).toBe(
      `\`demo-t\` is denied \`kms:Decrypt\` on \`${KEY}\`, which its need \`decrypt: key\` asks for: the resource is in account 444455556666, not 111122223333, and across accounts its own key policy must allow the role too`,
    );
    expect(diagnostics[0]!.help).toContain(
      "statement allowing `arn:aws:iam::111122223333:role/demo-t` to `kms:Decrypt`",
    );
    expect(generation?.selfCheck.roles[0]).toMatchObject({
      needsGranted: 2,
      needsDenied: [{ action: "kms:Decrypt", resource: KEY, need: "2:decrypt:key" }],
    });
  });

  it("as the encryption key, is reported at `encryption.kmsKey` for each action", () => {
    const { diagnostics } = generated(
      "workloads:",
      "  t:",
      "    kind: training-job",
      "    needs: [{read: data}, {write: out}]",
      "    encryption: {kmsKey: key}",
    );
    expect(diagnostics.map(summary)).toEqual(
      ["kms:CreateGrant", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"].map(() => [
        "generate/need-denied",
        "/workloads/t/encryption/kmsKey",
        15,
      ]),
    );
    expect(diagnostics.every((d) => d.message.includes("its encryption key `key`"))).toBe(true);
  });
});

describe("a team boundary's services", () => {
  it("are service prefixes of the catalog: a misspelt one is an error at its place, with a suggestion", () => {
    const { spec } = loadSpec(
      [
        ...HEADER,
        "workloads:",
        "  t: {kind: notebook, team: a, needs: [{read: data}]}",
        "teams:",
        "  a: {boundary: {services: [s3, sagemker]}}",
        "",
      ].join("\n"),
      "leash.yaml",
    );
    const { generation, diagnostics } = generateAws(spec!);
    expect(generation).toBeUndefined();
    expect(diagnostics.map(summary)).toEqual([
      ["generate/unknown-service", "/teams/a/boundary/services/1", 14],
    ]);
    expect(diagnostics[0]!.help).toBe("did you mean `sagemaker`?");
  });
});
