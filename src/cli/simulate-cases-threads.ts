import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { BatchOutput, type BatchTally } from "./simulate-batch.js";
import {
  answerCases,
  type CaseLine,
  type CaseOptions,
  type CompiledSets,
  compiledSets,
} from "./simulate-cases-lines.js";

/**
 * `simulate --cases` in several threads. Every line is independent, so a
 * large batch is cut into chunks that worker threads and the main thread
 * answer side by side; the answers are written in the batch's order as soon
 * as the chunks before them are done.
 */

/**
 * The fewest lines for which the default is to use more than one thread. A
 * worker starts in 50 ms, but it compiles its own copy of the hot code, and
 * until then it runs slowly while its compiler and collector threads compete
 * for the cores. Measured on 2 cores (npm run bench's cases, each line its own
 * policies), one thread against two: 20,000 lines 1.33 s and 1.37 s; 50,000
 * lines 2.57 s and 2.30 s; 100,000 lines 4.90 s and 3.46 s.
 */
export const PARALLEL_FROM = 50_000;

/**
 * Threads by default for a large batch: the machine's cores, up to four (one
 * main thread writes every answer; more than two cores were not measured).
 */
export function defaultThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/** A chunk's answers: its lines' JSON, one per line, and its tally. */
export interface ChunkAnswer extends BatchTally {
  index: number;
  text: string;
}

/** What the main thread sends a worker: a chunk to answer. */
export interface ChunkRequest {
  index: number;
  lines: CaseLine[];
}

/** Answers one chunk into a string (one JSON answer per line), as a worker or the main thread. */
export async function answerChunk(
  request: ChunkRequest,
  file: string,
  options: CaseOptions,
  sets: CompiledSets,
): Promise<ChunkAnswer> {
  const parts: string[] = [];
  const out = new BatchOutput({
    line: async (text) => {
      parts.push(text);
    },
    flush: async () => {},
  });
  await answerCases(request.lines, file, options, out, sets);
  return { index: request.index, text: parts.join("\n"), ...out.tally() };
}

/** The worker's module: its source file when leash runs from source (tests), else the build's. */
const WORKER = new URL(
  import.meta.url.endsWith(".ts") ? "./simulate-cases-worker.ts" : "./simulate-cases-worker.js",
  import.meta.url,
);

/** Lets messages from the workers in between two of the main thread's chunks. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Answers `cases` in `threads` threads (the main thread and workers running
 * the `worker` module) into `out`, in order.
 */
export async function answerInThreads(
  cases: readonly CaseLine[],
  file: string,
  options: CaseOptions,
  threads: number,
  out: BatchOutput,
  worker: URL = WORKER,
): Promise<void> {
  // Small chunks balance the threads; large ones keep each thread's compiled sets warm.
  const size = Math.max(100, Math.min(2_000, Math.ceil(cases.length / (threads * 8))));
  const chunks: ChunkRequest[] = [];
  for (let i = 0; i < cases.length; i += size)
    chunks.push({ index: chunks.length, lines: cases.slice(i, i + size) });
  // No worker without a chunk of its own: the main thread takes one too.
  const workers = Math.min(threads, chunks.length) - 1;

  const done = new Map<number, ChunkAnswer>();
  let written = 0;
  let writing = Promise.resolve();
  const write = () => {
    writing = writing.then(async () => {
      for (let a = done.get(written); a !== undefined; a = done.get(written)) {
        done.delete(written);
        written++;
        await out.answered(a.text, a);
      }
    });
  };

  let next = 0;
  /** Chunks a failed worker held: the main thread answers them. */
  const orphans: ChunkRequest[] = [];
  const inFlight = new Map<Worker, Set<number>>();
  let wake: (() => void) | undefined;
  const wakeMain = () => {
    wake?.();
    wake = undefined;
  };
  const give = (w: Worker) => {
    const held = inFlight.get(w);
    if (!held || next >= chunks.length) return;
    const chunk = chunks[next++]!;
    held.add(chunk.index);
    w.postMessage(chunk);
  };
  const workerOptions: CaseOptions = { allowUnknownActions: options.allowUnknownActions };
  for (let t = 0; t < workers; t++) {
    const w = new Worker(worker, { workerData: { file, options: workerOptions } });
    inFlight.set(w, new Set());
    w.on("message", (a: ChunkAnswer) => {
      const held = inFlight.get(w);
      // A worker that failed has handed its chunks back (an error can arrive before its
      // last answer): the main thread answers them, and this answer is not used.
      if (!held?.has(a.index)) return;
      held.delete(a.index);
      done.set(a.index, a);
      write();
      give(w);
      wakeMain();
    });
    // A worker that fails (it could not start, it ran out of memory) hands its chunks back.
    const lost = () => {
      const held = inFlight.get(w);
      if (!held) return;
      inFlight.delete(w);
      for (const i of held) orphans.push(chunks[i]!);
      wakeMain();
    };
    w.on("error", lost);
    w.on("exit", lost);
    // Two chunks each: a worker never waits for the main thread to hand it the next.
    give(w);
    give(w);
  }

  const sets = compiledSets();
  try {
    for (;;) {
      const chunk = orphans.pop() ?? (next < chunks.length ? chunks[next++] : undefined);
      if (chunk) {
        done.set(chunk.index, await answerChunk(chunk, file, options, sets));
        write();
        await yieldToEvents();
        continue;
      }
      if ([...inFlight.values()].every((held) => held.size === 0)) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    await writing;
  } finally {
    for (const w of inFlight.keys()) {
      w.removeAllListeners("exit");
      void w.terminate();
    }
  }
}
