import { type GcpContext, serviceAccountEmail } from "./context.js";
import { gcpFacts } from "./locate.js";
import type { GcpBoundaryPolicyJson, GcpDenyPolicyJson, OrgPolicyJson, TeamTags } from "./types.js";

/**
 * Guardrails of a multi-team platform in GCP (docs/generation/gcp.md,
 * "Teams and guardrails"). Isolation comes first from the bindings
 * themselves: each team's service accounts are bound only on its own
 * resources. Above that, deny policies keep each team's accounts off the
 * other teams' tagged data and away from credentials and policy changes;
 * a principal access boundary keeps the project's service accounts inside
 * the organization; organization policy constraints forbid keys, public
 * buckets and automatic grants to default accounts.
 */
export interface Guardrails {
  denyPolicies: GcpDenyPolicyJson[];
  boundaries: GcpBoundaryPolicyJson[];
  organizationPolicies: OrgPolicyJson[];
  teamTags?: TeamTags;
  notes: string[];
}

const CREDENTIALS_AND_POLICY = [
  "iam.googleapis.com/serviceAccountKeys.create",
  "iam.googleapis.com/serviceAccounts.getAccessToken",
  "iam.googleapis.com/serviceAccounts.signBlob",
  "iam.googleapis.com/serviceAccounts.signJwt",
  "cloudresourcemanager.googleapis.com/projects.setIamPolicy",
];

const TEAM_DATA = [
  "storage.googleapis.com/objects.create",
  "storage.googleapis.com/objects.delete",
  "storage.googleapis.com/objects.get",
  "storage.googleapis.com/objects.list",
];

const v2 = (email: string) => `principal://iam.googleapis.com/projects/-/serviceAccounts/${email}`;

export function platformGuardrails(ctx: GcpContext): Guardrails {
  const { spec, target } = ctx;
  const out: Guardrails = { denyPolicies: [], boundaries: [], organizationPolicies: [], notes: [] };
  const teams = Object.keys(spec.teams).sort();
  if (teams.length === 0 && !spec.platform?.guardrails) return out;
  const projectName = `//cloudresourcemanager.googleapis.com/projects/${target.project}`;

  if (teams.length > 0) {
    const parent = target.organization
      ? `organizations/${target.organization}`
      : `projects/${target.project}`;
    const shortName = spec.platform?.tagKey ?? "team";
    const namespacedKey = `${target.organization ?? target.project}/${shortName}`;
    const tagOf = (team: string) => spec.teams[team]?.tag ?? team;
    const bindings: TeamTags["bindings"] = [];
    for (const name of Object.keys(spec.resources).sort()) {
      const r = spec.resources[name]!;
      if (!r.team) continue;
      const f = gcpFacts(ctx, r);
      if (f?.kind === "objects")
        bindings.push({
          resource: `//storage.googleapis.com/projects/_/buckets/${f.bucket}`,
          value: tagOf(r.team),
        });
      else if (f?.kind === "repository")
        bindings.push({
          resource: `//artifactregistry.googleapis.com/projects/${f.project}/locations/${f.location}/repositories/${f.repository}`,
          value: tagOf(r.team),
        });
    }
    // Two teams' prefixes in one bucket: a bucket carries one value of a key, so tags cannot tell them apart.
    const shared = new Map<string, Set<string>>();
    for (const b of bindings)
      shared.set(b.resource, (shared.get(b.resource) ?? new Set()).add(b.value));
    const unique = bindings.filter(
      (b, i) =>
        shared.get(b.resource)!.size === 1 &&
        bindings.findIndex((x) => x.resource === b.resource) === i,
    );
    for (const [resource, values] of shared)
      if (values.size > 1)
        out.notes.push(
          `${resource} holds data of teams ${[...values].sort().join(" and ")}: it carries no team tag (a resource has one value per key), so only the bindings keep the teams apart there; give each team its own bucket to add the deny policy's protection`,
        );
    out.teamTags = { parent, shortName, namespacedKey, values: teams.map(tagOf), bindings: unique };

    for (const team of teams) {
      const members = Object.keys(spec.workloads)
        .filter((w) => spec.workloads[w]!.team === team)
        .sort()
        .map((w) => v2(serviceAccountEmail(ctx, w)));
      if (members.length === 0) continue;
      const others = teams.filter((t) => t !== team);
      const rules: GcpDenyPolicyJson["rules"] = [
        {
          denyRule: {
            deniedPrincipals: members,
            deniedPermissions: CREDENTIALS_AND_POLICY,
          },
        },
      ];
      if (others.length > 0)
        rules.push({
          denyRule: {
            deniedPrincipals: members,
            deniedPermissions: TEAM_DATA,
            denialCondition: {
              title: "other teams' data",
              expression: others
                .map(
                  (t) =>
                    `resource.matchTag(${JSON.stringify(namespacedKey)}, ${JSON.stringify(tagOf(t))})`,
                )
                .join(" || "),
            },
          },
        });
      out.denyPolicies.push({
        name: `${spec.name}-${team}-guardrails`.slice(0, 63),
        attachmentPoint: projectName,
        displayName: `${spec.name}: team ${team}`,
        rules,
      });
    }
  }

  if (target.organization) {
    out.boundaries.push({
      name: `${spec.name}-in-organization`.slice(0, 63),
      displayName: `${spec.name}: service accounts stay in the organization`,
      enforcementVersion: "3",
      rules: [
        {
          resources: [`//cloudresourcemanager.googleapis.com/organizations/${target.organization}`],
          effect: "ALLOW",
          description: "resources of this organization only",
        },
      ],
      boundTo: `principalSet://cloudresourcemanager.googleapis.com/projects/${target.project}/type/ServiceAccount`,
    });
  } else {
    out.notes.push(
      "no principal access boundary: it is created in an organization (targets.gcp.organization)",
    );
  }

  const parent = target.organization
    ? `organizations/${target.organization}`
    : `projects/${target.project}`;
  const enforce = (constraint: string, why: string): OrgPolicyJson => ({
    constraint,
    parent,
    rule: { enforce: true },
    why,
  });
  out.organizationPolicies.push(
    enforce(
      "iam.disableServiceAccountKeyCreation",
      "workloads use their attached service account or workload identity federation, never keys",
    ),
    enforce(
      "iam.automaticIamGrantsForDefaultServiceAccounts",
      "default service accounts get no Editor role when they are created",
    ),
    enforce("storage.publicAccessPrevention", "no bucket can be made public"),
    enforce(
      "storage.uniformBucketLevelAccess",
      "bucket IAM (and its conditions) decides, not object ACLs",
    ),
    {
      constraint: "gcp.resourceLocations",
      parent,
      rule: { values: { allowedValues: [`in:${target.region}-locations`] } },
      why: "resources stay in the target region",
    },
  );
  return out;
}
