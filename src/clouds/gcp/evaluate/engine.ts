import type { Diagnostic } from "../../../diagnostics/index.js";
import { type GcpCatalog, gcpCatalog } from "../catalog/catalog.js";
import { denyNames } from "../catalog/permission-names.js";
import { availableAttributes } from "../catalog/resource-attributes.js";
import type {
  GcpBoundaryPolicy,
  GcpCustomRole,
  GcpDenyPolicy,
  GcpHierarchyNode,
} from "../policy/types.js";
import { evaluateAllow } from "./allow.js";
import { evaluateBoundary } from "./boundary.js";
import type { ConditionInput } from "./conditions.js";
import { evaluateDeny } from "./deny.js";
import type { GcpDecision, GcpExplanation, GcpResult } from "./explanation.js";
import { effectiveTags, lineage } from "./hierarchy.js";
import { Identity } from "./members.js";
import { Roles } from "./roles.js";

/** One request and everything that decides it: the shape of a `simulate --cloud gcp --cases` line. */
export interface GcpRequest {
  principal: string;
  memberOf: string[];
  permission: string;
  resource: string;
  time?: Date;
  apiAttributes: Map<string, unknown>;
}

export interface GcpCase {
  request: GcpRequest;
  hierarchy: GcpHierarchyNode[];
  denyPolicies: GcpDenyPolicy[];
  boundaries: GcpBoundaryPolicy[];
  customRoles: Map<string, GcpCustomRole>;
}

export interface GcpEngineOptions {
  /** Evaluate a permission the catalog and the input's custom roles do not list (one newer than the catalog). */
  allowUnknownPermissions?: boolean;
}

/**
 * The GCP decision engine (docs/semantics/gcp.md, "Evaluation order"):
 * principal access boundaries first, then deny policies, then allow
 * policies. Every decision explains itself.
 */
export class GcpEngine {
  constructor(
    private readonly catalog: GcpCatalog = gcpCatalog(),
    private readonly options: GcpEngineOptions = {},
  ) {}

  decide(c: GcpCase): GcpResult {
    const { request } = c;
    const roles = new Roles(this.catalog, c.customRoles);
    const known =
      this.catalog.hasPermission(request.permission) || roles.customHolds(request.permission);
    if (!known && !this.options.allowUnknownPermissions) {
      const near = this.catalog.suggestPermission(request.permission);
      return {
        outcome: "Invalid",
        diagnostics: [
          {
            code: "gcp-request/unknown-permission",
            severity: "error",
            message: `the catalog lists no permission \`${request.permission}\``,
            help: near
              ? `did you mean \`${near}\`? (--allow-unknown-permissions evaluates it as written)`
              : "check the name (service.resource.verb); --allow-unknown-permissions evaluates it as written",
          },
        ],
      };
    }
    const warnings: Diagnostic[] = [];
    const identity = new Identity(request.principal, request.memberOf);
    const nodes = lineage(request.resource, c.hierarchy);
    const input: ConditionInput = {
      resource: availableAttributes(request.resource),
      tags: effectiveTags(c.hierarchy),
      apiAttributes: request.apiAttributes,
    };
    if (request.time) input.time = request.time;
    const names = denyNames(request.permission);
    const denyPermission = names[0]!;

    const blockedBy = evaluateBoundary(c.boundaries, nodes, request.permission);
    const deny = evaluateDeny(c.denyPolicies, nodes, identity, names, input);
    const allow = evaluateAllow(c.hierarchy, roles, identity, request.permission, input);
    for (const u of allow.undefinedRoles) {
      const near = this.catalog.suggestRole(u.role);
      warnings.push({
        code: "gcp-request/undefined-role",
        severity: "warning",
        message: `\`${u.role}\` is bound to the principal but neither the catalog nor \`customRoles\` defines it: it grants nothing here`,
        help:
          near && u.role.startsWith("roles/")
            ? `did you mean \`${near}\`?`
            : "add the custom role to `customRoles`",
      });
    }

    let decision: GcpDecision;
    let reason: string;
    if (blockedBy) {
      decision = "ImplicitlyDenied";
      reason =
        "the resource is outside every principal access boundary that applies to the principal";
    } else if (deny.denied.length > 0) {
      decision = "ExplicitlyDenied";
      reason = "a deny policy denies the permission to the principal";
    } else if (allow.granted.length > 0) {
      decision = deny.unknown.length > 0 ? "Unknown" : "Allowed";
      reason =
        decision === "Allowed"
          ? "a binding grants the permission to the principal"
          : "a binding grants the permission, but a deny rule's condition needs attributes the request does not give";
    } else if (allow.unknown.length > 0) {
      decision = "Unknown";
      reason =
        "only bindings whose conditions need attributes the request does not give could grant the permission";
    } else {
      decision = "ImplicitlyDenied";
      reason = "no binding on the resource or its ancestors grants the permission to the principal";
    }
    const unknown = [
      ...deny.unknown.map((d) => ({ at: d.rule, needs: d.condition?.needs ?? [] })),
      ...allow.unknown.map((b) => ({ at: b.binding, needs: b.condition?.needs ?? [] })),
    ];
    const explanation: GcpExplanation = {
      decision,
      reason,
      permission: request.permission,
      denyPermission,
      resource: request.resource,
      grantedBy: allow.granted,
      deniedBy: deny.denied,
      blockedBy,
      nearMisses: allow.nearMisses,
      unknown,
      catalogVersion: this.catalog.version,
    };
    return { outcome: "Decided", decision, explanation, warnings };
  }

  /**
   * Every permission the request's principal is allowed on its resource (the
   * request's own permission is ignored): what Policy Analyzer answers for
   * one principal and resource. The candidates are the permissions of the
   * roles bound to the principal on the resource or its ancestors; each is
   * then decided in full (boundaries and deny policies included). A
   * permission no such role holds is denied by the allow layer itself.
   */
  allowedPermissions(c: GcpCase): Set<string> {
    const roles = new Roles(this.catalog, c.customRoles);
    const identity = new Identity(c.request.principal, c.request.memberOf);
    const candidates = new Set<string>();
    for (const node of c.hierarchy)
      for (const b of node.policy?.bindings ?? []) {
        if (!b.members.some((m) => identity.matchesMember(m.member))) continue;
        for (const p of roles.permissions(b.role) ?? []) candidates.add(p);
      }
    const out = new Set<string>();
    for (const permission of candidates) {
      const r = this.decide({ ...c, request: { ...c.request, permission } });
      if (r.outcome === "Decided" && r.decision === "Allowed") out.add(permission);
    }
    return out;
  }
}
