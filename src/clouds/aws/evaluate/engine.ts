import type { Diagnostic } from "../../../diagnostics/index.js";
import type { Decision } from "../../../model/index.js";
import { awsCatalog } from "../catalog/catalog.js";
import type { Policy } from "../policy/types.js";
import { CompiledPolicy } from "./compiled-policy.js";
import { type DecisionInputs, decide, type LevelsVerdict } from "./decide.js";
import type { Explanation } from "./explanation.js";
import { type CompiledLayers, evaluateLayer, evaluateLevels } from "./layers.js";
import type { PreparedRequest } from "./prepared-request.js";
import { hasIdentityPolicies, type PrincipalIdentity, parsePrincipal } from "./principal.js";
import { arnAccount, buildContext, type ContextInput } from "./request-context.js";
import { resourcePolicyRequirement } from "./service-rules.js";
import { traceRequest } from "./trace.js";

const RESOURCE_ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:./;

/** One request to decide (see `leash simulate --cases`). */
export interface AwsRequest {
  /** A user, role, assumed-role session, root, service principal, or `anonymous`. */
  principal: string;
  /** `service:Action`, case-insensitive. */
  action: string;
  /** The resource ARN, or `*` for actions that take none. */
  resource: string;
  /** Condition keys (case-insensitive) and their values. @default {} */
  context?: Readonly<Record<string, ContextInput>>;
}

/**
 * The policies that apply to a request. `undefined` means that kind of policy
 * is absent (e.g. the account is in no organization): absent is not the same
 * as present-and-empty, which allows nothing.
 */
export interface AwsPolicySet {
  identityPolicies: readonly Policy[];
  resourcePolicy?: Policy;
  permissionBoundary?: Policy;
  /** One list per organization level, root first. */
  scps?: readonly (readonly Policy[])[];
  /** One list per organization level, root first. */
  rcps?: readonly (readonly Policy[])[];
  sessionPolicy?: Policy;
}

export interface EvaluationResult {
  decision: Decision;
  diagnostics: Diagnostic[];
}

/**
 * A policy set compiled for evaluation. Compile once, then ask as many
 * questions as you like: `decide` is the fast path, `explain` says why.
 */
export class AwsEngine {
  readonly layers: CompiledLayers;
  private readonly principals = new Map<string, PrincipalIdentity | undefined>();
  private readonly actions = new Map<string, { lower: string; service: string } | undefined>();
  private readonly catalog = awsCatalog();

  constructor(readonly set: AwsPolicySet) {
    const one = (p: Policy | undefined) => (p ? [new CompiledPolicy(p)] : undefined);
    this.layers = {
      identity: set.identityPolicies.map((p) => new CompiledPolicy(p)),
      resource: one(set.resourcePolicy),
      boundary: one(set.permissionBoundary),
      session: one(set.sessionPolicy),
      scp: set.scps?.map((level) => level.map((p) => new CompiledPolicy(p))),
      rcp: set.rcps?.map((level) => level.map((p) => new CompiledPolicy(p))),
    };
  }

  /** Validates and prepares a request; diagnostics instead of a request when it is unusable. */
  prepare(request: AwsRequest): { request?: PreparedRequest; diagnostics: Diagnostic[] } {
    const diagnostics: Diagnostic[] = [];
    let principal = this.principals.get(request.principal);
    if (principal === undefined && !this.principals.has(request.principal)) {
      principal = parsePrincipal(request.principal);
      if (this.principals.size > 10_000) this.principals.clear();
      this.principals.set(request.principal, principal);
    }
    if (!principal) {
      diagnostics.push({
        code: "aws-request/invalid-principal",
        severity: "error",
        message: `\`${request.principal}\` is not a principal leash can evaluate`,
        help: "use a user, role or assumed-role ARN, an account id, a service principal such as `sagemaker.amazonaws.com`, or `anonymous`",
      });
    }
    const action = this.action(request.action);
    if (!action) {
      diagnostics.push({
        code: "aws-request/invalid-action",
        severity: "error",
        message: `\`${request.action}\` is not an action of the form \`service:Action\``,
        help: "a request names one concrete action, without wildcards, e.g. `s3:GetObject`",
      });
    }
    if (request.resource !== "*" && !RESOURCE_ARN.test(request.resource)) {
      diagnostics.push({
        code: "aws-request/invalid-resource",
        severity: "error",
        message: `\`${request.resource}\` is not an ARN`,
        help: "give the resource ARN, or `*` for actions that take no resource",
      });
    }
    if (diagnostics.length > 0 || !principal || !action) return { diagnostics };
    const fromArn = arnAccount(request.resource);
    if (fromArn && request.context) {
      for (const k in request.context) {
        const v = request.context[k];
        if (k.toLowerCase() === "aws:resourceaccount" && v !== fromArn) {
          diagnostics.push({
            code: "aws-request/resource-account-conflict",
            severity: "warning",
            message: `context \`aws:ResourceAccount\` is \`${String(v)}\` but the resource ARN is in account \`${fromArn}\``,
            help: "the ARN wins; give aws:ResourceAccount only for ARNs without an account, such as S3",
          });
        }
      }
    }
    return {
      diagnostics,
      request: {
        principal,
        action: action.lower,
        service: action.service,
        resource: request.resource,
        ctx: buildContext(principal, request.resource, request.context ?? {}),
        hasBoundary: this.set.permissionBoundary !== undefined,
      },
    };
  }

  /** Validates and lower-cases an action once per distinct spelling. */
  private action(raw: string): { lower: string; service: string } | undefined {
    let hit = this.actions.get(raw);
    if (hit === undefined && !this.actions.has(raw)) {
      const colon = raw.indexOf(":");
      const ok = colon > 0 && colon < raw.length - 1 && !/[*?\s]/.test(raw);
      const lower = raw.toLowerCase();
      hit = ok ? { lower, service: lower.slice(0, colon) } : undefined;
      if (this.actions.size > 10_000) this.actions.clear();
      this.actions.set(raw, hit);
    }
    return hit;
  }

  /** The inputs of the combination step (shared by the fast and the explaining path). */
  inputs(req: PreparedRequest): DecisionInputs {
    const L = this.layers;
    const who = req.principal;
    const resourceAccount = req.ctx.get("aws:resourceaccount");
    const sameAccount = who.account !== undefined && resourceAccount === who.account;
    // SCPs govern principals of member accounts, never service-linked roles (AWS Organizations User Guide, "SCP effects").
    const scpApplies = L.scp !== undefined && hasIdentityPolicies(who) && !who.serviceLinked;
    // RCPs govern the resources of supported services; service-linked roles are exempt (AWS Organizations User Guide, "RCPs").
    // "RCPs do not impact the kms:RetireGrant permission" (same page).
    const rcpApplies =
      L.rcp !== undefined &&
      !who.serviceLinked &&
      req.action !== "kms:retiregrant" &&
      this.catalog.supportsRcp(req.service);
    const levels = (
      l: CompiledPolicy[][] | undefined,
      applies: boolean,
    ): LevelsVerdict | undefined => (applies && l ? evaluateLevels(l, req) : undefined);
    return {
      principal: who,
      sameAccount,
      requirement: resourcePolicyRequirement(req.action, req.resource),
      scp: levels(L.scp, scpApplies),
      rcp: levels(L.rcp, rcpApplies),
      identity: evaluateLayer(L.identity, req, false),
      boundary: L.boundary && evaluateLayer(L.boundary, req, false),
      session: L.session && evaluateLayer(L.session, req, false),
      resource: L.resource && evaluateLayer(L.resource, req, true),
    };
  }

  /**
   * Whether any identity-policy Allow statement covers this action at all. When
   * not, every request for it is denied without looking further: the
   * generator's self-check uses this to clear the ~22,000 catalog actions a
   * role never names.
   */
  mayAllow(action: string): boolean {
    const lower = action.toLowerCase();
    return this.layers.identity.some((p) => p.candidates(lower).some((s) => !s.deny));
  }

  /** The decision alone: the fast path for batches. */
  decide(request: AwsRequest): EvaluationResult {
    const { request: req, diagnostics } = this.prepare(request);
    if (!req) return { decision: "ImplicitlyDenied", diagnostics };
    return { decision: decide(this.inputs(req)).decision, diagnostics };
  }

  /** The decision with the statements that produced it and the near misses. */
  explain(request: AwsRequest): { explanation?: Explanation; diagnostics: Diagnostic[] } {
    const { request: req, diagnostics } = this.prepare(request);
    if (!req) return { diagnostics };
    const inputs = this.inputs(req);
    const outcome = decide(inputs);
    return {
      diagnostics,
      explanation: traceRequest(this.layers, req, inputs, outcome, this.catalog.version),
    };
  }
}
