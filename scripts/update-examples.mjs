// Regenerates every example's expected output (examples/*/expected/) from its
// leash.yaml with the built CLI. Run after `npm run build`; review the diff.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "examples");
for (const name of readdirSync(root).sort()) {
  const spec = join(root, name, "leash.yaml");
  if (!existsSync(spec)) continue;
  for (const format of ["json", "terraform", "cloudformation"]) {
    execFileSync(
      process.execPath,
      [
        "dist/cli/bin.js",
        "generate",
        spec,
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
