// Writes schema/leash.schema.json, the JSON Schema editors use to complete
// and check leash.yaml, from the spec's zod schema (src/spec/schema.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { leashJsonSchema } from "../dist/spec/json-schema.js";

const out = join(import.meta.dirname, "..", "schema", "leash.schema.json");
mkdirSync(join(out, ".."), { recursive: true });
writeFileSync(out, `${JSON.stringify(leashJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
