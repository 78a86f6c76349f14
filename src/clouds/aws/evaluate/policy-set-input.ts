import {
  type Diagnostic,
  type JsonNode,
  member,
  type SourceLocation,
  toPlain,
} from "../../../diagnostics/index.js";
import { awsCatalog } from "../catalog/catalog.js";
import { parsePolicy } from "../policy/parse.js";
import type { Policy, PolicyType } from "../policy/types.js";
import type { AwsPolicySet, AwsRequest } from "./engine.js";
import { type CheckedRequest, checkRequest, type RequestProblem } from "./request-checks.js";
import type { ContextInput } from "./request-context.js";

/**
 * Reads the batch format of `leash simulate --cases` / `--policy-set`
 * (README, "Batch format"): a policy set object, optionally with a request.
 * Every problem is reported, with the JSON pointer inside the case.
 */
export interface PolicySetInput {
  set: AwsPolicySet | undefined;
  diagnostics: Diagnostic[];
}

const SET_KEYS = [
  "id",
  "request",
  "identityPolicies",
  "resourcePolicy",
  "permissionBoundary",
  "scps",
  "rcps",
  "sessionPolicy",
];

function problem(code: string, message: string, loc: SourceLocation, help: string): Diagnostic {
  return { code: `aws-input/${code}`, severity: "error", message, help, location: loc };
}

function objectEntries(node: JsonNode): Map<string, JsonNode> {
  const m = new Map<string, JsonNode>();
  if (node.kind === "object") for (const e of node.entries) m.set(e.key, e.value);
  return m;
}

/**
 * Reads one policy of a set. Its name is its JSON pointer, written out from
 * the set's own (`pointer`) rather than read from the node: a batch reads its
 * lines without pointers until a diagnostic needs them (see simulate --cases).
 */
function policyAt(
  node: JsonNode,
  type: PolicyType,
  file: string,
  out: Diagnostic[],
  pointer: string,
): Policy | undefined {
  const { policy, diagnostics } = parsePolicy(node, { type, file, name: pointer || type });
  out.push(...diagnostics);
  return policy;
}

function levels(
  node: JsonNode,
  type: "scp" | "rcp",
  file: string,
  out: Diagnostic[],
  pointer: string,
): Policy[][] | undefined {
  if (node.kind === "null") return undefined;
  if (node.kind !== "array") {
    out.push(
      problem(
        "wrong-type",
        `\`${type}s\` must be an array of levels (arrays of policies), root first, or null`,
        node.loc,
        `write \`"${type}s": [[{...root policy...}], [{...account policy...}]]\``,
      ),
    );
    return undefined;
  }
  if (node.items.length === 0) {
    out.push(
      problem(
        "empty-element",
        `\`${type}s\` has no levels; an organization always has a root`,
        node.loc,
        `give one array of policies per level, root first, or \`null\` when the account is in no organization`,
      ),
    );
    return undefined;
  }
  return node.items.map((level, l) => {
    if (level.kind !== "array") {
      out.push(
        problem(
          "wrong-type",
          `each \`${type}s\` level must be an array of policies`,
          level.loc,
          "wrap the level's policies in `[...]`",
        ),
      );
      return [];
    }
    return level.items
      .map((p, i) => policyAt(p, type, file, out, `${pointer}/${l}/${i}`))
      .filter((p): p is Policy => p !== undefined);
  });
}

/** Parses the policy part of a case. */
export function readPolicySet(node: JsonNode, file: string): PolicySetInput {
  const diagnostics: Diagnostic[] = [];
  if (node.kind !== "object") {
    return {
      set: undefined,
      diagnostics: [
        problem(
          "wrong-type",
          "a case must be a JSON object",
          node.loc,
          "see `leash simulate --help` for the batch format",
        ),
      ],
    };
  }
  for (const e of node.entries) {
    if (!SET_KEYS.includes(e.key))
      diagnostics.push(
        problem(
          "unknown-key",
          `unknown key \`${e.key}\``,
          e.keyLoc,
          `allowed keys: ${SET_KEYS.join(", ")}`,
        ),
      );
  }
  const els = { get: (key: string) => member(node, key) };
  const identityNode = els.get("identityPolicies");
  const identityPolicies: Policy[] = [];
  if (identityNode && identityNode.kind !== "null") {
    if (identityNode.kind !== "array") {
      diagnostics.push(
        problem(
          "wrong-type",
          "`identityPolicies` must be an array of policies",
          identityNode.loc,
          "wrap the policies in `[...]`",
        ),
      );
    } else {
      identityNode.items.forEach((p, i) => {
        const pointer = `${node.loc.pointer}/identityPolicies/${i}`;
        const policy = policyAt(p, "identity", file, diagnostics, pointer);
        if (policy) identityPolicies.push(policy);
      });
    }
  }
  const single = (key: string, type: PolicyType): Policy | undefined => {
    const n = els.get(key);
    return n && n.kind !== "null"
      ? policyAt(n, type, file, diagnostics, `${node.loc.pointer}/${key}`)
      : undefined;
  };
  const orgLevels = (key: string, type: "scp" | "rcp") => {
    const n = els.get(key);
    return n && levels(n, type, file, diagnostics, `${node.loc.pointer}/${key}`);
  };
  const resourcePolicy = single("resourcePolicy", isTrustPolicy(node) ? "trust" : "resource");
  const set: AwsPolicySet = {
    identityPolicies,
    ...optional("resourcePolicy", resourcePolicy),
    ...optional("permissionBoundary", single("permissionBoundary", "boundary")),
    ...optional("sessionPolicy", single("sessionPolicy", "session")),
    ...optional("scps", orgLevels("scps", "scp")),
    ...optional("rcps", orgLevels("rcps", "rcp")),
  };
  return { set: diagnostics.some((d) => d.severity === "error") ? undefined : set, diagnostics };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Whether a case's `resourcePolicy` is read as a role's trust policy (see
 * `isTrustPolicy`): it depends on the case's request, so a cache of policy sets
 * read from cases must tell the two readings apart.
 */
export function readsTrustPolicy(node: JsonNode): boolean {
  return isTrustPolicy(node);
}

/**
 * A role's trust policy names no Resource. It is read as one when the case's
 * request targets a role with an `sts:` action, or, without a request, when
 * every statement lacks Resource and only names `sts:` actions.
 */
function isTrustPolicy(node: JsonNode): boolean {
  const request = member(node, "request");
  if (request) {
    const action = member(request, "action");
    const resource = member(request, "resource");
    return (
      action?.kind === "string" &&
      /^sts:/i.test(action.value) &&
      resource?.kind === "string" &&
      /^arn:[^:]+:iam::\d{12}:role\//.test(resource.value)
    );
  }
  const policy = member(node, "resourcePolicy");
  const statement = policy && member(policy, "Statement");
  if (!statement) return false;
  const statements = statement.kind === "array" ? statement.items : [statement];
  return statements.every((st) => {
    const e = objectEntries(st);
    if (e.has("Resource") || e.has("NotResource")) return false;
    const action = e.get("Action");
    const actions = action?.kind === "array" ? action.items : action ? [action] : [];
    return (
      actions.length > 0 && actions.every((a) => a.kind === "string" && /^sts:/i.test(a.value))
    );
  });
}

/** A request read from a file, with what checking it said. */
export interface RequestRead {
  request: AwsRequest | undefined;
  /** The errors, each at its place in the file. */
  diagnostics: Diagnostic[];
}

/** What an engine with the same options would find again (see `AwsEngine.explainChecked`). */
export interface RequestCheck {
  request: CheckedRequest;
  warnings: Diagnostic[];
}

const REQUEST_KEYS = new Set(["principal", "action", "resource", "context"]);

export interface RequestReadOptions {
  /** Accept actions the catalog does not list (the engine then warns). @default false */
  allowUnknownActions?: boolean;
}

/**
 * Parses a request object (`request` of a case, or one line of `--requests`)
 * and checks it as the engine will (request-checks.ts), so that each problem
 * points at its place in the file.
 */
export function readRequest(node: JsonNode, options: RequestReadOptions = {}): RequestRead {
  const { request, diagnostics } = readCheckedRequest(node, options);
  return { request, diagnostics };
}

/** `readRequest`, with the request as checked for an engine (batches check each request once). */
export function readCheckedRequest(
  node: JsonNode,
  options: RequestReadOptions = {},
): RequestRead & { checked?: RequestCheck } {
  const diagnostics: Diagnostic[] = [];
  if (node.kind !== "object") {
    return {
      request: undefined,
      diagnostics: [
        problem(
          "wrong-type",
          "a request must be a JSON object",
          node.loc,
          'write `{"principal": ..., "action": ..., "resource": ...}`',
        ),
      ],
    };
  }
  const els = { get: (key: string) => member(node, key) };
  for (const e of node.entries) {
    if (!REQUEST_KEYS.has(e.key)) {
      diagnostics.push(
        problem(
          "unknown-key",
          `unknown request key \`${e.key}\``,
          e.keyLoc,
          "allowed keys: principal, action, resource, context",
        ),
      );
    }
  }
  const str = (key: string, optional = false): string | undefined => {
    const n = els.get(key);
    if (!n) {
      if (optional) return undefined;
      diagnostics.push(
        problem("missing-key", `the request has no \`${key}\``, node.loc, `add \`"${key}": ...\``),
      );
      return undefined;
    }
    if (n.kind !== "string") {
      diagnostics.push(
        problem("wrong-type", `\`${key}\` must be a string`, n.loc, "quote the value"),
      );
      return undefined;
    }
    return n.value;
  };
  const principal = str("principal");
  const action = str("action");
  const resource = str("resource", true);
  // A context key `__proto__` is a key like any other: set as an own property, never the prototype.
  const context: Record<string, ContextInput> = {};
  const put = (key: string, value: ContextInput) => {
    if (key === "__proto__")
      Object.defineProperty(context, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else context[key] = value;
  };
  const ctxNode = els.get("context");
  if (ctxNode && ctxNode.kind !== "null") {
    if (ctxNode.kind !== "object") {
      diagnostics.push(
        problem(
          "wrong-type",
          "`context` must be an object of condition keys",
          ctxNode.loc,
          'write `{"aws:SourceIp": "203.0.113.7"}`',
        ),
      );
    } else {
      for (const e of ctxNode.entries) {
        const v = e.value;
        if (v.kind === "string" || v.kind === "number" || v.kind === "boolean") put(e.key, v.value);
        else if (v.kind === "array" && v.items.every((i) => i.kind === "string")) {
          put(
            e.key,
            v.items.map((i) => (i as { value: string }).value),
          );
        } else {
          diagnostics.push(
            problem(
              "wrong-type",
              `context value of \`${e.key}\` must be a string, number, boolean or array of strings`,
              v.loc,
              "multi-valued keys take an array of strings",
            ),
          );
        }
      }
    }
  }
  if (diagnostics.length > 0 || !principal || !action) return { request: undefined, diagnostics };
  const request: AwsRequest = {
    principal,
    action,
    ...(resource !== undefined ? { resource } : {}),
    context,
  };
  const checks = checkRequest(request, {
    catalog: awsCatalog(),
    allowUnknownActions: options.allowUnknownActions ?? false,
  });
  // Errors only: warnings come with the engine's answer.
  const warnings: Diagnostic[] = [];
  for (const p of checks.problems)
    if (p.diagnostic.severity === "error")
      diagnostics.push({ ...p.diagnostic, location: problemLocation(p, node, ctxNode) });
    else warnings.push(p.diagnostic);
  if (!checks.checked) return { request: undefined, diagnostics };
  return { request, diagnostics, checked: { request: checks.checked, warnings } };
}

/** Where in the request object a problem lies: the value of its field or context key. */
function problemLocation(
  p: RequestProblem,
  node: JsonNode,
  ctxNode: JsonNode | undefined,
): SourceLocation {
  if (p.field === "context" && ctxNode?.kind === "object") {
    const entry = ctxNode.entries.find((e) => e.key === p.key);
    return (entry?.value ?? ctxNode).loc;
  }
  return (p.field === "request" ? undefined : objectEntries(node).get(p.field))?.loc ?? node.loc;
}

/** Both parts of a `--cases` line. */
export function readCase(
  node: JsonNode,
  file: string,
  options: RequestReadOptions = {},
): { id: unknown; set?: AwsPolicySet; request?: AwsRequest; diagnostics: Diagnostic[] } {
  const { set, diagnostics } = readPolicySet(node, file);
  const { checked: _, ...r } = readCaseRequest(node, options);
  diagnostics.push(...r.diagnostics);
  return { ...r, ...(set ? { set } : {}), diagnostics };
}

/**
 * The `id` and `request` of a `--cases` line, without its policies: for a line whose
 * policy set an earlier line already compiled.
 */
export function readCaseRequest(
  node: JsonNode,
  options: RequestReadOptions = {},
): { id: unknown; request?: AwsRequest; diagnostics: Diagnostic[]; checked?: RequestCheck } {
  const idNode = member(node, "id");
  const id = idNode ? toPlain(idNode) : null;
  const requestNode = member(node, "request");
  if (!requestNode)
    return {
      id,
      diagnostics: [
        problem(
          "missing-key",
          "the case has no `request`",
          node.loc,
          'add `"request": {"principal": ..., "action": ..., "resource": ...}`',
        ),
      ],
    };
  const r = readCheckedRequest(requestNode, options);
  return {
    id,
    ...(r.request ? { request: r.request } : {}),
    diagnostics: r.diagnostics,
    ...(r.checked ? { checked: r.checked } : {}),
  };
}
