import { readFileSync } from "node:fs";
import { type CommandResult, usageError } from "./result.js";

const HELP = `leash: least-privilege cloud IAM for AI/ML workloads

Usage: leash <command> [options]

Commands:
  init        write a commented starter leash.yaml
  generate    leash.yaml -> least-privilege AWS IAM (JSON, Terraform, CloudFormation), self-checked
  lint        find invalid, escalatable, exposed or too-broad AWS IAM (text, JSON, SARIF, markdown)
  simulate    decide AWS requests against policies and explain why

Run \`leash <command> --help\` for a command's options.`;

// Each command is loaded when run: a lint over a folder of policies need not
// load the YAML, schema and Terraform libraries that generate and init use.
const COMMANDS: ReadonlyMap<string, (argv: string[]) => Promise<CommandResult>> = new Map(
  Object.entries({
    init: async (argv) => (await import("./init.js")).init(argv),
    generate: async (argv) => (await import("./generate.js")).generate(argv),
    lint: async (argv) => (await import("./lint/command.js")).lint(argv),
    simulate: async (argv) => (await import("./simulate.js")).simulate(argv),
  }),
);

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export async function run(argv: string[]): Promise<CommandResult> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help")
    return { exitCode: 0, stdout: HELP };
  if (command === "--version" || command === "-v") return { exitCode: 0, stdout: version() };
  const handler = COMMANDS.get(command);
  if (!handler) return usageError(`unknown command \`${command}\``, HELP);
  return handler(rest);
}
