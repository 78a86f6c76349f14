/**
 * The shipped GCP catalog's file format. Every predefined role with its
 * permissions is 6.5 MB as `gcloud iam roles list` prints it; leash ships the
 * same facts in under a megabyte: the permission names sorted and
 * front-coded (each line says how many characters it shares with the one
 * before), and each role's permissions as runs of indices into that list.
 */

/** One role as `gcloud iam roles describe` and `roles list --view=FULL` print it. */
export interface GcpRoleRecord {
  name: string;
  title?: string;
  stage?: string;
  includedPermissions?: string[];
}

/** What the file holds, decoded: role permissions stay encoded until a role is asked for. */
export interface GcpCatalogData {
  version: string;
  permissions: string[];
  roles: Map<string, { title: string; stage: string; encoded: string }>;
}

interface CompactFile {
  format: 1;
  version: string;
  /** Where the facts came from, and their licence. */
  source: string;
  permissions: string;
  roles: [name: string, title: string, stage: string, permissions: string][];
}

function frontCode(sorted: readonly string[]): string {
  let prev = "";
  return sorted
    .map((p) => {
      let shared = 0;
      while (shared < prev.length && shared < p.length && prev[shared] === p[shared]) shared++;
      prev = p;
      return `${shared.toString(36)} ${p.slice(shared)}`;
    })
    .join("\n");
}

function frontDecode(text: string): string[] {
  const out: string[] = [];
  let prev = "";
  for (const line of text.split("\n")) {
    const space = line.indexOf(" ");
    prev = prev.slice(0, Number.parseInt(line.slice(0, space), 36)) + line.slice(space + 1);
    out.push(prev);
  }
  return out;
}

/** Sorted indices as runs: `delta` or `delta+length`, deltas from the end of the previous run, base 36. */
function encodeIndices(ids: readonly number[]): string {
  const parts: string[] = [];
  let prev = 0;
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    const delta = (ids[i]! - prev).toString(36);
    parts.push(j > i ? `${delta}+${(j - i).toString(36)}` : delta);
    prev = ids[j]!;
    i = j + 1;
  }
  return parts.join(",");
}

/** The permission names of one role, from its encoded runs. */
export function decodeIndices(encoded: string, permissions: readonly string[]): string[] {
  const out: string[] = [];
  if (encoded === "") return out;
  let prev = 0;
  for (const part of encoded.split(",")) {
    const plus = part.indexOf("+");
    const start = prev + Number.parseInt(plus < 0 ? part : part.slice(0, plus), 36);
    const extra = plus < 0 ? 0 : Number.parseInt(part.slice(plus + 1), 36);
    for (let k = start; k <= start + extra; k++) out.push(permissions[k]!);
    prev = start + extra;
  }
  return out;
}

export function encodeGcpCatalog(
  roles: readonly GcpRoleRecord[],
  version: string,
  source: string,
): string {
  const permissions = [...new Set(roles.flatMap((r) => r.includedPermissions ?? []))].sort();
  const index = new Map(permissions.map((p, i) => [p, i]));
  const file: CompactFile = {
    format: 1,
    version,
    source,
    permissions: frontCode(permissions),
    roles: [...roles]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((r) => [
        r.name,
        r.title ?? "",
        r.stage ?? "GA",
        encodeIndices(
          [...new Set(r.includedPermissions ?? [])].map((p) => index.get(p)!).sort((a, b) => a - b),
        ),
      ]),
  };
  return `${JSON.stringify(file)}\n`;
}

export function decodeGcpCatalog(text: string): GcpCatalogData {
  const file = JSON.parse(text) as CompactFile;
  if (file.format !== 1) throw new Error(`unknown GCP catalog format ${String(file.format)}`);
  return {
    version: file.version,
    permissions: frontDecode(file.permissions),
    roles: new Map(
      file.roles.map(([name, title, stage, encoded]) => [name, { title, stage, encoded }]),
    ),
  };
}
