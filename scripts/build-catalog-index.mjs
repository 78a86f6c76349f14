// Part of `npm run build`: writes the compact AWS catalog index beside the
// compiled catalog (see src/clouds/aws/catalog/compact-index.ts for why).
import { writeFileSync } from "node:fs";
import { COMPACT_INDEX_URL, encodeCompactIndex } from "../dist/clouds/aws/catalog/compact-index.js";
import { packageSource } from "../dist/clouds/aws/catalog/data-files.js";

const text = encodeCompactIndex(packageSource());
writeFileSync(COMPACT_INDEX_URL, text);
