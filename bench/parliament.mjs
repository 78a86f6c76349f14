// Parliament (duo-labs/parliament, Python), the lint peer of issue #9, found where a user's
// `pip install parliament` puts it. It is never a dependency of leash, and the bench never
// installs it: when it is missing, the ratio is reported as not measured.
import { execFileSync } from "node:child_process";

/**
 * How to run Parliament here: its `parliament` console script, else the module through
 * Python (`$PYTHON`, default `python3`; PYTHONPATH as the user set it). Undefined when
 * neither answers `--version`.
 */
export function findParliament() {
  const python = process.env.PYTHON || "python3";
  for (const command of [["parliament"], [python, "-m", "parliament.cli"]]) {
    try {
      const version = execFileSync(command[0], [...command.slice(1), "--version"], {
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 60_000,
      })
        .toString()
        .trim();
      return { command, version, python };
    } catch {
      // not there: try the next way
    }
  }
  return undefined;
}

/**
 * The arguments that lint every policy file of `dir` in one process, with Parliament's
 * core auditors only (its default; `--include-community-auditors` is not given).
 * `--directory` is its fastest way over many files: one interpreter start and one load of
 * its IAM definition for all of them, where `--file` per policy pays both each time.
 * stdin must be closed: Parliament reads a policy from stdin when it is not a terminal.
 */
export function parliamentArgs(parliament, dir) {
  return [...parliament.command.slice(1), "--directory", dir, "--json"];
}

export const PARLIAMENT_MODE =
  "`parliament --directory DIR --json`: one process, core auditors (its default)";
