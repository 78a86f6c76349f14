import type { Diagnostic } from "../diagnostics/index.js";
import { isObject } from "./is-object.js";
import type { LocatedYaml } from "./located-yaml.js";
import type { Spec, WorkloadKind } from "./schema.js";
import { specDiagnostic } from "./spec-diagnostic.js";

/** A need's identity: its verb, resource and `as`, whatever the order of its keys. */
function needKey(need: unknown): string | undefined {
  if (!isObject(need)) return undefined;
  const entries = Object.entries(need).filter(([, v]) => typeof v === "string");
  if (entries.length !== Object.keys(need).length) return undefined;
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** A need listed twice grants nothing more: it is a slip, often for another resource. */
export function duplicateNeedDiagnostics(spec: Spec, yaml: LocatedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, w] of Object.entries(spec.workloads as Record<string, unknown>)) {
    const needs = isObject(w) && Array.isArray(w.needs) ? w.needs : [];
    const first = new Map<string, number>();
    needs.forEach((need: unknown, i: number) => {
      const key = needKey(need);
      if (key === undefined) return;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, i);
        return;
      }
      const [verb, target] = Object.entries(need as Record<string, string>).find(
        ([k]) => k !== "as",
      ) ?? ["", ""];
      out.push(
        specDiagnostic(
          yaml,
          "duplicate-need",
          `\`${verb}: ${target}\` is listed twice in \`${name}\` (first at \`needs[${earlier}]\`)`,
          "remove one; if you meant another resource, name it",
          ["workloads", name, "needs", i],
        ),
      );
    });
  }
  return out;
}

/**
 * Kinds whose job must write its result to S3: a training job saves its
 * model artifacts to `OutputDataConfig.S3OutputPath` (required,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html);
 * a batch transform job writes to `TransformOutput.S3OutputPath` (required,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTransformJob.html).
 */
const MUST_WRITE_OUTPUT: Partial<Record<WorkloadKind, string>> = {
  "training-job": "a training job writes its model artifacts to S3 (`OutputDataConfig`)",
  "batch-inference": "a batch transform job writes its results to S3 (`TransformOutput`)",
};

/**
 * A job that may read its inputs but write its output nowhere fails at its
 * end, after the whole run: the most common first-deploy failure. A warning,
 * since the output may go to a bucket another spec grants.
 */
export function missingOutputDiagnostics(spec: Spec, yaml: LocatedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, w] of Object.entries(spec.workloads as Record<string, unknown>)) {
    if (!isObject(w) || typeof w.kind !== "string") continue;
    const why = MUST_WRITE_OUTPUT[w.kind as WorkloadKind];
    const needs = Array.isArray(w.needs) ? (w.needs as unknown[]) : [];
    // A job that reads its inputs is a real job; one with no data needs yet is a sketch.
    if (!why || !needs.some((n) => isObject(n) && typeof n.read === "string")) continue;
    const writesS3 = needs.some(
      (n) =>
        isObject(n) &&
        typeof n.write === "string" &&
        ["s3-prefix", "object-prefix"].includes(
          (spec.resources[n.write] as { type?: unknown } | undefined)?.type as string,
        ),
    );
    if (writesS3) continue;
    out.push(
      specDiagnostic(
        yaml,
        "missing-output",
        `\`${name}\` reads its inputs but has no \`write:\` need on an s3-prefix (or object-prefix), and ${why}: the job would fail when it saves them`,
        "add `- write: <object-store prefix resource>` for the output location",
        ["workloads", name, "needs"],
        undefined,
        "warning",
      ),
    );
  }
  return out;
}
