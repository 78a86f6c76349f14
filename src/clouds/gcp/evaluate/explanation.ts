import type { Diagnostic } from "../../../diagnostics/index.js";

/**
 * What a GCP decision says of itself (docs/semantics/gcp.md,
 * "Explanations"): the bindings that granted, the deny rule that denied,
 * the boundary that blocked, the near misses, and what was unknown.
 */
export type GcpDecision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Unknown";

export interface ConditionOutcome {
  title?: string;
  expression: string;
  /** true / false, or "unknown" (with the attributes it needs), or "error" (with why). */
  value: boolean | "unknown" | "error";
  needs?: string[];
  error?: string;
}

export interface BindingMatch {
  /** The node whose allow policy holds the binding. */
  resource: string;
  /** JSON pointer of the binding in the input. */
  binding: string;
  role: string;
  /** The member that stands for the principal (undefined in a near miss on members). */
  member?: string;
  condition?: ConditionOutcome;
}

export interface NearMiss extends BindingMatch {
  /** Why the binding did not grant though its role holds the permission. */
  why: "member" | "condition";
}

export interface DenyMatch {
  attachmentPoint: string;
  /** JSON pointer of the rule in the input. */
  rule: string;
  principal: string;
  permission: string;
  condition?: ConditionOutcome;
}

export interface BoundaryBlock {
  /** The boundary policies that apply to the permission; none makes the resource eligible. */
  policies: { policy: string; enforcementVersion: string; resources: string[] }[];
}

export interface GcpExplanation {
  decision: GcpDecision;
  reason: string;
  permission: string;
  /** The permission as deny policies name it. */
  denyPermission: string;
  resource: string;
  grantedBy: BindingMatch[];
  deniedBy: DenyMatch[];
  blockedBy: BoundaryBlock | null;
  nearMisses: NearMiss[];
  /** Bindings and deny rules whose conditions need attributes the request does not give. */
  unknown: { at: string; needs: string[] }[];
  catalogVersion: string;
}

/** A decided request, or an invalid one with its diagnostics. */
export type GcpResult =
  | {
      outcome: "Decided";
      decision: GcpDecision;
      explanation: GcpExplanation;
      warnings: Diagnostic[];
    }
  | { outcome: "Invalid"; diagnostics: Diagnostic[] };
