import type { Diagnostic } from "../../../diagnostics/index.js";
import { awsView, type Spec, type Workload } from "../../../spec/index.js";
import { awsCatalog } from "../catalog/catalog.js";
import type { ContextInput } from "../evaluate/index.js";
import { compileWildcard } from "../evaluate/wildcard.js";
import {
  type GenerationContext,
  generationContext,
  roleArn,
  roleName,
  teamTag,
} from "./context.js";
import { githubSnippet } from "./github.js";
import { workloadGuardrails } from "./guardrails.js";
import { catalogInputDiagnostics } from "./input-checks.js";
import { needDeniedDiagnostic } from "./need-denied.js";
import { workloadAllows } from "./role-policy.js";
import { platformScp } from "./scp.js";
import { type RoleUnderCheck, selfCheck } from "./self-check.js";
import { toStatements } from "./statements.js";
import { boundaryName, teamBoundary } from "./teams.js";
import { trustPolicy } from "./trust.js";
import type { AwsGeneration, GeneratedRole, NamedPolicy } from "./types.js";

/** Role descriptions allow tab, newline and Latin-1 printable characters, up to 1,000 (IAM API, CreateRole). */
function iamDescription(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\u007e\u00a1-\u00ff]/g, "?").slice(0, 1000);
}

/**
 * IAM and Organizations quotas, counted without white space as AWS counts
 * them (IAM User Guide, "IAM and AWS STS quotas": role inline policies 10,240
 * characters, managed policies 6,144; Organizations: SCPs 5,120).
 */
function sizeDiagnostics(
  roles: GeneratedRole[],
  managed: NamedPolicy[],
  scps: NamedPolicy[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (what: string, name: string, document: unknown, limit: number) => {
    const size = JSON.stringify(document).length;
    if (size > limit) {
      out.push({
        code: "generate/policy-too-large",
        severity: "error",
        message: `${what} \`${name}\` is ${size.toLocaleString("en-US")} characters; AWS accepts at most ${limit.toLocaleString("en-US")}`,
        help: "split the workload into smaller ones: AWS would reject this policy when it is applied",
      });
    }
  };
  for (const r of roles)
    for (const p of r.inlinePolicies) check("the inline policy", p.name, p.document, 10_240);
  for (const p of managed) check("the managed policy", p.name, p.document, 6_144);
  for (const p of scps) check("the SCP", p.name, p.document, 5_120);
  return out;
}

/** What every self-check request of a workload's role carries: region, TLS, and its team's tags. */
export function requestBase(ctx: GenerationContext, w: Workload): Record<string, ContextInput> {
  const tag = teamTag(ctx, w);
  return {
    "aws:RequestedRegion": ctx.target.region,
    "aws:SecureTransport": true,
    ...(tag
      ? {
          [`aws:PrincipalTag/${ctx.tagKey}`]: tag,
          [`aws:ResourceTag/${ctx.tagKey}`]: tag,
          [`aws:RequestTag/${ctx.tagKey}`]: tag,
          [`iam:ResourceTag/${ctx.tagKey}`]: tag,
          "aws:TagKeys": [ctx.tagKey],
        }
      : {}),
  };
}

/** The team tag of the spec resource (or role) an ARN belongs to (by its own ARN patterns). */
export function probeOwners(ctx: GenerationContext) {
  const owned: { tag: string; match: (arn: string) => boolean }[] = [];
  for (const [name, r] of Object.entries(ctx.spec.resources)) {
    if (!r.team) continue;
    const tag = ctx.spec.teams[r.team]?.tag ?? r.team;
    for (const [fact, pattern] of Object.entries(ctx.facts.get(name)!)) {
      // A team owns its prefix, not the bucket the teams share.
      if (pattern.startsWith("arn:") && fact !== "bucket")
        owned.push({ tag, match: compileWildcard(pattern) });
    }
  }
  // Roles carry their team's tag too (a team's boundary passes only its own roles).
  for (const [name, w] of Object.entries(ctx.spec.workloads)) {
    const tag = teamTag(ctx, w);
    if (tag) owned.push({ tag, match: (arn) => arn === roleArn(ctx, name) });
  }
  return { tagKey: ctx.tagKey, ownerOf: (arn: string) => owned.find((o) => o.match(arn))?.tag };
}

/**
 * spec -> AWS roles, boundaries and SCPs, then a self-check by simulation.
 * Deterministic: workloads, statements, actions and keys are emitted in a
 * fixed order, so the same spec gives byte-identical output.
 */
export function generateAws(written: Spec): {
  generation?: AwsGeneration;
  diagnostics: Diagnostic[];
} {
  if (!written.targets.aws) {
    return {
      diagnostics: [
        {
          code: "generate/no-aws-target",
          severity: "error",
          message: "the spec has no `targets.aws`",
          help: 'add `targets: {aws: {account: "111122223333", region: us-east-1}}`',
        },
      ],
    };
  }
  const view = awsView(written);
  if (!view.spec) return { diagnostics: view.diagnostics };
  const spec = view.spec;
  const invalid = catalogInputDiagnostics(spec);
  if (invalid.length > 0) return { diagnostics: invalid };
  const ctx = generationContext(spec);
  const boundaries = new Map<string, NamedPolicy>();
  for (const team of Object.keys(spec.teams).sort()) boundaries.set(team, teamBoundary(ctx, team));

  const checked: RoleUnderCheck[] = [];
  const roles: GeneratedRole[] = [];
  for (const name of Object.keys(spec.workloads).sort()) {
    const w = spec.workloads[name]!;
    const allows = workloadAllows(ctx, name, w);
    const statements = toStatements([...allows, ...workloadGuardrails(ctx, w)]);
    const boundary = w.team ? boundaries.get(w.team) : undefined;
    const tag = teamTag(ctx, w);
    const role: GeneratedRole = {
      name: roleName(ctx, name),
      workload: name,
      description: iamDescription(
        `${w.kind} ${name} of ${spec.name}, generated by leash${w.description ? `: ${w.description}` : ""}`,
      ),
      trustPolicy: trustPolicy(ctx, w),
      inlinePolicies: [
        {
          name: `${roleName(ctx, name)}-least-privilege`,
          document: { Version: "2012-10-17", Statement: statements },
        },
      ],
      permissionBoundary: boundary?.document ?? null,
      permissionBoundaryName: boundary ? boundaryName(ctx, w.team!) : null,
      tags: {
        "leash:spec": spec.name,
        "leash:workload": name,
        ...(tag ? { [ctx.tagKey]: tag } : {}),
      },
    };
    roles.push(role);
    checked.push({ role, allows, needs: w.needs.length, baseContext: requestBase(ctx, w) });
  }
  const scp = platformScp(ctx);
  const scps = scp ? [scp] : [];
  const report = selfCheck(
    checked,
    scps,
    ctx.target.account,
    ctx.target.partition,
    probeOwners(ctx),
  );
  const diagnostics: Diagnostic[] = [];
  for (const r of report.roles) {
    for (const n of r.needsDenied)
      diagnostics.push(needDeniedDiagnostic(ctx, r.workload, r.role, n));
    for (const l of r.looseConditions) {
      diagnostics.push({
        code: "generate/loose-condition",
        severity: "error",
        message: `\`${r.role}\` may \`${l.action}\` even when \`${l.key}\` has another value: the condition does not restrict it`,
        help: "this is a bug in leash's knowledge base: please report it with the spec",
      });
    }
    for (const e of r.extra) {
      diagnostics.push({
        code: "generate/extra-access",
        severity: "error",
        message: `\`${r.role}\` may \`${e.action}\` on \`${e.resource}\`, which no need asked for`,
        help: "this is a bug in leash's knowledge base: please report it with the spec",
      });
    }
  }
  diagnostics.push(...sizeDiagnostics(roles, [...boundaries.values()], scps));
  const generation: AwsGeneration = {
    cloud: "aws",
    catalogVersion: awsCatalog().version,
    spec: spec.name,
    account: ctx.target.account,
    region: ctx.target.region,
    partition: ctx.target.partition,
    ...(spec.targets.aws?.organization ? { organization: spec.targets.aws.organization } : {}),
    roles,
    managedPolicies: [...boundaries.values()],
    serviceControlPolicies: scps,
    githubWorkflows: Object.keys(spec.workloads)
      .sort()
      .flatMap((n) => githubSnippet(ctx, n, spec.workloads[n]!) ?? []),
    selfCheck: report,
  };
  return { generation, diagnostics };
}
