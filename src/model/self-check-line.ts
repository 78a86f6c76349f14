/**
 * The one line per workload that `leash generate` prints for every cloud:
 * what its self-check proved. The needs it denied are counted apart, never
 * as granted.
 */
export interface SelfCheckCounts {
  workload: string;
  needsGranted: number;
  /** Denied needs (a denied grant without a need: encryption or a baseline). */
  needsDenied: readonly { need?: string }[];
  /** Catalog actions or permissions denied everywhere, and what they are called in this cloud. */
  otherDenied: number;
  otherName: "actions" | "permissions";
  extra: number;
}

export function selfCheckLine(c: SelfCheckCounts): string {
  return `${c.workload}: ${c.needsGranted} needs granted${deniedSummary(c.needsDenied)}; ${c.otherDenied.toLocaleString("en-US")} other ${c.otherName} denied; ${c.extra} extra`;
}

/** `, 1 denied`: the needs the self-check denied, so that the line never counts them as granted. */
function deniedSummary(denied: readonly { need?: string }[]): string {
  if (denied.length === 0) return "";
  const needs = new Set(denied.flatMap((d) => (d.need ? [d.need] : []))).size;
  const others = denied.some((d) => !d.need);
  return [
    needs > 0 ? `, ${needs} denied` : "",
    others ? ", encryption or baseline grants denied" : "",
  ].join("");
}
