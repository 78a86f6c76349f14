import { parseArgs } from "node:util";
import { renderDiagnostics } from "../diagnostics/index.js";
import { SCENARIOS, type Scenario, STARTERS } from "../spec/index.js";
import { writeFilesAtomically } from "./io.js";
import { type CommandResult, usageError } from "./result.js";

export const INIT_HELP = `leash init: write a commented starter leash.yaml

Usage: leash init [--scenario ${SCENARIOS.join("|")}] [--out FILE] [--force]

Writes leash.yaml (or FILE); never replaces an existing file without --force.`;

const OPTIONS = {
  scenario: { type: "string", default: "training" },
  out: { type: "string", default: "leash.yaml" },
  force: { type: "boolean", default: false },
  help: { type: "boolean", short: "h" },
} as const;

export async function init(argv: string[]): Promise<CommandResult> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS }));
  } catch (e) {
    return usageError((e as Error).message, INIT_HELP);
  }
  if (values.help) return { exitCode: 0, stdout: INIT_HELP };
  if (!(SCENARIOS as string[]).includes(values.scenario!)) {
    return usageError(
      `unknown scenario \`${values.scenario}\``,
      `scenarios: ${SCENARIOS.join(", ")}`,
    );
  }
  const blocked = writeFilesAtomically(
    [{ path: values.out!, content: STARTERS[values.scenario as Scenario] }],
    values.force ?? false,
  );
  if (blocked.length > 0) return { exitCode: 2, stderr: renderDiagnostics(blocked) };
  return {
    exitCode: 0,
    stderr: `wrote ${values.out} (${values.scenario}); next: leash generate ${values.out}`,
  };
}
