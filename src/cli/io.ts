import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { type Diagnostic, readText, renderDiagnostics } from "../diagnostics/index.js";
import type { CommandResult } from "./result.js";

/** Reads a file, or standard input for `-`, as text (UTF-8, with or without a mark, or UTF-16). */
export function readInput(path: string): string {
  return readText(path === "-" ? 0 : path);
}

/**
 * Collects output and writes it to stdout in large chunks (one write per
 * line is slow), honouring back-pressure so that piping into a slow reader
 * never loses or reorders lines.
 */
export class BufferedStdout {
  private parts: string[] = [];
  private size = 0;

  async line(text: string): Promise<void> {
    this.parts.push(text, "\n");
    this.size += text.length + 1;
    if (this.size > 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (!process.stdout.write(chunk)) {
      await new Promise<void>((resolve) => process.stdout.once("drain", resolve));
    }
  }
}

/**
 * Writes files atomically (a temporary file in the same folder, then a
 * rename) after checking that none exists, unless `force`: nothing is
 * overwritten by surprise, and a failed run leaves no half-written file.
 * Returns what stopped it, as diagnostics (`output/exists`,
 * `output/unwritable`); empty when every file was written.
 */
export function writeFilesAtomically(
  files: readonly { path: string; content: string }[],
  force: boolean,
): Diagnostic[] {
  const at = (file: string) => ({ file, pointer: "", line: 1, column: 1 });
  if (!force) {
    const existing = files.filter((f) => existsSync(f.path));
    if (existing.length > 0)
      return existing.map((f) => ({
        code: "output/exists",
        severity: "error" as const,
        message: `\`${f.path}\` already exists`,
        help: "pass --force to replace it",
        location: at(f.path),
      }));
  }
  for (const f of files) {
    const tmp = join(dirname(f.path), `.leash-tmp-${process.pid}-${basename(f.path)}`);
    try {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(tmp, f.content);
      renameSync(tmp, f.path);
    } catch (e) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // Nothing was written where nothing can be: no temporary file to remove.
      }
      return [
        {
          code: "output/unwritable",
          severity: "error",
          message: `cannot write \`${f.path}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          help: "check that the folder exists and can be written",
          location: at(f.path),
        },
      ];
    }
  }
  return [];
}

/** The options of a command whose result can go to a file instead of standard output. */
export const OUTPUT_OPTIONS = {
  output: { type: "string", short: "o" },
  force: { type: "boolean", default: false },
} as const;

export const OUTPUT_HELP = `Output:
  --output FILE, -o FILE   write the result to FILE instead of standard output (\`-\`),
                           atomically; an existing FILE is kept unless --force`;

/**
 * Sends a command's standard output to `file` (`--output FILE`): written
 * atomically, never over an existing file without `force`. `-` is standard
 * output, as for inputs. A result with no standard output (a usage error) is
 * returned as it is.
 */
export function sendToFile(
  result: CommandResult,
  file: string | undefined,
  force: boolean,
): CommandResult {
  if (file === undefined || file === "-" || result.stdout === undefined) return result;
  const blocked = writeFilesAtomically([{ path: file, content: `${result.stdout}\n` }], force);
  const { stdout: _, ...rest } = result;
  if (blocked.length > 0)
    return {
      ...rest,
      exitCode: 2,
      stderr: [result.stderr, renderDiagnostics(blocked)].filter(Boolean).join("\n"),
    };
  return { ...rest, notes: [result.notes, `wrote ${file}`].filter(Boolean).join("\n") };
}
