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
  /** For a finding made from a reader's diagnostic (a parse error): its code, e.g. `input/json-syntax`. */
  code?: string;
  /**
   * What the finding is about, by content rather than by position: the
   * policy's name with the statement's `Sid`, else with a hash of the
   * statement normalised, or the policy's name alone for a finding about no
   * statement; then the element inside the statement. Fingerprints use it instead of the
   * JSON pointer, so that inserting or reordering statements keeps a
   * finding's identity. Absent, the pointer stands in.
   */
  anchor?: string;
}

/**
 * The part of a message that does not depend on where things are: statement
 * numbers (`#3`) and line/column references shift when statements move.
 */
export function positionFreeMessage(message: string): string {
  return (
    message
      .replace(/#\d+/g, "#")
      .replace(/\blines? \d+(, column \d+)?/g, "line")
      // `12:5` standing alone; never the `1:111122223333` inside an ARN.
      .replace(/(^|[\s(])\d+:\d+(?=[\s),;]|$)/g, "$1line:column")
  );
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);
const slashes = (file: string) => file.replace(/\\/g, "/");

/**
 * A finding's identity across runs (SARIF partial fingerprints and leash
 * baselines): rule, file, what the finding is about by content (`anchor`,
 * else the JSON pointer) and the position-free part of the message, never
 * the line, so that editing elsewhere in a file, or inserting and reordering
 * statements, keeps it the same.
 */
export function findingFingerprint(f: Finding): string {
  return sha(
    `v2\n${f.ruleId}\n${slashes(f.location.file)}\n${f.anchor ?? `@${f.location.pointer}`}\n${positionFreeMessage(f.message)}`,
  );
}

/**
 * The fingerprint of version 1 baselines (rule, file, JSON pointer, message),
 * kept so that a baseline written before fingerprints followed content is
 * still read: its accepted findings stay accepted while nothing moves.
 */
export function legacyFindingFingerprint(f: Finding): string {
  return sha(`${f.ruleId}\n${slashes(f.location.file)}\n${f.location.pointer}\n${f.message}`);
}
