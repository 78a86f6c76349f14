// Regenerates every example's expected output (examples/*/expected/) from its
// leash.yaml with the built CLI. Run after `npm run build`; review the diff.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "examples");
for (const name of readdirSync(root).sort()) {
  const spec = join(root, name, "leash.yaml");
  if (!existsSync(spec)) continue;
  const clouds = readFileSync(spec, "utf8").includes("\n  gcp:") ? ["aws", "gcp"] : ["aws"];
  for (const [cloud, format] of clouds.flatMap((c) =>
    (c === "aws" ? ["json", "terraform", "cloudformation"] : ["json", "terraform"]).map((f) => [
      c,
      f,
    ]),
  )) {
    execFileSync(
      process.execPath,
      [
        "dist/cli/bin.js",
        "generate",
        spec,
        "--cloud",
        cloud,
        "--format",
        format,
        "--out",
        join(root, name, "expected"),
        "--force",
      ],
      { stdio: "inherit" },
    );
  }
}
