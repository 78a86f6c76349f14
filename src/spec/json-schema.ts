import { z } from "zod";
import { SpecSchema } from "./schema.js";

/**
 * The spec as JSON Schema (draft 2020-12), for editors (`yaml-language-server`)
 * and other tools. Generated from the same zod schema the loader validates
 * with, so the two cannot drift; schema/leash.schema.json is its committed copy.
 */
export function leashJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(SpecSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    $id: "https://unpkg.com/leash-iam/schema/leash.schema.json",
    title: "leash.yaml",
    description:
      "A leash spec: cloud targets, named resources, workloads and their needs, and teams.",
    ...schema,
  };
}
