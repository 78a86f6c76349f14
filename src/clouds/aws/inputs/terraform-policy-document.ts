/**
 * `aws_iam_policy_document` data sources, converted to the policy JSON the
 * AWS provider renders from them (single values as strings, sets sorted in
 * reverse, principals merged by type, conditions by operator and key, `&{`
 * as `${`). Split from terraform.ts: the conversion is its own concept.
 */

export type Body = Record<string, unknown>;

/** hcl2json keeps template escapes: `$${` and `%%{` are a literal `${` and `%{`. */
export function unescapeTemplate(s: string): string {
  return s.replace(/([$%])\1\{/g, "$1{");
}

export function asBodies(value: unknown): Body[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((b): b is Body => b !== null && typeof b === "object" && !Array.isArray(b));
}

function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((v) => unescapeTemplate(typeof v === "string" ? v : String(v)));
}

/** `&{aws:username}` is the data source's spelling of the policy variable `${aws:username}`. */
function policyVariables(s: string): string {
  return s.replaceAll("&{", "${");
}

/**
 * A set of strings: one is written as a string, several sorted in reverse
 * (as Terraform does), then with `&{` as `${` when `variables`.
 */
function stringSet(values: string[], variables: boolean): string | string[] {
  const unique = [...new Set(values)];
  const f = variables ? policyVariables : (s: string) => s;
  return unique.length === 1 ? f(unique[0]!) : unique.sort().reverse().map(f);
}

/**
 * A map's entries as an object, keys sorted. Maps, not objects, gather the
 * keys: types and operators are the author's text, and `__proto__` or
 * `constructor` must be keys like any other.
 */
function sortedObject<T>(map: ReadonlyMap<string, T>): Record<string, T> {
  return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function principals(blocks: unknown): Record<string, string | string[]> | "*" | undefined {
  const list = asBodies(blocks);
  if (list.length === 0) return undefined;
  const ids = list.map((p) => ({
    type: typeof p.type === "string" ? p.type : "",
    identifiers: stringSet(strings(p.identifiers), true),
  }));
  // Only `{type = "*", identifiers = ["*"]}` alone is written as `"*"`.
  if (ids.length === 1 && ids[0]!.type === "*" && ids[0]!.identifiers === "*") return "*";
  const byType = new Map<string, string | string[]>();
  for (const { type, identifiers } of ids) {
    const before = byType.get(type);
    const add = typeof identifiers === "string" ? [identifiers] : identifiers;
    byType.set(
      type,
      before === undefined
        ? identifiers
        : [...(typeof before === "string" ? [before] : before), ...add],
    );
  }
  return sortedObject(byType);
}

function conditions(
  blocks: unknown,
): Record<string, Record<string, string | string[]>> | undefined {
  const list = asBodies(blocks);
  if (list.length === 0) return undefined;
  const byTest = new Map<string, Map<string, string[]>>();
  for (const c of list) {
    const test = typeof c.test === "string" ? c.test : "";
    const variable = typeof c.variable === "string" ? c.variable : "";
    let vars = byTest.get(test);
    if (!vars) {
      vars = new Map();
      byTest.set(test, vars);
    }
    vars.set(variable, [...(vars.get(variable) ?? []), ...strings(c.values).map(policyVariables)]);
  }
  const out = new Map<string, Record<string, string | string[]>>();
  for (const [test, vars] of byTest) {
    const values = new Map<string, string | string[]>();
    for (const [variable, list] of vars) values.set(variable, list.length === 1 ? list[0]! : list);
    out.set(test, sortedObject(values));
  }
  return sortedObject(out);
}

/**
 * One `statement` block as the AWS provider renders it: `Sid` when set,
 * `Effect` (default Allow), `Action`/`NotAction`/`Resource`/`NotResource`
 * and principal identifiers as sets (one value as a string, several sorted
 * in reverse), principals merged by type, conditions merged by operator and
 * key (values in order), `&{...}` as `${...}`.
 */
export function convertStatement(st: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const sid = st.sid;
  if (typeof sid === "string" && sid) out.Sid = unescapeTemplate(sid);
  // `sid = 1`: the attribute is a string, so Terraform converts the number (as `effect = true` is not).
  else if (typeof sid === "number") out.Sid = String(sid);
  out.Effect = typeof st.effect === "string" ? st.effect : "Allow";
  const set = (key: string, values: string[], variables: boolean) => {
    if (values.length > 0) out[key] = stringSet(values, variables);
  };
  set("Action", strings(st.actions), false);
  set("NotAction", strings(st.not_actions), false);
  set("Resource", strings(st.resources), true);
  set("NotResource", strings(st.not_resources), true);
  const principal = principals(st.principals);
  if (principal) out.Principal = principal;
  const notPrincipal = principals(st.not_principals);
  if (notPrincipal) out.NotPrincipal = notPrincipal;
  const condition = conditions(st.condition);
  if (condition) out.Condition = condition;
  return out;
}
