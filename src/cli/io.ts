import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";

/** Reads a file, or standard input for `-`. */
export function readInput(path: string): string {
  return readFileSync(path === "-" ? 0 : path, "utf8");
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
