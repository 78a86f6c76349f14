/**
 * What each kind of input looks like: cheap checks that choose a reader
 * without loading it (the CloudFormation and spec readers pull in the YAML
 * parser and the spec schema).
 */

/** True for a parsed value that looks like a CloudFormation template. */
export function isCloudFormationTemplate(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  if ("AWSTemplateFormatVersion" in value) return true;
  const resources = (value as { Resources?: unknown }).Resources;
  if (resources === null || typeof resources !== "object" || Array.isArray(resources)) return false;
  return Object.values(resources).some(
    (r) =>
      r !== null &&
      typeof r === "object" &&
      typeof (r as { Type?: unknown }).Type === "string" &&
      /^AWS::/.test((r as { Type: string }).Type),
  );
}

/** A YAML text that looks like a leash spec (not every YAML file is one). */
export function isLeashSpec(text: string): boolean {
  return /^version:\s*1\s*$/m.test(text) && /^workloads:/m.test(text);
}
