import type { AwsGeneration } from "../clouds/aws/generate/types.js";
import { logicalIds, templateDescription, templateText } from "./cloudformation-text.js";
import { SCP_TARGET_PATTERN, scpTargetsDescription } from "./scp-targets.js";

/**
 * The management account's template (`management-account/template.yaml`), or
 * undefined when the spec has no SCP: the SCPs, attached to the OUs that the
 * `ScpTargetIds` parameter names. `AWS::Organizations::Policy` can be created
 * only from the management account or a delegated administrator, and SCPs
 * don't affect users or roles in the management account (AWS Organizations
 * User Guide, "Service control policies"). It creates no IAM resource, so it
 * needs no capability.
 */
export function renderCloudFormationManagement(g: AwsGeneration): string | undefined {
  if (g.serviceControlPolicies.length === 0) return undefined;
  const logicalId = logicalIds();
  const resources: Record<string, unknown> = {};
  const outputs: Record<string, unknown> = {};
  for (const p of g.serviceControlPolicies) {
    const id = logicalId(p.name, "Scp");
    resources[id] = {
      Type: "AWS::Organizations::Policy",
      Properties: {
        Name: p.name,
        Type: "SERVICE_CONTROL_POLICY",
        Content: p.document,
        TargetIds: { Ref: "ScpTargetIds" },
      },
    };
    // Ref to an AWS::Organizations::Policy returns its id (p-...).
    outputs[`${id}Id`] = { Description: `The SCP ${p.name}`, Value: { Ref: id } };
  }
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: templateDescription(g, "Service control policies"),
    Parameters: {
      ScpTargetIds: {
        Type: "CommaDelimitedList",
        Description: scpTargetsDescription(g.account),
        // CloudFormation matches AllowedPattern against each value of a CommaDelimitedList.
        AllowedPattern: SCP_TARGET_PATTERN,
        ConstraintDescription: "OU ids (ou-...) or the root id (r-...), separated by commas",
      },
    },
    Resources: resources,
    Outputs: outputs,
  };
  return templateText(
    [
      "Deploy in the organization's management account (or a delegated administrator for",
      "policies), with ScpTargetIds set to the OUs that hold the member accounts. The roles",
      "are in ../template.yaml. No IAM capability is needed.",
    ],
    template,
  );
}
