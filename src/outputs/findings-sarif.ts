import type { Diagnostic } from "../diagnostics/index.js";
import type { Category, Finding, FindingSeverity } from "../model/index.js";
import { findingFingerprint } from "../model/index.js";
import { type LintRun, runNotifications } from "./findings-run.js";

/** What SARIF needs to know about a rule (an `AwsRule` fits). */
export interface LintRuleMetadata {
  id: string;
  title: string;
  category: Category;
  severity: FindingSeverity;
  description: string;
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** The npm package leash is published as (the name `leash` belongs to another package). */
export const PACKAGE_NAME = "leash-iam";
const INFORMATION_URI = `https://www.npmjs.com/package/${PACKAGE_NAME}`;

/**
 * A file of the published package at one version, as unpkg serves it: a
 * rule's page for the version whose rules ran, which stays put when a later
 * version renames or rewrites it.
 */
export function packageFileUri(path: string, version: string): string {
  return `https://unpkg.com/${PACKAGE_NAME}@${version}/${path}`;
}

/** Where a rule's page lives: `aws/star-action` -> docs/rules/star-action.md. */
export function ruleHelpUri(id: string, version: string): string {
  return packageFileUri(`docs/rules/${id.replace(/^aws\//, "")}.md`, version);
}

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<FindingSeverity, SarifLevel> = {
  error: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning reads this CVSS-like score from a rule's properties. */
const SECURITY_SEVERITY: Record<FindingSeverity, string> = {
  error: "9.0",
  high: "7.5",
  medium: "5.0",
  low: "3.0",
  info: "1.0",
};

/**
 * Findings the linter makes itself, outside the rule registry: described here
 * so that their results still point at a rule.
 */
const BUILT_IN: Record<string, Omit<LintRuleMetadata, "id">> = {
  "aws/policy-syntax": {
    title: "Policy document AWS would reject",
    category: "invalid",
    severity: "error",
    description: "The policy document breaks the IAM policy grammar, so AWS would reject it.",
  },
  "aws/json-syntax": {
    title: "File that is not valid JSON",
    category: "invalid",
    severity: "error",
    description: "The file is not valid JSON, so no policy in it can be checked.",
  },
  "aws/parse-error": {
    title: "File that cannot be read as IAM",
    category: "invalid",
    severity: "error",
    description:
      "The file cannot be parsed or is malformed for its kind (YAML, Terraform, a template or an account export), so no policy in it can be checked.",
  },
  "aws/invalid-spec": {
    title: "leash.yaml that generate rejects",
    category: "invalid",
    severity: "error",
    description: "The leash.yaml spec is invalid, so `leash generate` would reject it.",
  },
};

/**
 * A file name as a SARIF `uri`: forward slashes, each segment percent-encoded,
 * relative paths kept relative; a Windows drive path becomes a `file:` URI.
 */
export function fileUri(file: string): string {
  const path = file.replace(/\\/g, "/");
  const drive = /^([A-Za-z]:)\//.exec(path);
  const rest = drive ? path.slice(2) : path;
  const encoded = rest.split("/").map(encodeURIComponent).join("/");
  return drive ? `file:///${drive[1]}${encoded}` : encoded;
}

function physicalLocation(location: { file: string; line: number; column: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(location.file) },
      region: { startLine: location.line, startColumn: location.column },
    },
  };
}

/** A reader's warning or note as a SARIF notification of the run's invocation. */
function notification(d: Diagnostic) {
  return {
    level: d.severity === "info" ? "note" : d.severity,
    message: { text: d.help ? `${d.message}\nhelp: ${d.help}` : d.message },
    ...(d.location ? { locations: [physicalLocation(d.location)] } : {}),
    descriptor: { id: d.code },
  };
}

function descriptor(rule: LintRuleMetadata, version: string) {
  return {
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    // Built-in rules have no page of their own: the rules index describes them.
    helpUri: BUILT_IN[rule.id]
      ? packageFileUri("docs/rules/README.md", version)
      : ruleHelpUri(rule.id, version),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      category: rule.category,
      // GitHub applies security-severity only to rules tagged `security`.
      tags: ["security", rule.category],
      "security-severity": SECURITY_SEVERITY[rule.severity],
    },
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run whose
 * driver lists every rule (then any built-in rule a finding names), one
 * result per finding, and, when the run is given, an invocation whose
 * `toolExecutionNotifications` hold the readers' warnings and the files
 * skipped as not IAM. `executionSuccessful` is true: a run that could not
 * read what it was asked to writes no report (exit status 2).
 */
export function renderFindingsSarif(
  findings: readonly Finding[],
  rules: readonly LintRuleMetadata[],
  options: { toolVersion: string; catalogVersion: string; run?: LintRun },
): string {
  const listed: LintRuleMetadata[] = [];
  const index = new Map<string, number>();
  const add = (r: LintRuleMetadata) => {
    if (index.has(r.id)) return;
    index.set(r.id, listed.length);
    listed.push(r);
  };
  for (const r of rules) add(r);
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    add({
      id: f.ruleId,
      ...(BUILT_IN[f.ruleId] ?? {
        title: f.ruleId,
        category: f.category,
        severity: f.severity,
        description: `Findings of ${f.ruleId}.`,
      }),
    });
  }

  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: `${f.message}\nhelp: ${f.help}` },
    locations: [physicalLocation(f.location)],
    // v2: content-based (statement Sid or normalised hash), no longer the JSON pointer.
    partialFingerprints: { "leashFindingHash/v2": findingFingerprint(f) },
    properties: {
      severity: f.severity,
      category: f.category,
      pointer: f.location.pointer,
      ...(f.code ? { code: f.code } : {}),
    },
  }));

  const log = {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "leash",
            informationUri: INFORMATION_URI,
            version: options.toolVersion,
            rules: listed.map((r) => descriptor(r, options.toolVersion)),
          },
        },
        ...(options.run
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: runNotifications(options.run).map(notification),
                },
              ],
            }
          : {}),
        // Columns count UTF-16 code units, as JavaScript strings do.
        columnKind: "utf16CodeUnits",
        results,
        properties: { catalogVersion: options.catalogVersion },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
