import { closest } from "../diagnostics/index.js";
import { optionError } from "./args.js";
import { NOT_A_TERMINAL, paint, type Terminal, wantsColour } from "./colour.js";
import { COMMON_HELP, takeGlobalOptions } from "./global-options.js";
import { packageInfo } from "./package-info.js";
import type { CommandResult } from "./result.js";

const HELP = `leash: least-privilege cloud IAM for AI/ML workloads

Usage: leash COMMAND [options]
       leash help COMMAND

Commands:
  init        write a commented starter leash.yaml
  generate    leash.yaml -> least-privilege AWS IAM (JSON, Terraform, CloudFormation), self-checked
  lint        find invalid, escalatable, exposed or too-broad AWS IAM (text, JSON, SARIF, markdown)
  simulate    decide AWS requests against policies and explain why
  catalog     sync the GCP catalog from the IAM API or a gcloud export; show a catalog's version

${COMMON_HELP}
  --help, -h     print this help (\`leash help COMMAND\` for a command's)

Exit status: 0 success; 1 the check failed (lint: findings at or above
--fail-on; generate: its self-check); 2 the run could not start (bad options,
a missing file, invalid input); 70 an internal error (please report it).
simulate exits 0 whatever it decides, allowed or denied, as AWS's
simulate-principal-policy does: read the decision from its output.`;

// Each command is loaded when run: a lint over a folder of policies need not
// load the YAML, schema and Terraform libraries that generate and init use.
const COMMANDS: ReadonlyMap<string, (argv: string[]) => Promise<CommandResult>> = new Map(
  Object.entries({
    init: async (argv) => (await import("./init.js")).init(argv),
    generate: async (argv) => (await import("./generate.js")).generate(argv),
    lint: async (argv) => (await import("./lint/command.js")).lint(argv),
    simulate: async (argv) => (await import("./simulate.js")).simulate(argv),
    catalog: async (argv) => (await import("./catalog.js")).catalog(argv),
  }),
);

/**
 * Runs one command line and returns what to print and the exit status. The
 * output conventions every command shares (`--quiet`, `--color`/`--no-color`)
 * are applied here, so that a command only says which of its lines are notes.
 */
export async function run(
  argv: string[],
  terminal: Terminal = NOT_A_TERMINAL,
): Promise<CommandResult> {
  const taken = takeGlobalOptions(argv);
  // `leash lint --version` is `leash --version`, as with git and npm.
  const result = taken.version
    ? { exitCode: 0, stdout: packageInfo().version }
    : await dispatch(taken.argv);
  const stderr = [
    ...(taken.quiet || !result.notes ? [] : [result.notes]),
    ...(result.stderr ? [result.stderr] : []),
  ].join("\n");
  const paintIf = (text: string | undefined, isTTY: boolean) =>
    text !== undefined && wantsColour(taken.colour, isTTY, terminal.env) ? paint(text) : text;
  const stdout = paintIf(result.stdout, terminal.stdout);
  return {
    exitCode: result.exitCode,
    ...(stdout !== undefined ? { stdout } : {}),
    ...(stderr ? { stderr: paintIf(stderr, terminal.stderr) } : {}),
  };
}

async function dispatch(argv: string[]): Promise<CommandResult> {
  const [command, ...rest] = argv;
  // A bare `leash` is a mistake that a script should see: help, on standard error, status 2.
  if (command === undefined) return { exitCode: 2, stderr: HELP };
  if (command === "--help" || command === "-h") return { exitCode: 0, stdout: HELP };
  if (command === "help") {
    // `leash help help` and `leash help --help` ask about leash itself.
    if (rest.length === 0 || ["help", "--help", "-h"].includes(rest[0]!))
      return { exitCode: 0, stdout: HELP };
    return commandFor(rest[0]!, ["--help"]);
  }
  if (command === "-v") return { exitCode: 0, stdout: packageInfo().version };
  return commandFor(command, rest);
}

/**
 * A command's help ends with the options every command shares, which main
 * handles: written once here, so no command's help can leave them out.
 */
async function withCommonHelp(
  argv: readonly string[],
  result: Promise<CommandResult>,
): Promise<CommandResult> {
  const r = await result;
  const end = argv.indexOf("--");
  const options = end === -1 ? argv : argv.slice(0, end);
  const asked = options.includes("--help") || options.includes("-h");
  return asked && r.exitCode === 0 && r.stdout !== undefined
    ? { ...r, stdout: `${r.stdout}\n\n${COMMON_HELP}` }
    : r;
}

function commandFor(command: string, argv: string[]): Promise<CommandResult> | CommandResult {
  const handler = COMMANDS.get(command);
  if (handler) return withCommonHelp(argv, handler(argv));
  const names = [...COMMANDS.keys()];
  if (command.startsWith("-")) {
    const near = closest(command, ["--help", "--version"]);
    return optionError(
      `unknown option \`${command}\``,
      near
        ? `did you mean \`${near}\`?`
        : "options follow the command: `leash COMMAND --help` lists them",
    );
  }
  const near = closest(command, names);
  return optionError(
    `unknown command \`${command}\``,
    near ? `did you mean \`${near}\`?` : `the commands are ${names.join(", ")} (\`leash --help\`)`,
  );
}
