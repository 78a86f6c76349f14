import type { Diagnostic } from "../../diagnostics/index.js";
import { skippedWhy } from "../../outputs/findings-run.js";

const READS =
  "leash lint reads IAM policy JSON, `aws iam get-account-authorization-details` exports, CloudFormation templates (JSON or YAML), Terraform `.tf` files, `terraform show -json` output and leash.yaml specs; inside folders it opens .json, .yaml, .yml, .tf and .template files";

/**
 * A run that found no IAM at all is an error, never a silent pass: a CI gate
 * pointed at the wrong folder, or at files leash cannot read, must say so.
 * The message says what was looked at and why none of it was IAM.
 */
export function nothingToLint(
  paths: readonly string[],
  inputs: { files: number; skipped: readonly { file: string; reason: "not-iam" | "ignored" }[] },
  warnings = 0,
): Diagnostic {
  const looked = inputs.files + inputs.skipped.length;
  const why = [
    ...(inputs.files > 0
      ? [`${inputs.files} with no policy in ${inputs.files === 1 ? "it" : "them"}`]
      : []),
    ...(inputs.skipped.length > 0 ? [skippedWhy(inputs.skipped)] : []),
  ].join(", ");
  return {
    code: "input/nothing-to-lint",
    severity: "error",
    message:
      warnings > 0
        ? `no IAM analysed in ${paths.map((p) => `\`${p}\``).join(", ")}: looked at ${looked} file${looked === 1 ? "" : "s"}; ${warnings === 1 ? "the warning above says" : `the ${warnings} warnings above say`} why`
        : `no IAM found in ${paths.map((p) => `\`${p}\``).join(", ")}: looked at ${looked} file${looked === 1 ? "" : "s"}${why ? ` (${why})` : ""}`,
    help: READS,
  };
}
