import { dirname, relative, resolve } from "node:path";
import { awsCatalog } from "../../clouds/aws/catalog/catalog.js";
import { readInputs } from "../../clouds/aws/inputs/detect.js";
import { POLICY_TYPES, type PolicyType } from "../../clouds/aws/policy/index.js";
import { AWS_RULES } from "../../clouds/aws/rules/index.js";
import { compareFindings, lintAws } from "../../clouds/aws/rules/lint.js";
import { readText, renderDiagnostics } from "../../diagnostics/index.js";
import {
  atLeast,
  FINDING_SEVERITIES,
  type Finding,
  type FindingSeverity,
} from "../../model/index.js";
// The findings renderers by module, not through outputs/index.js, which also loads the IaC writers.
import { renderFindingsJson, summarize } from "../../outputs/findings-json.js";
import { renderFindingsMarkdown } from "../../outputs/findings-markdown.js";
import type { LintRun } from "../../outputs/findings-run.js";
import { renderFindingsSarif } from "../../outputs/findings-sarif.js";
import { renderFindingsText } from "../../outputs/findings-text.js";
import { choiceError, isCommandResult, parseCommandArgs } from "../args.js";
import {
  OUTPUT_HELP,
  OUTPUT_OPTIONS,
  sendToFile,
  writeFilesAtomically,
  writtenNote,
} from "../io.js";
import { packageInfo } from "../package-info.js";
import { type CommandResult, usageError } from "../result.js";
import { tuneForShortRun } from "../short-run.js";
import { applyBaseline, makeBaseline, parseBaseline } from "./baseline.js";
import { DEFAULT_CONFIG, globToRegExp, type LintConfig } from "./config.js";
import { findConfigUpward } from "./config-lookup.js";
import { sortInputDiagnostics } from "./input-findings.js";
import { nothingToLint } from "./nothing-to-lint.js";

export const LINT_HELP = `leash lint: find what is invalid, escalatable, exposed or too broad in AWS IAM

Usage: leash lint PATH... [--type ${POLICY_TYPES.join("|")}]
                  [--format text|json|sarif|markdown] [--fail-on ${FINDING_SEVERITIES.join("|")}]
                  [--config leash.config.yaml] [--baseline FILE] [--write-baseline FILE]
                  [--output FILE] [--force]

PATH may be a policy file, a folder, an \`aws iam get-account-authorization-details\`
export, a CloudFormation template, Terraform (.tf), a \`terraform show -json\` plan,
a leash.yaml spec (linted as what it would generate) or leash's own aws.json.
Kinds are detected from content; --type forces the policy type of plain policy files.

A file that cannot be parsed is a finding (category \`invalid\`) and the run goes on;
reader warnings are listed in every format.

Without --config, the nearest leash.config.yaml in the current folder or a folder
above it applies; its \`ignore\` patterns and \`baseline\` are relative to its folder.

Exit status: 1 when a finding at or above --fail-on (default high) is not in the
baseline; 2 on bad options, a path that is missing or unreadable, a named file
that is no input, or nothing to lint; 0 otherwise.

${OUTPUT_HELP}
                           (and lets --write-baseline replace its file)`;

const LINT_FORMATS = ["text", "json", "sarif", "markdown"] as const;

const OPTIONS = {
  type: { type: "string" },
  format: { type: "string", default: "text" },
  "fail-on": { type: "string" },
  config: { type: "string" },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  ...OUTPUT_OPTIONS,
  help: { type: "boolean", short: "h" },
} as const;

export async function lint(argv: string[]): Promise<CommandResult> {
  tuneForShortRun();
  const parsed = parseCommandArgs("lint", argv, OPTIONS, { positionals: true });
  if (isCommandResult(parsed)) return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: 0, stdout: LINT_HELP };
  if (positionals.length === 0) return usageError("name at least one file or folder", LINT_HELP);
  // --write-baseline writes the baseline instead of a report: an --output beside it would go unwritten.
  if (values["write-baseline"] !== undefined && values.output !== undefined)
    return usageError("give --write-baseline FILE or --output FILE, not both", LINT_HELP);
  if (values.type && !(POLICY_TYPES as readonly string[]).includes(values.type))
    return choiceError("policy type", values.type, POLICY_TYPES);
  if (!(LINT_FORMATS as readonly string[]).includes(values.format))
    return choiceError("format", values.format, LINT_FORMATS);
  if (values["fail-on"] && !(FINDING_SEVERITIES as readonly string[]).includes(values["fail-on"]))
    return choiceError("severity", values["fail-on"], FINDING_SEVERITIES);

  // Configuration: the named file, else the nearest leash.config.yaml at or above the working folder.
  let config: LintConfig = DEFAULT_CONFIG;
  const configFile = values.config ?? findConfigUpward(process.cwd());
  // The config's paths (ignore patterns, baseline) are relative to its folder, as ESLint's are.
  const configDir = configFile ? dirname(resolve(configFile)) : process.cwd();
  if (configFile) {
    const { loadLintConfig } = await import("./config-file.js");
    const loaded = await loadLintConfig(configFile, Object.keys(AWS_RULES));
    if (!loaded.config) return { exitCode: 2, stderr: renderDiagnostics(loaded.diagnostics) };
    config = loaded.config;
  }
  const failOn = (values["fail-on"] as FindingSeverity | undefined) ?? config.failOn;

  const ignored = config.ignore.map(globToRegExp);
  const disabled = new Set(
    Object.entries(config.rules)
      .filter(([, v]) => v === "off")
      .map(([k]) => k),
  );
  // Each file (or Terraform module) is linted as it is read, so that its parsed tree
  // can go: holding every tree until the end made garbage collection a fifth of a run.
  const linted = new Set<string>();
  // Content anchors only where fingerprints are read: SARIF and baselines.
  const fingerprinted =
    values.format === "sarif" ||
    values["write-baseline"] !== undefined ||
    (values.baseline ?? config.baseline) !== undefined;
  const raw: Finding[] = [];
  const inputs = await readInputs(
    positionals,
    {
      ...(values.type ? { type: values.type as PolicyType } : {}),
      ignore: (file) => {
        const path = relative(configDir, resolve(file)).replace(/\\/g, "/");
        return ignored.some((re) => re.test(path));
      },
    },
    (documents) => {
      for (const d of documents) linted.add(d.file);
      // One at a time: a large account export has more findings than a spread's arguments hold.
      for (const f of lintAws(documents, {
        disabled,
        trustedAccounts: config.trustedAccounts,
        awsManagedPolicies: config.awsManagedPolicies,
        anchors: fingerprinted,
      }))
        raw.push(f);
    },
  );
  const sorted = sortInputDiagnostics(inputs.diagnostics);
  if (sorted.fatal.length > 0) return { exitCode: 2, stderr: renderDiagnostics(sorted.fatal) };
  if (linted.size === 0 && sorted.findings.length === 0)
    // The readers' warnings say why what they found was not analysed (a `dynamic` block whose
    // `for_each` is unknown, a policy from a variable): shown with the error, never swallowed.
    return {
      exitCode: 2,
      stderr: renderDiagnostics([
        ...sorted.notifications,
        nothingToLint(positionals, inputs, sorted.notifications.length),
      ]),
    };
  const run: LintRun = {
    files: inputs.files,
    skipped: inputs.skipped,
    notifications: sorted.notifications,
  };
  const findings: Finding[] = [...raw, ...sorted.findings].sort(compareFindings).map((f) => {
    const override = config.rules[f.ruleId];
    return override && override !== "off" ? { ...f, severity: override } : f;
  });

  const baselineFile =
    values.baseline ??
    (config.baseline !== undefined
      ? relative(process.cwd(), resolve(configDir, config.baseline))
      : undefined);
  let fresh = findings;
  let accepted: Finding[] = [];
  let baselineNote: string | undefined;
  if (baselineFile && !values["write-baseline"]) {
    let text: string;
    try {
      text = readText(baselineFile);
    } catch (e) {
      return {
        exitCode: 2,
        stderr: `error config/baseline: cannot read \`${baselineFile}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n  help: create one with --write-baseline`,
      };
    }
    const baseline = parseBaseline(text);
    if (!baseline)
      return {
        exitCode: 2,
        stderr: `error config/baseline: \`${baselineFile}\` is not a leash baseline\n  help: create one with --write-baseline`,
      };
    ({ fresh, accepted } = applyBaseline(findings, baseline));
    if (baseline.version === 1)
      baselineNote = `warning config/baseline-v1: \`${baselineFile}\` fingerprints findings by position: moving a statement revives them\n  help: rewrite it with --write-baseline (version 2 follows statements by Sid or content)`;
  }
  if (values["write-baseline"]) {
    const file = values["write-baseline"];
    const written = writeFilesAtomically(
      [{ path: file, content: `${JSON.stringify(makeBaseline(findings), null, 2)}\n` }],
      values.force,
    );
    if (written.blocked.length > 0)
      return { exitCode: 2, stderr: renderDiagnostics(written.blocked) };
    return {
      exitCode: 0,
      notes: `${writtenNote([file], written)}: ${findings.length} accepted findings`,
    };
  }

  const summary = summarize(fresh, {
    files: run.files,
    catalogVersion: awsCatalog().version,
    run,
  });
  const stdout =
    values.format === "json"
      ? renderFindingsJson(fresh, summary, run)
      : values.format === "sarif"
        ? renderFindingsSarif(fresh, Object.values(AWS_RULES), {
            toolVersion: packageInfo().version,
            catalogVersion: awsCatalog().version,
            run,
          })
        : values.format === "markdown"
          ? renderFindingsMarkdown(fresh, summary, run)
          : renderFindingsText(fresh, inputs.sources, run);
  const failing = fresh.filter((f) => atLeast(f.severity, failOn));
  // Warnings stay with --quiet (nothing passes silently); how many the baseline accepted is a note.
  const warnings = [
    ...(baselineNote ? [baselineNote] : []),
    ...(run.notifications.length > 0 ? [renderDiagnostics(run.notifications)] : []),
  ];
  return sendToFile(
    {
      exitCode: failing.length > 0 ? 1 : 0,
      stdout: stdout.endsWith("\n") ? stdout.slice(0, -1) : stdout,
      ...(accepted.length > 0
        ? {
            notes: `${accepted.length} finding${accepted.length > 1 ? "s" : ""} accepted by the baseline`,
          }
        : {}),
      ...(warnings.length > 0 ? { stderr: warnings.join("\n") } : {}),
    },
    values.output,
    values.force,
  );
}
