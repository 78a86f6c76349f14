import { readFileSync } from "node:fs";

/**
 * The name and version of the installed package, read from its package.json
 * (two folders up from both src/cli and dist/cli), so that `--version`, SARIF's
 * tool version and the links to this version's files never disagree with
 * what npm installed.
 */
export interface PackageInfo {
  name: string;
  version: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (!cached) {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as PackageInfo;
    cached = { name: pkg.name, version: pkg.version };
  }
  return cached;
}
