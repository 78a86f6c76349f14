import { renderDiagnostics } from "../diagnostics/index.js";
import { SCENARIOS, type Scenario, STARTERS } from "../spec/index.js";
import { choiceError, isCommandResult, parseCommandArgs } from "./args.js";
import { writeFilesAtomically, writtenNote } from "./io.js";
import { type CommandResult, usageError } from "./result.js";

export const INIT_HELP = `leash init: write a commented starter leash.yaml

Usage: leash init [--scenario ${SCENARIOS.join("|")}] [--output FILE] [--force]

Writes leash.yaml (or FILE; --out FILE is the same; \`-\` is standard output);
never replaces an existing file without --force. Exit status: 0 written, 2 on
bad options or when the file exists or cannot be written.`;

const OPTIONS = {
  scenario: { type: "string", default: "training" },
  output: { type: "string", short: "o" },
  out: { type: "string" },
  force: { type: "boolean", default: false },
  help: { type: "boolean", short: "h" },
} as const;

export async function init(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs("init", argv, OPTIONS, { positionals: false });
  if (isCommandResult(parsed)) return parsed;
  const { values } = parsed;
  if (values.help) return { exitCode: 0, stdout: INIT_HELP };
  if (!(SCENARIOS as string[]).includes(values.scenario)) {
    return choiceError("scenario", values.scenario, SCENARIOS);
  }
  if (values.out !== undefined && values.output !== undefined)
    return usageError("give --output FILE once (--out is the same option)", INIT_HELP);
  const file = values.output ?? values.out ?? "leash.yaml";
  const starter = STARTERS[values.scenario as Scenario];
  if (file === "-") return { exitCode: 0, stdout: starter.replace(/\n$/, "") };
  const written = writeFilesAtomically([{ path: file, content: starter }], values.force);
  if (written.blocked.length > 0)
    return { exitCode: 2, stderr: renderDiagnostics(written.blocked) };
  return {
    exitCode: 0,
    notes: `${writtenNote([file], written)} (${values.scenario}); next: leash generate ${file}`,
  };
}
