import { join } from "node:path";
import type { CloudProvider } from "../clouds/provider.js";
import { PROVIDERS } from "../clouds/registry.js";
import { type Diagnostic, renderDiagnostics } from "../diagnostics/index.js";
import {
  CLOUD_FORMATS,
  FORMATS,
  MANAGEMENT_DIR,
  type OutputFile,
  renderCloudFiles,
} from "../outputs/index.js";
import { loadSpec } from "../spec/index.js";
import { choiceError, isCommandResult, parseCommandArgs } from "./args.js";
import {
  OUTPUT_HELP,
  OUTPUT_OPTIONS,
  readInput,
  sendToFile,
  writeFilesAtomically,
  writtenNote,
} from "./io.js";
import { type CommandResult, usageError } from "./result.js";

export const GENERATE_HELP = `leash generate: least-privilege IAM from a leash.yaml spec, checked by simulation

Usage: leash generate SPEC [--cloud aws|gcp|all] [--format json|terraform|cloudformation]
                           [--out DIR | --output FILE] [--force]

SPEC \`-\` reads the spec from standard input. Without --out, the first of the
files below goes to standard output (or to FILE with --output) and the others
are named on standard error. With --out, leash writes DIR/aws.json, DIR/main.tf
or DIR/template.yaml (the roles and boundaries, for the spec's account); when
the spec has SCPs, DIR/${MANAGEMENT_DIR}/main.tf or DIR/${MANAGEMENT_DIR}/template.yaml
(the SCPs, for the organization's management account); and one GitHub Actions
workflow per GitHub ci-stage under DIR/github/. It never replaces a file
without --force; a file that already holds exactly what would be written is
left as it is and named unchanged (Terraform and CloudFormation share the
workflows).

template.yaml names its IAM roles and policies: deploy it with
--capabilities CAPABILITY_NAMED_IAM.

--cloud gcp writes DIR/gcp.json or DIR/gcp/main.tf (service accounts, custom
roles, bindings with conditions, workload identity federation, deny and
principal access boundary policies, organization policies) for the spec's
targets.gcp; --cloud all writes every cloud the spec targets. CloudFormation
is AWS's only.

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

/** The clouds a spec can be generated for, by id: every registered provider. */
const CLOUDS = Object.values(PROVIDERS).filter((p): p is CloudProvider => p !== undefined);

export async function generate(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs("generate", argv, OPTIONS, { positionals: true });
  if (isCommandResult(parsed)) return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: 0, stdout: GENERATE_HELP };
  if (positionals.length !== 1)
    return usageError("give exactly one spec file (`-` for standard input)", GENERATE_HELP);
  if (values.out !== undefined && values.output !== undefined)
    return usageError("give --out DIR or --output FILE, not both", GENERATE_HELP);
  const cloudIds = [...CLOUDS.map((c) => c.id), "all"];
  if (!cloudIds.includes(values.cloud)) return choiceError("cloud", values.cloud, cloudIds);
  const format = FORMATS.find((f) => f === values.format);
  if (format === undefined) return choiceError("format", values.format, FORMATS);
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
  const spec = loaded.spec;
  const clouds =
    values.cloud === "all"
      ? CLOUDS.filter((c) => c.targeted(spec))
      : CLOUDS.filter((c) => c.id === values.cloud);
  if (clouds.length === 0)
    return usageError(
      "the spec targets no cloud",
      `add one of ${CLOUDS.map((c) => `\`targets.${c.id}\``).join(", ")}`,
    );
  for (const c of clouds) {
    if (!CLOUD_FORMATS[c.id]?.includes(format))
      return usageError(
        `${c.id} has no ${format} output`,
        `use --format ${(CLOUD_FORMATS[c.id] ?? []).join(" or ")} for ${c.id}`,
      );
  }
  const summary: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const rendered: OutputFile[] = [];
  for (const cloud of clouds) {
    const r = await cloud.generate(spec);
    diagnostics.push(...r.diagnostics);
    if (!r.generation) return { exitCode: 2, stderr: renderDiagnostics(diagnostics) };
    // A cloud's lines are prefixed only when several clouds share standard error.
    for (const line of r.summary) summary.push(clouds.length > 1 ? `${cloud.id} ${line}` : line);
    rendered.push(...renderCloudFiles(r.generation, format)!);
  }
  const problems: Diagnostic[] = diagnostics.filter((d) => d.severity === "error");
  // Warnings (a job with nowhere to write its output...) are shown, never a reason to fail.
  const warnings = [...loaded.diagnostics, ...diagnostics].filter((d) => d.severity !== "error");
  // The summary is a note when all is well, and part of the error when a role fails its check.
  if (problems.length > 0)
    return {
      exitCode: 1,
      stderr: [...summary, renderDiagnostics([...warnings, ...problems])].join("\n"),
    };
  const notes = summary.join("\n");
  const warned = (more: Diagnostic[] = []) =>
    warnings.length + more.length > 0 ? { stderr: renderDiagnostics([...warnings, ...more]) } : {};

  if (!values.out) {
    const [first, ...rest] = rendered;
    // A warning, not a note: `--quiet > main.tf` must not lose the SCPs and workflows unsaid.
    const others: Diagnostic[] =
      rest.length > 0
        ? [
            {
              code: "output/not-printed",
              severity: "warning",
              message: `not printed: ${rest.map((f) => f.file).join(", ")} (write them with --out DIR)`,
              help: "standard output holds one file; --out DIR writes every file this spec needs",
            },
          ]
        : [];
    return sendToFile(
      {
        exitCode: 0,
        stdout: first!.content.replace(/\n$/, ""),
        notes,
        ...warned(others),
      },
      values.output,
      values.force,
    );
  }
  const out = values.out;
  const files = rendered.map((f) => ({ path: join(out, f.file), content: f.content }));
  const written = writeFilesAtomically(files, values.force);
  if (written.blocked.length > 0)
    return {
      exitCode: 2,
      notes,
      stderr: renderDiagnostics([...warnings, ...written.blocked]),
    };
  return {
    exitCode: 0,
    notes: `${notes}\n${writtenNote(
      files.map((f) => f.path),
      written,
    )}`,
    ...warned(),
  };
}
