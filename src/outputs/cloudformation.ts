import type { AwsGeneration } from "../clouds/aws/generate/types.js";
import { logicalIds, templateDescription, templateText } from "./cloudformation-text.js";

/**
 * The member account's template (`template.yaml`): the teams' permission
 * boundaries and the roles, with an output holding the ARN of each. It names
 * its roles and policies, so CloudFormation deploys it only when told so
 * with `--capabilities CAPABILITY_NAMED_IAM` (CloudFormation API Reference,
 * CreateStack, `Capabilities`: "If you have IAM resources with custom names,
 * you must specify CAPABILITY_NAMED_IAM"); the header says it. The SCPs belong to the
 * management account and are a template of their own
 * (`cloudformation-management.ts`).
 */
export function renderCloudFormation(g: AwsGeneration): string {
  const logicalId = logicalIds();
  const resources: Record<string, unknown> = {};
  const outputs: Record<string, unknown> = {};

  const boundaryIds = new Map<string, string>();
  for (const p of g.managedPolicies) {
    const id = logicalId(p.name, "ManagedPolicy");
    if (!boundaryIds.has(p.name)) boundaryIds.set(p.name, id);
    resources[id] = {
      Type: "AWS::IAM::ManagedPolicy",
      Properties: { ManagedPolicyName: p.name, PolicyDocument: p.document },
    };
    // Ref to an AWS::IAM::ManagedPolicy returns its ARN.
    outputs[`${id}Arn`] = { Description: `The managed policy ${p.name}`, Value: { Ref: id } };
  }

  for (const r of g.roles) {
    const props: Record<string, unknown> = { RoleName: r.name };
    if (r.description !== "") props.Description = r.description;
    props.AssumeRolePolicyDocument = r.trustPolicy;
    if (r.inlinePolicies.length > 0)
      props.Policies = r.inlinePolicies.map((p) => ({
        PolicyName: p.name,
        PolicyDocument: p.document,
      }));
    if (r.permissionBoundary !== null) {
      const id =
        r.permissionBoundaryName === null ? undefined : boundaryIds.get(r.permissionBoundaryName);
      if (id === undefined)
        throw new Error(
          `role ${r.name} has a permission boundary ${JSON.stringify(r.permissionBoundaryName)} that is not among the managed policies`,
        );
      props.PermissionsBoundary = { Ref: id };
    }
    const tags = Object.entries(r.tags);
    if (tags.length > 0) props.Tags = tags.map(([Key, Value]) => ({ Key, Value }));
    const id = logicalId(r.name, "Role");
    resources[id] = { Type: "AWS::IAM::Role", Properties: props };
    outputs[`${id}Arn`] = {
      Description: `The role of workload ${r.workload}`,
      Value: { "Fn::GetAtt": [id, "Arn"] },
    };
  }

  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: templateDescription(g, `Roles and permission boundaries of account ${g.account}`),
    Resources: resources,
    ...(Object.keys(outputs).length > 0 ? { Outputs: outputs } : {}),
  };
  return templateText(
    [
      "Deploy with --capabilities CAPABILITY_NAMED_IAM: the template creates IAM roles and",
      `policies with the names it gives them. Deploy it in account ${g.account}.`,
      ...(g.serviceControlPolicies.length > 0
        ? ["The SCPs are in management-account/template.yaml, deployed in the management account."]
        : []),
    ],
    template,
  );
}
