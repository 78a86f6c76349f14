#!/usr/bin/env node
import { run } from "./main.js";

// A reader that stops early (`leash simulate --cases big.jsonl | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

run(process.argv.slice(2), {
  stdout: process.stdout.isTTY === true,
  stderr: process.stderr.isTTY === true,
  env: process.env,
}).then(
  (r) => {
    if (r.stdout) process.stdout.write(`${r.stdout}\n`);
    if (r.stderr) process.stderr.write(`${r.stderr}\n`);
    process.exitCode = r.exitCode;
  },
  (e: unknown) => {
    process.stderr.write(`leash: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
