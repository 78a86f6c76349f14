/**
 * Table rows with full titles: vitest shortens `$field` titles to 40
 * characters, but prints a `%s` title in full.
 */
export function titled<T>(rows: readonly T[], title: (row: T) => string): [string, T][] {
  return rows.map((row) => [title(row), row]);
}
