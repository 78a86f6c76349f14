import { awsCatalog } from "../catalog/catalog.js";
import { AwsEngine, type AwsPolicySet, type ContextInput } from "../evaluate/index.js";
import { compileWildcard } from "../evaluate/wildcard.js";
import { parsePolicy } from "../policy/parse.js";
import type { Policy } from "../policy/types.js";
import { concrete, draftRequests, foreignTwins, satisfyingContext } from "./probes.js";
import type { DraftStatement } from "./statements.js";
import type {
  GeneratedRole,
  NamedPolicy,
  PolicyDocumentJson,
  RoleSelfCheck,
  SelfCheckReport,
} from "./types.js";

/** Which team owns a probe resource (its tag value), for the tags a request on it carries. */
export interface ProbeOwners {
  tagKey: string;
  ownerOf(arn: string): string | undefined;
}

/**
 * A request on a resource carries that resource's tags: the owner's tag, or
 * none for an untagged resource; the caller's own tags stay as they are.
 */
function ownedBy(
  ctx: Record<string, ContextInput>,
  owner: string | undefined,
  tagKey: string,
): Record<string, ContextInput> {
  const out = { ...ctx };
  for (const k of [`aws:ResourceTag/${tagKey}`, `iam:ResourceTag/${tagKey}`]) {
    if (owner === undefined) delete out[k];
    else out[k] = owner;
  }
  return out;
}

const sentKeysByAction = new Map<string, (key: string) => boolean>();

/**
 * Keeps the context keys AWS sends with an action: global `aws:` keys and the
 * keys the Service Authorization Reference lists for the action or its
 * resource types (tag-key patterns match by prefix).
 */
function sentKeys(action: string, ctx: Record<string, ContextInput>): Record<string, ContextInput> {
  let sends = sentKeysByAction.get(action);
  if (!sends) {
    const catalog = awsCatalog();
    const info = catalog.action(action);
    const service = info ? catalog.service(info.service) : undefined;
    const listed = [
      ...(info?.conditionKeys ?? []),
      ...(info?.resourceTypes ?? []).flatMap((r) => [
        ...r.conditionKeys,
        ...(service?.resourceTypes.get(r.name)?.conditionKeys ?? []),
      ]),
    ].map((k) => k.toLowerCase());
    const exact = new Set(listed);
    const prefixes = listed.filter((k) => /[$<]/.test(k)).map((k) => k.slice(0, k.search(/[$<]/)));
    sends = (key: string) => {
      const k = key.toLowerCase();
      return k.startsWith("aws:") || exact.has(k) || prefixes.some((p) => k.startsWith(p));
    };
    sentKeysByAction.set(action, sends);
  }
  const out: Record<string, ContextInput> = {};
  for (const [k, v] of Object.entries(ctx)) if (sends(k)) out[k] = v;
  return out;
}

/** A role as generated, with the drafts its Allow statements came from. */
export interface RoleUnderCheck {
  role: GeneratedRole;
  allows: DraftStatement[];
  needs: number;
  /** Context every request of this role carries (principal tags, region...). */
  baseContext: Record<string, ContextInput>;
}

function parsed(
  doc: PolicyDocumentJson,
  type: "identity" | "boundary" | "scp" | "resource",
  name: string,
): Policy {
  const r = parsePolicy(JSON.stringify(doc), { type, name });
  if (!r.policy)
    throw new Error(
      `leash generated an invalid ${type} policy ${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`,
    );
  return r.policy;
}

function defaultKeyPolicy(partition: string, account: string): PolicyDocumentJson {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EnableIamUserPermissions",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

/** SCPs only deny; `FullAWSAccess` stays attached beside them and supplies the Allow. */
const FULL_AWS_ACCESS: PolicyDocumentJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

/**
 * Asks one role's policies for decisions. A KMS key ARN is asked with its
 * account's default key policy beside them: the spec's keys are taken to have
 * it, and it lets the key's account's IAM policies grant (AWS KMS Developer
 * Guide, "Default key policy").
 */
function decider(set: AwsPolicySet, partition: string, principal: string) {
  // Every action is tried on every probe: a pair of an action and a resource type it does not
  // take is never allowed, and is answered so rather than refused.
  const options = { checkResourceTypes: false };
  const engine = new AwsEngine(set, options);
  const keyEngines = new Map<string, AwsEngine>();
  const engineFor = (resource: string): AwsEngine => {
    const key = /^arn:[^:]+:kms:[^:]*:(\d{12}):key\//.exec(resource);
    if (!key) return engine;
    let e = keyEngines.get(key[1]!);
    if (!e) {
      e = new AwsEngine(
        {
          ...set,
          resourcePolicy: parsed(
            defaultKeyPolicy(partition, key[1]!),
            "resource",
            "default key policy",
          ),
        },
        options,
      );
      keyEngines.set(key[1]!, e);
    }
    return e;
  };
  return {
    engine,
    ask: (action: string, resource: string, context: Record<string, ContextInput>) => {
      const r = engineFor(resource).decide({ principal, action, resource, context });
      // The generator asks only about requests it built itself: one the engine refuses is a bug here.
      if (r.outcome === "Invalid")
        throw new Error(
          `self-check asked an invalid question: ${r.diagnostics.map((d) => d.message).join("; ")}`,
        );
      return r.decision;
    },
  };
}

/**
 * Simulates every generated role with leash's own engine (the issue's
 * "verify it fails if it attempts anything else"): each need is Allowed;
 * every other catalog action is denied on every probe resource (the spec's,
 * other teams', foreign look-alikes); no Allow reaches beyond what a need asked.
 */
export function selfCheck(
  roles: readonly RoleUnderCheck[],
  scps: readonly NamedPolicy[],
  account: string,
  partition: string,
  owners: ProbeOwners,
): SelfCheckReport {
  const catalog = awsCatalog();
  const actions = catalog.allActions().map((a) => a.fullName);
  const probes = new Set<string>(["*"]);
  for (const r of roles) {
    for (const d of r.allows) {
      for (const res of d.resources) {
        const c = concrete(res);
        probes.add(c);
        for (const f of foreignTwins(c)) probes.add(f);
      }
    }
  }
  const probeList = [...probes].sort();
  const scpLevels =
    scps.length > 0
      ? [
          [
            parsed(FULL_AWS_ACCESS, "scp", "FullAWSAccess"),
            ...scps.map((s) => parsed(s.document, "scp", s.name)),
          ],
        ]
      : undefined;

  const results: RoleSelfCheck[] = roles.map((r) => {
    const set = {
      identityPolicies: r.role.inlinePolicies.map((p) => parsed(p.document, "identity", p.name)),
      ...(r.role.permissionBoundary
        ? {
            permissionBoundary: parsed(
              r.role.permissionBoundary,
              "boundary",
              r.role.permissionBoundaryName ?? "boundary",
            ),
          }
        : {}),
      ...(scpLevels ? { scps: scpLevels } : {}),
    };
    const principal = `arn:${partition}:sts::${account}:assumed-role/${r.role.name}/leash-self-check`;
    // SCPs bind member accounts only ("SCPs don't affect users or roles in the management
    // account", AWS Organizations User Guide), and the spec does not say which its account is:
    // each need must be allowed under the SCPs, and nothing else may be allowed without them.
    const { ask } = decider(set, partition, principal);
    const unbound = decider({ ...set, scps: undefined }, partition, principal);

    // 1. Every need, under the conditions the generator wrote, sending only the condition keys
    // AWS sends for that action (a key the action never carries can never satisfy a condition).
    const needsDenied: RoleSelfCheck["needsDenied"] = [];
    const looseConditions: RoleSelfCheck["looseConditions"] = [];
    // The contexts under which each action was granted: the most permissive realistic requests for it.
    const contexts = new Map<string, Record<string, ContextInput>[]>();
    const failedNeeds = new Set<string>();
    for (const d of r.allows) {
      const granted = satisfyingContext(d.conditions, r.baseContext);
      for (const q of draftRequests(d)) {
        const ctx = sentKeys(q.action, ownedBy(granted, owners.ownerOf(q.resource), owners.tagKey));
        const list = contexts.get(q.action.toLowerCase()) ?? [];
        list.push(ctx);
        contexts.set(q.action.toLowerCase(), list);
        const decision = ask(q.action, q.resource, ctx);
        if (decision !== "Allowed") {
          needsDenied.push({ ...q, decision, ...(d.need ? { need: d.need } : {}) });
          if (d.need) failedNeeds.add(d.need);
        }
      }
      // 1b. Each condition binds: with one key's value wrong, the same request is refused.
      const first = draftRequests(d)[0];
      for (const [op, keys] of Object.entries(d.conditions ?? {})) {
        if (op === "Null" || /Not/.test(op) || !first) continue;
        for (const [key, value] of Object.entries(keys)) {
          const wrong = {
            ...sentKeys(first.action, granted),
            [key]: op.startsWith("For") ? ["leash-wrong"] : wrongValue(op, value),
          };
          if (unbound.ask(first.action, first.resource, wrong) === "Allowed")
            looseConditions.push({ action: first.action, key });
        }
      }
    }

    // 2. Nothing else: actions no Allow names are cleared at once; the rest are tried on every
    // probe, each carrying its owner's tags, so another team's resource looks like one.
    const intended = r.allows.flatMap((d) =>
      (d.actions ?? []).map((a) => ({
        action: a.toLowerCase(),
        matchers: d.resources.map((p) => compileWildcard(p)),
      })),
    );
    const isIntended = (action: string, resource: string) =>
      intended.some((i) => i.action === action && i.matchers.some((m) => m(resource)));
    const extra: RoleSelfCheck["extra"] = [];
    let denied = 0;
    for (const action of actions) {
      if (!unbound.engine.mayAllow(action)) {
        denied++;
        continue;
      }
      const lower = action.toLowerCase();
      let allowedSomewhere = false;
      for (const resource of probeList) {
        if (isIntended(lower, resource)) {
          allowedSomewhere = true;
          continue;
        }
        const tried = (contexts.get(lower) ?? [r.baseContext]).map((ctx) =>
          ownedBy(ctx, owners.ownerOf(resource), owners.tagKey),
        );
        if (tried.some((ctx) => unbound.ask(action, resource, ctx) === "Allowed")) {
          extra.push({ action, resource });
          allowedSomewhere = true;
        }
      }
      if (!allowedSomewhere) denied++;
    }
    return {
      role: r.role.name,
      workload: r.role.workload,
      needsGranted: r.needs - failedNeeds.size,
      needsDenied,
      looseConditions,
      otherActionsDenied: denied,
      extra,
    };
  });
  return {
    catalogActions: actions.length,
    probeResources: probeList.length,
    roles: results,
    ok: results.every(
      (x) => x.needsDenied.length === 0 && x.extra.length === 0 && x.looseConditions.length === 0,
    ),
  };
}

/**
 * A value the condition should refuse, of the key's type: the engine refuses
 * a request whose context value is of another type (a Bool key holding
 * `leash-wrong`) rather than decide it.
 */
function wrongValue(operator: string, value: string | string[]): string {
  if (!/^Bool/i.test(operator)) return "leash-wrong";
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toLowerCase() === "true" ? "false" : "true";
}
