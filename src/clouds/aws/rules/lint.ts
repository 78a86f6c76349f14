import type { Diagnostic, JsonNode } from "../../../diagnostics/index.js";
import type { Finding } from "../../../model/index.js";
import { awsCatalog } from "../catalog/catalog.js";
import { ActionExpander } from "../catalog/expand.js";
import { parsePolicy } from "../policy/parse.js";
import type { PolicyType } from "../policy/types.js";
import { AWS_RULES } from "./index.js";
import { analysedStatements } from "./policy-size.js";
import {
  type AwsRule,
  boundaryAllows,
  type FindingBody,
  type LintedPolicy,
  StatementView,
} from "./rule.js";
import { findingAnchor } from "./support/finding-anchor.js";
import { FULL_ADMIN_RULE, foldIntoFullAdmin } from "./support/full-admin.js";

/** One policy document to lint, as an input reader found it. */
export interface LintDocument {
  file: string;
  /** Where the document sits in its file (a located tree keeps every position). */
  node: JsonNode;
  type: PolicyType;
  name: string;
  /**
   * The principal the document applies to, e.g. `role/train` from an account
   * export: documents of one principal are judged together.
   */
  principal?: string;
  /** The resource that holds it, named in its findings (`aws_iam_role_policy.train` of a plan). */
  address?: string;
  /**
   * A name for the policy that does not depend on who uses it (an account
   * export's managed policy: its ARN), for finding fingerprints. @default name
   */
  id?: string;
  /** An AWS managed policy (`arn:aws:iam::aws:policy/...`), which the account cannot change. */
  awsManaged?: boolean;
  /** Accounts this document's own account trusts (an account export's own account). */
  trustedAccounts?: readonly string[];
  /** The resource its statements act on when they name none (see `ParsePolicyOptions`). */
  impliedResource?: string;
}

export interface LintOptions {
  /** Rule ids to skip. @default none */
  disabled?: ReadonlySet<string>;
  /** Accounts whose principals are not cross-account (the lint config's `trustedAccounts`). */
  trustedAccounts?: readonly string[];
  /**
   * `off` drops the per-document findings located inside an AWS managed
   * policy; findings about a principal, and aws/full-admin, stay. @default "on"
   */
  awsManagedPolicies?: "on" | "off";
  /**
   * Give each finding its content anchor (`Finding.anchor`), which only
   * fingerprints read (SARIF, baselines): hashing every statement with a
   * finding is a few percent of a run that prints text. @default true
   */
  anchors?: boolean;
}

let expander: ActionExpander | undefined;

/** Syntax problems are findings too: what AWS would reject fails the lint. */
function syntaxFinding(d: Diagnostic): Finding {
  return {
    ruleId: d.code.startsWith("json/") ? "aws/json-syntax" : "aws/policy-syntax",
    category: "invalid",
    severity: "error",
    message: d.message,
    help: d.help ?? "see the IAM JSON policy element reference",
    location: d.location!,
  };
}

/**
 * Lints documents with every enabled rule: per-document rules on each,
 * per-principal rules on the documents of each principal together.
 */
export function lintAws(documents: readonly LintDocument[], options: LintOptions = {}): Finding[] {
  const catalog = awsCatalog();
  const trustedAccounts = options.trustedAccounts ?? [];
  expander ??= new ActionExpander(catalog);
  const rules = Object.values(AWS_RULES).filter((r) => !options.disabled?.has(r.id));
  const findings: Finding[] = [];
  // Findings about a principal (its policies together), which stay when the document they
  // point into is an AWS managed policy that the config leaves out: the principal is the user's.
  const aboutPrincipals = new Set<Finding>();
  const emit = (rule: AwsRule, bodies: FindingBody[], principal = false) => {
    for (const b of bodies) {
      const f = { ruleId: rule.id, category: rule.category, severity: rule.severity, ...b };
      findings.push(f);
      if (principal) aboutPrincipals.add(f);
    }
  };
  const byPrincipal = new Map<string, LintedPolicy[]>();
  const boundaries = new Map<string, LintedPolicy[]>();
  // A managed policy attached to several principals is one document seen several times:
  // it is parsed and judged on its own once, then joins each principal's set.
  const done = new Map<JsonNode, Map<PolicyType, LintedPolicy | undefined>>();
  for (const doc of documents) {
    let byType = done.get(doc.node);
    if (!byType) {
      byType = new Map();
      done.set(doc.node, byType);
    }
    if (byType.has(doc.type)) {
      const again = byType.get(doc.type);
      if (again) group(doc, again);
      continue;
    }
    const { policy, diagnostics } = parsePolicy(doc.node, {
      type: doc.type,
      file: doc.file,
      name: doc.name,
      ...(doc.impliedResource !== undefined ? { impliedResource: doc.impliedResource } : {}),
    });
    // One at a time: a broken 50 MB file has more than a spread's arguments can hold.
    if (!options.disabled?.has("aws/policy-syntax"))
      for (const d of diagnostics) if (d.location) findings.push(syntaxFinding(d));
    if (!policy) {
      byType.set(doc.type, undefined);
      continue;
    }
    const linted: LintedPolicy = {
      policy,
      file: doc.file,
      // Far past any AWS quota, rules analyse the first statements only (aws/policy-size says so).
      statements: analysedStatements(policy.statements).map((s) => new StatementView(s)),
    };
    byType.set(doc.type, linted);
    const ctx = {
      policy: linted,
      trustedAccounts: doc.trustedAccounts
        ? [...trustedAccounts, ...doc.trustedAccounts]
        : trustedAccounts,
      catalog,
      expander,
    };
    // Indexed: run for every document before the JIT has optimized it, for-of allocates per step.
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.checkPolicy && (!rule.types || rule.types.includes(doc.type)))
        emit(rule, rule.checkPolicy(ctx));
    }
    group(doc, linted);
  }
  function group(doc: LintDocument, linted: LintedPolicy): void {
    if (doc.type === "identity") {
      // Without a principal, each document stands alone: name it by its file and policy name.
      const key = doc.principal ?? (doc.node.loc.pointer ? `${doc.name} in ${doc.file}` : doc.file);
      byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), linted]);
    } else if (doc.type === "boundary" && doc.principal) {
      // A boundary limits the principal it is set on (an account export names it).
      boundaries.set(doc.principal, [...(boundaries.get(doc.principal) ?? []), linted]);
    }
  }
  for (const [principal, policies] of byPrincipal) {
    const own = boundaries.get(principal) ?? [];
    const bounded = (action: string) => boundaryAllows(own, action);
    for (const rule of rules)
      if (rule.checkPrincipal)
        emit(
          rule,
          rule.checkPrincipal({
            principal: `\`${principal}\``,
            policies,
            bounded,
            catalog,
            expander,
          }),
          true,
        );
  }
  // Two documents at one place (a leash.yaml workload's policies) may say the same thing twice.
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.ruleId}\n${f.location.file}\n${f.location.pointer}\n${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // A statement that grants everything is one finding, not one per rule it trips.
  const folded = foldIntoFullAdmin(unique);
  return placeFindings(folded, documents, aboutPrincipals, options).sort(compareFindings);
}

/**
 * Places each finding in the innermost document around it (its pointer
 * walked up): drops per-document findings inside AWS managed policies when
 * the config turns them off (findings about a principal stay, and
 * aws/full-admin, which stands for those folded into it), names the
 * resource that holds the document when it has an address (a plan's
 * `aws_iam_role_policy.train`: a plan is one line of JSON with resources by
 * index, so line and pointer alone do not tell a reader what to fix), and
 * gives the finding its content anchor (`Finding.anchor`, for fingerprints
 * that survive moved statements).
 */
function placeFindings(
  findings: Finding[],
  documents: readonly LintDocument[],
  aboutPrincipals: ReadonlySet<Finding>,
  options: LintOptions,
): Finding[] {
  const at = new Map<string, LintDocument>();
  for (const d of documents) {
    const key = `${d.file}\n${d.node.loc.pointer}`;
    if (!at.has(key)) at.set(key, d);
  }
  const out: Finding[] = [];
  for (const f of findings) {
    let doc: LintDocument | undefined;
    for (let p = f.location.pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
      doc = at.get(`${f.location.file}\n${p}`);
      if (doc || p === "") break;
    }
    if (!doc) {
      out.push(f);
      continue;
    }
    // aws/full-admin stays too: it stands for the principals' findings folded into it.
    const aboutPrincipal = aboutPrincipals.has(f) || f.ruleId === FULL_ADMIN_RULE;
    if (doc.awsManaged && options.awsManagedPolicies === "off" && !aboutPrincipal) continue;
    const message = doc.address === undefined ? f.message : `${f.message} (in \`${doc.address}\`)`;
    const anchor =
      options.anchors !== false
        ? findingAnchor(doc.node, doc.id ?? doc.name, f.location.pointer)
        : undefined;
    out.push({ ...f, message, ...(anchor ? { anchor } : {}) });
  }
  return out;
}

const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The order findings are reported in: by file, line, column and rule.
 * Code-unit order, not localeCompare: the same on every machine, and ten times faster.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    byText(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    byText(a.ruleId, b.ruleId)
  );
}
