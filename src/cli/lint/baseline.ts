import {
  type Finding,
  findingFingerprint as fingerprint,
  legacyFindingFingerprint,
} from "../../model/index.js";

/**
 * A baseline lists accepted findings so that CI fails only on new ones. A
 * finding is identified by its content (`findingFingerprint`: rule, file,
 * the statement's Sid or normalised hash, the position-free message), not
 * by line or statement index: editing elsewhere in a file, or inserting and
 * reordering statements, does not revive an accepted finding. The file and
 * pointer are kept for people reading the baseline.
 *
 * Version 1 baselines fingerprinted the JSON pointer; they are still read
 * (matched with the old fingerprint, so nothing accepted comes back while
 * statements stay put), and `--write-baseline` rewrites them as version 2.
 */
export interface Baseline {
  version: 1 | 2;
  findings: { fingerprint: string; ruleId: string; file: string; pointer: string }[];
}

export function makeBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings.map((f) => ({
    fingerprint: fingerprint(f),
    ruleId: f.ruleId,
    file: f.location.file.replace(/\\/g, "/"),
    pointer: f.location.pointer,
  }));
  entries.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.pointer.localeCompare(b.pointer) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
  return { version: 2, findings: entries };
}

export function parseBaseline(text: string): Baseline | undefined {
  try {
    const v = JSON.parse(text) as Baseline;
    if (
      (v.version !== 1 && v.version !== 2) ||
      !Array.isArray(v.findings) ||
      !v.findings.every((f) => typeof f?.fingerprint === "string")
    )
      return undefined;
    return v;
  } catch {
    return undefined;
  }
}

/** Splits findings into new ones and those the baseline accepted. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
): { fresh: Finding[]; accepted: Finding[] } {
  const known = new Set(baseline.findings.map((f) => f.fingerprint));
  const print = baseline.version === 1 ? legacyFindingFingerprint : fingerprint;
  const fresh: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) (known.has(print(f)) ? accepted : fresh).push(f);
  return { fresh, accepted };
}
