import { parentPort, workerData } from "node:worker_threads";
import { type CaseOptions, compiledSets } from "./simulate-cases-lines.js";
import { answerChunk, type ChunkRequest } from "./simulate-cases-threads.js";

/** A worker thread of `simulate --cases` (see simulate-cases-threads.ts): answers the chunks it is sent, in turn. */
const { file, options } = workerData as { file: string; options: CaseOptions };
const sets = compiledSets();
let queue = Promise.resolve();
parentPort?.on("message", (chunk: ChunkRequest) => {
  queue = queue.then(async () => {
    parentPort?.postMessage(await answerChunk(chunk, file, options, sets));
  });
});
