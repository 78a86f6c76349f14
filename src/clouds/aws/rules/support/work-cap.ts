import type { SourceLocation } from "../../../../diagnostics/index.js";

/**
 * How many pattern comparisons a rule that compares entries with each other
 * (the redundancy rules) may make on one policy: a few seconds at most on
 * any input. Their indexes keep real policies, and generated ones of tens of
 * thousands of statements, far below it; only inputs built to defeat the
 * indexes (thousands of statements that all name the same actions and
 * resources and differ in their conditions) reach it, and then the rule
 * says what it left out rather than going quadratic.
 */
export const MAX_COMPARISONS = 2_000_000;

/** A count of comparisons left: rules spend it as they work and stop when it runs out. */
export class WorkBudget {
  private left: number;
  /** Comparisons made so far (spent, whether or not the budget allowed them). */
  spent = 0;

  constructor(readonly limit: number = MAX_COMPARISONS) {
    this.left = limit;
  }

  /** Spends `n` comparisons; false once the budget is exhausted (the caller then stops). */
  spend(n = 1): boolean {
    this.spent += n;
    this.left -= n;
    return this.left >= 0;
  }

  get exhausted(): boolean {
    return this.left < 0;
  }
}

/** `12345` → `12,345`. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

/**
 * The finding a rule adds when it stopped early: what it compared, out of
 * how many, so that a clean result on the rest is never taken for a pass.
 */
export function cappedFinding(
  ruleId: string,
  done: number,
  total: number,
  what: string,
  location: SourceLocation,
): { message: string; help: string; location: SourceLocation } {
  return {
    message: `${ruleId} compared the first ${thousands(done)} of ${thousands(total)} ${what} only: the policy is too large to compare every pair`,
    help: `entries after those were not checked for redundancy; split the policy (AWS accepts at most 10,240 characters per identity policy) or disable ${ruleId}`,
    location,
  };
}
