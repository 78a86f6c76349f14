import type { GcpGeneration, ResourceBindings, Scope } from "../clouds/gcp/generate/types.js";
import { type HclItem, hcl, hclBlock, hclList, hclString, labeller, oneLine } from "./hcl.js";
import { output } from "./terraform.js";

/**
 * The GCP root module (gcp/main.tf), for the google provider: service
 * accounts, custom roles, one `*_iam_member` per member of each binding
 * (additive: leash never replaces a resource's whole policy), workload
 * identity federation, deny and principal access boundary policies,
 * organization policies and team tags, and an output per service account.
 */
export function renderGcpTerraform(g: GcpGeneration): string {
  const blocks: string[] = [
    hclBlock(
      "terraform",
      [],
      [
        hcl.string("required_version", ">= 1.3"),
        hcl.block(
          "required_providers",
          [],
          [
            hcl.object("google", [
              ["source", hclString("hashicorp/google")],
              ["version", hclString(">= 6.0, < 8.0")],
            ]),
          ],
        ),
      ],
    ),
    hclBlock(
      "provider",
      ["google"],
      [hcl.string("project", g.project), hcl.string("region", g.region)],
    ),
  ];
  const label = labeller();
  const outputs: string[] = [];

  // Members that are leash's own service accounts refer to the resource, so that Terraform
  // creates an account before it binds it.
  const accountRefs = new Map<string, string>();
  for (const s of g.serviceAccounts) {
    const l = label(`sa_${s.workload}`);
    accountRefs.set(s.member, `google_service_account.${l}.member`);
    blocks.push(
      hclBlock(
        "resource",
        ["google_service_account", l],
        [
          hcl.string("account_id", s.accountId),
          hcl.string("display_name", s.displayName),
          hcl.string("description", s.description),
        ],
      ),
    );
    outputs.push(
      output(
        label(`${s.workload}_service_account`),
        `The service account of ${s.workload}`,
        `google_service_account.${l}.email`,
      ),
    );
  }

  const roleRefs = new Map<string, string>();
  for (const r of g.customRoles) {
    const l = label(`role_${r.roleId}`);
    roleRefs.set(r.name, `google_project_iam_custom_role.${l}.id`);
    blocks.push(
      hclBlock(
        "resource",
        ["google_project_iam_custom_role", l],
        [
          hcl.string("role_id", r.roleId),
          hcl.string("title", r.title),
          hcl.string("description", r.description),
          hcl.expr("permissions", hclList(r.includedPermissions)),
          hcl.string("stage", r.stage),
        ],
      ),
    );
  }

  for (const r of g.resources) {
    for (const b of r.bindings) {
      for (const m of b.members) {
        const items: HclItem[] = [
          ...scopeArguments(r.scope, accountRefs),
          hcl.expr("role", roleRefs.get(b.role) ?? hclString(b.role)),
          hcl.expr("member", accountRefs.get(m) ?? hclString(m)),
        ];
        if (b.condition)
          items.push(
            hcl.block(
              "condition",
              [],
              [
                hcl.string("title", b.condition.title),
                ...(b.condition.description
                  ? [hcl.string("description", b.condition.description)]
                  : []),
                hcl.string("expression", b.condition.expression),
              ],
            ),
          );
        blocks.push(
          `# ${oneLine(b.why)}\n${hclBlock("resource", [memberResource(r.scope), label(bindingLabel(r, b.role, m))], items)}`,
        );
      }
    }
  }

  if (g.workloadIdentityPool) {
    const pool = g.workloadIdentityPool;
    const pl = label(`pool_${pool.poolId}`);
    blocks.push(
      hclBlock(
        "resource",
        ["google_iam_workload_identity_pool", pl],
        [
          hcl.string("workload_identity_pool_id", pool.poolId),
          hcl.string("display_name", pool.poolId.slice(0, 32)),
          hcl.string("description", "GitHub Actions of the repositories named in the spec"),
        ],
      ),
    );
    for (const p of pool.providers) {
      const l = label(`provider_${p.providerId}`);
      blocks.push(
        hclBlock(
          "resource",
          ["google_iam_workload_identity_pool_provider", l],
          [
            hcl.expr(
              "workload_identity_pool_id",
              `google_iam_workload_identity_pool.${pl}.workload_identity_pool_id`,
            ),
            hcl.string("workload_identity_pool_provider_id", p.providerId),
            hcl.string("display_name", p.providerId.slice(0, 32)),
            hcl.string("attribute_condition", p.attributeCondition),
            hcl.object(
              "attribute_mapping",
              Object.entries(p.attributeMapping).map(([k, v]) => [hclString(k), hclString(v)]),
            ),
            hcl.block("oidc", [], [hcl.string("issuer_uri", p.issuerUri)]),
          ],
        ),
      );
      outputs.push(
        output(
          label(`${p.providerId}_provider`),
          `The workload identity provider of ${p.repository}`,
          `google_iam_workload_identity_pool_provider.${l}.name`,
        ),
      );
    }
  }

  for (const d of g.denyPolicies) {
    blocks.push(
      hclBlock(
        "resource",
        ["google_iam_deny_policy", label(`deny_${d.name}`)],
        [
          hcl.expr("parent", `urlencode(${hclString(d.attachmentPoint.replace(/^\/\//, ""))})`),
          hcl.string("name", d.name),
          hcl.string("display_name", d.displayName),
          ...d.rules.map((r) =>
            hcl.block(
              "rules",
              [],
              [
                hcl.block(
                  "deny_rule",
                  [],
                  [
                    hcl.expr("denied_principals", hclList(r.denyRule.deniedPrincipals)),
                    hcl.expr("denied_permissions", hclList(r.denyRule.deniedPermissions)),
                    ...(r.denyRule.denialCondition
                      ? [
                          hcl.block(
                            "denial_condition",
                            [],
                            [
                              hcl.string("title", r.denyRule.denialCondition.title),
                              hcl.string("expression", r.denyRule.denialCondition.expression),
                            ],
                          ),
                        ]
                      : []),
                  ],
                ),
              ],
            ),
          ),
        ],
      ),
    );
  }

  for (const p of g.principalAccessBoundaryPolicies) {
    const l = label(`pab_${p.name}`);
    blocks.push(
      hclBlock(
        "resource",
        ["google_iam_principal_access_boundary_policy", l],
        [
          hcl.string("organization", g.organization ?? ""),
          hcl.string("location", "global"),
          hcl.string("principal_access_boundary_policy_id", p.name),
          hcl.string("display_name", p.displayName.slice(0, 63)),
          hcl.block(
            "details",
            [],
            [
              hcl.string("enforcement_version", p.enforcementVersion),
              ...p.rules.map((r) =>
                hcl.block(
                  "rules",
                  [],
                  [
                    hcl.string("description", r.description),
                    hcl.expr("resources", hclList(r.resources)),
                    hcl.string("effect", r.effect),
                  ],
                ),
              ),
            ],
          ),
        ],
      ),
      hclBlock(
        "resource",
        ["google_iam_projects_policy_binding", label(`pab_binding_${p.name}`)],
        [
          hcl.string("project", g.project),
          hcl.string("location", "global"),
          hcl.string("policy_binding_id", `${p.name}-binding`.slice(0, 63)),
          hcl.string("policy_kind", "PRINCIPAL_ACCESS_BOUNDARY"),
          hcl.expr("policy", `google_iam_principal_access_boundary_policy.${l}.id`),
          hcl.block(
            "target",
            [],
            [
              hcl.string(
                "principal_set",
                `//cloudresourcemanager.googleapis.com/projects/${g.project}`,
              ),
            ],
          ),
        ],
      ),
    );
  }

  for (const o of g.organizationPolicies) {
    const rule: HclItem[] =
      "enforce" in o.rule
        ? [hcl.string("enforce", "TRUE")]
        : [
            hcl.block(
              "values",
              [],
              [hcl.expr("allowed_values", hclList(o.rule.values.allowedValues))],
            ),
          ];
    blocks.push(
      `# ${oneLine(o.why)}\n${hclBlock(
        "resource",
        ["google_org_policy_policy", label(`policy_${o.constraint}`)],
        [
          hcl.string("name", `${o.parent}/policies/${o.constraint}`),
          hcl.string("parent", o.parent),
          hcl.block("spec", [], [hcl.block("rules", [], rule)]),
        ],
      )}`,
    );
  }

  if (g.teamTags) {
    const t = g.teamTags;
    const key = label(`tag_key_${t.shortName}`);
    blocks.push(
      hclBlock(
        "resource",
        ["google_tags_tag_key", key],
        [
          hcl.string("parent", t.parent),
          hcl.string("short_name", t.shortName),
          hcl.string(
            "description",
            "the team that owns the resource (leash deny policies read it)",
          ),
        ],
      ),
    );
    const values = new Map<string, string>();
    for (const v of t.values) {
      const l = label(`tag_${t.shortName}_${v}`);
      values.set(v, l);
      blocks.push(
        hclBlock(
          "resource",
          ["google_tags_tag_value", l],
          [hcl.expr("parent", `google_tags_tag_key.${key}.id`), hcl.string("short_name", v)],
        ),
      );
    }
    for (const b of t.bindings) {
      blocks.push(
        hclBlock(
          "resource",
          ["google_tags_location_tag_binding", label(`tag_binding_${b.resource.split("/").pop()}`)],
          [
            hcl.string("parent", b.resource),
            hcl.expr("tag_value", `google_tags_tag_value.${values.get(b.value)}.id`),
            hcl.string("location", g.region),
          ],
        ),
      );
    }
  }
  return `${[...blocks, ...outputs].join("\n\n")}\n`;
}

function memberResource(s: Scope): string {
  switch (s.kind) {
    case "project":
      return "google_project_iam_member";
    case "bucket":
      return "google_storage_bucket_iam_member";
    case "repository":
      return "google_artifact_registry_repository_iam_member";
    case "endpoint":
      return "google_vertex_ai_endpoint_iam_member";
    case "crypto-key":
      return "google_kms_crypto_key_iam_member";
    case "secret":
      return "google_secret_manager_secret_iam_member";
    case "run-service":
      return "google_cloud_run_v2_service_iam_member";
    case "service-account":
      return "google_service_account_iam_member";
  }
}

/** The arguments that name the resource a `*_iam_member` binds on. */
function scopeArguments(s: Scope, accounts: ReadonlyMap<string, string>): HclItem[] {
  switch (s.kind) {
    case "project":
      return [hcl.string("project", s.project)];
    case "bucket":
      return [hcl.string("bucket", s.bucket)];
    case "repository":
      return [
        hcl.string("project", s.project),
        hcl.string("location", s.location),
        hcl.string("repository", s.repository),
      ];
    case "endpoint":
      return [
        hcl.string("project", s.project),
        hcl.string("location", s.location),
        hcl.string("endpoint", s.endpoint),
      ];
    case "crypto-key":
      return [
        hcl.string(
          "crypto_key_id",
          `projects/${s.project}/locations/${s.location}/keyRings/${s.keyRing}/cryptoKeys/${s.key}`,
        ),
      ];
    case "secret":
      return [hcl.string("project", s.project), hcl.string("secret_id", s.secret)];
    case "run-service":
      return [
        hcl.string("project", s.project),
        hcl.string("location", s.location),
        hcl.string("name", s.service),
      ];
    case "service-account": {
      // leash's own account: the reference orders creation; `.name` is projects/P/serviceAccounts/EMAIL.
      const ref = accounts.get(`serviceAccount:${s.email}`);
      return [
        hcl.expr(
          "service_account_id",
          ref
            ? ref.replace(/\.member$/, ".name")
            : hclString(`projects/${s.project}/serviceAccounts/${s.email}`),
        ),
      ];
    }
  }
}

function bindingLabel(r: ResourceBindings, role: string, member: string): string {
  const where = r.resource.split("/").filter(Boolean).slice(-1)[0] ?? "resource";
  const who = member.replace(/^[a-zA-Z]+:/, "").split(/[@.[]/)[0] ?? "member";
  return `${who}_${role.split("/").pop()}_${where}`;
}
