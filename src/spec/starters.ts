/**
 * Commented starter specs for `leash init`, one per scenario. Each is a
 * complete spec that validates and generates with a clean self-check (tested).
 */
export const STARTERS = {
  training: `# yaml-language-server: $schema=https://unpkg.com/leash-iam/schema/leash.schema.json
# A SageMaker training job. Edit the names, then run: leash generate leash.yaml
version: 1
name: my-training
targets:
  aws:
    account: "111122223333"   # your AWS account id
    region: us-east-1
resources:
  datasets:                   # what the job reads
    type: s3-prefix
    uri: s3://my-ml-datasets/project/v1/
  artifacts:                  # where it writes model artifacts
    type: s3-prefix
    uri: s3://my-ml-artifacts/project/models/
  train-image:
    type: ecr-repository
    name: project-train
  training-logs:
    type: log-group
    name: /aws/sagemaker/TrainingJobs
workloads:
  train:
    kind: training-job
    needs:                    # verb: resource; each becomes exactly the actions it takes
      - read: datasets
      - write: artifacts
      - pull: train-image
      - log: training-logs
    network: isolated         # the job gets no network access (sagemaker:NetworkIsolation)
`,
  pipeline: `# yaml-language-server: $schema=https://unpkg.com/leash-iam/schema/leash.schema.json
# A GitHub Actions pipeline that starts SageMaker training jobs as a training role.
version: 1
name: my-pipeline
targets:
  aws:
    account: "111122223333"
    region: us-east-1
resources:
  jobs:
    type: sagemaker-training-job
    name: project-*           # the pipeline may only start jobs named like this
  datasets:
    type: s3-prefix
    uri: s3://my-ml-datasets/project/
  artifacts:                  # where the jobs save their models
    type: s3-prefix
    uri: s3://my-ml-artifacts/project/models/
workloads:
  train:
    kind: ci-stage
    identity:
      github: {repo: my-org/my-repo, branch: main}   # or environment: prod
    needs:
      - start: jobs
        as: training          # the jobs run as this workload's role (iam:PassRole, only to SageMaker)
  training:
    kind: training-job
    needs:
      - read: datasets
      - write: artifacts
    network: isolated
`,
  inference: `# yaml-language-server: $schema=https://unpkg.com/leash-iam/schema/leash.schema.json
# A Lambda function that calls a SageMaker endpoint; it may never write data or change IAM.
version: 1
name: my-inference
targets:
  aws:
    account: "111122223333"
    region: us-east-1
resources:
  endpoint:
    type: sagemaker-endpoint
    name: project-prod
  scorer-logs:
    type: log-group
    name: /aws/lambda/project-scorer
workloads:
  scorer:
    kind: inference-function
    needs:
      - invoke: endpoint
      - log: scorer-logs
`,
  "multi-tenant": `# yaml-language-server: $schema=https://unpkg.com/leash-iam/schema/leash.schema.json
# Two teams in one account: team tags, permission boundaries, ABAC and platform SCPs.
version: 1
name: my-platform
targets:
  aws:
    account: "111122223333"
    region: us-east-1
platform:
  tagKey: team
  guardrails:
    regions: [us-east-1]
resources:
  alpha-data: {type: s3-prefix, uri: s3://my-ml-datasets/alpha/, team: alpha}
  beta-data: {type: s3-prefix, uri: s3://my-ml-datasets/beta/, team: beta}
  alpha-models: {type: s3-prefix, uri: s3://my-ml-artifacts/alpha/, team: alpha}
  beta-models: {type: s3-prefix, uri: s3://my-ml-artifacts/beta/, team: beta}
workloads:
  alpha-train:
    kind: training-job
    team: alpha
    needs: [{read: alpha-data}, {write: alpha-models}]
    network: isolated
  beta-train:
    kind: training-job
    team: beta
    needs: [{read: beta-data}, {write: beta-models}]
    network: isolated
teams:
  alpha: {}
  beta: {}
`,
} as const;

export type Scenario = keyof typeof STARTERS;
export const SCENARIOS = Object.keys(STARTERS) as Scenario[];
