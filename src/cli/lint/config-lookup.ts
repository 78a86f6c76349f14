import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const CONFIG_FILE_NAME = "leash.config.yaml";

/**
 * The leash.config.yaml that applies in `start`: the nearest one in it or a
 * folder above it, as ESLint and Prettier find theirs, so that `leash lint`
 * run from a subfolder of a repository uses the repository's config.
 */
export function findConfigUpward(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
