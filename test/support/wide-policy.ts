import { writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * An identity policy that lints to two findings (aws/data-exfiltration, high,
 * and aws/star-resource, medium): `s3:GetObject` on every resource.
 */
export const WIDE_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
};

/** Writes WIDE_POLICY as `dir/name` and returns its path. */
export function writeWidePolicy(dir: string, name = "wide.json"): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(WIDE_POLICY));
  return path;
}
