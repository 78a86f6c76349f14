import type { SourceLocation } from "../../../diagnostics/index.js";
import type { Category, Finding, FindingSeverity } from "../../../model/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import type { ActionExpander } from "../catalog/expand.js";
import { compileAny, type Matcher } from "../evaluate/wildcard.js";
import type { Policy, PolicyType, Statement } from "../policy/types.js";

const lowerNames = new Map<string, string>();

/**
 * An action name lower-cased, the same string each time. Rules ask about a
 * few hundred fixed names (escalation paths, sensitive actions) once per
 * statement, and policies repeat the same names endlessly: lower-casing each
 * time made a new string to hash on every look-up, a tenth of a lint run's
 * work. Bounded, as a long-lived process may see any number of names.
 */
function lowerName(action: string): string {
  let lower = lowerNames.get(action);
  if (lower === undefined) {
    if (lowerNames.size >= 100_000) lowerNames.clear();
    lower = action.toLowerCase();
    lowerNames.set(action, lower);
  }
  return lower;
}

/** One statement as rules see it: its action patterns compiled once. */
export class StatementView {
  readonly allow: boolean;
  private readonly actionMatch: Matcher;
  private readonly lowerActions: readonly string[];

  constructor(readonly statement: Statement) {
    this.allow = statement.effect === "Allow";
    // Lower-cased once here, for matching and for every rule that compares actions.
    const lower = (statement.action ?? statement.notAction ?? []).map((a) => lowerName(a.value));
    const any = compileAny(lower);
    this.actionMatch = statement.notAction ? (a) => !any(a) : any;
    this.lowerActions = statement.action ? lower : [];
  }

  /** The Action list lower-cased (actions match case-insensitively), worked out once for all rules. */
  get actionsLower(): readonly string[] {
    return this.lowerActions;
  }

  /** Whether the statement's Action/NotAction covers this action (case-insensitive). */
  covers(action: string): boolean {
    return this.actionMatch(lowerName(action));
  }

  /** Resource is `*` (or absent, as in trust policies). */
  get anyResource(): boolean {
    const r = this.statement.resource;
    return (
      this.statement.notResource !== undefined || r === undefined || r.some((x) => x.value === "*")
    );
  }

  /** Resource is literally `*`: for a Deny, NotResource exempts what it lists, so it is not "every". */
  get everyResource(): boolean {
    return (
      this.statement.notResource === undefined &&
      (this.statement.resource?.some((x) => x.value === "*") ?? true)
    );
  }

  /**
   * Resource reaches beyond the principal itself: true unless every Resource
   * is self-scoped with `${aws:username}` or `${aws:userid}` (the principal's
   * own user, e.g. its own access keys), which cannot lead to more privilege.
   */
  get beyondSelf(): boolean {
    if (this.anyResource) return true;
    return (this.statement.resource ?? []).some(
      (r) => !/\$\{aws:(username|userid)\}/i.test(r.value),
    );
  }

  /** The values a condition on this key allows (all operators), lower-cased; undefined when unconditioned on it. */
  conditionValues(key: string): string[] | undefined {
    const k = key.toLowerCase();
    const clauses = this.statement.conditions.filter((c) => c.key.toLowerCase() === k);
    if (clauses.length === 0) return undefined;
    return clauses.flatMap((c) => c.values.map((v) => v.value.toLowerCase()));
  }

  get unconditional(): boolean {
    return this.statement.conditions.length === 0;
  }

  /** Whether a condition on this key (case-insensitive) is present. */
  hasConditionKey(key: string): boolean {
    const k = key.toLowerCase();
    return this.statement.conditions.some((c) => c.key.toLowerCase() === k);
  }
}

/** A policy under lint, with its statements' views. */
export interface LintedPolicy {
  policy: Policy;
  file: string;
  statements: StatementView[];
}

export interface PolicyRuleContext {
  policy: LintedPolicy;
  catalog: AwsCatalog;
  expander: ActionExpander;
}

/** All the policies that apply to one principal (its own, its groups', its boundary). */
export interface PrincipalRuleContext {
  principal: string;
  /** Identity policies whose Allows add up to the principal's permissions. */
  policies: LintedPolicy[];
  catalog: AwsCatalog;
  expander: ActionExpander;
}

/** Rule metadata, kept in the rule's own file and mirrored by its doc page. */
export interface AwsRule {
  id: string;
  title: string;
  category: Category;
  severity: FindingSeverity;
  /** One sentence; docs/rules/<id>.md starts with the same sentence. */
  description: string;
  /** Policy types it checks; all when absent. */
  types?: readonly PolicyType[];
  checkPolicy?(ctx: PolicyRuleContext): Omit<Finding, "ruleId" | "category" | "severity">[];
  checkPrincipal?(ctx: PrincipalRuleContext): Omit<Finding, "ruleId" | "category" | "severity">[];
}

/** A finding's body at a statement (the statement's location). */
export function at(
  s: StatementView | Statement,
  message: string,
  help: string,
): { message: string; help: string; location: SourceLocation } {
  const statement = s instanceof StatementView ? s.statement : s;
  return { message, help, location: statement.loc };
}
