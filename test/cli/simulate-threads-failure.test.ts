import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { BatchOutput } from "../../src/cli/simulate-batch.js";
import { answerCases, compiledSets } from "../../src/cli/simulate-cases-lines.js";
import { answerInThreads } from "../../src/cli/simulate-cases-threads.js";

const worker = (name: string) =>
  pathToFileURL(join(import.meta.dirname, "..", "fixtures", "workers", name));

const lines = Array.from({ length: 700 }, (_, i) => ({
  line: i + 1,
  text: JSON.stringify({
    id: i + 1,
    request: {
      principal: "arn:aws:iam::111122223333:role/r",
      action: "s3:GetObject",
      resource: `arn:aws:s3:::b/k${i}`,
      // A given time: defaulted from the clock, two runs a second apart would differ.
      context: { "aws:CurrentTime": "2026-06-01T12:00:00Z" },
    },
    identityPolicies: [
      {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::b/k${i % 3}` },
        ],
      },
    ],
  }),
}));

function collecting() {
  const out: string[] = [];
  const batch = new BatchOutput({
    line: async (text) => {
      out.push(...text.split("\n"));
    },
    flush: async () => {},
  });
  return { batch, out };
}

async function oneThread(): Promise<string[]> {
  const { batch, out } = collecting();
  await answerCases(lines, "-", { allowUnknownActions: false }, batch, compiledSets());
  return out;
}

/** The batch in `threads` threads whose workers run the fixture `workerName`. */
async function threaded(threads: number, workerName: string) {
  const { batch, out } = collecting();
  const options = { allowUnknownActions: false };
  await answerInThreads(lines, "-", options, threads, batch, worker(workerName));
  return { out, exitCode: (await batch.finish()).exitCode };
}

describe("simulate --cases threads when a worker fails", () => {
  it("answers every chunk of a worker that never started, in order", async () => {
    const { out, exitCode } = await threaded(3, "fail-at-start.mjs");
    expect(out).toEqual(await oneThread());
    expect(exitCode).toBe(0);
  });

  it("answers each line once, in order, when a worker fails after answering (it crashed the run)", async () => {
    const { out, exitCode } = await threaded(2, "answer-then-fail.mjs");
    const alone = await oneThread();
    expect(out).toHaveLength(lines.length);
    // Each line is the worker's placeholder for it, or the answer one thread gives.
    out.forEach((text, i) => {
      const placeholder = JSON.stringify({ id: "worker", line: i + 1 });
      expect([placeholder, alone[i]]).toContain(text);
    });
    expect(exitCode).toBe(0);
  });
});
