import type { CaseResult } from "../clouds/provider.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { BufferedStdout } from "./io.js";
import type { CommandResult } from "./result.js";

/** One batch line's answer: its decision, or why it has none. */
export type LineAnswer = { id: unknown } & (
  | { decision: string; explanation?: object; warnings?: Diagnostic[] }
  | { error: { diagnostics: Diagnostic[] } }
);

/** What a line's work hands back: a decision, or the diagnostics of a line that has none. */
export type LineResult = CaseResult;

/** A batch's undecided lines, and how many of them failed on an internal error. */
export interface BatchTally {
  undecided: number;
  internal: number;
}

/** Where answers go: standard output, or a list in tests. */
export interface LineSink {
  line(text: string): Promise<void>;
  flush(): Promise<void>;
}

/**
 * The output of `simulate --cases` and `--requests`: one JSON line per input
 * line, in order. Whatever goes wrong in one line stays in that line: an
 * exception becomes that line's error (a bug, so exit status 70, but only
 * once every other line has its answer), and the exit status says whether
 * every line was decided, as the help promises.
 */
export class BatchOutput {
  private undecided = 0;
  private internal = 0;

  constructor(private readonly out: LineSink = new BufferedStdout()) {}

  /** How many lines went undecided, and how many of those on an internal error. */
  tally(): BatchTally {
    return { undecided: this.undecided, internal: this.internal };
  }

  /**
   * Writes lines another output already answered (a worker thread's share of
   * the batch: its text, one answer per line, and its tally).
   */
  async answered(text: string, tally: BatchTally): Promise<void> {
    this.undecided += tally.undecided;
    this.internal += tally.internal;
    if (text !== "") await this.out.line(text);
  }

  /**
   * Answers one line. `work` reads and decides it, and records the line's
   * `id` as soon as it knows it, so that even a failure is answered under it.
   */
  async answer(work: (line: { id: unknown }) => LineResult): Promise<void> {
    const line: { id: unknown } = { id: null };
    let a: LineAnswer;
    try {
      const r = work(line);
      // Written out rather than spread: JSON.stringify is quicker on objects built whole.
      if ("diagnostics" in r) a = { id: line.id, error: { diagnostics: r.diagnostics } };
      else {
        const decided: LineAnswer & { decision: string } = { id: line.id, decision: r.decision };
        if (r.explanation !== undefined) decided.explanation = r.explanation;
        if (r.warnings !== undefined) decided.warnings = r.warnings;
        a = decided;
      }
    } catch (e) {
      this.internal++;
      a = {
        id: line.id,
        error: {
          diagnostics: [
            {
              code: "internal/error",
              severity: "error",
              message: `internal error: ${e instanceof Error ? e.message : String(e)}`,
              help: "this is a bug in leash: please report it with this line",
            },
          ],
        },
      };
    }
    if ("error" in a) this.undecided++;
    await this.out.line(JSON.stringify(a));
  }

  /** Exit status: 0 when every line was decided, 2 when one was not, 70 after an internal error. */
  async finish(): Promise<CommandResult> {
    await this.out.flush();
    if (this.internal > 0) {
      return {
        exitCode: 70,
        stderr: `leash: internal error on ${this.internal} line(s); every other line was answered`,
      };
    }
    return { exitCode: this.undecided > 0 ? 2 : 0 };
  }
}
