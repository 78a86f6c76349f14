import type { SourceLocation } from "../../../diagnostics/index.js";
import type { Category, Finding, FindingSeverity } from "../../../model/index.js";
import type { AwsCatalog } from "../catalog/catalog.js";
import type { ActionExpander } from "../catalog/expand.js";
import type { ActionInfo } from "../catalog/types.js";
import { compileCondition, conditionHolds } from "../evaluate/condition.js";
import { OPERATORS } from "../evaluate/operators/index.js";
import { RequestContext } from "../evaluate/request-context.js";
import { compileWildcard, hasWildcard, type Matcher } from "../evaluate/wildcard.js";
import { hasTemplateExpression } from "../policy/condition-values.js";
import type { LocatedString, Policy, PolicyType, Statement } from "../policy/types.js";
import { coversEveryArnOf } from "./support/arn-pattern.js";
import { memoizePerObject } from "./support/memo.js";

/** An action name as rules compare it: lower-cased, with its service prefix. */
interface ActionName {
  lower: string;
  service: string;
  /** What the name expands to in the catalog of `expandedBy`, remembered with the name. */
  infos?: readonly ActionInfo[];
  expandedBy?: ActionExpander;
}

const actionNames = new Map<string, ActionName>();

/**
 * An action name lower-cased, the same object each time. Rules ask about a
 * few hundred fixed names (escalation paths, sensitive actions) once per
 * statement, and policies repeat the same names endlessly: lower-casing each
 * time made a new string to hash on every look-up, a tenth of a lint run's
 * work. Bounded, as a long-lived process may see any number of names.
 */
function actionName(action: string): ActionName {
  let name = actionNames.get(action);
  if (name === undefined) {
    if (actionNames.size >= 100_000) actionNames.clear();
    const lower = action.toLowerCase();
    name = { lower, service: lower.slice(0, Math.max(lower.indexOf(":"), 0)) };
    actionNames.set(action, name);
  }
  return name;
}

/** The service prefix of an action name, lower-cased (`iam:PassRole` → `iam`). */
export function serviceOf(action: string): string {
  return actionName(action).service;
}

/**
 * The services whose actions some of the statements name; undefined when
 * any service's may be. A rule asks this once per principal and skips the
 * actions of other services without matching a pattern.
 */
export function servicesNamed(
  statements: readonly StatementView[],
): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const s of statements) {
    const services = s.actionServices;
    if (!services) return undefined;
    for (const x of services) out.add(x);
  }
  return out;
}

/**
 * A statement's Action patterns as one test: exact names in a set, wildcard
 * patterns by their service, so that asking about `iam:PassRole` tries only
 * the `iam:` patterns (ReadOnlyAccess has hundreds of `*:Get*` patterns).
 */
function compileActions(patterns: readonly string[]): (name: ActionName) => boolean {
  const exact = new Set<string>();
  // Most statements name actions exactly: the wildcard tables are made only when needed.
  let byService: Map<string, Matcher[]> | undefined;
  let anyService: Matcher[] | undefined;
  for (const p of patterns) {
    if (!hasWildcard(p)) {
      exact.add(p);
      continue;
    }
    const colon = p.indexOf(":");
    const service = colon < 0 ? "" : p.slice(0, colon);
    const match = compileWildcard(p);
    if (colon < 0 || hasWildcard(service)) {
      anyService ??= [];
      anyService.push(match);
    } else {
      byService ??= new Map();
      const list = byService.get(service);
      if (list) list.push(match);
      else byService.set(service, [match]);
    }
  }
  if (!byService && !anyService) return (name) => exact.has(name.lower);
  return (name) => {
    if (exact.has(name.lower)) return true;
    const own = byService?.get(name.service);
    if (own) for (const m of own) if (m(name.lower)) return true;
    if (anyService) for (const m of anyService) if (m(name.lower)) return true;
    return false;
  };
}

/** Template lists by their text: actions that take the same resource types share one list. */
const templateLists = new Map<string, readonly string[]>();

/**
 * The ARN templates of the resource types an action takes
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`), one shared list per
 * set of templates: a statement's verdict is kept per list, so the hundred
 * actions of `s3:*` cost a dozen look-ups.
 */
const templatesOf = memoizePerObject(
  (action: ActionInfo, catalog: AwsCatalog): readonly string[] => {
    const svc = catalog.service(action.service);
    const out: string[] = [];
    for (const rt of action.resourceTypes) {
      if (rt.name === "") continue;
      // API Gateway lists two templates in one: `arn:...:/apis/${ApiId}, arn:...:/restapis/...`.
      const arn = svc?.resourceTypes.get(rt.name.toLowerCase())?.arn;
      if (arn) out.push(...arn.split(/,\s*/));
    }
    const key = out.join("\n");
    let shared = templateLists.get(key);
    if (!shared) {
      shared = out;
      templateLists.set(key, shared);
    }
    return shared;
  },
);

const NO_TEMPLATES: readonly string[] = [];

/** An IAM user ARN whose name (after any path) is the caller's own: see `beyondSelf`. */
const SELF_USER = /^arn:[^:]*:iam::[^:]*:user\/(?:.*\/)?\$\{aws:(?:username|userid)\}$/i;

/** One statement as rules see it: what rules ask of its actions, each worked out once, on first use. */
export class StatementView {
  readonly allow: boolean;
  private names: readonly ActionName[] | undefined;
  private lowerActions: readonly string[] | undefined;
  private services: ReadonlySet<string> | null | undefined;
  private actionMatch: ((name: ActionName) => boolean) | undefined;
  private actionInfos: readonly (readonly ActionInfo[])[] | undefined;
  private expandedBy: ActionExpander | undefined;
  private everyFor: Map<readonly string[], LocatedString | null> | undefined;
  private reachesEvery: boolean | undefined;

  constructor(readonly statement: Statement) {
    this.allow = statement.effect === "Allow";
  }

  /** Action (or, without it, NotAction) as rules compare names: lower-cased, with services. */
  private actionNames(): readonly ActionName[] {
    this.names ??= (this.statement.action ?? this.statement.notAction ?? []).map((a) =>
      actionName(a.value),
    );
    return this.names;
  }

  /**
   * The services (lower case) whose actions the statement's Action names;
   * undefined when it may name any service's (`*`, a wildcard in the
   * service, or NotAction). Rules skip what a statement cannot cover by
   * its service before matching names.
   */
  get actionServices(): ReadonlySet<string> | undefined {
    if (this.services === undefined) {
      let services: Set<string> | null = new Set();
      if (this.statement.notAction) services = null;
      else
        for (const n of this.actionNames()) {
          if (n.service === "" || hasWildcard(n.service)) {
            services = null;
            break;
          }
          services.add(n.service);
        }
      this.services = services;
    }
    return this.services ?? undefined;
  }

  /**
   * What each entry of Action (or, without it, NotAction) names in the
   * catalog, in the list's order: worked out by the first rule that asks and
   * shared by the rest, one look-up per entry instead of one per rule.
   */
  expanded(expander: ActionExpander): readonly (readonly ActionInfo[])[] {
    // Kept for one expander (one catalog): another gets its own answer.
    if (this.expandedBy !== expander) {
      this.expandedBy = expander;
      // Through the names, which remember their expansion: a name seen before costs no look-up.
      this.actionInfos = this.actionNames().map((n) => {
        if (n.expandedBy !== expander) {
          n.infos = expander.expand(n.lower);
          n.expandedBy = expander;
        }
        return n.infos!;
      });
    }
    return this.actionInfos!;
  }

  /**
   * Calls `visit` with each entry of Action and NotAction and what it names in
   * the catalog. With both lists (a syntax error of its own), NotAction is
   * expanded apart from the shared expansion.
   */
  eachNamedAction(
    expander: ActionExpander,
    visit: (entry: LocatedString, infos: readonly ActionInfo[]) => void,
  ): void {
    const st = this.statement;
    const list = st.action ?? st.notAction ?? [];
    const infos = this.expanded(expander);
    for (let i = 0; i < list.length; i++) visit(list[i]!, infos[i]!);
    if (st.action && st.notAction) for (const a of st.notAction) visit(a, expander.expand(a.value));
  }

  /** The Action list lower-cased (actions match case-insensitively), worked out once for all rules. */
  get actionsLower(): readonly string[] {
    this.lowerActions ??= this.statement.action ? this.actionNames().map((n) => n.lower) : [];
    return this.lowerActions;
  }

  /** Whether the statement's Action/NotAction covers this action (case-insensitive). */
  covers(action: string): boolean {
    if (!this.actionMatch) {
      const any = compileActions(this.actionNames().map((n) => n.lower));
      this.actionMatch = this.statement.notAction ? (a) => !any(a) : any;
    }
    return this.actionMatch(actionName(action));
  }

  /** Resource is `*` (or absent, as in trust policies). */
  get anyResource(): boolean {
    const r = this.statement.resource;
    return (
      this.statement.notResource !== undefined || r === undefined || r.some((x) => x.value === "*")
    );
  }

  /**
   * Resource reaches every resource the action acts on: `*`, NotResource,
   * or (what `anyResource` misses) a pattern that names every resource of a
   * type the action takes, as `arn:aws:s3:::*\/*` for `s3:GetObject` or
   * `arn:*:ecr:*:*:repository/*` for `ecr:BatchGetImage`
   * (support/arn-pattern.ts, `coversEveryArnOf`). An action the catalog does
   * not know, or one that takes only `*`, is reached only by `*`.
   */
  anyResourceFor(catalog: AwsCatalog, action: ActionInfo | string): boolean {
    return this.anyResource || this.everyResourceOf(catalog, action) !== undefined;
  }

  /**
   * The first Resource value that names every resource of a type the action
   * takes (`*` included); undefined when none does. Worked out once per
   * statement and action: rules ask it of the same few hundred sensitive
   * actions.
   */
  everyResourceOf(catalog: AwsCatalog, action: ActionInfo | string): LocatedString | undefined {
    if (!this.mayReachEvery) return undefined;
    const resources = this.statement.resource;
    if (!resources) return undefined;
    const info = typeof action === "string" ? catalog.action(action) : action;
    // An action the catalog does not know, or one that takes only `*`: only `*` reaches it.
    const templates = info && !info.wildcardOnly ? templatesOf(info, catalog) : NO_TEMPLATES;
    this.everyFor ??= new Map();
    let found = this.everyFor.get(templates);
    if (found === undefined) {
      found =
        resources.find(
          (r) =>
            r.value === "*" ||
            // An expression of CloudFormation or Terraform names resources we cannot see.
            (!hasTemplateExpression(r.value) &&
              templates.some((t) => coversEveryArnOf(r.value, t))),
        ) ?? null;
      this.everyFor.set(templates, found);
    }
    return found ?? undefined;
  }

  /**
   * Whether Resource may reach every resource of some action: `*`,
   * NotResource, or some pattern with a `*`. A statement that names only
   * exact ARNs (most do) is passed over without a look-up per action.
   */
  get mayReachEvery(): boolean {
    this.reachesEvery ??=
      this.anyResource || (this.statement.resource?.some((r) => r.value.includes("*")) ?? false);
    return this.reachesEvery;
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
   * own user: an IAM user ARN whose name is the variable, after any path,
   * e.g. `user/${aws:username}` or `user/PATH/${aws:username}` with `*` in PATH; a user name
   * is unique in its account whatever its path). `user/${aws:username}*`
   * also names `alice-admin`, so it is not self-scoped. Only for actions
   * that give the user credentials for itself does that mean no more
   * privilege (support/escalation-grants.ts): a policy written on its own
   * user is the classic escalation.
   */
  get beyondSelf(): boolean {
    if (this.anyResource) return true;
    return (this.statement.resource ?? []).some((r) => !SELF_USER.test(r.value));
  }

  /**
   * Whether the statement's conditions on `key` hold for a request that
   * carries `value` for it, as the engine evaluates them; clauses on other
   * keys are not judged (docs/semantics/aws.md, "What lint rules read").
   */
  conditionAllows(key: string, value: string): boolean {
    const k = key.toLowerCase();
    const request = new RequestContext();
    request.set(k, value);
    for (const c of this.statement.conditions)
      if (c.key.toLowerCase() === k && !conditionHolds(compileCondition(c, false), request))
        return false;
    return true;
  }

  get unconditional(): boolean {
    return this.statement.conditions.length === 0;
  }

  /**
   * Whether a condition pins `key` to values the policy names: a positive
   * operator on it (not a negated one, not `Null`) whose values are not all
   * `*` under `Like`. `StringNotEquals` or `StringLike "*"` leave it open.
   */
  pinsKey(key: string): boolean {
    const k = key.toLowerCase();
    return this.statement.conditions.some(
      (c) =>
        c.key.toLowerCase() === k &&
        c.operator !== "Null" &&
        !OPERATORS[c.operator as keyof typeof OPERATORS]?.negated &&
        !(c.operator.endsWith("Like") && c.values.every((v) => /^\*+$/.test(v.value))),
    );
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
  /** Accounts the user trusts (`trustedAccounts` of the lint config): not cross-account. */
  trustedAccounts: readonly string[];
  catalog: AwsCatalog;
  expander: ActionExpander;
}

/** All the policies that apply to one principal (its own, its groups', its boundary). */
export interface PrincipalRuleContext {
  principal: string;
  /** Identity policies whose Allows add up to the principal's permissions. */
  policies: LintedPolicy[];
  /**
   * Whether the principal's permissions boundary lets the action through
   * (always, without one): the principal holds only what both its policies
   * and its boundary allow.
   */
  bounded(action: string): boolean;
  catalog: AwsCatalog;
  expander: ActionExpander;
}

/**
 * Whether a permissions boundary lets an action through: some Allow covers
 * it, and no Deny covers it on every resource without a condition (IAM User
 * Guide, "Permissions boundaries for IAM entities": the effective
 * permissions are the intersection). Resources and conditions of the Allow
 * are not judged, so an action stays held when in doubt.
 */
export function boundaryAllows(boundaries: readonly LintedPolicy[], action: string): boolean {
  if (boundaries.length === 0) return true;
  return boundaries.every((b) => {
    let allowed = false;
    for (const s of b.statements) {
      if (!s.covers(action)) continue;
      if (s.allow) allowed = true;
      else if (s.everyResource && s.unconditional) return false;
    }
    return allowed;
  });
}

/** A finding as a rule reports it: the rule adds its id, category and severity. */
export type FindingBody = Omit<Finding, "ruleId" | "category" | "severity">;

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
  checkPolicy?(ctx: PolicyRuleContext): FindingBody[];
  checkPrincipal?(ctx: PrincipalRuleContext): FindingBody[];
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
