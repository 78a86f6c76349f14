import { type Finding, findingFingerprint as fingerprint } from "../../model/index.js";

/**
 * A baseline lists accepted findings so that CI fails only on new ones. A
 * finding is identified by rule, file, JSON pointer and message, not by line:
 * editing elsewhere in a file does not revive an accepted finding.
 */
export interface Baseline {
  version: 1;
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
  return { version: 1, findings: entries };
}

export function parseBaseline(text: string): Baseline | undefined {
  try {
    const v = JSON.parse(text) as Baseline;
    if (
      v.version !== 1 ||
      !Array.isArray(v.findings) ||
      !v.findings.every((f) => typeof f.fingerprint === "string")
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
  const fresh: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) (known.has(fingerprint(f)) ? accepted : fresh).push(f);
  return { fresh, accepted };
}
