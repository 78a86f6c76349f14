// The generator's self-check on a fixed 20-workload spec (issue #3 target:
// under 2 seconds), run as part of `npm run bench` after the engine benchmark.
import { generateAws, loadSpec } from "../dist/index.js";

/** 5 teams x 4 workloads (train, serve, pipeline, scorer), each with its own data and endpoints. */
export function twentyWorkloadSpec() {
  const teams = ["risk", "growth", "search", "ads", "fraud"];
  const lines = [
    "version: 1",
    "name: bench",
    "targets:",
    '  aws: {account: "111122223333", region: us-east-1}',
    "platform:",
    "  guardrails: {regions: [us-east-1]}",
    "resources:",
    "  image: {type: ecr-repository, name: ml-train}",
    "  logs: {type: log-group, name: /aws/sagemaker/TrainingJobs}",
    "  key: {type: kms-key, arn: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab}",
  ];
  for (const t of teams) {
    lines.push(
      `  ${t}-data: {type: s3-prefix, uri: s3://acme-ml-datasets/${t}/, team: ${t}}`,
      `  ${t}-models: {type: s3-prefix, uri: s3://acme-ml-artifacts/${t}/, team: ${t}}`,
      `  ${t}-jobs: {type: sagemaker-training-job, name: ${t}-*, team: ${t}}`,
      `  ${t}-endpoint: {type: sagemaker-endpoint, name: ${t}-prod, team: ${t}}`,
      `  ${t}-secret: {type: secret, name: ml/${t}, team: ${t}}`,
    );
  }
  lines.push("workloads:");
  for (const t of teams) {
    lines.push(
      `  ${t}-train: {kind: training-job, team: ${t}, network: isolated, encryption: {kmsKey: key}, needs: [{read: ${t}-data}, {write: ${t}-models}, {pull: image}, {log: logs}]}`,
      `  ${t}-serve: {kind: serving-endpoint, team: ${t}, network: isolated, needs: [{read: ${t}-models}, {pull: image}]}`,
      `  ${t}-pipeline: {kind: ci-stage, team: ${t}, identity: {github: {repo: acme/${t}, branch: main}}, needs: [{start: ${t}-jobs, as: ${t}-train}, {deploy: ${t}-endpoint, as: ${t}-serve}]}`,
      `  ${t}-scorer: {kind: inference-function, team: ${t}, needs: [{invoke: ${t}-endpoint}, {read: ${t}-secret}, {log: logs}]}`,
    );
  }
  lines.push("teams:", ...teams.map((t) => `  ${t}: {}`));
  return `${lines.join("\n")}\n`;
}

export function benchGenerate() {
  const { spec, diagnostics } = loadSpec(twentyWorkloadSpec(), "bench.yaml");
  if (!spec) throw new Error(JSON.stringify(diagnostics));
  const times = [];
  let last;
  // The first run includes loading the whole catalog (~456 service files); it is reported too.
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    last = generateAws(spec);
    times.push(performance.now() - t0);
  }
  const g = last.generation;
  const denied = g.selfCheck.roles.reduce((n, r) => n + r.otherActionsDenied, 0);
  console.log(
    `\ngenerate + self-check, ${Object.keys(spec.workloads).length} workloads (${g.selfCheck.catalogActions} catalog actions x ${g.selfCheck.probeResources} probe resources):`,
  );
  console.log(
    `  cold (catalog loaded in the same run): ${times[0].toFixed(0)} ms; warm: ${times[1].toFixed(0)} ms, ${times[2].toFixed(0)} ms`,
  );
  console.log(
    `  self-check ok: ${g.selfCheck.ok}; ${denied.toLocaleString("en-US")} role x action denials proven`,
  );
  console.log(`  target: under 2,000 ms; cold run is ${(2000 / times[0]).toFixed(1)}x under it`);
}
