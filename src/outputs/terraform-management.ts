import type { AwsGeneration } from "../clouds/aws/generate/types.js";
import {
  type HclItem,
  hcl,
  hclBlock,
  hclString,
  jsonBody,
  labeller,
  requiredProviders,
} from "./hcl.js";
import { SCP_TARGET_PATTERN, scpTargetsDescription } from "./scp-targets.js";
import { generatedBy, output } from "./terraform.js";

/** The data source that reads the organization of the credentials in use. */
const ORG_DATA = "aws_organizations_organization";

/**
 * A precondition that stops the plan before any change when the credentials
 * belong to another organization than the spec's (Terraform 1.2 and later).
 */
function sameOrganization(id: string): HclItem {
  return hcl.block(
    "lifecycle",
    [],
    [
      hcl.block(
        "precondition",
        [],
        [
          hcl.expr("condition", `data.${ORG_DATA}.current.id == ${hclString(id)}`),
          hcl.string(
            "error_message",
            `These SCPs are for organization ${id}: apply them with its management account's credentials.`,
          ),
        ],
      ),
    ],
  );
}

/** The variable naming where the SCPs are attached. */
const TARGETS = "scp_target_ids";

/**
 * The management account's root module (`management-account/main.tf`), or
 * undefined when the spec has no SCP. AWS Organizations creates and attaches
 * SCPs only from the management account (or a delegated administrator), and
 * SCPs don't affect users or roles in the management account (AWS
 * Organizations User Guide, "Service control policies"): so they are applied
 * apart from the roles, and attached to the OUs that hold member accounts,
 * which `var.scp_target_ids` names.
 */
export function renderTerraformManagement(g: AwsGeneration): string | undefined {
  if (g.serviceControlPolicies.length === 0) return undefined;
  const blocks: string[] = [
    requiredProviders(),
    hclBlock("provider", ["aws"], [hcl.string("region", g.region)]),
    hclBlock(
      "variable",
      [TARGETS],
      [
        hcl.string("description", scpTargetsDescription(g.account)),
        hcl.expr("type", "list(string)"),
        hcl.blank,
        hcl.block(
          "validation",
          [],
          [
            hcl.expr(
              "condition",
              `length(var.${TARGETS}) > 0 && alltrue([for id in var.${TARGETS} : can(regex(${hclString(SCP_TARGET_PATTERN)}, id))])`,
            ),
            hcl.string(
              "error_message",
              "Give OU ids (ou-...) or the root id (r-...): an SCP attached to the management account changes nothing there.",
            ),
          ],
        ),
      ],
    ),
  ];
  // With the spec's organization known, every SCP checks it is applied in that organization.
  const organization = g.organization;
  if (organization !== undefined) blocks.push(hclBlock("data", [ORG_DATA, "current"], []));
  const outputs: string[] = [];
  const scpLabel = labeller();
  for (const p of g.serviceControlPolicies) {
    const label = scpLabel(p.name);
    blocks.push(
      hclBlock(
        "resource",
        ["aws_organizations_policy", label],
        [
          hcl.string("name", p.name),
          hcl.string("type", "SERVICE_CONTROL_POLICY"),
          hcl.heredoc("content", jsonBody(p.document, true)),
          ...(organization === undefined ? [] : [hcl.blank, sameOrganization(organization)]),
        ],
      ),
      hclBlock(
        "resource",
        ["aws_organizations_policy_attachment", label],
        [
          hcl.expr("for_each", `toset(var.${TARGETS})`),
          hcl.blank,
          hcl.expr("policy_id", `aws_organizations_policy.${label}.id`),
          hcl.expr("target_id", "each.value"),
        ],
      ),
    );
    outputs.push(
      output(`${label}_id`, `The SCP ${p.name}`, `aws_organizations_policy.${label}.id`),
    );
  }
  const header = [
    ...generatedBy(g),
    "# The SCPs: apply from the organization's management account (or a delegated administrator",
    `# for policies), attached to the OUs in var.${TARGETS}. The roles are in ../main.tf.`,
  ].join("\n");
  return `${[header, ...blocks, ...outputs].join("\n\n")}\n`;
}
