import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES, VERBS, WORKLOAD_KINDS } from "../../src/spec/index.js";
import { leashJsonSchema } from "../../src/spec/json-schema.js";

const committedPath = join(import.meta.dirname, "..", "..", "schema", "leash.schema.json");
const committedText = readFileSync(committedPath, "utf8");
const schema = leashJsonSchema();

type Json = Record<string, unknown>;
/** The sub-schema at a path of property names and array indexes. */
const at = (path: readonly (string | number)[]): Json =>
  path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, schema);

describe("the JSON Schema", () => {
  it("is exactly the committed schema/leash.schema.json (run `npm run schema` after changing the zod schema)", () => {
    expect(JSON.parse(committedText)).toEqual(schema);
    expect(committedText).toBe(`${JSON.stringify(schema, null, 2)}\n`);
  });

  it.each([
    {
      claim: "is draft 2020-12 with the published $id",
      path: [],
      has: {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $id: "https://unpkg.com/leash-iam/schema/leash.schema.json",
        type: "object",
        additionalProperties: false,
      },
    },
    {
      claim: "requires version, name, targets and workloads",
      path: [],
      has: { required: ["version", "name", "targets", "workloads"] },
    },
    {
      claim: "lists every workload kind",
      path: ["properties", "workloads", "additionalProperties", "properties", "kind"],
      has: { enum: [...WORKLOAD_KINDS] },
    },
    {
      claim: "rejects unknown workload keys and requires a kind",
      path: ["properties", "workloads", "additionalProperties"],
      has: { additionalProperties: false, required: ["kind"] },
    },
    {
      claim: "requires a 12-digit account id and a region",
      path: ["properties", "targets", "properties", "aws"],
      has: {
        required: ["account", "region"],
        properties: expect.objectContaining({
          account: { type: "string", pattern: "^\\d{12}$" },
        }),
      },
    },
  ])("$claim", ({ path, has }) => {
    expect(at(path)).toMatchObject(has);
  });

  it("offers one resource schema per resource type", () => {
    const variants = at(["properties", "resources", "additionalProperties"]).oneOf as Json[];
    const types = variants.map((v) => (v.properties as Record<string, Json>).type!.const);
    expect(types).toEqual([...RESOURCE_TYPES]);
  });

  it("offers one need shape per verb, each with an optional `as`", () => {
    const needs = at(["properties", "workloads", "additionalProperties", "properties", "needs"]);
    const variants = (needs.items as Json).anyOf as Json[];
    expect(variants.map((v) => v.required)).toEqual(VERBS.map((v) => [v]));
    expect(variants.every((v) => "as" in (v.properties as Json))).toBe(true);
  });
});
