import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

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
 */
export function writeFilesAtomically(
  files: readonly { path: string; content: string }[],
  force: boolean,
): string[] {
  const existing = files.filter((f) => existsSync(f.path)).map((f) => f.path);
  if (existing.length > 0 && !force) return existing;
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    const tmp = join(dirname(f.path), `.leash-tmp-${process.pid}-${basename(f.path)}`);
    writeFileSync(tmp, f.content);
    renameSync(tmp, f.path);
  }
  return [];
}
