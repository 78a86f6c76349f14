import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { generationContext } from "../../src/clouds/aws/generate/context.js";
import {
  branchFilter,
  githubLiteral,
  githubSnippet,
} from "../../src/clouds/aws/generate/github.js";
import { PINNED_ACTIONS } from "../../src/clouds/aws/generate/knowledge/pinned-actions.js";
import { awsView, loadSpec } from "../../src/spec/index.js";

/**
 * GitHub workflows are complete (a trigger, `permissions` with `id-token:
 * write` and `contents: read`), pin every action to a commit SHA with its tag
 * in a comment, and quote what they take from the spec so that it reads back
 * exactly, whatever the branch or environment is called.
 */

interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<
    string,
    {
      "runs-on": string;
      environment?: string;
      steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
    }
  >;
}

/** A spec whose one CI workload has this GitHub identity. */
function specText(identity: Record<string, string>): string {
  return JSON.stringify({
    version: 1,
    name: "acme",
    targets: { aws: { account: "111122223333", region: "eu-west-1" } },
    resources: { data: { type: "s3-prefix", uri: "s3://acme-data/x/" } },
    workloads: {
      deploy: {
        kind: "ci-stage",
        identity: { github: { repo: "acme/ml", ...identity } },
        needs: [{ read: "data" }],
      },
    },
  });
}

function workflowOf(identity: Record<string, string>) {
  const { spec, diagnostics } = loadSpec(specText(identity), "acme.yaml");
  expect(diagnostics).toEqual([]);
  const snippet = githubSnippet(
    generationContext(awsView(spec!).spec!),
    "deploy",
    spec!.workloads.deploy!,
  )!;
  const doc = parseDocument(snippet.yaml);
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return { text: snippet.yaml, workflow: doc.toJS() as Workflow };
}

/** Checks a workflow is complete and runs only pinned actions. */
function expectComplete(text: string, workflow: Workflow): void {
  expect(Object.keys(workflow.on).length).toBeGreaterThan(0);
  expect(workflow.permissions).toEqual({ "id-token": "write", contents: "read" });
  const pins = Object.values(PINNED_ACTIONS);
  const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => s.uses ?? []));
  expect(uses.length).toBeGreaterThan(0);
  for (const u of uses) {
    const pin = pins.find((p) => u === `${p.repository}@${p.sha}`);
    expect(pin, `${u} is pinned`).toBeDefined();
    expect(text).toContain(`uses: ${u} # ${pin!.tag}\n`);
  }
}

const AWKWARD = [
  "main",
  "*",
  "release/*",
  "feature/[x]+?",
  "!negated",
  "it's",
  'say "hi"',
  "# not a comment",
  "- not a list",
  "yes",
  "007",
  "a: b",
  "ünïcødé",
];

/**
 * Names the spec refuses where it is written (control characters, and `${`, which IAM
 * would read as a policy variable in the trust policy): they never reach a workflow.
 * githubLiteral still escapes `${{` for a spec built in code.
 */
const REFUSED = ["line\nbreak: injected", "x\n  evil: true", "${{ secrets.TOKEN }}", "tab\there"];

describe("GitHub workflows quote what they take from the spec", () => {
  it.each(AWKWARD)("environment %j reads back exactly", (environment) => {
    const { text, workflow } = workflowOf({ environment });
    expectComplete(text, workflow);
    expect(workflow.on).toEqual({ workflow_dispatch: null });
    expect(Object.keys(workflow.jobs)).toEqual(["deploy"]);
    expect(workflow.jobs.deploy!.environment).toBe(githubLiteral(environment));
  });

  it.each(AWKWARD)("branch %j reads back exactly", (branch) => {
    const { text, workflow } = workflowOf({ branch });
    expectComplete(text, workflow);
    expect(workflow.on).toEqual({ push: { branches: [branchFilter(branch)] } });
    expect(Object.keys(workflow.jobs)).toEqual(["deploy"]);
    expect(workflow.jobs.deploy!.environment).toBeUndefined();
  });

  it.each(
    REFUSED.flatMap((name) => [
      ["environment", name],
      ["branch", name],
    ]),
  )("%s %j is refused by the spec, at its place", (field, name) => {
    const { spec, diagnostics } = loadSpec(specText({ [field]: name }), "acme.yaml");
    expect(spec).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.location?.pointer])).toEqual([
      ["spec/invalid-name", `/workloads/deploy/identity/github/${field}`],
    ]);
  });

  it.each([
    ["main", "main"],
    ["release/*", "release/\\*"],
    ["feature/[x]+?", "feature/\\[x\\]\\+\\?"],
    ["!negated", "\\!negated"],
    ["a\\b", "a\\\\b"],
  ])("branch %j is the filter %j, which matches only that branch", (branch, filter) => {
    expect(branchFilter(branch)).toBe(filter);
  });

  it.each([
    ["prod", "prod"],
    ["${{ secrets.TOKEN }}", "${{ '${{' }} secrets.TOKEN }}"],
    ["a${{b${{", "a${{ '${{' }}b${{ '${{' }}"],
  ])("environment %j is written %j, which GitHub evaluates to the name itself", (name, text) => {
    expect(githubLiteral(name)).toBe(text);
  });

  it("assumes the role in the target region", () => {
    const { workflow } = workflowOf({ branch: "main" });
    const configure = workflow.jobs.deploy!.steps.find((s) =>
      s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
    );
    expect(configure?.with).toEqual({
      "role-to-assume": "arn:aws:iam::111122223333:role/acme-deploy",
      "aws-region": "eu-west-1",
    });
  });
});

describe("pinned actions", () => {
  it.each(Object.entries(PINNED_ACTIONS))("%s is a full commit SHA with a release tag", (_, p) => {
    expect(p.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(p.tag).toMatch(/^v\d+\.\d+\.\d+$/);
    expect(p.repository).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
  });
});

describe("every committed example workflow", () => {
  const root = join(import.meta.dirname, "..", "..", "examples");
  const files = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => /expected[\\/]github[\\/][^\\/]+\.yml$/.test(f))
    .sort();

  it("exists", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s is a complete workflow with pinned actions", (file) => {
    const text = readFileSync(join(root, file), "utf8");
    expectComplete(text, parse(text) as Workflow);
  });
});
