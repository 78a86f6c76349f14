import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  type Diagnostic,
  type JsonNode,
  parseLocatedJson,
  type SourceLocation,
} from "../../../diagnostics/index.js";
import { type CatalogEnv, shippedGcpCatalog, userCatalogPath } from "./catalog.js";
import {
  CUSTOM_ROLE_SUPPORT_LEVELS,
  type CustomRoleSupport,
  encodeGcpCatalog,
  type GcpRoleRecord,
} from "./compact-catalog.js";

/**
 * `leash catalog sync --cloud gcp`: a full catalog of GCP's predefined roles,
 * from a file the user exported with gcloud or from the IAM API itself,
 * turned into the compact format the shipped catalog uses. Nothing here runs
 * unless asked: the API client is imported when a sync from the API starts.
 */

/** What a sync produced: the compact text when it succeeded, and what it has to say. */
export interface GcpSyncResult {
  /** The catalog, in the compact format; absent when an error stopped the sync. */
  text?: string;
  version?: string;
  roles: number;
  permissions: number;
  /** Permissions with a custom-role support level (API sync with --organization/--project). */
  supportLevels: number;
  /** One line on where the version's date or the support levels came from. */
  notes: string[];
  diagnostics: Diagnostic[];
}

const STAGES = new Set(["GA", "BETA", "ALPHA", "DEPRECATED", "EAP", "DISABLED"]);

const EXPORT_HELP = "export with `gcloud iam roles list --view=FULL --format=json > roles.json`";

/** A date as YYYY-MM-DD, in UTC. */
function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Reads an export of predefined roles: `gcloud iam roles list --view=FULL
 * --format=json` (an array of roles), or a JSON array of `gcloud iam roles
 * describe --format=json` outputs (the same shape), or one role. Every role
 * needs `includedPermissions`, which gcloud prints only with --view=FULL.
 * The version is dated by the file's modification time, or today for
 * standard input (`-`) or a file whose time cannot be read.
 */
export function syncFromExport(
  text: string,
  file: string,
  options: { today?: () => Date } = {},
): GcpSyncResult {
  const name = file === "-" ? "<stdin>" : file;
  const result: GcpSyncResult = {
    roles: 0,
    permissions: 0,
    supportLevels: 0,
    notes: [],
    diagnostics: [],
  };
  const parsed = parseLocatedJson(text, name);
  if (!parsed.node) {
    result.diagnostics.push(
      ...parsed.diagnostics.map((d) => ({
        ...d,
        code: "gcp-catalog/invalid-json",
        help: d.help ?? `the file must be JSON: ${EXPORT_HELP}`,
      })),
    );
    return result;
  }
  const root = parsed.node;
  const nodes = root.kind === "array" ? root.items : root.kind === "object" ? [root] : undefined;
  if (!nodes) {
    result.diagnostics.push({
      code: "gcp-catalog/not-roles",
      severity: "error",
      message: `expected an array of roles, found a ${root.kind}`,
      help: EXPORT_HELP,
      location: root.loc,
    });
    return result;
  }
  const roles = readRoles(nodes, result.diagnostics);
  if (result.diagnostics.some((d) => d.severity === "error")) return result;
  if (roles.length === 0) {
    result.diagnostics.push({
      code: "gcp-catalog/no-roles",
      severity: "error",
      message: "the export holds no predefined role",
      help: EXPORT_HELP,
      location: root.loc,
    });
    return result;
  }
  if (roles.every((r) => r.record.includedPermissions === undefined)) {
    result.diagnostics.push({
      code: "gcp-catalog/no-permissions",
      severity: "error",
      message: `no role in the export lists its permissions (\`includedPermissions\`): \`gcloud iam roles list\` prints them only with \`--view=FULL\``,
      help: EXPORT_HELP,
      location: root.loc,
    });
    return result;
  }
  let date: Date | undefined;
  if (file !== "-") {
    try {
      date = statSync(file).mtime;
    } catch {
      // A file read through another name (a pipe, a descriptor): dated today, and said so.
    }
  }
  const dated = date
    ? `the modification time of \`${name}\``
    : `today (${file === "-" ? "standard input has" : `\`${name}\` has`} no modification time)`;
  date ??= (options.today ?? (() => new Date()))();
  const records = roles.map((r) => r.record);
  const version = `gcloud export ${day(date)} (${records.length} roles)`;
  finish(result, records, version, `\`gcloud iam roles list\` export \`${basename(name)}\``);
  result.notes.push(`the version's date is ${dated}`);
  shrinking(result, records.length, root.loc);
  return result;
}

function finish(
  result: GcpSyncResult,
  records: readonly GcpRoleRecord[],
  version: string,
  source: string,
  support?: { scope: string; levels: ReadonlyMap<string, CustomRoleSupport> },
): void {
  result.text = encodeGcpCatalog(records, version, source, support);
  result.version = version;
  result.roles = records.length;
  const permissions = new Set(records.flatMap((r) => r.includedPermissions ?? []));
  result.permissions = permissions.size;
  if (support)
    result.supportLevels = [...support.levels.keys()].filter((p) => permissions.has(p)).length;
}

/** A catalog much smaller than the shipped one makes every role it lacks unknown: said, not refused. */
function shrinking(result: GcpSyncResult, count: number, loc?: SourceLocation): void {
  const shipped = [...shippedGcpCatalog().roleNames()].length;
  if (count >= shipped / 2) return;
  result.diagnostics.push({
    code: "gcp-catalog/few-roles",
    severity: "warning",
    message: `the new catalog holds ${count} roles, the shipped one ${shipped}: it replaces the shipped catalog whole, and every role it lacks becomes unknown`,
    help: "export every predefined role (`gcloud iam roles list --view=FULL`), or delete the cache to go back to the shipped catalog",
    ...(loc ? { location: loc } : {}),
  });
}

interface ReadRole {
  record: GcpRoleRecord;
  loc: SourceLocation;
}

function readRoles(nodes: readonly JsonNode[], diagnostics: Diagnostic[]): ReadRole[] {
  const out: ReadRole[] = [];
  const seen = new Map<string, SourceLocation>();
  for (const node of nodes) {
    if (node.kind !== "object") {
      diagnostics.push({
        code: "gcp-catalog/invalid-role",
        severity: "error",
        message: `a role must be an object, found a ${node.kind}`,
        help: EXPORT_HELP,
        location: node.loc,
      });
      continue;
    }
    const fields = new Map(node.entries.map((e) => [e.key, e.value]));
    const name = fields.get("name");
    if (name?.kind !== "string" || name.value === "") {
      diagnostics.push({
        code: "gcp-catalog/invalid-role",
        severity: "error",
        message: "a role needs a `name`, a string such as `roles/storage.objectViewer`",
        help: EXPORT_HELP,
        location: (name ?? node).loc,
      });
      continue;
    }
    if (!name.value.startsWith("roles/")) {
      diagnostics.push({
        code: "gcp-catalog/custom-role",
        severity: "warning",
        message: `\`${name.value}\` is a custom role: the catalog holds predefined roles, so it is left out`,
        help: "list predefined roles with `gcloud iam roles list` without --project or --organization",
        location: name.loc,
      });
      continue;
    }
    const deleted = fields.get("deleted");
    if (deleted?.kind === "boolean" && deleted.value) {
      diagnostics.push({
        code: "gcp-catalog/deleted-role",
        severity: "warning",
        message: `\`${name.value}\` is deleted: left out`,
        location: deleted.loc,
      });
      continue;
    }
    const prior = seen.get(name.value);
    if (prior) {
      diagnostics.push({
        code: "gcp-catalog/duplicate-role",
        severity: "warning",
        message: `\`${name.value}\` is listed again (first at line ${prior.line}): the first is kept`,
        location: name.loc,
      });
      continue;
    }
    seen.set(name.value, name.loc);
    const record: GcpRoleRecord = { name: name.value };
    const title = fields.get("title");
    if (title !== undefined) {
      if (title.kind === "string") record.title = title.value;
      else
        diagnostics.push({
          code: "gcp-catalog/invalid-role",
          severity: "error",
          message: `the \`title\` of \`${name.value}\` must be a string, found a ${title.kind}`,
          location: title.loc,
        });
    }
    const stage = fields.get("stage");
    if (stage !== undefined) {
      if (stage.kind !== "string")
        diagnostics.push({
          code: "gcp-catalog/invalid-role",
          severity: "error",
          message: `the \`stage\` of \`${name.value}\` must be a string, found a ${stage.kind}`,
          location: stage.loc,
        });
      else {
        record.stage = stage.value;
        if (!STAGES.has(stage.value))
          diagnostics.push({
            code: "gcp-catalog/unknown-stage",
            severity: "warning",
            message: `\`${name.value}\` has the launch stage \`${stage.value}\`, which leash does not know: kept as written`,
            help: `the stages are ${[...STAGES].join(", ")}`,
            location: stage.loc,
          });
      }
    }
    const included = fields.get("includedPermissions");
    if (included !== undefined) {
      if (included.kind !== "array") {
        diagnostics.push({
          code: "gcp-catalog/invalid-role",
          severity: "error",
          message: `the \`includedPermissions\` of \`${name.value}\` must be an array of permission names, found a ${included.kind}`,
          location: included.loc,
        });
      } else {
        const permissions: string[] = [];
        for (const item of included.items) {
          if (item.kind === "string" && /^[^\s.]+\.\S+$/.test(item.value))
            permissions.push(item.value);
          else
            diagnostics.push({
              code: "gcp-catalog/invalid-permission",
              severity: "error",
              message: `\`${item.kind === "string" ? item.value : item.kind}\` in \`${name.value}\` is not a permission name such as \`storage.objects.get\``,
              location: item.loc,
            });
        }
        record.includedPermissions = permissions;
      }
    }
    out.push({ record, loc: node.loc });
  }
  return out;
}

// ---------------------------------------------------------------------------
// From the IAM API.

/** One page of `roles.list` or `permissions.queryTestablePermissions`, as the client returns it. */
interface Page<K extends string, T> {
  data: { [key in K]?: T[] | null } & { nextPageToken?: string | null };
}

interface ApiRole {
  name?: string | null;
  title?: string | null;
  stage?: string | null;
  includedPermissions?: string[] | null;
  deleted?: boolean | null;
}

interface ApiPermission {
  name?: string | null;
  customRolesSupportLevel?: string | null;
}

/**
 * The two calls a sync makes, as `@googleapis/iam`'s v1 client offers them
 * (`iam({version: "v1", auth})`). Tests pass a fake.
 */
export interface GcpIamClient {
  roles: {
    list(params: {
      view: "FULL";
      pageSize: number;
      pageToken?: string;
    }): Promise<Page<"roles", ApiRole>>;
  };
  permissions: {
    queryTestablePermissions(params: {
      requestBody: { fullResourceName: string; pageSize: number; pageToken?: string };
    }): Promise<Page<"permissions", ApiPermission>>;
  };
}

export interface ApiSyncOptions {
  /** Query custom-role support levels on this organization (its number)... */
  organization?: string;
  /** ...or on this project (its ID). */
  project?: string;
  /** The client; by default `@googleapis/iam` with Application Default Credentials. */
  client?: GcpIamClient;
  /** How the default client is made (tests: a loader that fails as a missing package would). */
  loadClient?: () => Promise<GcpIamClient>;
  today?: () => Date;
  /** Pages of any one listing before the sync gives up (a server that never stops paging). */
  maxPages?: number;
}

/** `//cloudresourcemanager.googleapis.com/organizations/ID` or `.../projects/ID`. */
export function supportScope(options: ApiSyncOptions): string | undefined {
  if (options.organization)
    return `//cloudresourcemanager.googleapis.com/organizations/${options.organization}`;
  if (options.project) return `//cloudresourcemanager.googleapis.com/projects/${options.project}`;
  return undefined;
}

/**
 * The real client: loaded only here, so that no other command loads the
 * Google libraries. `@googleapis/iam` is an optional dependency of leash-iam:
 * where it could not be installed, every other command still works.
 */
export async function defaultIamClient(): Promise<GcpIamClient> {
  const { iam, auth } = await import("@googleapis/iam");
  const credentials = new auth.GoogleAuth({
    scopes: ["https://www.googleapis.com/auth/cloud-platform"],
  });
  // The type checker holds the generated v1 client to GcpIamClient's two methods.
  return iam({ version: "v1", auth: credentials, timeout: 60_000 });
}

const LOADING = "loading @googleapis/iam";

class ApiFailure extends Error {
  constructor(
    readonly call: string,
    readonly reason: unknown,
  ) {
    super(call);
  }
}

/**
 * Lists every predefined role with its permissions (`roles.list`, view FULL,
 * 1,000 a page) and, with an organization or project, every testable
 * permission's custom-role support level there
 * (`permissions.queryTestablePermissions`). A failure (no credentials, no
 * network, permission denied) is one error diagnostic that says what to do.
 */
export async function syncFromApi(options: ApiSyncOptions = {}): Promise<GcpSyncResult> {
  const result: GcpSyncResult = {
    roles: 0,
    permissions: 0,
    supportLevels: 0,
    notes: [],
    diagnostics: [],
  };
  if (options.organization && options.project) {
    result.diagnostics.push({
      code: "gcp-catalog/one-scope",
      severity: "error",
      message: "support levels are queried on an organization or a project, not both",
      help: "give --organization ID or --project ID",
    });
    return result;
  }
  for (const [flag, value, shape] of [
    ["organization", options.organization, /^\d+$/],
    ["project", options.project, /^[a-z][a-z0-9.:-]{4,61}[a-z0-9]$/],
  ] as const) {
    if (value !== undefined && !shape.test(value)) {
      result.diagnostics.push({
        code: "gcp-catalog/invalid-scope",
        severity: "error",
        message: `\`${value}\` is not a ${flag === "organization" ? "numeric organization ID" : "project ID"}`,
        help:
          flag === "organization"
            ? "`gcloud organizations list` shows the ID, e.g. --organization 123456789012"
            : "`gcloud projects list` shows the PROJECT_ID, e.g. --project my-ml-project",
      });
      return result;
    }
  }
  const maxPages = options.maxPages ?? 1_000;
  const scope = supportScope(options);
  let client: GcpIamClient;
  try {
    client = options.client ?? (await (options.loadClient ?? defaultIamClient)());
  } catch (e) {
    result.diagnostics.push(apiDiagnostic(new ApiFailure(LOADING, e), scope));
    return result;
  }
  try {
    const roles: GcpRoleRecord[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await call("roles.list", () =>
        client.roles.list({
          view: "FULL",
          pageSize: 1000,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      for (const r of page.data.roles ?? []) {
        if (!r.name || r.deleted) continue;
        roles.push({
          name: r.name,
          title: r.title ?? "",
          stage: r.stage ?? "GA",
          includedPermissions: r.includedPermissions ?? [],
        });
      }
      pageToken = page.data.nextPageToken || undefined;
      if (++pages >= maxPages && pageToken) throw new ApiFailure("roles.list", "endless paging");
    } while (pageToken);
    if (roles.length === 0) {
      result.diagnostics.push({
        code: "gcp-catalog/no-roles",
        severity: "error",
        message: "the IAM API listed no predefined role",
        help: "try again later; nothing was written",
      });
      return result;
    }
    let support: { scope: string; levels: Map<string, CustomRoleSupport> } | undefined;
    if (scope) {
      const levels = new Map<string, CustomRoleSupport>();
      let token: string | undefined;
      pages = 0;
      do {
        const page = await call("permissions.queryTestablePermissions", () =>
          client.permissions.queryTestablePermissions({
            requestBody: {
              fullResourceName: scope,
              pageSize: 1000,
              ...(token ? { pageToken: token } : {}),
            },
          }),
        );
        for (const p of page.data.permissions ?? []) {
          if (!p.name) continue;
          // The API leaves out the default level, SUPPORTED (proto3 JSON omits default enums).
          const level = p.customRolesSupportLevel ?? "SUPPORTED";
          if ((CUSTOM_ROLE_SUPPORT_LEVELS as readonly string[]).includes(level))
            levels.set(p.name, level as CustomRoleSupport);
        }
        token = page.data.nextPageToken || undefined;
        if (++pages >= maxPages && token)
          throw new ApiFailure("permissions.queryTestablePermissions", "endless paging");
      } while (token);
      support = { scope, levels };
    }
    const date = day((options.today ?? (() => new Date()))());
    const version = `IAM API ${date} (${roles.length} roles${scope ? `; support levels from ${scope.slice(scope.indexOf("/", 2) + 1)}` : ""})`;
    finish(
      result,
      roles,
      version,
      `IAM API roles.list${scope ? ` and permissions.queryTestablePermissions on ${scope}` : ""}`,
      support,
    );
    result.notes.push(
      scope
        ? `custom-role support levels for ${result.supportLevels} of ${result.permissions} permissions (${support!.levels.size} testable on ${scope})`
        : "no custom-role support levels: give --organization ID or --project ID to record them",
    );
    shrinking(result, roles.length);
  } catch (e) {
    result.diagnostics.push(apiDiagnostic(e, scope));
  }
  return result;
}

async function call<T>(name: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new ApiFailure(name, e);
  }
}

/** One error diagnostic for a failed call: what failed, Google's words, and what to do. */
function apiDiagnostic(e: unknown, scope: string | undefined): Diagnostic {
  const failure = e instanceof ApiFailure ? e : new ApiFailure("the IAM API", e);
  const cause = failure.reason as
    | { message?: unknown; code?: unknown; status?: unknown; response?: { status?: unknown } }
    | string
    | undefined;
  const message =
    typeof cause === "string"
      ? cause
      : typeof cause?.message === "string"
        ? cause.message
        : String(cause);
  const status =
    typeof cause === "object" && cause !== null
      ? (cause.response?.status ?? cause.status ?? cause.code)
      : undefined;
  const text = `${message} ${String(status ?? "")}`;
  let help: string;
  if (failure.call === LOADING)
    help =
      "@googleapis/iam is an optional dependency of leash-iam and is not installed here: run `npm install @googleapis/iam` where leash is installed, or export the roles with gcloud and run `leash catalog sync --cloud gcp --from roles.json`";
  else if (
    /default credentials|Could not load the default|invalid_grant|reauth|refresh token/i.test(text)
  )
    help =
      "leash uses Application Default Credentials: run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a key file; or export the roles yourself and run `leash catalog sync --cloud gcp --from roles.json`";
  else if (
    /ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|network|socket|timeout/i.test(text)
  )
    help =
      "check the network connection (and HTTPS_PROXY if you use a proxy), or export the roles with gcloud on a connected machine and run `leash catalog sync --cloud gcp --from roles.json`";
  else if (/\b403\b|PERMISSION_DENIED|permission/i.test(text))
    help = scope
      ? `the credentials may not see \`${scope}\`: check the ID, or sync without --organization/--project`
      : "the credentials are not allowed to call the IAM API: check the account and that the IAM API is enabled for its quota project";
  else if (/\b404\b|NOT_FOUND/i.test(text) && scope)
    help = `\`${scope}\` was not found: check the ID`;
  else if (message === "endless paging")
    help = "the API kept returning page tokens; try again later";
  else help = "try again; nothing was written";
  return {
    code: "gcp-catalog/api-failed",
    severity: "error",
    message: `${failure.call} failed: ${message.replace(/\s+/g, " ").slice(0, 300)}${typeof status === "number" ? ` (HTTP ${status})` : ""}`,
    help,
  };
}

// ---------------------------------------------------------------------------
// The user cache.

/**
 * Writes the catalog to the user cache atomically: a temporary file in the
 * cache folder, then a rename over the old cache, so that a command running
 * meanwhile reads the old catalog or the new one, never half of one. A cache
 * is meant to be replaced: no --force. Returns the path, or why it could not.
 */
export function writeUserCatalog(
  text: string,
  env: CatalogEnv = process.env,
): { path: string; diagnostic?: Diagnostic } {
  const path = userCatalogPath(env);
  const tmp = join(
    dirname(path),
    `.${basename(path)}.leash-tmp-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
    return { path };
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // No temporary file was made where nothing could be written.
    }
    return {
      path,
      diagnostic: {
        code: "gcp-catalog/cache-unwritable",
        severity: "error",
        message: `cannot write the user catalog \`${path}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        help: "check that the folder can be written, or set LEASH_CACHE_DIR (or XDG_CACHE_HOME) to one that can",
      },
    };
  }
}
