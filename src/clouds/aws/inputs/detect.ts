import { readdir, stat } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import {
  type Diagnostic,
  decodeText,
  parseLocatedJson,
  readText,
  toPlain,
} from "../../../diagnostics/index.js";
import type { PolicyType } from "../policy/types.js";
import type { LintDocument } from "../rules/lint.js";
import {
  isAccountAuthorizationDetails,
  readAccountAuthorizationDetails,
} from "./account-authorization-details.js";
import { almostPolicyDiagnostics, isAlmostPolicy } from "./almost-policy.js";
import { fileStart, type InputResult, inputDiagnostic } from "./common.js";
import { isLeashAwsJson, readLeashAwsJson } from "./leash-aws-json.js";
import { readPolicyFile } from "./policy-file.js";
import { isCloudFormationTemplate, isLeashSpec } from "./shapes.js";
import { isTerraformPlan, readTerraformPlan } from "./terraform-plan.js";

// The readers that need the YAML parser, the HCL parser or the spec schema are
// loaded with the first file that needs them: a folder of policy JSON needs none.
const cloudFormationReader = () => import("./cloudformation.js");
const cloudFormationYaml = () => import("./cloudformation-yaml.js");
const terraformReader = () => import("./terraform.js");

export interface ReadInputsOptions {
  /** The policy type of plain policy files; detected per document when absent. */
  type?: PolicyType;
  /** Files not to read (the lint config's `ignore`); they are reported as skipped. */
  ignore?: (file: string) => boolean;
}

/** A file looked at but not read as IAM, and why. */
export interface SkippedFile {
  file: string;
  /** `not-iam`: parsed, but none of the inputs; `ignored`: matched `ignore`. */
  reason: "not-iam" | "ignored";
}

export interface ReadInputsResult {
  documents: LintDocument[];
  diagnostics: Diagnostic[];
  /** The text of every file read, by file name as in locations (for code frames). */
  sources: Map<string, string>;
  /** How many files were read as inputs (including those that failed to parse). */
  files: number;
  /** Files looked at and not read, so that a run can say what it did not check. */
  skipped: SkippedFile[];
}

export type InputKind =
  | "account-authorization-details"
  | "cloudformation"
  | "terraform-plan"
  | "terraform"
  | "leash-spec"
  | "leash-aws-json"
  | "policy";

/** Extensions of the files read inside directories; others are not opened. */
const SCANNED = new Set([".json", ".yaml", ".yml", ".tf", ".template"]);
/** Files inside directories with these extensions are reported when they fail to parse. */
const EXPECTED_TO_PARSE = new Set([".json", ".yaml", ".yml", ".tf"]);

const ACCEPTED =
  "leash lint reads policy JSON files, `aws iam get-account-authorization-details` output, CloudFormation templates (JSON or YAML), Terraform `.tf` files, `terraform show -json` output and leash's own `aws.json`";

function isPolicyLike(value: unknown): boolean {
  const isPolicy = (v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && "Statement" in v;
  return Array.isArray(value) ? value.some(isPolicy) : isPolicy(value);
}

/**
 * Which reader a file needs, from its content (and the `.tf` extension):
 * undefined when it is none of the inputs, with the parse error when it
 * could not even be parsed.
 */
export async function detectInputKind(
  text: string,
  file: string,
): Promise<
  { kind: InputKind } | { kind: undefined; parseError?: Diagnostic; almostPolicy?: Diagnostic[] }
> {
  const ext = extname(file).toLowerCase();
  if (ext === ".tf") return { kind: "terraform" };
  const trimmed = text.trimStart().replace(/^\uFEFF/, "");
  // Fast path for the common case, a plain policy document: no second parse just to detect it
  // (the policy reader's located parse reports any syntax error itself).
  if (
    trimmed.startsWith("{") &&
    trimmed.includes('"Statement"') &&
    !/"(UserDetailList|RoleDetailList|GroupDetailList|planned_values|format_version|AWSTemplateFormatVersion|Resources|serviceControlPolicies|StackPolicy)"/.test(
      trimmed,
    )
  ) {
    return { kind: "policy" };
  }
  let value: unknown;
  let parsed = false;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      value = JSON.parse(trimmed);
      parsed = true;
    } catch {
      if (ext === ".json") {
        const d = parseLocatedJson(text, file).diagnostics[0];
        return {
          kind: undefined,
          ...(d ? { parseError: { ...d, code: "input/json-syntax" } } : {}),
        };
      }
    }
  }
  if (parsed) {
    if (isAccountAuthorizationDetails(value)) return { kind: "account-authorization-details" };
    if (isTerraformPlan(value)) return { kind: "terraform-plan" };
    if (isCloudFormationTemplate(value)) return { kind: "cloudformation" };
    if (isLeashAwsJson(value)) return { kind: "leash-aws-json" };
    if (isPolicyLike(value)) return { kind: "policy" };
    if (isAlmostPolicy(value))
      return { kind: undefined, almostPolicy: almostPolicyDiagnostics(text, file) };
    return { kind: undefined };
  }
  if ((ext === ".yaml" || ext === ".yml") && isLeashSpec(text)) return { kind: "leash-spec" };
  const yaml = await cloudFormationYaml();
  value = yaml.parseCloudFormationYamlPlain(text);
  if (value === undefined) {
    // The plain parse also fails on what only the located parse bounds (an alias bomb):
    // the located tree, when there is one, says what the file is.
    const located = yaml.parseCloudFormationYaml(text, file);
    if (!located.node) {
      const d = located.diagnostics[0];
      return { kind: undefined, ...(d ? { parseError: d } : {}) };
    }
    value = toPlain(located.node);
  }
  return isCloudFormationTemplate(value) ? { kind: "cloudformation" } : { kind: undefined };
}

/**
 * Every file under a directory, sorted, skipping `node_modules` and dot-directories.
 * A folder inside that cannot be listed is handed to `unlisted` and the walk goes on:
 * one unreadable folder must not hide the findings of the others.
 */
async function walk(dir: string, unlisted: (dir: string, e: unknown) => void): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      try {
        out.push(...(await walk(path, unlisted)));
      } catch (err) {
        unlisted(path, err);
      }
    } else if (SCANNED.has(extname(e.name).toLowerCase())) {
      // Symbolic links are followed to files only, so that a link cannot loop.
      const isFile =
        e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile());
      if (isFile) out.push(path);
    }
  }
  return out;
}

/**
 * A path that cannot be read: named, it stops the run (`input/unreadable`, as a missing
 * path does); found inside a folder, it is a finding about that path
 * (`input/unreadable-in-folder`) and the other files are still linted.
 */
function unreadable(
  what: "file" | "directory",
  path: string,
  e: unknown,
  named: boolean,
): Diagnostic {
  return inputDiagnostic(
    named ? "unreadable" : "unreadable-in-folder",
    `cannot read the ${what}: ${e instanceof Error ? e.message : String(e)}`,
    fileStart(path),
    "check the path and its permissions",
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeText(Buffer.concat(chunks));
}

/**
 * Reads every input (files, directories searched recursively, `-` for
 * standard input) and returns the policy documents found, with the
 * diagnostics and the source texts. With `each`, documents are handed to it
 * unit by unit instead, and none are returned. Each file's reader is chosen by content;
 * the `.tf` files of one folder are read together, as Terraform does.
 * A named file that is no known input is an error (`input/unrecognized`);
 * files found in directories that are not inputs are skipped (and listed in
 * `skipped`), and those that should parse (`.json`, `.yaml`, `.yml`, `.tf`)
 * but do not are reported as errors, named or found: a file that cannot be
 * parsed is never passed over silently (the linter makes it a finding).
 */
export async function readInputs(
  paths: readonly string[],
  options: ReadInputsOptions = {},
  each?: (documents: LintDocument[]) => void,
): Promise<ReadInputsResult> {
  const documents: LintDocument[] = [];
  // A unit is what one reader returns: a file, or a Terraform module's files. Rules that
  // judge documents together (one principal's) never need two units, so a caller may take
  // each unit's documents as it comes and let the parsed trees go.
  const emit = (found: LintDocument[]) => {
    if (each) each(found);
    else documents.push(...found);
  };
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const skipped: SkippedFile[] = [];
  let files = 0;
  const seen = new Set<string>();
  /** `.tf` files by folder: a module's files are read together. */
  const modules = new Map<string, { file: string; text: string }[]>();

  const readOne = async (file: string, text: string, explicit: boolean) => {
    sources.set(file, text);
    const detected = await detectInputKind(text, file);
    // A file that is nearly a policy is an error wherever it was found: skipping it would pass
    // the gate on a policy nobody checked.
    if (detected.kind === undefined && detected.almostPolicy?.length) {
      files++;
      diagnostics.push(...detected.almostPolicy);
      return;
    }
    let result: InputResult;
    switch (detected.kind) {
      case "account-authorization-details":
        result = readAccountAuthorizationDetails(text, file);
        break;
      case "cloudformation":
        result = (await cloudFormationReader()).readCloudFormation(text, file);
        break;
      case "terraform-plan":
        result = readTerraformPlan(text, file);
        break;
      case "terraform": {
        files++;
        const folder = resolve(dirname(file));
        modules.set(folder, [...(modules.get(folder) ?? []), { file, text }]);
        return;
      }
      case "policy":
        result = readPolicyFile(text, file, options.type ? { type: options.type } : {});
        break;
      case "leash-spec":
        result = (await import("./leash-spec.js")).readLeashSpec(text, file);
        break;
      case "leash-aws-json":
        result = readLeashAwsJson(text, file);
        break;
      default: {
        const { parseError } = detected;
        if (parseError && (explicit || EXPECTED_TO_PARSE.has(extname(file).toLowerCase()))) {
          files++;
          diagnostics.push(parseError);
          return;
        }
        skipped.push({ file, reason: "not-iam" });
        if (explicit) {
          diagnostics.push(
            inputDiagnostic(
              "unrecognized",
              "the file is not a policy, account export, CloudFormation template or Terraform file",
              fileStart(file),
              ACCEPTED,
            ),
          );
        }
        return;
      }
    }
    files++;
    emit(result.documents);
    diagnostics.push(...result.diagnostics);
  };

  const readPath = async (file: string, explicit: boolean) => {
    const key = resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    if (options.ignore?.(file)) {
      skipped.push({ file, reason: "ignored" });
      return;
    }
    let text: string;
    try {
      // Synchronous on purpose: thousands of small files read one after another cost far
      // more in event-loop round trips than in reading.
      text = readText(file);
    } catch (e) {
      diagnostics.push(unreadable("file", file, e, explicit));
      return;
    }
    await readOne(file, text, explicit);
  };

  for (const path of paths) {
    if (path === "-") {
      let text: string;
      try {
        text = await readStdin();
      } catch (e) {
        diagnostics.push(unreadable("file", "<stdin>", e, true));
        continue;
      }
      await readOne("<stdin>", text, true);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      diagnostics.push(
        inputDiagnostic(
          "not-found",
          `\`${path}\` does not exist`,
          fileStart(path),
          "name existing files or directories",
        ),
      );
      continue;
    }
    if (!isDirectory) {
      await readPath(path, true);
      continue;
    }
    let files: string[];
    try {
      files = await walk(path, (dir, e) =>
        diagnostics.push(unreadable("directory", dir, e, false)),
      );
    } catch (e) {
      diagnostics.push(unreadable("directory", path, e, true));
      continue;
    }
    for (const file of files) await readPath(file, false);
  }
  for (const files of modules.values()) {
    const result = await (await terraformReader()).readTerraformModule(files, {
      readFile: (path) => {
        try {
          const t = readText(path);
          sources.set(path, t);
          return t;
        } catch {
          return undefined;
        }
      },
    });
    emit(result.documents);
    diagnostics.push(...result.diagnostics);
  }
  return { documents, diagnostics, sources, files, skipped };
}
