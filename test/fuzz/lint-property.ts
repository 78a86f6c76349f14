/**
 * What `leash lint` must do with any input, however broken: return (never
 * throw, which the CLI reports as an internal error with exit status 70), say
 * what is wrong with a code and a location, and print output bounded by the
 * number of things it reports.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { run } from "../../src/cli/main.js";
import type { CommandResult } from "../../src/cli/result.js";

export interface LintCase {
  /** Files by path relative to the case's folder. */
  files: { name: string; text: string | Uint8Array }[];
  /** More options for `leash lint` (e.g. `--type resource`). */
  args: string[];
  /** Lint the folder rather than the file when there is one file. */
  folder: boolean;
  /** The human format rendered besides JSON. */
  format: "text" | "markdown" | "sarif";
  /** Files that must have findings whatever the others hold (a broken file hides nothing). */
  mustFind?: string[];
}

/** Characters of text output one finding or notification may take: three windowed lines and a message. */
export const OUTPUT_PER_ITEM = 2_000;
/** Characters of output besides the items: the summary and what was skipped. */
const OUTPUT_BASE = 2_000;

const RULE_ID = /^[a-z]+\/[a-z0-9-]+$/;
/** A rendered error diagnostic: `file:line:column[ (pointer)]: error code: message`. */
const LOCATED_ERROR = /^\S.*:\d+:\d+(?: \(.*\))?: error [a-z]+\/[a-z0-9-]+: /m;
/** The one error about the whole run rather than a place: it names the paths and what it found there. */
const NOTHING_TO_LINT = /^error input\/nothing-to-lint: no IAM (found|analysed) in /m;

interface JsonLocation {
  file?: unknown;
  line?: unknown;
  column?: unknown;
}

const positive = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1;

function badLocation(loc: JsonLocation | undefined): boolean {
  return (
    !loc ||
    typeof loc.file !== "string" ||
    !loc.file ||
    !positive(loc.line) ||
    !positive(loc.column)
  );
}

/** Runs `leash lint` in process; a thrown error is what the CLI would report as exit 70. */
export async function lintInProcess(args: string[]): Promise<CommandResult> {
  try {
    return await run(["lint", ...args]);
  } catch (e) {
    throw new Error(
      `internal error (exit 70): ${(e as Error).stack ?? e}\non lint ${args.join(" ")}`,
    );
  }
}

function fail(message: string, r: CommandResult): never {
  throw new Error(
    `${message}\nexit ${r.exitCode}\nstdout: ${(r.stdout ?? "").slice(0, 2000)}\nstderr: ${(r.stderr ?? "").slice(0, 2000)}`,
  );
}

/** Checks one case; throws an error that says which promise was broken. */
export async function checkLintCase(c: LintCase, scratch: string): Promise<void> {
  const dir = mkdtempSync(join(scratch, "case-"));
  try {
    for (const f of c.files) {
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.text);
    }
    const only = c.files.length === 1 && !c.folder ? c.files[0] : undefined;
    const target = only ? join(dir, only.name) : dir;
    const json = await lintInProcess([target, "--format", "json", ...c.args]);
    const items = checkJsonResult(json, c, dir);
    const human = await lintInProcess([target, "--format", c.format, ...c.args]);
    if (human.exitCode !== json.exitCode)
      fail(`--format ${c.format} exits ${human.exitCode}, JSON ${json.exitCode}`, human);
    const bound = OUTPUT_BASE + OUTPUT_PER_ITEM * items;
    if (c.format === "text" && (human.stdout ?? "").length > bound)
      fail(`text output of ${(human.stdout ?? "").length} characters for ${items} findings`, {
        ...human,
        stdout: "",
      });
    if ((human.stderr ?? "").length > bound)
      fail(`stderr of ${(human.stderr ?? "").length} characters for ${items} items`, {
        ...human,
        stderr: "",
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks the JSON result and returns how many findings and notifications it reported. */
function checkJsonResult(r: CommandResult, c: LintCase, dir: string): number {
  if (r.exitCode === 2) {
    const stderr = r.stderr ?? "";
    if (!LOCATED_ERROR.test(stderr) && !NOTHING_TO_LINT.test(stderr))
      fail("exit 2 without a located error diagnostic", r);
    return (r.stderr ?? "").split("\n").length;
  }
  if (r.exitCode !== 0 && r.exitCode !== 1) fail(`exit status ${r.exitCode}`, r);
  let out: {
    findings: { ruleId?: unknown; category?: unknown; location?: JsonLocation }[];
    notifications: { code?: unknown; location?: JsonLocation }[];
  };
  try {
    out = JSON.parse(r.stdout ?? "");
  } catch {
    return fail("--format json printed no JSON", r);
  }
  for (const f of out.findings) {
    if (typeof f.ruleId !== "string" || !RULE_ID.test(f.ruleId))
      fail(`finding without a rule id: ${JSON.stringify(f)}`, r);
    if (badLocation(f.location)) fail(`finding without a location: ${JSON.stringify(f)}`, r);
  }
  for (const n of out.notifications) {
    if (typeof n.code !== "string" || !RULE_ID.test(n.code))
      fail(`notification without a code: ${JSON.stringify(n)}`, r);
    if (n.location && badLocation(n.location))
      fail(`notification with a bad location: ${JSON.stringify(n)}`, r);
  }
  // A file that looks like JSON and does not parse is always reported, wherever it was found.
  for (const f of c.files) {
    if (!f.name.endsWith(".json") || typeof f.text !== "string") continue;
    const trimmed = f.text.trimStart();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) continue;
    try {
      JSON.parse(f.text.replace(/^\uFEFF/, ""));
    } catch {
      const path = join(dir, f.name);
      if (!out.findings.some((x) => x.category === "invalid" && x.location?.file === path))
        fail(`${f.name} is not JSON and no finding says so`, r);
    }
  }
  for (const name of c.mustFind ?? []) {
    const path = join(dir, name);
    if (!out.findings.some((x) => x.location?.file === path))
      fail(`${name} lost its findings to the files beside it`, r);
  }
  return out.findings.length + out.notifications.length;
}
