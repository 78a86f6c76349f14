import type { GcpExplanation } from "../clouds/gcp/evaluate/explanation.js";
import { gcpProvider } from "../clouds/gcp/provider.js";
import {
  type Diagnostic,
  fromPlain,
  type JsonNode,
  type JsonObjectNode,
  parseLocatedJson,
  renderDiagnostics,
} from "../diagnostics/index.js";
import { renderGcpExplanationText } from "../outputs/gcp-explanation-text.js";
import { readInput } from "./io.js";
import { type CommandResult, usageError } from "./result.js";

export const SIMULATE_GCP_HELP = `One Google Cloud request:
  leash simulate --cloud gcp --principal MEMBER --permission PERMISSION --resource FULL_NAME
                 [--member-of MEMBER...] [--policy FULL_NAME[=POLICY.json]...]
                 [--tag FULL_NAME=KEY=VALUE...] [--deny-policy [ATTACHMENT=]FILE...]
                 [--boundary FILE...] [--custom-role FILE...] [--time RFC3339]
                 [--allow-unknown-permissions] [--format text|json]
  --policy names the hierarchy, the resource (or its nearest node with a policy)
  first, then its ancestors; each with the allow policy \`gcloud ... get-iam-policy
  --format=json\` printed. --deny-policy takes \`gcloud iam policies get\` output
  (its name holds where it is attached) or ATTACHMENT=FILE.`;

export interface GcpFlags {
  principal?: string;
  permission?: string;
  resource?: string;
  "member-of"?: string[];
  policy?: string[];
  tag?: string[];
  "deny-policy"?: string[];
  boundary?: string[];
  "custom-role"?: string[];
  time?: string;
  format: string;
  "allow-unknown-permissions"?: boolean;
}

const CLI = "<command line>";

/** A node for text from the command line: its problems point at the flag. */
const plain = (value: unknown) => fromPlain(value, CLI);

/**
 * `leash simulate --cloud gcp` for one request: the flags become the case a
 * `--cases` line would hold, read by the same reader, with each policy file's
 * own locations, and decided by the GCP provider.
 */
export function runOneGcp(v: GcpFlags): CommandResult {
  for (const flag of ["principal", "permission", "resource"] as const)
    if (!v[flag]) return usageError(`--${flag} is required with --cloud gcp`, SIMULATE_GCP_HELP);
  const diagnostics: Diagnostic[] = [];
  const file = (path: string): JsonNode | undefined => {
    let text: string;
    try {
      text = readInput(path);
    } catch (e) {
      diagnostics.push({
        code: "io/unreadable",
        severity: "error",
        message: `cannot read \`${path}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        help: "check the path",
      });
      return undefined;
    }
    const parsed = parseLocatedJson(text, path);
    diagnostics.push(...parsed.diagnostics);
    return parsed.node;
  };
  const split = (arg: string): [string, string | undefined] => {
    const eq = arg.lastIndexOf("=");
    return eq > 0 && arg.startsWith("//")
      ? [arg.slice(0, eq), arg.slice(eq + 1)]
      : [arg, undefined];
  };
  const tags = new Map<string, Record<string, string>>();
  for (const t of v.tag ?? []) {
    const m = /^(\/\/[^=]+)=([^=]+)=(.*)$/.exec(t);
    if (!m) return usageError(`--tag takes FULL_NAME=KEY=VALUE, not \`${t}\``, SIMULATE_GCP_HELP);
    tags.set(m[1]!, { ...tags.get(m[1]!), [m[2]!]: m[3]! });
  }
  const hierarchy = (v.policy ?? []).map((arg) => {
    const [resource, path] = split(arg);
    const entries: JsonObjectNode["entries"] = [entry("resource", plain(resource))];
    const policy = path === undefined ? undefined : file(path);
    if (policy) entries.push(entry("policy", policy));
    const t = tags.get(resource);
    if (t) entries.push(entry("tags", plain(t)));
    return object(entries);
  });
  const deny = (v["deny-policy"] ?? []).flatMap((arg) => {
    const eq = arg.indexOf("=");
    const [at, path] =
      eq > 0 && !arg.startsWith("/") && !arg.startsWith(".")
        ? [arg.slice(0, eq), arg.slice(eq + 1)]
        : [undefined, arg];
    const node = file(path);
    if (!node) return [];
    if (at === undefined || node.kind !== "object") return [node];
    return [{ ...node, entries: [entry("attachmentPoint", plain(at)), ...node.entries] }];
  });
  const many = (paths: string[] | undefined) => (paths ?? []).flatMap((p) => file(p) ?? []);
  const request: Record<string, unknown> = {
    principal: v.principal,
    memberOf: v["member-of"] ?? [],
    permission: v.permission,
    resource: v.resource,
  };
  if (v.time !== undefined) request.time = v.time;
  const caseNode = object([
    entry("request", plain(request)),
    entry("hierarchy", { kind: "array", items: hierarchy, loc: at() }),
    entry("denyPolicies", { kind: "array", items: deny, loc: at() }),
    entry("principalAccessBoundaries", { kind: "array", items: many(v.boundary), loc: at() }),
    entry("customRoles", { kind: "array", items: many(v["custom-role"]), loc: at() }),
  ]);
  if (diagnostics.some((d) => d.severity === "error"))
    return { exitCode: 2, stderr: renderDiagnostics(diagnostics) };
  const r = gcpProvider.decideCase!(caseNode, {
    allowUnknown: v["allow-unknown-permissions"] ?? false,
  });
  if ("diagnostics" in r)
    return { exitCode: 2, stderr: renderDiagnostics([...diagnostics, ...r.diagnostics]) };
  const warnings =
    r.warnings && r.warnings.length > 0 ? { stderr: renderDiagnostics(r.warnings) } : {};
  if (v.format === "json")
    return {
      exitCode: 0,
      stdout: JSON.stringify({ decision: r.decision, explanation: r.explanation }, null, 2),
      ...warnings,
    };
  return {
    exitCode: 0,
    stdout: renderGcpExplanationText(r.explanation as GcpExplanation, v.principal!),
    ...warnings,
  };
}

const at = () => ({ file: CLI, pointer: "", line: 1, column: 1 });

function entry(key: string, value: JsonNode): JsonObjectNode["entries"][number] {
  return { key, keyLoc: at(), value };
}

function object(entries: JsonObjectNode["entries"]): JsonObjectNode {
  return { kind: "object", entries, loc: at() };
}
