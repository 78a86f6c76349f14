import { readFileSync } from "node:fs";
import { generate } from "./generate.js";
import { init } from "./init.js";
import { lint } from "./lint/command.js";
import { type CommandResult, usageError } from "./result.js";
import { SIMULATE_HELP, simulate } from "./simulate.js";

const HELP = `leash: least-privilege cloud IAM for AI/ML workloads

Usage: leash <command> [options]

Commands:
  init        write a commented starter leash.yaml
  generate    leash.yaml -> least-privilege AWS IAM (JSON, Terraform, CloudFormation), self-checked
  lint        find invalid, escalatable, exposed or too-broad AWS IAM (text, JSON, SARIF, markdown)
  simulate    decide AWS requests against policies and explain why

Run \`leash <command> --help\` for a command's options.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<CommandResult>> = {
  init,
  generate,
  lint,
  simulate,
};

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
  const handler = COMMANDS[command];
  if (!handler) return usageError(`unknown command \`${command}\``, HELP);
  return handler(rest);
}

export { SIMULATE_HELP };
