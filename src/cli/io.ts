import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/** Whether `path` already holds exactly `content`: writing it again would change nothing. */
function holds(path: string, content: string): boolean {
  try {
    return readFileSync(path).equals(Buffer.from(content));
  } catch {
    return false; // missing, a folder, unreadable: not the same file
  }
}

/** What a write did: what stopped it (`output/exists`, `output/unwritable`), or what it wrote. */
export interface Written {
  blocked: Diagnostic[];
  /** Files that already held exactly their content: not a conflict, and not touched. */
  unchanged: string[];
}

/**
 * Writes files atomically (a temporary file in the same folder, then a
 * rename) after checking that none exists, unless `force`: nothing is
 * overwritten by surprise, and a failed run leaves no half-written file.
 * A file that already holds exactly what would be written is left as it is
 * (as \`terraform apply\` leaves what has no change): generating Terraform
 * and then CloudFormation into one folder shares the same workflows.
 */
export function writeFilesAtomically(
  files: readonly { path: string; content: string }[],
  force: boolean,
): Written {
  const at = (file: string) => ({ file, pointer: "", line: 1, column: 1 });
  const unchanged = files.filter((f) => holds(f.path, f.content)).map((f) => f.path);
  const changed = files.filter((f) => !unchanged.includes(f.path));
  if (!force) {
    const existing = changed.filter((f) => existsSync(f.path));
    if (existing.length > 0)
      return {
        blocked: existing.map((f) => ({
          code: "output/exists",
          severity: "error" as const,
          message: `\`${f.path}\` already exists, with other content`,
          help: "pass --force to replace it",
          location: at(f.path),
        })),
        unchanged,
      };
  }
  for (const f of changed) {
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
      return {
        blocked: [
          {
            code: "output/unwritable",
            severity: "error",
            message: `cannot write \`${f.path}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
            help: "check that the folder exists and can be written",
            location: at(f.path),
          },
        ],
        unchanged,
      };
    }
  }
  return { blocked: [], unchanged };
}

/** `wrote a, b; unchanged c`: the note that says what a write did. */
export function writtenNote(paths: readonly string[], { unchanged }: Written): string {
  const wrote = paths.filter((p) => !unchanged.includes(p));
  return [
    wrote.length > 0 ? `wrote ${wrote.join(", ")}` : "",
    unchanged.length > 0 ? `unchanged ${unchanged.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The options of a command whose result can go to a file instead of standard output. */
export const OUTPUT_OPTIONS = {
  output: { type: "string", short: "o" },
  force: { type: "boolean", default: false },
} as const;

export const OUTPUT_HELP = `Output:
  --output FILE, -o FILE   write the result to FILE instead of standard output (\`-\`),
                           atomically; an existing FILE is kept unless --force
                           (one that holds exactly the result is unchanged)`;

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
  const written = writeFilesAtomically([{ path: file, content: `${result.stdout}\n` }], force);
  const { stdout: _, ...rest } = result;
  if (written.blocked.length > 0)
    return {
      ...rest,
      exitCode: 2,
      stderr: [result.stderr, renderDiagnostics(written.blocked)].filter(Boolean).join("\n"),
    };
  return {
    ...rest,
    notes: [result.notes, writtenNote([file], written)].filter(Boolean).join("\n"),
  };
}
