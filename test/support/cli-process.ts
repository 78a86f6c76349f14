import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { join } from "node:path";

const BIN = join(import.meta.dirname, "..", "..", "src", "cli", "bin.ts");

/**
 * Runs `leash` from source in its own process: for what `run()` in a worker
 * cannot show, a working folder (workers cannot chdir), standard input and
 * the process's own streams.
 */
export function leashProcess(
  args: readonly string[],
  options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    encoding: "utf8",
    ...(options.input !== undefined ? { input: options.input } : {}),
    // Colour is asked for only where a test says so: not inherited from the test runner.
    env: { ...withoutColourSettings(process.env), ...options.env },
  });
}

function withoutColourSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] =>
        e[1] !== undefined && e[0] !== "NO_COLOR" && e[0] !== "FORCE_COLOR",
    ),
  );
}
