import { join } from "node:path";
import { generateAws } from "../clouds/aws/generate/index.js";
import { type Diagnostic, renderDiagnostics } from "../diagnostics/index.js";
import {
  renderAwsJson,
  renderCloudFormation,
  renderGithubWorkflows,
  renderTerraform,
} from "../outputs/index.js";
import { loadSpec } from "../spec/index.js";
import { choiceError, isCommandResult, parseCommandArgs } from "./args.js";
import { OUTPUT_HELP, OUTPUT_OPTIONS, readInput, sendToFile, writeFilesAtomically } from "./io.js";
import { type CommandResult, usageError } from "./result.js";

export const GENERATE_HELP = `leash generate: least-privilege IAM from a leash.yaml spec, checked by simulation

Usage: leash generate SPEC [--cloud aws] [--format json|terraform|cloudformation]
                           [--out DIR | --output FILE] [--force]

SPEC \`-\` reads the spec from standard input. Without --out, the chosen format
goes to standard output (or to FILE with --output). With --out, leash writes
DIR/aws.json, DIR/main.tf or DIR/template.yaml, and one GitHub Actions snippet
per ci-stage under DIR/github/. It never replaces a file without --force.

Every role is simulated before anything is written: each need must be allowed
and every other catalog action denied. A one-line summary per role goes to
standard error. Exit status: 0 clean, 1 when the self-check fails, 2 on
invalid input.

${OUTPUT_HELP}`;

const OPTIONS = {
  cloud: { type: "string", default: "aws" },
  format: { type: "string", default: "json" },
  out: { type: "string" },
  ...OUTPUT_OPTIONS,
  help: { type: "boolean", short: "h" },
} as const;

const FILES = { json: "aws.json", terraform: "main.tf", cloudformation: "template.yaml" } as const;

export async function generate(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs("generate", argv, OPTIONS, { positionals: true });
  if (isCommandResult(parsed)) return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: 0, stdout: GENERATE_HELP };
  if (positionals.length !== 1)
    return usageError("give exactly one spec file (`-` for standard input)", GENERATE_HELP);
  if (values.out !== undefined && values.output !== undefined)
    return usageError("give --out DIR or --output FILE, not both", GENERATE_HELP);
  if (values.cloud !== "aws")
    return usageError(`cloud \`${values.cloud}\` is not supported yet`, "use --cloud aws");
  const format = values.format as keyof typeof FILES;
  if (!Object.hasOwn(FILES, format))
    return choiceError("format", values.format, Object.keys(FILES));
  const file = positionals[0] === "-" ? "<stdin>" : positionals[0]!;
  let text: string;
  try {
    text = readInput(positionals[0]!);
  } catch (e) {
    return {
      exitCode: 2,
      stderr: `error io/unreadable: cannot read \`${file}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
  const loaded = loadSpec(text, file);
  if (!loaded.spec) return { exitCode: 2, stderr: renderDiagnostics(loaded.diagnostics) };
  const { generation, diagnostics } = generateAws(loaded.spec);
  if (!generation) return { exitCode: 2, stderr: renderDiagnostics(diagnostics) };

  const summary = generation.selfCheck.roles.map(
    (r) =>
      `${r.workload}: ${r.needsGranted} needs granted; ${r.otherActionsDenied.toLocaleString("en-US")} other actions denied; ${r.extra.length} extra`,
  );
  const problems: Diagnostic[] = diagnostics.filter((d) => d.severity === "error");
  // The summary is a note when all is well, and part of the error when a role fails its check.
  if (problems.length > 0)
    return { exitCode: 1, stderr: [...summary, renderDiagnostics(problems)].join("\n") };
  const notes = summary.join("\n");

  const rendered =
    format === "json"
      ? renderAwsJson(generation)
      : format === "terraform"
        ? renderTerraform(generation)
        : renderCloudFormation(generation);
  if (!values.out)
    return sendToFile(
      { exitCode: 0, stdout: rendered.replace(/\n$/, ""), notes },
      values.output,
      values.force,
    );
  const out = values.out;
  const files = [
    { path: join(out, FILES[format]), content: rendered },
    ...renderGithubWorkflows(generation).map((w) => ({
      path: join(out, w.file),
      content: w.content,
    })),
  ];
  const blocked = writeFilesAtomically(files, values.force);
  if (blocked.length > 0) return { exitCode: 2, notes, stderr: renderDiagnostics(blocked) };
  return { exitCode: 0, notes: `${notes}\nwrote ${files.map((f) => f.path).join(", ")}` };
}
