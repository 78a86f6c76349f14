// Part of `npm run build`: writes the compact AWS catalog index beside the
// compiled catalog (see src/clouds/aws/catalog/compact-index.ts for why).
import { renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { COMPACT_INDEX_URL, encodeCompactIndex } from "../dist/clouds/aws/catalog/compact-index.js";
import { packageSource } from "../dist/clouds/aws/catalog/data-files.js";

const text = encodeCompactIndex(packageSource());
// Written beside and renamed into place, so that an interrupted build leaves no partial index.
const target = fileURLToPath(COMPACT_INDEX_URL);
writeFileSync(`${target}.tmp`, text);
renameSync(`${target}.tmp`, target);
