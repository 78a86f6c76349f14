import type { Decision } from "../../../model/index.js";
import type { Layer, LayerVerdict } from "./layers.js";
import { hasIdentityPolicies, type PrincipalIdentity } from "./principal.js";
import type { ResourcePolicyRequirement } from "./service-rules.js";

export interface LevelsVerdict {
  deny: boolean;
  allowAtEveryLevel: boolean;
  firstLevelWithoutAllow: number | undefined;
}

/** Everything the combination step needs; absent layers are `undefined`. */
export interface DecisionInputs {
  principal: PrincipalIdentity;
  sameAccount: boolean;
  requirement: ResourcePolicyRequirement | undefined;
  /** The action needs no permission and no policy can deny it (`sts:GetCallerIdentity`). */
  noPermissionNeeded: boolean;
  scp: LevelsVerdict | undefined;
  rcp: LevelsVerdict | undefined;
  identity: LayerVerdict;
  boundary: LayerVerdict | undefined;
  session: LayerVerdict | undefined;
  resource: LayerVerdict | undefined;
}

export interface DecisionOutcome {
  decision: Decision;
  /** Layers with a matching explicit Deny. */
  deniedBy: Layer[];
  /** The layer whose missing Allow denied the request implicitly. */
  blockedBy: Layer | undefined;
  /** Layers whose Allow the decision rests on. */
  grantedBy: Layer[];
  /** One sentence for people. */
  reason: string;
}

const deny = (deniedBy: Layer[]): DecisionOutcome => ({
  decision: "ExplicitlyDenied",
  deniedBy,
  blockedBy: undefined,
  grantedBy: [],
  reason: `explicitly denied by ${deniedBy.join(", ")} ${deniedBy.length > 1 ? "policies" : "policy"}`,
});
const block = (blockedBy: Layer, reason: string): DecisionOutcome => ({
  decision: "ImplicitlyDenied",
  deniedBy: [],
  blockedBy,
  grantedBy: [],
  reason,
});
const allow = (grantedBy: Layer[], reason: string): DecisionOutcome => ({
  decision: "Allowed",
  deniedBy: [],
  blockedBy: undefined,
  grantedBy,
  reason,
});

function unpermissioned(principal: PrincipalIdentity, denied: Layer[]): DecisionOutcome {
  if (principal.kind === "anonymous")
    return block(
      "identity",
      "sts:GetCallerIdentity answers signed requests only: an anonymous caller has no identity to return",
    );
  const despite =
    denied.length > 0
      ? `; the explicit Deny in the ${denied.join(", ")} ${denied.length > 1 ? "policies" : "policy"} does not apply to it`
      : "";
  return allow(
    [],
    `sts:GetCallerIdentity needs no permission and no policy can deny it (STS API Reference, GetCallerIdentity)${despite}`,
  );
}

/**
 * Combines the layers in the order AWS documents (IAM User Guide, "Policy
 * evaluation logic"; docs/semantics/aws.md, "Combining policy types").
 */
export function decide(i: DecisionInputs): DecisionOutcome {
  const denied: Layer[] = [];
  if (i.scp?.deny) denied.push("scp");
  if (i.rcp?.deny) denied.push("rcp");
  if (i.resource?.deny) denied.push("resource");
  if (i.identity.deny) denied.push("identity");
  if (i.boundary?.deny) denied.push("boundary");
  if (i.session?.deny) denied.push("session");

  // 0. `sts:GetCallerIdentity` needs no permission and cannot be denied, not even explicitly
  // (STS API Reference, GetCallerIdentity); it answers signed requests, so never an anonymous one.
  if (i.noPermissionNeeded) return unpermissioned(i.principal, denied);

  // 1. An explicit deny in any applicable policy wins.
  if (denied.length > 0) return deny(denied);

  // 2-3. Organization guardrails: every level must allow.
  if (i.rcp && !i.rcp.allowAtEveryLevel) {
    return block(
      "rcp",
      `no RCP at organization level ${i.rcp.firstLevelWithoutAllow} allows the request`,
    );
  }
  if (i.scp && !i.scp.allowAtEveryLevel) {
    return block(
      "scp",
      `no SCP at organization level ${i.scp.firstLevelWithoutAllow} allows the request`,
    );
  }
  const guardrails: Layer[] = [
    ...(i.rcp ? (["rcp"] as const) : []),
    ...(i.scp ? (["scp"] as const) : []),
  ];
  const resourceKind = i.resource?.allow ? i.resource.allowKind : undefined;

  // 4. Callers without identity policies (anonymous, services, web identity): only a resource policy grants.
  if (!hasIdentityPolicies(i.principal)) {
    if (resourceKind)
      return allow([...guardrails, "resource"], "the resource policy allows this caller");
    return block(
      "resource",
      `a ${i.principal.kind} caller has no identity policies; only a resource policy naming it can allow the request`,
    );
  }

  // 5. The identity side: identity policies, bounded by the permissions boundary and the session policy.
  // The root user has full access in its account; boundaries and session policies do not apply to it.
  const isRoot = i.principal.kind === "root";
  const identityAllows = isRoot || i.identity.allow;
  const boundaryAllows = isRoot || !i.boundary || i.boundary.allow;
  // A federated user session made without a session policy has no permissions of its own
  // (STS API Reference, GetFederationToken, `Policy`): only a resource policy can grant it.
  const federatedWithoutPolicy = i.principal.kind === "federated-user" && !i.session;
  const sessionAllows = isRoot || (i.session ? i.session.allow : !federatedWithoutPolicy);
  const identityChain = identityAllows && boundaryAllows && sessionAllows;
  const chainLayers: Layer[] = isRoot
    ? []
    : [
        "identity",
        ...(i.boundary ? (["boundary"] as const) : []),
        ...(i.session ? (["session"] as const) : []),
      ];
  const chainBlocker = (): DecisionOutcome => {
    if (!identityAllows) return block("identity", "no identity-based policy allows the request");
    if (!boundaryAllows)
      return block("boundary", "the permissions boundary does not allow the request");
    if (federatedWithoutPolicy) {
      return block(
        "session",
        "a federated user session created without a session policy has no permissions",
      );
    }
    return block("session", "the session policy does not allow the request");
  };

  // "You cannot use AWS account root user credentials to call AssumeRole" (STS API Reference, AssumeRole).
  if (isRoot && i.requirement === "role-trust-policy") {
    return block("identity", "the account root user cannot assume a role");
  }

  if (i.sameAccount) {
    // 6a. Services whose resource policy must itself allow (role trust, KMS key policies).
    if (i.requirement) {
      const what =
        i.requirement === "role-trust-policy" ? "the role's trust policy" : "the KMS key policy";
      if (!resourceKind) return block("resource", `${what} must allow the request and does not`);
      if (resourceKind === "account") {
        return identityChain
          ? allow(
              [...guardrails, "resource", ...chainLayers],
              `${what} delegates to the account, whose IAM policies allow`,
            )
          : chainBlocker();
      }
    }
    // 6b. A grant to the caller's exact ARN stands alone; one to the role is bounded like the role's own policies.
    if (resourceKind === "exact")
      return allow([...guardrails, "resource"], "the resource policy names the caller and allows");
    if (resourceKind === "role") {
      if (!boundaryAllows)
        return block(
          "boundary",
          "the resource policy allows the role, but the permissions boundary does not",
        );
      if (!sessionAllows)
        return block(
          "session",
          "the resource policy allows the role, but the session policy does not",
        );
      const bounds: Layer[] = [
        ...(i.boundary ? (["boundary"] as const) : []),
        ...(i.session ? (["session"] as const) : []),
      ];
      return allow(
        [...guardrails, "resource", ...bounds],
        "the resource policy allows the caller's role",
      );
    }
    if (identityChain)
      return allow(
        [...guardrails, ...chainLayers],
        "identity-based policies allow within the account",
      );
    return chainBlocker();
  }

  // 7. Cross-account: both the caller's side and the resource's policy must allow.
  if (!identityChain) return chainBlocker();
  if (!resourceKind)
    return block(
      "resource",
      "cross-account access needs the resource policy to allow the caller too",
    );
  return allow(
    [...guardrails, ...chainLayers, "resource"],
    "cross-account: identity-based and resource policies both allow",
  );
}
