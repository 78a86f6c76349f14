// Writes catalogs/gcp/predefined-roles.json, the GCP catalog leash ships, from
// a list of roles as `gcloud iam roles list --view=FULL --format=json` prints
// it. Default input: the iam-dataset snapshot in ../shared/data (MIT).
//   npm run build && node scripts/build-gcp-catalog.mjs [ROLES.json] [VERSION]
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SHIPPED_CATALOG_URL } from "../dist/clouds/gcp/catalog/catalog.js";
import { encodeGcpCatalog } from "../dist/clouds/gcp/catalog/compact-catalog.js";

const input =
  process.argv[2] ??
  fileURLToPath(new URL("../../shared/data/gcp-predefined-roles.json", import.meta.url));
const version = process.argv[3] ?? "iam-dataset snapshot 2026-08-22";
const roles = JSON.parse(readFileSync(input, "utf8"));
const text = encodeGcpCatalog(
  roles,
  version,
  "GCP predefined roles from the iam-dataset project (MIT licence); see catalogs/gcp/NOTICE.md",
);
const target = fileURLToPath(SHIPPED_CATALOG_URL);
writeFileSync(`${target}.tmp`, text);
renameSync(`${target}.tmp`, target);
console.log(
  `${roles.length} roles -> ${target.split("/").slice(-3).join("/")} (${text.length} bytes)`,
);
