import { createHash } from "node:crypto";
import type { SourceLocation } from "../diagnostics/index.js";

/** What kind of problem a lint finding is (issue #4's fixed set). */
export const CATEGORIES = [
  "invalid",
  "privilege-escalation",
  "data-exfiltration",
  "credentials-exposure",
  "permissions-management",
  "resource-exposure",
  "overly-permissive",
  "ai-workload",
  "suggestion",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** How much a finding matters; `--fail-on` compares against this order. */
export const FINDING_SEVERITIES = ["error", "high", "medium", "low", "info"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** True when `a` is at least as severe as `b`. */
export function atLeast(a: FindingSeverity, b: FindingSeverity): boolean {
  return FINDING_SEVERITIES.indexOf(a) <= FINDING_SEVERITIES.indexOf(b);
}

/** One lint finding: a rule's verdict on a place in a file. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: FindingSeverity;
  /** One line, lower case, user input in backticks. */
  message: string;
  help: string;
  location: SourceLocation;
}

/**
 * A finding's identity across runs: rule, file, JSON pointer and message, not
 * the line, so that editing elsewhere in a file keeps it the same (SARIF
 * partial fingerprints and leash baselines both use it).
 */
export function findingFingerprint(f: Finding): string {
  return createHash("sha256")
    .update(
      `${f.ruleId}\n${f.location.file.replace(/\\/g, "/")}\n${f.location.pointer}\n${f.message}`,
    )
    .digest("hex")
    .slice(0, 32);
}
