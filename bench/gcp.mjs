// GCP engine benchmark (part of `npm run bench`): decisions per second on a
// fixed hierarchy read once (an organization, a folder, a project, 20
// buckets with conditional bindings, a deny policy and a principal access
// boundary), 20,000 requests of varied principals, permissions and objects.

import { readGcpCase } from "../dist/clouds/gcp/evaluate/case-input.js";
import { GcpEngine } from "../dist/clouds/gcp/evaluate/engine.js";
import { fromPlain } from "../dist/diagnostics/index.js";

const ORG = "//cloudresourcemanager.googleapis.com/organizations/456789012345";
const FOLDER = "//cloudresourcemanager.googleapis.com/folders/112233445566";
const PROJECT = "//cloudresourcemanager.googleapis.com/projects/acme-ml";
const teams = ["risk", "growth", "fraud", "search", "ads"];
const sa = (t) => `serviceAccount:${t}-train@acme-ml.iam.gserviceaccount.com`;
const bucket = (i) => `//storage.googleapis.com/projects/_/buckets/acme-data-${i}`;
const PERMISSIONS = [
  "storage.objects.get",
  "storage.objects.list",
  "storage.objects.create",
  "storage.objects.delete",
  "storage.buckets.get",
  "aiplatform.endpoints.predict",
  "aiplatform.customJobs.create",
  "artifactregistry.repositories.downloadArtifacts",
  "logging.logEntries.create",
  "secretmanager.versions.access",
];

function world(b) {
  const team = teams[b % teams.length];
  return [
    {
      resource: bucket(b),
      tags: { "456789012345/team": team },
      policy: {
        version: 3,
        bindings: [
          {
            role: "roles/storage.objectViewer",
            members: [sa(team), `group:${team}@acme.com`],
            condition: {
              title: "prefix",
              expression: `resource.name.startsWith("projects/_/buckets/acme-data-${b}/objects/${team}/")`,
            },
          },
          { role: "roles/storage.objectCreator", members: [sa(team)] },
          {
            role: "roles/storage.objectAdmin",
            members: ["group:admins@acme.com"],
            condition: {
              title: "until",
              expression: 'request.time < timestamp("2027-01-01T00:00:00Z")',
            },
          },
        ],
      },
    },
    {
      resource: PROJECT,
      policy: {
        version: 3,
        bindings: [
          { role: "roles/logging.logWriter", members: teams.map(sa) },
          { role: "roles/aiplatform.user", members: ["group:ml@acme.com"] },
          { role: "roles/viewer", members: ["domain:acme.com"] },
        ],
      },
    },
    {
      resource: FOLDER,
      policy: { bindings: [{ role: "roles/browser", members: ["group:ml@acme.com"] }] },
    },
    { resource: ORG },
  ];
}

function cases(n) {
  let seed = 7;
  const rand = (k) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const out = [];
  for (let i = 0; i < n; i++) {
    const b = rand(20);
    const team = teams[rand(teams.length)];
    out.push({
      request: {
        principal: sa(team),
        memberOf: [`group:${team}@acme.com`, ...(rand(4) === 0 ? ["group:ml@acme.com"] : [])],
        permission: PERMISSIONS[rand(PERMISSIONS.length)],
        resource: `${bucket(b)}/objects/${teams[rand(teams.length)]}/part-${rand(100)}.parquet`,
        time: "2026-06-01T12:00:00Z",
      },
      hierarchy: world(b),
      denyPolicies: [
        {
          attachmentPoint: PROJECT,
          rules: [
            {
              denyRule: {
                deniedPrincipals: ["principalSet://goog/public:all"],
                exceptionPrincipals: ["principalSet://goog/group/admins@acme.com"],
                deniedPermissions: ["storage.googleapis.com/objects.delete"],
                denialCondition: {
                  title: "prod",
                  expression: 'resource.matchTag("456789012345/team", "risk")',
                },
              },
            },
          ],
        },
      ],
      principalAccessBoundaries: [
        { enforcementVersion: "3", rules: [{ resources: [ORG], effect: "ALLOW" }] },
      ],
    });
  }
  return out;
}

export async function benchGcp() {
  const raw = cases(20_000);
  const parsed = raw.map((c) => {
    const r = readGcpCase(fromPlain(c, "bench"));
    if (!r.gcpCase) throw new Error(JSON.stringify(r.diagnostics));
    return r.gcpCase;
  });
  const engine = new GcpEngine();
  const counts = {};
  for (const c of parsed) {
    const r = engine.decide(c);
    counts[r.decision] = (counts[r.decision] ?? 0) + 1;
  }
  console.log(
    `\nGCP evaluation benchmark: ${parsed.length} requests, 20 buckets with conditional bindings, deny policy on tags, principal access boundary`,
  );
  console.log(`decisions: ${JSON.stringify(counts)}`);
  const rounds = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    for (const c of parsed) engine.decide(c);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    rounds.push(Math.round((parsed.length / ms) * 1000));
  }
  const median = [...rounds].sort((a, b) => a - b)[2];
  console.log(
    `decide and explain (read once) rounds: ${rounds.join(", ")} decisions/s; median ${median}`,
  );
  return median;
}
