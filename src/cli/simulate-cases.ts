import { readInput } from "./io.js";
import type { CommandResult } from "./result.js";
import { BatchOutput } from "./simulate-batch.js";
import { answerCases, type CaseOptions, compiledSets } from "./simulate-cases-lines.js";
import { answerInThreads, defaultThreads, PARALLEL_FROM } from "./simulate-cases-threads.js";

/** The non-empty lines of a JSON Lines text, with their line numbers. */
export function jsonLines(text: string): { line: number; text: string }[] {
  return text.split("\n").flatMap((t, i) => (t.trim() === "" ? [] : [{ line: i + 1, text: t }]));
}

/**
 * The error for a batch input without one non-blank line: an empty file or a
 * pipe that produced nothing is a mistake, never a batch that was all decided.
 */
export function nothingToDecide(file: string, what: "cases" | "requests"): CommandResult {
  return {
    exitCode: 2,
    stderr: `error input/empty-batch: \`${file}\` holds no ${what}: nothing was decided\n  help: give one JSON object per line`,
  };
}

/**
 * The lines of a batch input, or the error for an unreadable or empty one.
 */
export function readBatchLines(
  file: string,
  what: "cases" | "requests",
): { line: number; text: string }[] | CommandResult {
  let text: string;
  try {
    text = readInput(file);
  } catch (e) {
    return { exitCode: 2, stderr: `cannot read \`${file}\`: ${(e as Error).message}` };
  }
  const lines = jsonLines(text);
  return lines.length === 0 ? nothingToDecide(file, what) : lines;
}

/**
 * `leash simulate --cases`: one policy set and request per line, answered in
 * order, in `threads` threads (undefined: the machine's cores, up to four, for
 * a batch large enough to repay starting them).
 */
export async function runCases(
  file: string,
  options: CaseOptions,
  threads?: number,
): Promise<CommandResult> {
  const cases = readBatchLines(file, "cases");
  if (!Array.isArray(cases)) return cases;
  const out = new BatchOutput();
  const n = threads ?? (cases.length >= PARALLEL_FROM ? defaultThreads() : 1);
  if (n > 1) await answerInThreads(cases, file, options, n, out);
  else await answerCases(cases, file, options, out, compiledSets());
  return out.finish();
}
