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

/** Whether a permission may go in a custom role (`customRolesSupportLevel` of the IAM API). */
export type CustomRoleSupport = "SUPPORTED" | "TESTING" | "NOT_SUPPORTED";

export const CUSTOM_ROLE_SUPPORT_LEVELS: readonly CustomRoleSupport[] = [
  "SUPPORTED",
  "TESTING",
  "NOT_SUPPORTED",
];

/** Custom-role support levels as `permissions.queryTestablePermissions` on one resource reported them. */
export interface GcpSupportLevels {
  /** The resource queried: `//cloudresourcemanager.googleapis.com/organizations/123`. */
  scope: string;
  levels: ReadonlyMap<string, CustomRoleSupport>;
}

/** What the file holds, decoded: role permissions stay encoded until a role is asked for. */
export interface GcpCatalogData {
  version: string;
  /** Where the facts came from. */
  source: string;
  permissions: string[];
  roles: Map<string, { title: string; stage: string; encoded: string }>;
  /** Per level, the permissions at that level as index runs (see `encodeIndices`); optional. */
  support?: { scope: string; encoded: Record<CustomRoleSupport, string> };
}

/**
 * Format 1. The `support` member was added after the first shipped file: it is
 * optional, so a reader of either age reads a file of either age (an older
 * leash ignores it).
 */
interface CompactFile {
  format: 1;
  version: string;
  /** Where the facts came from, and their licence. */
  source: string;
  permissions: string;
  roles: [name: string, title: string, stage: string, permissions: string][];
  support?: { scope: string } & Record<CustomRoleSupport, string>;
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
  if (text === "") return out;
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

/**
 * The compact text of a list of roles. Support levels, when given, are kept
 * for the permissions some role holds (the catalog's permission list); the
 * others are left out.
 */
export function encodeGcpCatalog(
  roles: readonly GcpRoleRecord[],
  version: string,
  source: string,
  support?: GcpSupportLevels,
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
  if (support) {
    const byLevel: Record<CustomRoleSupport, number[]> = {
      SUPPORTED: [],
      TESTING: [],
      NOT_SUPPORTED: [],
    };
    permissions.forEach((p, i) => {
      const level = support.levels.get(p);
      if (level) byLevel[level].push(i);
    });
    file.support = {
      scope: support.scope,
      SUPPORTED: encodeIndices(byLevel.SUPPORTED),
      TESTING: encodeIndices(byLevel.TESTING),
      NOT_SUPPORTED: encodeIndices(byLevel.NOT_SUPPORTED),
    };
  }
  return `${JSON.stringify(file)}\n`;
}

/**
 * Reads the compact text. Throws an Error that says what is wrong when the
 * text is not a catalog of this format (a user cache can be damaged; the
 * shipped file cannot): the shape is checked, the role runs are decoded only
 * when a role is asked for.
 */
export function decodeGcpCatalog(text: string): GcpCatalogData {
  const file = JSON.parse(text) as unknown;
  if (typeof file !== "object" || file === null || Array.isArray(file))
    throw new Error("not a GCP catalog: the file holds no JSON object");
  const f = file as Partial<Record<keyof CompactFile, unknown>>;
  if (f.format !== 1) throw new Error(`unknown GCP catalog format ${JSON.stringify(f.format)}`);
  if (typeof f.version !== "string") throw new Error("the catalog has no `version`");
  if (typeof f.permissions !== "string") throw new Error("the catalog has no `permissions`");
  if (!Array.isArray(f.roles) || f.roles.length === 0)
    throw new Error("the catalog has no `roles`");
  const roles = new Map<string, { title: string; stage: string; encoded: string }>();
  for (const row of f.roles as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4 || row.some((x) => typeof x !== "string"))
      throw new Error("a role of the catalog is not [name, title, stage, permissions]");
    const [name, title, stage, encoded] = row as [string, string, string, string];
    roles.set(name, { title, stage, encoded });
  }
  const data: GcpCatalogData = {
    version: f.version,
    source: typeof f.source === "string" ? f.source : "",
    permissions: frontDecode(f.permissions),
    roles,
  };
  if (f.support !== undefined) {
    const s = f.support as Partial<Record<string, unknown>> | null;
    if (
      typeof s !== "object" ||
      s === null ||
      typeof s.scope !== "string" ||
      CUSTOM_ROLE_SUPPORT_LEVELS.some((l) => typeof s[l] !== "string")
    )
      throw new Error("the catalog's `support` is not {scope, SUPPORTED, TESTING, NOT_SUPPORTED}");
    data.support = {
      scope: s.scope,
      encoded: {
        SUPPORTED: s.SUPPORTED as string,
        TESTING: s.TESTING as string,
        NOT_SUPPORTED: s.NOT_SUPPORTED as string,
      },
    };
  }
  return data;
}
