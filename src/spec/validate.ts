import type { z } from "zod";
import {
  closest,
  type Diagnostic,
  hasErrors,
  type SourceLocation,
  sortDiagnostics,
} from "../diagnostics/index.js";
import { nameDiagnostics } from "./check-aws-names.js";
import { regionDiagnostics } from "./check-aws-regions.js";
import { duplicateNeedDiagnostics, missingOutputDiagnostics } from "./check-needs.js";
import { isObject } from "./is-object.js";
import { type LocatedYaml, type Path, prototypeKeyDiagnostics } from "./located-yaml.js";
import { awsLocation, kindOf } from "./resource-views.js";
import {
  ALL_RESOURCE_SCHEMAS,
  type AnyResourceType,
  RESOURCE_TYPES,
  type ResourceType,
  type Spec,
  SpecSchema,
  VERBS,
  type Verb,
} from "./schema.js";
import {
  RUNS_AS,
  SAGEMAKER_KINDS,
  SERVING_FORBIDDEN,
  SERVING_KINDS,
  VERB_TARGETS,
  VERBS_WITH_ROLE,
} from "./verbs.js";

const KEYS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    "": ["version", "name", "targets", "platform", "resources", "workloads", "teams"],
    targets: ["aws", "gcp"],
    "targets.aws": ["account", "region", "partition", "organization"],
    "targets.gcp": ["project", "projectNumber", "region", "organization", "folder"],
    platform: ["tagKey", "guardrails"],
    "platform.guardrails": [
      "regions",
      "requireBoundary",
      "protectCloudTrail",
      "denyLeavingOrganization",
    ],
    workload: ["kind", "description", "identity", "needs", "network", "vpc", "encryption", "team"],
    team: ["tag", "members", "boundary"],
  }),
);

/** The known keys of the object at `path`, for "did you mean". */
function knownKeys(path: Path, value: unknown, root: unknown): readonly string[] {
  const [a, , c] = path;
  if (path.length === 0) return KEYS.get("")!;
  if (a === "resources" && path.length === 2) {
    const type = (value as { type?: string } | undefined)?.type;
    return typeof type === "string" && Object.hasOwn(ALL_RESOURCE_SCHEMAS, type)
      ? Object.keys(ALL_RESOURCE_SCHEMAS[type as AnyResourceType].shape)
      : ["type"];
  }
  if (a === "resources" && path.length === 3 && (c === "aws" || c === "gcp")) {
    // A neutral type's locator block: the keys of its cloud's object.
    const type = (at(root, path.slice(0, 2)) as { type?: unknown } | undefined)?.type;
    const schema =
      typeof type === "string" && Object.hasOwn(ALL_RESOURCE_SCHEMAS, type)
        ? (ALL_RESOURCE_SCHEMAS[type as AnyResourceType].shape as Record<string, unknown>)[c]
        : undefined;
    const inner = (schema as { unwrap?: () => { shape?: object } } | undefined)?.unwrap?.();
    return inner?.shape ? Object.keys(inner.shape) : [];
  }
  if (a === "workloads" && path.length === 2) return KEYS.get("workload")!;
  if (a === "workloads" && c === "vpc") return ["subnets", "securityGroups"];
  if (a === "workloads" && c === "encryption") return ["kmsKey"];
  if (a === "workloads" && c === "identity")
    return path.length === 3
      ? ["service", "github", "gke", "eks"]
      : path[3] === "github"
        ? ["repo", "repositoryId", "branch", "environment"]
        : path[3] === "gke"
          ? ["project", "namespace", "serviceAccount"]
          : ["oidcProvider", "namespace", "serviceAccount"];
  if (a === "teams" && path.length === 2) return KEYS.get("team")!;
  if (a === "teams" && c === "boundary") return ["services"];
  return KEYS.get(path.join(".")) ?? [];
}

function at(value: unknown, path: Path): unknown {
  let v = value;
  for (const p of path)
    v =
      v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/**
 * User input as text for a message. `String()` is not safe: a mapping with a
 * key `toString` (the author's text) has no callable `toString`, and threw.
 */
function shown(v: unknown): string {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** Items of a needs list; the list itself (not a list, say) is the schema's to report. */
const isNeedPath = (path: Path) =>
  path[0] === "workloads" && path[2] === "needs" && path.length > 3;

/** Turns zod's issues into leash diagnostics, with positions and suggestions. */
function schemaDiagnostics(
  issues: z.core.$ZodIssue[],
  value: unknown,
  yaml: LocatedYaml,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path as Path;
    // Needs get their own, clearer checks below.
    if (isNeedPath(path)) continue;
    const here = at(value, path);
    const where = path.length ? `\`${path.join(".")}\`` : "the spec";
    const d = (message: string, help: string, key?: string): Diagnostic => ({
      code: `spec/${issue.code.replace(/_/g, "-")}`,
      severity: "error",
      message,
      help,
      location: yaml.locate(path, key),
    });
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(path, here, value);
      for (const key of issue.keys) {
        const near = closest(key, known);
        out.push(
          d(
            `unknown key \`${key}\` in ${where}`,
            near ? `did you mean \`${near}\`?` : `allowed keys: ${known.join(", ")}`,
            key,
          ),
        );
      }
    } else if (issue.code === "invalid_union" && path[0] === "resources" && path.length <= 3) {
      const type = at(value, [path[0], path[1]!, "type"]);
      const near = typeof type === "string" ? closest(type, RESOURCE_TYPES) : undefined;
      out.push({
        ...d(
          type === undefined
            ? `resource \`${String(path[1])}\` has no \`type\``
            : `unknown resource type \`${shown(type)}\``,
          near ? `did you mean \`${near}\`?` : `resource types: ${RESOURCE_TYPES.join(", ")}`,
        ),
        code: "spec/unknown-resource-type",
        location: yaml.locate([path[0], path[1]!, "type"]),
      });
    } else if (
      issue.code === "invalid_union" &&
      path[path.length - 1] === "identity" &&
      isObject(here)
    ) {
      const kinds = ["service", "github", "eks"];
      const unknown = Object.keys(here).filter((k) => !kinds.includes(k));
      const near = unknown[0] ? closest(unknown[0], kinds) : undefined;
      out.push(
        d(
          unknown[0]
            ? `unknown identity \`${unknown[0]}\``
            : "an identity is one of `service`, `github` or `eks`",
          near
            ? `did you mean \`${near}\`?`
            : "write `{service: x.amazonaws.com}`, `{github: {repo, branch}}` or `{eks: {...}}`",
          unknown[0],
        ),
      );
    } else if (issue.code === "invalid_value") {
      const options = (issue.values ?? []).map(String);
      const near = typeof here === "string" ? closest(here, options) : undefined;
      out.push(
        d(
          `${where} cannot be \`${shown(here)}\``,
          near ? `did you mean \`${near}\`?` : `use one of: ${options.join(", ")}`,
        ),
      );
    } else if (issue.code === "invalid_type" && here === undefined) {
      out.push({
        ...d(`${where} is required`, `add \`${String(path[path.length - 1])}\``),
        code: "spec/missing-key",
      });
    } else if (issue.code === "invalid_type") {
      out.push(
        d(
          `${where} must be ${issue.expected === "object" ? "a mapping" : issue.expected === "array" ? "a list" : `a ${issue.expected}`}`,
          "see schema/leash.schema.json",
        ),
      );
    } else {
      out.push(...fallbackDiagnostics([issue], yaml));
    }
  }
  return out;
}

/** The schema's issues as they are, for those no clearer check reported. */
function fallbackDiagnostics(issues: z.core.$ZodIssue[], yaml: LocatedYaml): Diagnostic[] {
  return issues.map((issue) => {
    const path = issue.path as Path;
    return {
      code: `spec/${issue.code.replace(/_/g, "-")}`,
      severity: "error",
      message: `${path.length ? `\`${path.join(".")}\`` : "the spec"}: ${issue.message.replace(/^\w/, (c) => c.toLowerCase())}`,
      help: "see schema/leash.schema.json",
      location: yaml.locate(path),
    };
  });
}

/** Cross-references: needs name known verbs and resources, `as` names a workload of the right kind, etc. */
function referenceDiagnostics(spec: Spec, raw: unknown, yaml: LocatedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (code: string, message: string, help: string, path: Path, key?: string) =>
    out.push({
      code: `spec/${code}`,
      severity: "error",
      message,
      help,
      location: yaml.locate(path, key),
    });
  const resources = Object.keys(spec.resources);
  const workloads = Object.keys(spec.workloads);
  const teams = Object.keys(spec.teams);

  for (const [name, w] of Object.entries(spec.workloads)) {
    const base: Path = ["workloads", name];
    const rawNeeds = at(raw, [...base, "needs"]);
    (Array.isArray(rawNeeds) ? rawNeeds : []).forEach((need: unknown, i: number) => {
      const path: Path = [...base, "needs", i];
      if (need === null || typeof need !== "object" || Array.isArray(need)) {
        report(
          "invalid-need",
          "a need is a mapping such as `read: datasets`",
          "write `- read: datasets`",
          path,
        );
        return;
      }
      const entries = Object.entries(need as Record<string, unknown>);
      const verbs = entries.filter(([k]) => k !== "as");
      if (verbs.length !== 1) {
        report(
          "invalid-need",
          `a need has exactly one verb, found ${verbs.length}`,
          "split it into one need per verb",
          path,
        );
        return;
      }
      const [verb, target] = verbs[0]!;
      if (!(VERBS as readonly string[]).includes(verb)) {
        const near = closest(verb, VERBS);
        report(
          "unknown-verb",
          `unknown verb \`${verb}\``,
          near ? `did you mean \`${near}\`?` : `verbs: ${VERBS.join(", ")}`,
          path,
          verb,
        );
        return;
      }
      if (Array.isArray(target)) {
        report(
          "invalid-need",
          `a need names one resource, not a list`,
          "write one need per resource: `- read: a` and `- read: b`",
          [...path, verb],
        );
        return;
      }
      if (typeof target !== "string" || !spec.resources[target]) {
        const near = typeof target === "string" ? closest(target, resources) : undefined;
        report(
          "unknown-resource",
          `unknown resource \`${shown(target)}\``,
          near ? `did you mean \`${near}\`?` : `declare it under \`resources\``,
          [...path, verb],
        );
        return;
      }
      const resource = spec.resources[target]!;
      if (!RESOURCE_TYPES.includes(resource.type)) return; // the schema reports the bad type
      // Checks go by kind: a neutral type (`object-prefix`) is the kind of its AWS shorthand.
      const type = kindOf(resource);
      if (!VERB_TARGETS[verb as Verb].includes(type)) {
        const verbsFor = VERBS.filter((v) => VERB_TARGETS[v].includes(type));
        report(
          "verb-not-applicable",
          `cannot \`${verb}\` a ${type} (\`${target}\`)`,
          `a ${type} takes: ${verbsFor.join(", ")}`,
          [...path, verb],
        );
      }
      const owner = spec.resources[target]!.team;
      if (owner !== undefined && owner !== w.team) {
        report(
          "cross-team-resource",
          `\`${name}\` (team ${w.team ?? "none"}) cannot use \`${target}\`, which belongs to team ${owner}`,
          "a team's boundary denies other teams' data and tagged resources; share it by removing its `team`, or move the need",
          [...path, verb],
        );
      } else if (
        w.team &&
        owner === undefined &&
        type.startsWith("sagemaker-") &&
        awsLocation(resource) !== undefined
      ) {
        report(
          "untagged-resource",
          `\`${target}\` has no team, so \`${name}\` (team ${w.team}) cannot reach it: its SageMaker access requires the team tag`,
          `add \`team: ${w.team}\` to \`${target}\``,
          [...path, verb],
        );
      }
      if (
        SERVING_KINDS.includes(w.kind) &&
        (SERVING_FORBIDDEN.verbs.includes(verb as Verb) || SERVING_FORBIDDEN.types.includes(type))
      ) {
        report(
          "serving-may-not",
          `a ${w.kind} may not \`${verb}\` a ${type}: its guardrails deny writes and every SageMaker action but invoking an endpoint`,
          "give this need to a training, pipeline or ci-stage workload",
          [...path, verb],
        );
      }
      const as = (need as { as?: unknown }).as;
      if (VERBS_WITH_ROLE.includes(verb as Verb)) {
        if (as !== undefined && typeof as !== "string") {
          report("invalid-need", "`as:` names a workload", "write `as: <workload>`", [
            ...path,
            "as",
          ]);
        } else if (typeof as !== "string") {
          report(
            "missing-as",
            `\`${verb}\` needs \`as:\`, the workload whose role the ${type} runs as`,
            "add `as: <workload>`",
            path,
          );
        } else if (!spec.workloads[as]) {
          const near = closest(as, workloads);
          report(
            "unknown-workload",
            `unknown workload \`${as}\``,
            near ? `did you mean \`${near}\`?` : "declare it under `workloads`",
            [...path, "as"],
          );
        } else if ((spec.workloads[as]!.team ?? null) !== (w.team ?? null)) {
          report(
            "cross-team-role",
            `\`${name}\` (team ${w.team ?? "none"}) cannot run work as \`${as}\` (team ${spec.workloads[as]!.team ?? "none"})`,
            "a team passes only its own roles (its boundary denies iam:PassRole on others); use a workload of the same team",
            [...path, "as"],
          );
        } else if (RUNS_AS[type] && !RUNS_AS[type]!.includes(spec.workloads[as]!.kind)) {
          report(
            "wrong-runs-as",
            `a ${type} runs as a ${RUNS_AS[type]!.join(" or ")} workload, not \`${as}\` (${spec.workloads[as]!.kind})`,
            "name a workload of that kind",
            [...path, "as"],
          );
        }
      } else if (as !== undefined) {
        report(
          "unexpected-as",
          `\`as:\` only goes with ${VERBS_WITH_ROLE.join(" and ")}`,
          "remove `as:`",
          [...path, "as"],
        );
      }
    });
    const key = w.encryption ? spec.resources[w.encryption.kmsKey] : undefined;
    if (w.encryption && (key === undefined || kindOf(key) !== "kms-key")) {
      const near = closest(
        w.encryption.kmsKey,
        resources.filter((r) => kindOf(spec.resources[r]!) === "kms-key"),
      );
      report(
        "not-a-kms-key",
        `\`${w.encryption.kmsKey}\` is not a kms-key resource`,
        near ? `did you mean \`${near}\`?` : "declare a `type: kms-key` resource",
        [...base, "encryption", "kmsKey"],
      );
    }
    if (w.team && !spec.teams[w.team]) {
      const near = closest(w.team, teams);
      report(
        "unknown-team",
        `unknown team \`${w.team}\``,
        near ? `did you mean \`${near}\`?` : "declare it under `teams`",
        [...base, "team"],
      );
    }
    if (w.identity && "github" in w.identity) {
      const g = w.identity.github;
      if ((g.branch === undefined) === (g.environment === undefined)) {
        report(
          "github-ref",
          "a GitHub identity needs exactly one of `branch` or `environment`",
          "the role trusts one exact `sub`: a branch or a deployment environment",
          [...base, "identity", "github"],
        );
      }
    }
    if (w.kind === "ci-stage" && !w.identity) {
      report(
        "missing-identity",
        "a ci-stage needs an `identity` (GitHub Actions OIDC, EKS, or a CI service)",
        "add `identity: {github: {repo: org/repo, branch: main}}`",
        base,
        "kind",
      );
    }
    if (!SAGEMAKER_KINDS.includes(w.kind) && (w.network !== "any" || w.vpc || w.encryption)) {
      const key = w.encryption ? "encryption" : w.vpc ? "vpc" : "network";
      report(
        "not-for-kind",
        `\`${key}\` applies to SageMaker jobs and models, not to a ${w.kind}`,
        "remove it: leash would otherwise ignore it silently",
        [...base, key],
      );
    }
    const roleName = `${spec.name}-${name}`;
    if (roleName.length > 64) {
      report(
        "name-too-long",
        `the role name \`${roleName}\` is longer than IAM's 64 characters`,
        "shorten the spec's or the workload's name",
        ["workloads"],
        name,
      );
    }
    if (
      spec.platform?.guardrails?.requireBoundary !== false &&
      spec.platform?.guardrails &&
      Object.keys(spec.teams).length > 0 &&
      !w.team
    ) {
      report(
        "missing-team",
        "the platform requires a team boundary on every role, and this workload has no `team`",
        "add `team:`, or set `platform.guardrails.requireBoundary: false`",
        base,
        "kind",
      );
    }
    if (w.network === "vpc-only" && !w.vpc) {
      report(
        "missing-vpc",
        "`network: vpc-only` needs `vpc: {subnets, securityGroups}`",
        "list the subnets and security groups the job runs in",
        [...base, "network"],
      );
    }
  }
  const tags = new Map<string, string>();
  for (const [team, t] of Object.entries(spec.teams)) {
    const tag = t.tag ?? team;
    if (tags.has(tag)) {
      report(
        "duplicate-team-tag",
        `teams \`${tags.get(tag)}\` and \`${team}\` share the tag \`${tag}\``,
        "each team needs its own tag: its ABAC conditions and boundary compare tags",
        ["teams", team],
      );
    }
    tags.set(tag, team);
    const boundary = `${spec.name}-${team}-boundary`;
    if (boundary.length > 128) {
      report(
        "name-too-long",
        `the boundary policy name \`${boundary}\` is longer than IAM's 128 characters`,
        "shorten the spec's or the team's name",
        ["teams"],
        team,
      );
    }
  }
  for (const [name, r] of Object.entries(spec.resources)) {
    if (r.team && !spec.teams[r.team]) {
      const near = closest(r.team, teams);
      report(
        "unknown-team",
        `unknown team \`${r.team}\``,
        near ? `did you mean \`${near}\`?` : "declare it under `teams`",
        ["resources", name, "team"],
      );
    }
  }
  return out;
}

/**
 * The well-formed parts of a spec that failed the schema: enough to check
 * cross-references (needs, teams, keys) without tripping over the broken parts.
 */
function bestEffort(value: unknown): Spec {
  const v = isObject(value) ? value : {};
  const objects = (x: unknown) =>
    Object.fromEntries(Object.entries(isObject(x) ? x : {}).filter(([, o]) => isObject(o)));
  const workloads = Object.fromEntries(
    Object.entries(objects(v.workloads)).map(([name, w]) => {
      const o = w as Record<string, unknown>;
      return [
        name,
        {
          ...o,
          needs: Array.isArray(o.needs) ? o.needs : [],
          network: typeof o.network === "string" ? o.network : "any",
          identity: isObject(o.identity) ? o.identity : undefined,
          encryption:
            isObject(o.encryption) && typeof o.encryption.kmsKey === "string"
              ? o.encryption
              : undefined,
          vpc: isObject(o.vpc) ? o.vpc : undefined,
          team: typeof o.team === "string" ? o.team : undefined,
        },
      ];
    }),
  );
  return {
    version: 1,
    name: typeof v.name === "string" ? v.name : "spec",
    targets: isObject(v.targets) ? (v.targets as Spec["targets"]) : {},
    platform: isObject(v.platform) ? (v.platform as Spec["platform"]) : undefined,
    resources: objects(v.resources) as Spec["resources"],
    workloads: workloads as unknown as Spec["workloads"],
    teams: objects(v.teams) as Spec["teams"],
  };
}

/**
 * The spec with its name-keyed tables (resources, workloads, teams) copied
 * into objects without a prototype. Names are the author's text: a
 * reference to `constructor` or `toString` must find no entry, not one of
 * Object's own properties (which passed validation and crashed `generate`).
 */
function withOwnTables(spec: Spec): Spec {
  const own = <T>(table: Record<string, T>): Record<string, T> =>
    Object.assign(Object.create(null) as Record<string, T>, table);
  return {
    ...spec,
    resources: own(spec.resources),
    workloads: own(spec.workloads),
    teams: own(spec.teams),
  };
}

/** Specs that passed validation, with the YAML they came from, for later diagnostics. */
const sources = new WeakMap<Spec, LocatedYaml>();

/**
 * Where `path` is in the leash.yaml a spec was loaded from: the generator's
 * diagnostics (a need the self-check found denied) point at the need. None
 * for a spec built in code.
 */
export function specLocation(
  spec: Pick<Spec, "workloads">,
  path: Path,
  key?: string,
): SourceLocation | undefined {
  return sources.get(spec as Spec)?.locate(path, key);
}

/**
 * Lets a view of a spec (the same spec with its resources in one cloud's
 * terms, resource-views.ts) locate its paths in the spec's text.
 */
export function shareLocations(view: object, spec: Spec): void {
  const yaml = sources.get(spec);
  if (yaml) sources.set(view as Spec, yaml);
}

/** Every check beyond the schema's, on a spec whose broken parts may be missing. */
function specChecks(spec: Spec, raw: unknown, yaml: LocatedYaml): Diagnostic[] {
  return [
    ...referenceDiagnostics(spec, raw, yaml),
    ...regionDiagnostics(spec, yaml),
    ...nameDiagnostics(spec, yaml),
    ...duplicateNeedDiagnostics(spec, yaml),
  ];
}

/** Validates a parsed YAML value as a spec: every problem at once. */
export function validateSpec(
  value: unknown,
  yaml: LocatedYaml,
): { spec?: Spec; diagnostics: Diagnostic[] } {
  // Refused before the schema, which would drop them and validate what is left.
  const keys = prototypeKeyDiagnostics(value, yaml, "spec/invalid-key");
  const parsed = SpecSchema.safeParse(value);
  if (!parsed.success || keys.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const diagnostics = [...keys, ...schemaDiagnostics(issues, value, yaml)];
    // Cross-references are checked on what is well-formed, so that all problems show at once.
    const taken = new Set(diagnostics.map((d) => d.location?.pointer));
    try {
      for (const d of specChecks(withOwnTables(bestEffort(value)), value, yaml)) {
        if (!taken.has(d.location?.pointer)) diagnostics.push(d);
      }
    } catch {
      // A shape too broken to cross-reference: the schema diagnostics above say why.
    }
    // The schema's issues on needs are left to the checks above; should those find
    // nothing, the schema still has the last word: a spec is never refused in silence.
    if (!hasErrors(diagnostics)) diagnostics.push(...fallbackDiagnostics(issues, yaml));
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
  const spec = withOwnTables(parsed.data);
  const errors = specChecks(spec, value, yaml);
  if (hasErrors(errors)) return { diagnostics: sortDiagnostics(errors) };
  // What the spec may have forgotten is worth saying only once what it says is right.
  const diagnostics = sortDiagnostics([...errors, ...missingOutputDiagnostics(spec, yaml)]);
  sources.set(spec, yaml);
  return { spec, diagnostics };
}
