import { awsCatalog } from "../clouds/aws/catalog/catalog.js";
import {
  AwsEngine,
  type AwsEngineOptions,
  type AwsPolicySet,
  type AwsRequest,
  type ContextInput,
  type Explanation,
  readCheckedRequest,
  readPolicySet,
} from "../clouds/aws/evaluate/index.js";
import { checkAction, missingResource } from "../clouds/aws/evaluate/request-checks.js";
import { type Policy, type PolicyType, parsePolicy } from "../clouds/aws/policy/index.js";
import { provider } from "../clouds/registry.js";
import {
  type Diagnostic,
  parseLocatedJson,
  renderDiagnostics,
  toPlain,
} from "../diagnostics/index.js";
import { renderExplanationText } from "../outputs/explanation-text.js";
import { isCommandResult, parseCommandArgs } from "./args.js";
import { readInput } from "./io.js";
import { type CommandResult, usageError } from "./result.js";
import { BatchOutput } from "./simulate-batch.js";
import { jsonLines, nothingToDecide, runCases } from "./simulate-cases.js";
import { parseLine } from "./simulate-cases-lines.js";
import { type GcpFlags, runOneGcp, SIMULATE_GCP_HELP } from "./simulate-gcp.js";
import { runProviderCases } from "./simulate-provider-cases.js";
import { type PickedRole, pickRole } from "./simulate-role.js";

export const SIMULATE_HELP = `leash simulate: decide AWS requests and explain why

One request:
  leash simulate --policy FILE[#ROLE]... --action ACTION --resource ARN|'*'
                 [--principal ARN] [--context KEY=VALUE...]
                 [--resource-policy FILE[#ROLE]] [--boundary FILE] [--session-policy FILE]
                 [--scp FILE...] [--rcp FILE...] [--allow-unknown-actions]
                 [--format text|json]
  --resource may be left out only for an action that takes no resource.
  --policy aws.json#ROLE takes a role out of the aws.json of leash generate:
  its inline policies are the identity policies, its boundary the
  permissions boundary (--boundary, when given, wins), its tags the
  aws:PrincipalTag/* values (--context wins), and the principal a session
  of that role. --resource-policy aws.json#ROLE takes the role's trust
  policy (for sts:AssumeRole* on the role).
  Each --scp/--rcp file is one organization level, root first; a file may
  hold one policy or an array of the policies attached at that level.
  --context takes KEY=VALUE; repeat a key, or give a JSON array, for a
  multi-valued key; a value must fit its key's type (an IP address for
  aws:SourceIp, a date for aws:CurrentTime). aws:CurrentTime and
  aws:EpochTime default to now, as AWS sets them on every request. The
  principal defaults to a role session in the resource's account.
  An action the catalog does not list is an error with a suggestion;
  --allow-unknown-actions evaluates it as written (an action newer than the
  catalog).

${SIMULATE_GCP_HELP}

Google Cloud (JSON Lines in, JSON Lines out, same order):
  leash simulate --cloud gcp --cases FILE.jsonl|- [--allow-unknown-permissions]
  Each line: {"id", "request": {"principal", "memberOf", "permission",
  "resource", "time", "apiAttributes"}, "hierarchy": [{"resource", "policy",
  "tags"}...], "denyPolicies", "principalAccessBoundaries", "customRoles"};
  the hierarchy lists the resource (or its nearest node with a policy)
  first, then its ancestors. Decisions: Allowed, ImplicitlyDenied,
  ExplicitlyDenied, or Unknown when a condition needs an attribute the
  request does not give.

A batch (JSON Lines in, JSON Lines out, same order):
  leash simulate --cases FILE.jsonl|- [--threads N]
                                            one policy set and request per line
  leash simulate --policy-set FILE.json --requests FILE.jsonl|- [--explain]
                                            many requests against one policy set
  --threads N answers --cases in N threads, in the same order; by default a
  batch of 50,000 lines or more uses the machine's cores (up to 4).

Exit status: 0 when every request was decided, 2 on invalid input (a batch
still answers every line, with an error for each one it could not decide;
a batch with no line at all is an error).`;

const OPTIONS = {
  policy: { type: "string", multiple: true },
  action: { type: "string" },
  resource: { type: "string" },
  principal: { type: "string" },
  context: { type: "string", multiple: true },
  "resource-policy": { type: "string" },
  boundary: { type: "string", multiple: true },
  "session-policy": { type: "string" },
  scp: { type: "string", multiple: true },
  rcp: { type: "string", multiple: true },
  format: { type: "string", default: "text" },
  cases: { type: "string" },
  "policy-set": { type: "string" },
  requests: { type: "string" },
  explain: { type: "boolean", default: false },
  threads: { type: "string" },
  "allow-unknown-actions": { type: "boolean", default: false },
  "allow-unknown-permissions": { type: "boolean", default: false },
  cloud: { type: "string", default: "aws" },
  permission: { type: "string" },
  "member-of": { type: "string", multiple: true },
  tag: { type: "string", multiple: true },
  "deny-policy": { type: "string", multiple: true },
  "custom-role": { type: "string", multiple: true },
  time: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export async function simulate(argv: string[]): Promise<CommandResult> {
  const parsed = parseCommandArgs("simulate", argv, OPTIONS, { positionals: false });
  if (isCommandResult(parsed)) return parsed;
  const { values } = parsed;
  if (values.help) return { exitCode: 0, stdout: SIMULATE_HELP };
  if (values.format !== "text" && values.format !== "json") {
    return usageError(`unknown format \`${values.format}\``, "use --format text or --format json");
  }
  if (values.cloud !== "aws") {
    const p = provider(values.cloud);
    if (!p?.decideCase)
      return usageError(`unknown cloud \`${values.cloud}\``, "use --cloud aws or --cloud gcp");
    if (!values.cases && values.cloud === "gcp") return runOneGcp(values as GcpFlags);
    if (!values.cases)
      return usageError(`--cloud ${values.cloud} takes --cases FILE.jsonl|-`, SIMULATE_HELP);
    return runProviderCases(p, values.cases, {
      allowUnknown: values["allow-unknown-permissions"] ?? false,
    });
  }
  const options: AwsEngineOptions = {
    allowUnknownActions: values["allow-unknown-actions"] ?? false,
  };
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!/^\d+$/.test(values.threads) || threads < 1 || threads > 64)
      return usageError(
        `--threads takes a whole number from 1 to 64, not \`${values.threads}\``,
        "e.g. --threads 2",
      );
    if (!values.cases) return usageError("--threads goes with --cases", SIMULATE_HELP);
  }
  if (values.cases)
    return runCases(
      values.cases,
      { allowUnknownActions: options.allowUnknownActions ?? false },
      threads,
    );
  if (values["policy-set"] || values.requests) {
    if (!values["policy-set"] || !values.requests)
      return usageError("--policy-set and --requests go together", SIMULATE_HELP);
    return runRequests(values["policy-set"], values.requests, values.explain ?? false, options);
  }
  return runOne(values, options);
}

/** Reads policies from files; a file may hold one policy or an array of policies. */
function loadPolicies(
  files: readonly string[],
  type: PolicyType,
  diagnostics: Diagnostic[],
): Policy[] {
  const out: Policy[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readInput(file);
    } catch (e) {
      diagnostics.push({
        code: "io/unreadable",
        severity: "error",
        message: `cannot read \`${file}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        help: "check the path",
      });
      continue;
    }
    const parsed = parseLocatedJson(text, file);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.node) continue;
    const nodes = parsed.node.kind === "array" ? parsed.node.items : [parsed.node];
    for (const node of nodes) {
      const r = parsePolicy(node, {
        type,
        file,
        name: parsed.node.kind === "array" ? `${file}#${node.loc.pointer}` : file,
      });
      diagnostics.push(...r.diagnostics);
      if (r.policy) out.push(r.policy);
    }
  }
  return out;
}

function parseContext(
  pairs: readonly string[],
  diagnostics: Diagnostic[],
): Record<string, ContextInput> {
  // Keys gathered in a Map: `--context __proto__=x` is a key like any other.
  const context = new Map<string, string | string[]>();
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq <= 0) {
      diagnostics.push({
        code: "cli/invalid-context",
        severity: "error",
        message: `\`${pair}\` is not KEY=VALUE`,
        help: "e.g. --context aws:SourceIp=203.0.113.7",
      });
      continue;
    }
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value: string | string[] = raw;
    if (raw.startsWith("[")) {
      try {
        const parsed = JSON.parse(raw) as unknown;
        if (Array.isArray(parsed) && parsed.every((v) => typeof v === "string")) value = parsed;
      } catch {
        // Not JSON: keep the text as a single value.
      }
    }
    const prior = context.get(key);
    context.set(
      key,
      prior === undefined
        ? value
        : [
            ...(Array.isArray(prior) ? prior : [prior]),
            ...(Array.isArray(value) ? value : [value]),
          ],
    );
  }
  return Object.fromEntries(context);
}

function defaultPrincipal(
  resource: string,
  context: Record<string, ContextInput>,
  role = "leash-simulated",
): string {
  const fromArn = resource.split(":")[4];
  const owner =
    fromArn && /^\d{12}$/.test(fromArn)
      ? fromArn
      : typeof context["aws:ResourceAccount"] === "string"
        ? context["aws:ResourceAccount"]
        : "111122223333";
  return `arn:aws:sts::${owner}:assumed-role/${role}/session`;
}

function runOne(values: Record<string, unknown>, options: AwsEngineOptions): CommandResult {
  const v = values as {
    policy?: string[];
    action?: string;
    resource?: string;
    principal?: string;
    context?: string[];
    "resource-policy"?: string;
    boundary?: string[];
    "session-policy"?: string;
    scp?: string[];
    rcp?: string[];
    format: string;
  };
  if (!v.action) return usageError("--action is required", SIMULATE_HELP);
  const resource = v.resource ?? resourceOf(v.action, options);
  if (typeof resource === "object") return resource;
  const diagnostics: Diagnostic[] = [];
  const context = parseContext(v.context ?? [], diagnostics);
  const isTrust = /^sts:/i.test(v.action) && /^arn:[^:]+:iam::\d{12}:role\//.test(resource);
  // A boundary, resource or session policy is one document: a file with several is an error, not a choice.
  const one = (file: string | undefined, type: PolicyType) => {
    if (!file) return undefined;
    const policies = loadPolicies([file], type, diagnostics);
    if (policies.length !== 1 && !diagnostics.some((d) => d.location?.file === file)) {
      diagnostics.push({
        code: "cli/one-policy-expected",
        severity: "error",
        message: `\`${file}\` holds ${policies.length} policies where exactly one is expected`,
        help: "a principal has one permissions boundary, a resource one policy, a session one policy",
        location: { file, pointer: "", line: 1, column: 1 },
      });
    }
    return policies[0];
  };
  // `--policy aws.json#ROLE` stands for that role's policies, its boundary and its tags.
  const files: string[] = [];
  const roles: PickedRole[] = [];
  for (const arg of v.policy ?? []) {
    const picked = pickRole(arg, diagnostics);
    if (picked === "file") files.push(arg);
    else if (picked !== "error") roles.push(picked);
  }
  // `--resource-policy aws.json#ROLE` is that role's trust policy.
  const resourceArg = v["resource-policy"];
  const pickedResource = resourceArg ? pickRole(resourceArg, diagnostics) : "file";
  const resourceRole = typeof pickedResource === "object" ? pickedResource : undefined;
  const roleBoundaries = roles.flatMap((r) => r.boundary ?? []);
  if ((v.boundary?.length ?? 0) > 1)
    return usageError(
      "a principal has one permissions boundary: give --boundary once",
      SIMULATE_HELP,
    );
  if (roleBoundaries.length > 1 && !v.boundary)
    diagnostics.push({
      code: "cli/one-policy-expected",
      severity: "error",
      message: `the roles ${roles.map((r) => `\`${r.role}\``).join(", ")} have ${roleBoundaries.length} permissions boundaries where one principal has one`,
      help: "pick one role, or give the boundary with --boundary",
    });
  // A session of the role carries its tags; a --context value (keys are case-insensitive) wins.
  const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  for (const r of roles)
    for (const [key, value] of Object.entries(r.tags))
      if (!given.has(`aws:principaltag/${key.toLowerCase()}`))
        context[`aws:PrincipalTag/${key}`] = value;
  const set: AwsPolicySet = {
    identityPolicies: [
      ...roles.flatMap((r) => r.identity),
      ...loadPolicies(files, "identity", diagnostics),
    ],
    resourcePolicy: resourceRole
      ? resourceRole.trust
      : one(v["resource-policy"], isTrust ? "trust" : "resource"),
    // --boundary wins over the boundary of a role picked out of aws.json.
    permissionBoundary: one(v.boundary?.[0], "boundary") ?? roleBoundaries[0],
    sessionPolicy: one(v["session-policy"], "session"),
    scps: v.scp?.map((f) => loadPolicies([f], "scp", diagnostics)),
    rcps: v.rcp?.map((f) => loadPolicies([f], "rcp", diagnostics)),
  };
  if (diagnostics.some((d) => d.severity === "error"))
    return { exitCode: 2, stderr: renderDiagnostics(diagnostics) };
  const request = {
    principal: v.principal ?? defaultPrincipal(resource, context, roles[0]?.role),
    action: v.action,
    resource,
    context,
  } satisfies AwsRequest;
  const result = new AwsEngine(set, options).explain(request);
  diagnostics.push(...result.diagnostics);
  if (result.outcome === "Invalid") return { exitCode: 2, stderr: renderDiagnostics(diagnostics) };
  const { explanation } = result;
  const stdout =
    v.format === "json"
      ? JSON.stringify({ decision: explanation.decision, explanation }, null, 2)
      : withDefaults(renderExplanationText(explanation, request), explanation);
  return {
    exitCode: 0,
    stdout,
    ...(diagnostics.length > 0 ? { stderr: renderDiagnostics(diagnostics) } : {}),
  };
}

/**
 * The resource of a request without `--resource`: `*` for an action that
 * takes none; for any other a usage error, since `*` would answer another
 * question than the one meant (only statements with `Resource: *` match it).
 * An action the catalog does not know is the engine's to report.
 */
function resourceOf(action: string, options: AwsEngineOptions): string | CommandResult {
  const check = checkAction(action, {
    catalog: awsCatalog(),
    allowUnknownActions: options.allowUnknownActions ?? false,
  });
  if (!check.ok || check.info?.wildcardOnly) return "*";
  const problem = missingResource(action, check.info, awsCatalog()).diagnostic;
  return usageError(
    `--resource is required: ${problem.message}`,
    `${problem.help}\n\n${SIMULATE_HELP}`,
  );
}

/** The text explanation, saying which context values leash set or rewrote. */
function withDefaults(text: string, e: Explanation): string {
  if (e.defaultedContext.length === 0) return text;
  const notes: string[] = [];
  const rewritten = e.defaultedContext.filter((d) => d.given !== undefined);
  if (rewritten.length > 0)
    notes.push(
      `  context normalised: ${rewritten.map((d) => `${d.key}=${d.value} (given as ${d.given})`).join(", ")}`,
    );
  const defaulted = e.defaultedContext.filter((d) => d.given === undefined);
  if (defaulted.length > 0) {
    const set = defaulted
      .map((d) => `${d.key}=${d.value}${d.from === "clock" ? "" : ` (from ${d.from})`}`)
      .join(", ");
    notes.push(
      `  context defaulted: ${set}${defaulted.some((d) => d.from === "clock") ? " (now)" : ""}`,
    );
  }
  const lines = text.split("\n");
  // After the decision, the principal and the reason.
  lines.splice(3, 0, ...notes);
  return lines.join("\n");
}

async function runRequests(
  setFile: string,
  requestsFile: string,
  explain: boolean,
  options: AwsEngineOptions,
): Promise<CommandResult> {
  let setText: string;
  let requestsText: string;
  try {
    setText = readInput(setFile);
    requestsText = readInput(requestsFile);
  } catch (e) {
    return { exitCode: 2, stderr: (e as Error).message };
  }
  const parsed = parseLocatedJson(setText, setFile);
  if (!parsed.node) return { exitCode: 2, stderr: renderDiagnostics(parsed.diagnostics) };
  const { set, diagnostics } = readPolicySet(parsed.node, setFile);
  if (!set) return { exitCode: 2, stderr: renderDiagnostics(diagnostics) };
  const requests = jsonLines(requestsText);
  if (requests.length === 0) return nothingToDecide(requestsFile, "requests");
  const engine = new AwsEngine(set, options);
  const out = new BatchOutput();
  for (const { line, text } of requests) {
    await out.answer((answer) => {
      const node = parseLine(text, requestsFile, line);
      if (Array.isArray(node)) return { diagnostics: node };
      // A request line may carry an `id`, echoed back; the rest is the request.
      const idNode = node.kind === "object" ? node.entries.find((e) => e.key === "id") : undefined;
      answer.id = idNode ? toPlain(idNode.value) : null;
      const requestNode =
        node.kind === "object"
          ? { ...node, entries: node.entries.filter((e) => e.key !== "id") }
          : node;
      // Checked once, as the reader located its problems; the engine has the same options.
      const r = readCheckedRequest(requestNode, options);
      if (!r.checked) return { diagnostics: r.diagnostics };
      // The request's warnings (an unknown action evaluated as written, an account conflict)
      // come with its answer, as in --cases.
      if (explain) {
        const e = engine.explainChecked(r.checked);
        const decision = e.explanation.decision;
        return withWarnings({ decision, explanation: e.explanation }, e.diagnostics);
      }
      const d = engine.decideChecked(r.checked);
      return withWarnings({ decision: d.decision }, d.diagnostics);
    });
  }
  const result = await out.finish();
  // The set's own warnings (a condition value that never matches) are said once, on stderr.
  if (diagnostics.length === 0) return result;
  const warned = renderDiagnostics(diagnostics);
  return { ...result, stderr: result.stderr ? `${warned}\n${result.stderr}` : warned };
}

function withWarnings<T extends object>(answer: T, warnings: Diagnostic[]) {
  return warnings.length > 0 ? { ...answer, warnings } : answer;
}
