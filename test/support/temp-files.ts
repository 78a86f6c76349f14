import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A fresh temporary folder and a writer of files in it: text as given, anything
 * else as indented JSON (a policy, an export). The CLI tests lint and simulate
 * the files it writes.
 */
export function tempFiles(prefix: string): {
  dir: string;
  file: (name: string, content: unknown) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
      return path;
    },
  };
}
