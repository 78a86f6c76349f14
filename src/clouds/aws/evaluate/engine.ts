import type { Diagnostic } from "../../../diagnostics/index.js";
import type { Decision, Invalid } from "../../../model/index.js";
import { awsCatalog } from "../catalog/catalog.js";
import type { Policy } from "../policy/types.js";
import { CompiledPolicy } from "./compiled-policy.js";
import { type DecisionInputs, decide, type LevelsVerdict } from "./decide.js";
import type { Explanation } from "./explanation.js";
import { type CompiledLayers, evaluateLayer, evaluateLevels } from "./layers.js";
import type { PreparedRequest } from "./prepared-request.js";
import { hasIdentityPolicies } from "./principal.js";
import { type CheckedRequest, checkRequest, type RequestCheckOptions } from "./request-checks.js";
import { buildContext, type ContextInput } from "./request-context.js";
import { needsNoPermission, resourcePolicyRequirement } from "./service-rules.js";
import { explanationOf, traceLayers } from "./trace.js";

/** One request to decide (see `leash simulate --cases`). */
export interface AwsRequest {
  /** A user, role, assumed-role session, root, service principal, or `anonymous`. */
  principal: string;
  /** `service:Action`, case-insensitive; an action the catalog lists (see `allowUnknownActions`). */
  action: string;
  /**
   * The resource ARN, or `*`. Optional only for actions that take no resource
   * (the catalog's `Resource: *`-only actions, such as `sts:GetCallerIdentity`),
   * which then act on `*`; for any other action a missing resource makes the
   * request {@link Invalid}.
   */
  resource?: string;
  /**
   * Condition keys (case-insensitive) and their values, each of its key's
   * type (an IP address for `aws:SourceIp`, a date for `aws:CurrentTime`).
   * `aws:CurrentTime` and `aws:EpochTime`, which AWS sets on every request,
   * default to the engine's clock. @default {}
   */
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

/** A decided request: the fast path's answer. */
export interface EvaluationResult {
  /** Never set on a decided request: `"Invalid"` marks the other kind of result. */
  outcome?: undefined;
  decision: Decision;
  /** Warnings about the request (an allowed unknown action, a conflicting `aws:ResourceAccount`). */
  diagnostics: Diagnostic[];
}

/** A decided request with the statements that decided it. */
export interface ExplainedResult {
  /** Never set on a decided request: `"Invalid"` marks the other kind of result. */
  outcome?: undefined;
  explanation: Explanation;
  diagnostics: Diagnostic[];
}

export interface AwsEngineOptions {
  /**
   * Evaluate an action the catalog does not list, as written, with a warning,
   * instead of refusing the request: for an action newer than the catalog.
   * @default false
   */
  allowUnknownActions?: boolean;
  /**
   * Refuse a request whose resource ARN is of no type its action takes (an
   * SQS queue for `s3:GetObject`, any ARN for `s3:ListAllMyBuckets`): AWS
   * never authorizes such a pair. `false` answers it instead, as written:
   * for a caller sweeping every action over every resource, to whom such a
   * pair is simply never allowed.
   * @default true
   */
  checkResourceTypes?: boolean;
  /**
   * The clock for `aws:CurrentTime` and `aws:EpochTime` when a request gives
   * neither, in milliseconds since the epoch. @default Date.now
   */
  clock?: () => number;
}

/**
 * A policy set compiled for evaluation. Compile once, then ask as many
 * questions as you like: `decide` is the fast path, `explain` says why.
 */
export class AwsEngine {
  readonly layers: CompiledLayers;
  private readonly catalog = awsCatalog();
  private readonly checks: RequestCheckOptions;
  private readonly clock: () => number;

  constructor(
    readonly set: AwsPolicySet,
    options: AwsEngineOptions = {},
  ) {
    const one = (p: Policy | undefined) => (p ? [new CompiledPolicy(p)] : undefined);
    this.layers = {
      identity: set.identityPolicies.map((p) => new CompiledPolicy(p)),
      resource: one(set.resourcePolicy),
      boundary: one(set.permissionBoundary),
      session: one(set.sessionPolicy),
      scp: set.scps?.map((level) => level.map((p) => new CompiledPolicy(p))),
      rcp: set.rcps?.map((level) => level.map((p) => new CompiledPolicy(p))),
    };
    this.checks = {
      catalog: this.catalog,
      allowUnknownActions: options.allowUnknownActions ?? false,
      checkResourceTypes: options.checkResourceTypes ?? true,
    };
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Checks and prepares a request. A request the engine cannot answer
   * faithfully (an unknown principal or action, no resource where the action
   * takes one, a context value of the wrong type) is {@link Invalid}.
   */
  prepare(
    request: AwsRequest,
  ): { outcome?: undefined; request: PreparedRequest; diagnostics: Diagnostic[] } | Invalid {
    const { problems, checked } = checkRequest(request, this.checks);
    // Copies: the checks keep what they found about an action for every engine of the process.
    const diagnostics = problems.map((p) => ({ ...p.diagnostic }));
    if (!checked) return { outcome: "Invalid", diagnostics };
    return { diagnostics, request: this.prepareChecked(checked) };
  }

  private prepareChecked(checked: CheckedRequest): PreparedRequest {
    const { ctx, defaulted } = buildContext(
      checked.principal,
      checked.resource,
      checked.context,
      this.clock,
    );
    return {
      principal: checked.principal,
      action: checked.action,
      service: checked.service,
      resource: checked.resource,
      ctx,
      defaulted,
      hasBoundary: this.set.permissionBoundary !== undefined,
    };
  }

  /** What the combination step needs besides the layers' verdicts, and which guardrails apply. */
  private circumstances(req: PreparedRequest) {
    const L = this.layers;
    const who = req.principal;
    const resourceAccount = req.ctx.get("aws:resourceaccount");
    return {
      principal: who,
      sameAccount: who.account !== undefined && resourceAccount === who.account,
      requirement: resourcePolicyRequirement(req.action, req.resource),
      noPermissionNeeded: needsNoPermission(req.action),
      // SCPs govern principals of member accounts, never service-linked roles (AWS Organizations User Guide, "SCP effects").
      scpApplies: L.scp !== undefined && hasIdentityPolicies(who) && !who.serviceLinked,
      // RCPs govern the resources of supported services; service-linked roles are exempt (AWS Organizations User Guide, "RCPs").
      // "RCPs do not impact the kms:RetireGrant permission" (same page).
      rcpApplies:
        L.rcp !== undefined &&
        !who.serviceLinked &&
        req.action !== "kms:retiregrant" &&
        this.catalog.supportsRcp(req.service),
    };
  }

  /** The inputs of the combination step, on the fast path. */
  inputs(req: PreparedRequest): DecisionInputs {
    const L = this.layers;
    const c = this.circumstances(req);
    const levels = (
      l: CompiledPolicy[][] | undefined,
      applies: boolean,
    ): LevelsVerdict | undefined => (applies && l ? evaluateLevels(l, req) : undefined);
    // Written out, not spread: one shape for every request keeps `decide` fast.
    return {
      principal: c.principal,
      sameAccount: c.sameAccount,
      requirement: c.requirement,
      noPermissionNeeded: c.noPermissionNeeded,
      scp: levels(L.scp, c.scpApplies),
      rcp: levels(L.rcp, c.rcpApplies),
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
  decide(request: AwsRequest): EvaluationResult | Invalid {
    const prepared = this.prepare(request);
    if (prepared.outcome === "Invalid") return prepared;
    const { request: req, diagnostics } = prepared;
    return { decision: decide(this.inputs(req)).decision, diagnostics };
  }

  /** The decision with the statements that produced it and the near misses. */
  explain(request: AwsRequest): ExplainedResult | Invalid {
    const prepared = this.prepare(request);
    if (prepared.outcome === "Invalid") return prepared;
    return this.explainPrepared(prepared.request, prepared.diagnostics);
  }

  /** `decide` for a request a reader already checked (see `explainChecked`). */
  decideChecked(checked: { request: CheckedRequest; warnings: Diagnostic[] }): EvaluationResult {
    const req = this.prepareChecked(checked.request);
    const diagnostics = checked.warnings.map((d) => ({ ...d }));
    return { decision: decide(this.inputs(req)).decision, diagnostics };
  }

  /**
   * `explain` for a request a reader already checked with this engine's
   * options (`readRequest`'s `checked`): a batch checks each request once.
   */
  explainChecked(checked: { request: CheckedRequest; warnings: Diagnostic[] }): ExplainedResult {
    const warnings = checked.warnings.map((d) => ({ ...d }));
    return this.explainPrepared(this.prepareChecked(checked.request), warnings);
  }

  /** Each statement evaluated once: the layers' verdicts are read off its traces. */
  private explainPrepared(req: PreparedRequest, diagnostics: Diagnostic[]): ExplainedResult {
    const c = this.circumstances(req);
    const { traces, verdicts: v } = traceLayers(this.layers, req, c.scpApplies, c.rcpApplies);
    const inputs: DecisionInputs = {
      principal: c.principal,
      sameAccount: c.sameAccount,
      requirement: c.requirement,
      noPermissionNeeded: c.noPermissionNeeded,
      scp: v.scp,
      rcp: v.rcp,
      identity: v.identity,
      boundary: v.boundary,
      session: v.session,
      resource: v.resource,
    };
    const outcome = decide(inputs);
    return {
      diagnostics,
      explanation: explanationOf(traces, req, inputs, outcome, this.catalog.version),
    };
  }
}
