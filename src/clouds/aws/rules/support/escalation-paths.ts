/**
 * Known IAM privilege-escalation paths: sets of actions that, held together
 * by one principal, let it gain permissions it was not given. From Rhino
 * Security Labs' "AWS IAM Privilege Escalation – Methods and Mitigation"
 * (the 21 original methods and later additions), Bishop Fox's IAM Vulnerable,
 * Pacu's iam__privesc_scan, Datadog's pathfinding.cloud, and the PassRole +
 * compute combinations that run code as a more powerful role. Every action
 * name is in the catalog (a test checks), but for CODESTAR_UNDOCUMENTED.
 */
export interface EscalationPath {
  id: string;
  /** Every action must be held; `iam:PassRole` means passing some role. */
  actions: readonly string[];
  how: string;
  /** For PassRole paths: the service principals the role must be passable to. */
  passedTo?: readonly string[];
}

const passAndRun = (
  id: string,
  how: string,
  service: string,
  ...actions: string[]
): EscalationPath => ({
  id,
  actions: ["iam:PassRole", ...actions],
  how,
  passedTo: [service],
});

/** Used by Rhino Security Labs' method, absent from the Service Authorization Reference. */
export const CODESTAR_UNDOCUMENTED = "codestar:CreateProjectFromTemplate";

export const ESCALATION_PATHS: readonly EscalationPath[] = [
  {
    id: "create-policy-version",
    actions: ["iam:CreatePolicyVersion"],
    how: "write a new default version of a policy it is attached to",
  },
  {
    id: "set-default-policy-version",
    actions: ["iam:SetDefaultPolicyVersion"],
    how: "switch a policy to an older, more permissive version",
  },
  {
    id: "create-access-key",
    actions: ["iam:CreateAccessKey"],
    how: "create access keys for a more powerful user",
  },
  {
    id: "create-login-profile",
    actions: ["iam:CreateLoginProfile"],
    how: "set a console password for a more powerful user",
  },
  {
    id: "update-login-profile",
    actions: ["iam:UpdateLoginProfile"],
    how: "change a more powerful user's console password",
  },
  {
    id: "attach-user-policy",
    actions: ["iam:AttachUserPolicy"],
    how: "attach AdministratorAccess to a user it controls",
  },
  {
    id: "attach-group-policy",
    actions: ["iam:AttachGroupPolicy"],
    how: "attach AdministratorAccess to its group",
  },
  {
    id: "attach-role-policy",
    actions: ["iam:AttachRolePolicy"],
    how: "attach AdministratorAccess to a role it can use",
  },
  {
    id: "put-user-policy",
    actions: ["iam:PutUserPolicy"],
    how: "write an inline admin policy on a user",
  },
  {
    id: "put-group-policy",
    actions: ["iam:PutGroupPolicy"],
    how: "write an inline admin policy on its group",
  },
  {
    id: "put-role-policy",
    actions: ["iam:PutRolePolicy"],
    how: "write an inline admin policy on a role it can use",
  },
  { id: "add-user-to-group", actions: ["iam:AddUserToGroup"], how: "join a more powerful group" },
  {
    id: "update-assume-role-policy",
    actions: ["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
    how: "trust itself in a powerful role's trust policy, then assume it",
  },
  {
    id: "delete-boundary",
    actions: ["iam:DeleteRolePermissionsBoundary"],
    how: "remove the boundary that limits a role",
  },
  {
    id: "put-boundary",
    actions: ["iam:PutRolePermissionsBoundary"],
    how: "replace a role's boundary with a permissive one",
  },
  passAndRun(
    "passrole-ec2",
    "launch an instance with a powerful instance profile",
    "ec2.amazonaws.com",
    "ec2:RunInstances",
  ),
  passAndRun(
    "passrole-autoscaling-launch-configuration",
    "create a launch configuration with a powerful instance profile and a group that starts it",
    "ec2.amazonaws.com",
    "autoscaling:CreateLaunchConfiguration",
    "autoscaling:CreateAutoScalingGroup",
  ),
  passAndRun(
    "passrole-autoscaling-launch-template",
    "create a launch template with a powerful instance profile and a group that starts it",
    "ec2.amazonaws.com",
    "ec2:CreateLaunchTemplate",
    "autoscaling:CreateAutoScalingGroup",
  ),
  {
    // No PassRole: the group's instances keep the template's instance profile.
    id: "launch-template-new-default-version",
    actions: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
    how: "make a version with its own user data the default of a launch template an Auto Scaling group launches with a powerful profile",
  },
  passAndRun(
    "passrole-autoscaling-update-launch-template",
    "point an Auto Scaling group at a new launch template version with a powerful instance profile",
    "ec2.amazonaws.com",
    "ec2:CreateLaunchTemplateVersion",
    "autoscaling:UpdateAutoScalingGroup",
  ),
  passAndRun(
    "passrole-ec2-spot-instances",
    "request Spot Instances with a powerful instance profile",
    "ec2.amazonaws.com",
    "ec2:RequestSpotInstances",
  ),
  passAndRun(
    "passrole-ec2-spot-fleet",
    "request a Spot Fleet whose instances have a powerful instance profile",
    "ec2.amazonaws.com",
    "ec2:RequestSpotFleet",
  ),
  {
    id: "ec2-instance-connect",
    actions: ["ec2-instance-connect:SendSSHPublicKey"],
    how: "push its SSH key to an instance with a powerful profile and log in",
  },
  {
    id: "ssm-start-session",
    actions: ["ssm:StartSession"],
    how: "open a shell on an instance with a powerful profile",
  },
  {
    id: "ec2-user-data",
    actions: ["ec2:ModifyInstanceAttribute", "ec2:StopInstances", "ec2:StartInstances"],
    how: "rewrite the user data of an instance with a powerful profile and restart it to run it",
  },
  passAndRun(
    "passrole-lambda-invoke",
    "create a function with a powerful role and invoke it",
    "lambda.amazonaws.com",
    "lambda:CreateFunction",
    "lambda:InvokeFunction",
  ),
  passAndRun(
    "passrole-lambda-event-source",
    "create a function with a powerful role triggered by an event source",
    "lambda.amazonaws.com",
    "lambda:CreateFunction",
    "lambda:CreateEventSourceMapping",
  ),
  {
    id: "lambda-update-code",
    actions: ["lambda:UpdateFunctionCode"],
    how: "replace the code of a function that runs as a powerful role",
  },
  {
    id: "lambda-update-configuration",
    actions: ["lambda:UpdateFunctionConfiguration"],
    how: "attach a layer that overrides the libraries of a function that runs as a powerful role",
  },
  passAndRun(
    "passrole-glue-dev-endpoint",
    "create a Glue development endpoint with a powerful role and SSH into it",
    "glue.amazonaws.com",
    "glue:CreateDevEndpoint",
  ),
  {
    id: "glue-update-dev-endpoint",
    actions: ["glue:UpdateDevEndpoint"],
    how: "add its SSH key to an existing Glue endpoint with a powerful role",
  },
  passAndRun(
    "passrole-glue-job",
    "create and run a Glue job as a powerful role",
    "glue.amazonaws.com",
    "glue:CreateJob",
    "glue:StartJobRun",
  ),
  passAndRun(
    "passrole-glue-update-job",
    "give an existing Glue job a powerful role and run it",
    "glue.amazonaws.com",
    "glue:UpdateJob",
    "glue:StartJobRun",
  ),
  passAndRun(
    "passrole-glue-job-trigger",
    "create a Glue job as a powerful role and a trigger that starts it",
    "glue.amazonaws.com",
    "glue:CreateJob",
    "glue:CreateTrigger",
  ),
  passAndRun(
    "passrole-glue-update-job-trigger",
    "give an existing Glue job a powerful role and a trigger that starts it",
    "glue.amazonaws.com",
    "glue:UpdateJob",
    "glue:CreateTrigger",
  ),
  passAndRun(
    "passrole-glue-update-job-update-trigger",
    "give an existing Glue job a powerful role and point an existing trigger at it",
    "glue.amazonaws.com",
    "glue:UpdateJob",
    "glue:UpdateTrigger",
  ),
  passAndRun(
    "passrole-cloudformation",
    "create a stack that acts as a powerful role",
    "cloudformation.amazonaws.com",
    "cloudformation:CreateStack",
  ),
  passAndRun(
    "passrole-cloudformation-update",
    "update an existing stack to act as a powerful role",
    "cloudformation.amazonaws.com",
    "cloudformation:UpdateStack",
  ),
  passAndRun(
    "passrole-cloudformation-change-set",
    "create and execute a change set that acts as a powerful role",
    "cloudformation.amazonaws.com",
    "cloudformation:CreateChangeSet",
    "cloudformation:ExecuteChangeSet",
  ),
  {
    // No PassRole: the stack's existing service role carries out the update.
    id: "cloudformation-update-stack",
    actions: ["cloudformation:UpdateStack"],
    how: "update a stack whose service role is powerful to create what it wants",
  },
  {
    id: "cloudformation-change-set",
    actions: ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet"],
    how: "create and execute a change set on a stack whose service role is powerful",
  },
  passAndRun(
    "passrole-cloudformation-stack-set",
    "create a stack set administered by a powerful role and deploy its instances",
    "cloudformation.amazonaws.com",
    "cloudformation:CreateStackSet",
    "cloudformation:CreateStackInstances",
  ),
  passAndRun(
    "passrole-cloudformation-update-stack-set",
    "update a stack set to be administered by a powerful role",
    "cloudformation.amazonaws.com",
    "cloudformation:UpdateStackSet",
  ),
  passAndRun(
    "passrole-datapipeline",
    "create a data pipeline that runs commands as a powerful role",
    "datapipeline.amazonaws.com",
    "datapipeline:CreatePipeline",
    "datapipeline:PutPipelineDefinition",
  ),
  passAndRun(
    "passrole-codebuild",
    "create and start a build project running as a powerful role",
    "codebuild.amazonaws.com",
    "codebuild:CreateProject",
    "codebuild:StartBuild",
  ),
  passAndRun(
    "passrole-codebuild-update",
    "give an existing build project a powerful role and start it",
    "codebuild.amazonaws.com",
    "codebuild:UpdateProject",
    "codebuild:StartBuild",
  ),
  passAndRun(
    "passrole-ecs",
    "register a task definition with a powerful task role and run it",
    "ecs-tasks.amazonaws.com",
    "ecs:RegisterTaskDefinition",
    "ecs:RunTask",
  ),
  passAndRun(
    "passrole-ecs-service",
    "register a task definition with a powerful task role and start it as a service",
    "ecs-tasks.amazonaws.com",
    "ecs:RegisterTaskDefinition",
    "ecs:CreateService",
  ),
  passAndRun(
    "passrole-ecs-update-service",
    "register a task definition with a powerful task role and point a service at it",
    "ecs-tasks.amazonaws.com",
    "ecs:RegisterTaskDefinition",
    "ecs:UpdateService",
  ),
  {
    id: "ecs-execute-command",
    actions: ["ecs:ExecuteCommand"],
    how: "open a shell in a running task and act as its task role",
  },
  passAndRun(
    "passrole-codestar",
    "create a CodeStar project whose resources act as a powerful role",
    "codestar.amazonaws.com",
    "codestar:CreateProject",
  ),
  {
    // Undocumented and absent from the Service Authorization Reference; `codestar:*` grants it.
    id: "codestar-project-from-template",
    actions: [CODESTAR_UNDOCUMENTED],
    how: "create a project from a template, which runs as CodeStar's own powerful role",
  },
  {
    id: "codestar-associate-team-member",
    actions: ["codestar:CreateProject", "codestar:AssociateTeamMember"],
    how: "create a project and make itself its owner, with the project's IAM permissions",
  },
  passAndRun(
    "passrole-sagemaker-training",
    "start a training job whose code runs as a powerful role",
    "sagemaker.amazonaws.com",
    "sagemaker:CreateTrainingJob",
  ),
  passAndRun(
    "passrole-sagemaker-processing",
    "start a processing job whose code runs as a powerful role",
    "sagemaker.amazonaws.com",
    "sagemaker:CreateProcessingJob",
  ),
  passAndRun(
    "passrole-sagemaker-notebook",
    "create a notebook instance running as a powerful role and open it",
    "sagemaker.amazonaws.com",
    "sagemaker:CreateNotebookInstance",
    "sagemaker:CreatePresignedNotebookInstanceUrl",
  ),
  {
    id: "sagemaker-notebook-url",
    actions: ["sagemaker:CreatePresignedNotebookInstanceUrl"],
    how: "open an existing notebook instance and act as its role",
  },
  {
    id: "sagemaker-notebook-lifecycle",
    actions: [
      "sagemaker:CreateNotebookInstanceLifecycleConfig",
      "sagemaker:UpdateNotebookInstance",
      "sagemaker:StopNotebookInstance",
      "sagemaker:StartNotebookInstance",
    ],
    how: "give an existing notebook instance a lifecycle script and restart it to run the script as its role",
  },
  {
    id: "sagemaker-update-lifecycle-config",
    actions: [
      "sagemaker:UpdateNotebookInstanceLifecycleConfig",
      "sagemaker:StopNotebookInstance",
      "sagemaker:StartNotebookInstance",
    ],
    how: "rewrite the lifecycle script of a notebook instance and restart it to run the script as its role",
  },
  {
    id: "sagemaker-studio-url",
    actions: ["sagemaker:CreatePresignedDomainUrl"],
    how: "open SageMaker Studio as an existing user profile and act as its execution role",
  },
  passAndRun(
    "passrole-bedrock-agent",
    "create a Bedrock agent whose action groups run as a powerful role",
    "bedrock.amazonaws.com",
    "bedrock:CreateAgent",
  ),
  passAndRun(
    "passrole-bedrock-agentcore-code-interpreter",
    "create a code interpreter with a powerful execution role and run code in it",
    "bedrock-agentcore.amazonaws.com",
    "bedrock-agentcore:CreateCodeInterpreter",
    "bedrock-agentcore:StartCodeInterpreterSession",
    "bedrock-agentcore:InvokeCodeInterpreter",
  ),
  {
    id: "bedrock-agentcore-code-interpreter",
    actions: [
      "bedrock-agentcore:StartCodeInterpreterSession",
      "bedrock-agentcore:InvokeCodeInterpreter",
    ],
    how: "run code in an existing code interpreter whose execution role is powerful",
  },
  passAndRun(
    "passrole-ssm-automation",
    "run an Automation document as a powerful role",
    "ssm.amazonaws.com",
    "ssm:StartAutomationExecution",
  ),
  {
    id: "ssm-send-command",
    actions: ["ssm:SendCommand"],
    how: "run its own commands on instances whose profiles are more powerful",
  },
  passAndRun(
    "passrole-apprunner",
    "create an App Runner service running as a powerful role",
    "tasks.apprunner.amazonaws.com",
    "apprunner:CreateService",
  ),
];
