import { setFlagsFromString } from "node:v8";

let tuned = false;

/**
 * Tells V8 not to inline when it optimizes, for a command that runs about a
 * second. Linting the 1,594 AWS managed policies optimizes some 190
 * functions, and the rules inline into large graphs: under cachegrind half
 * of all instructions were TurboFan compiling (5.4 of 11.4 billion); without
 * inlining the run took 8.5 billion, and wall time fell by 13-22% in
 * interleaved runs on a 2-core machine (`npm run bench`). A run too short to
 * repay the compile gains nothing from it. Flags that change only how V8
 * optimizes are safe to set at run time; the long-running engine (`simulate`)
 * keeps the default.
 */
export function tuneForShortRun(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString("--no-turbo-inlining");
}
