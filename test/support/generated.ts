import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AwsEngine, type ContextInput } from "../../src/clouds/aws/evaluate/index.js";
import { generationContext, roleName } from "../../src/clouds/aws/generate/context.js";
import { probeOwners, requestBase } from "../../src/clouds/aws/generate/generate.js";
import { generateAws } from "../../src/clouds/aws/generate/index.js";
import { workloadAllows } from "../../src/clouds/aws/generate/role-policy.js";
import { type RoleUnderCheck, selfCheck } from "../../src/clouds/aws/generate/self-check.js";
import type {
  AwsGeneration,
  GeneratedRole,
  PolicyDocumentJson,
  PolicyStatementJson,
  RoleSelfCheck,
} from "../../src/clouds/aws/generate/types.js";
import { parsePolicy } from "../../src/clouds/aws/policy/index.js";
import type { Policy, PolicyType } from "../../src/clouds/aws/policy/types.js";
import type { Decision } from "../../src/model/index.js";
import { awsView, loadSpec, type Spec } from "../../src/spec/index.js";

/** Helpers for tests of `generateAws`: load, find, simulate, re-check. */

export const EXAMPLES = [
  "sagemaker-training",
  "github-mlops-pipeline",
  "inference-api",
  "multi-tenant-platform",
] as const;
export type Example = (typeof EXAMPLES)[number];

export interface Generated {
  spec: Spec;
  generation: AwsGeneration;
}

/** A spec text, validated; throws with the diagnostics when it is not valid. */
export function specFrom(text: string, file = "leash.yaml"): Spec {
  const { spec, diagnostics } = loadSpec(text, file);
  if (!spec) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join("; ")}`);
  return spec;
}

/** A spec text, validated and generated; throws with the diagnostics when either fails. */
export function generateFrom(text: string, file = "leash.yaml"): Generated {
  const spec = specFrom(text, file);
  const { generation, diagnostics } = generateAws(spec);
  if (!generation) throw new Error(`${file}: ${diagnostics.map((d) => d.message).join("; ")}`);
  return { spec, generation };
}

function exampleText(name: Example): string {
  return readFileSync(
    join(import.meta.dirname, "..", "..", "examples", name, "leash.yaml"),
    "utf8",
  );
}

const examples = new Map<Example, Generated>();
/** An example's spec and generation, generated once per test file. */
export function example(name: Example): Generated {
  let g = examples.get(name);
  if (!g) {
    g = generateFrom(exampleText(name), `examples/${name}/leash.yaml`);
    examples.set(name, g);
  }
  return g;
}

export function roleOf(g: AwsGeneration, workload: string): GeneratedRole {
  const role = g.roles.find((r) => r.workload === workload);
  if (!role) throw new Error(`no role for workload ${workload}`);
  return role;
}

/** Every statement of a role's inline policies. */
export function statementsOf(role: GeneratedRole): PolicyStatementJson[] {
  return role.inlinePolicies.flatMap((p) => p.document.Statement);
}

/** The inline statement with this Sid. */
export function statement(role: GeneratedRole, sid: string): PolicyStatementJson | undefined {
  return statementsOf(role).find((s) => s.Sid === sid);
}

function parsed(doc: PolicyDocumentJson, type: PolicyType, name: string): Policy {
  const r = parsePolicy(JSON.stringify(doc), { type, name });
  if (!r.policy) throw new Error(`${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  return r.policy;
}

/** An inline policy someone might attach later: everything, everywhere. */
export const ALLOW_ALL: PolicyDocumentJson = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};

export interface Ask {
  action: string;
  resource: string;
  /** Added to the role's own context: region, TLS, and its tags as `aws:PrincipalTag/*`. */
  context?: Record<string, ContextInput>;
  /** Another inline policy on the role beside the generated one. */
  extraInline?: PolicyDocumentJson;
}

/**
 * How AWS would decide a request by a workload's role: its inline policies,
 * its boundary, and the generation's SCPs beside FullAWSAccess.
 */
export function simulate(g: AwsGeneration, workload: string, ask: Ask): Decision {
  const role = roleOf(g, workload);
  const identity = [
    ...role.inlinePolicies.map((p) => parsed(p.document, "identity", p.name)),
    ...(ask.extraInline ? [parsed(ask.extraInline, "identity", "extra")] : []),
  ];
  const engine = new AwsEngine({
    identityPolicies: identity,
    ...(role.permissionBoundary
      ? { permissionBoundary: parsed(role.permissionBoundary, "boundary", "boundary") }
      : {}),
    ...(g.serviceControlPolicies.length > 0
      ? {
          scps: [
            [
              parsed(ALLOW_ALL, "scp", "FullAWSAccess"),
              ...g.serviceControlPolicies.map((s) => parsed(s.document, "scp", s.name)),
            ],
          ],
        }
      : {}),
  });
  const principalTags = Object.fromEntries(
    Object.entries(role.tags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]),
  );
  const result = engine.decide({
    principal: `arn:${g.partition}:sts::${g.account}:assumed-role/${role.name}/test`,
    action: ask.action,
    resource: ask.resource,
    context: {
      "aws:RequestedRegion": g.region,
      "aws:SecureTransport": true,
      ...principalTags,
      ...ask.context,
    },
  });
  if (result.outcome === "Invalid")
    throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.decision;
}

/**
 * Runs the self-check on one workload's role as generate.ts does (its Allow
 * drafts, its need count, its base context), with `role` possibly changed.
 */
export function recheck(
  { spec, generation }: Generated,
  workload: string,
  change: (role: GeneratedRole) => GeneratedRole = (r) => r,
): RoleSelfCheck {
  const ctx = generationContext(awsView(spec).spec!);
  const w = spec.workloads[workload]!;
  const role = roleOf(generation, workload);
  if (role.name !== roleName(ctx, workload)) throw new Error("role name drifted");
  const checked: RoleUnderCheck = {
    role: change(structuredClone(role)),
    allows: workloadAllows(ctx, workload, w),
    needs: w.needs.length,
    baseContext: requestBase(ctx, w),
  };
  const report = selfCheck(
    [checked],
    generation.serviceControlPolicies,
    generation.account,
    generation.partition,
    probeOwners(ctx),
  );
  return report.roles[0]!;
}

/** A role with one more inline policy holding these statements. */
export const withInline =
  (name: string, ...statements: PolicyStatementJson[]) =>
  (role: GeneratedRole): GeneratedRole => ({
    ...role,
    inlinePolicies: [
      ...role.inlinePolicies,
      { name, document: { Version: "2012-10-17", Statement: statements } },
    ],
  });
