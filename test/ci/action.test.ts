import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "..", "..");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default: string }>;
  runs: { using: string; steps: Step[] };
}

// GitHub loads action.yml as YAML: a file the `yaml` package rejects, GitHub rejects too.
const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as Action;

/**
 * The Lint step's script and environment with the inputs filled in, as GitHub's
 * expression engine would: `${{ ... }}` is replaced by text wherever it stands.
 */
function lintStep(inputs: Record<string, string>): { script: string; env: Record<string, string> } {
  const step = action.runs.steps.find((s) => s.name === "Lint")!;
  const fill = (text: string) =>
    text.replace(/\$\{\{ inputs\.([a-z-]+) \}\}/g, (_, name: string) => {
      return inputs[name] ?? action.inputs[name]!.default;
    });
  return {
    script: fill(step.run!),
    env: Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, fill(v)])),
  };
}

describe("action.yml", () => {
  it("is a composite action whose steps lint to SARIF, upload it and then fail on findings", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(["paths", "fail-on", "config", "upload-sarif"]);
    const uses = action.runs.steps.map((s) => s.uses ?? s.name);
    expect(uses).toEqual([
      "actions/setup-node@v4",
      "Install leash",
      "Lint",
      "github/codeql-action/upload-sarif@v3",
      "Fail on new findings",
    ]);
    expect(action.runs.steps[3]!.with).toMatchObject({ sarif_file: "leash.sarif" });
  });

  it("accepts every input the README's example workflow passes", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = /```yaml\n(name: iam[\s\S]*?)```/.exec(readme)![1]!;
    const workflow = parse(block) as {
      permissions: Record<string, string>;
      jobs: { leash: { steps: Step[] } };
    };
    expect(workflow.permissions["security-events"]).toBe("write");
    const step = workflow.jobs.leash.steps.find((s) => s.uses?.startsWith("leash/"))!;
    for (const input of Object.keys(step.with ?? {})) expect(action.inputs).toHaveProperty(input);
  });

  it("is named in the README by the repository and the release tag of this version, not a branch", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      version: string;
    };
    const uses = [...readme.matchAll(/^\s*- uses: (leash\/\S+)$/gm)].map((m) => m[1]);
    expect(uses).toEqual([`leash/leash@v${version}`]);
  });

  it("passes inputs to its scripts through environment variables, never pasted into a line", () => {
    for (const step of action.runs.steps)
      expect(step.run ?? "", step.name ?? step.uses).not.toMatch(/\$\{\{/);
  });

  it("runs its Lint step: SARIF out, the lint's exit status kept for the last step", () => {
    const { workspace, result, status } = runLintStep({ paths: "iam/" });
    expect(result.status, result.stderr).toBe(0);
    const sarif = JSON.parse(readFileSync(join(workspace, "leash.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    // `*` on `*` is one aws/full-admin finding (the star-action and escalation findings it
    // implies are folded into it), at error severity: at or above the default `high`.
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual([
      "aws/full-admin",
    ]);
    expect(status()).toBe("status=1\n");
  });

  it("keeps inputs as data: quotes and `$(...)` run nothing, globs in paths still expand", () => {
    const hostile = runLintStep({
      paths: "iam/*.json",
      config: 'x"; touch pwned-config; "$(touch pwned-subst)',
      "fail-on": "high$(touch pwned-fail-on)",
    });
    expect(readdirSync(hostile.workspace).filter((f) => f.startsWith("pwned"))).toEqual([]);
    // The odd config name is read as a name: it does not exist, which stops the run.
    expect(hostile.status()).toBe("status=2\n");
    expect(hostile.result.stderr).toContain("unknown severity `high$(touch pwned-fail-on)`");
    const globbed = runLintStep({ paths: "iam/*.json" });
    expect(globbed.status()).toBe("status=1\n");
  });
});

/**
 * Runs the Lint step as GitHub runs it, in a fresh workspace holding one
 * admin policy, with the action's own checkout as GITHUB_ACTION_PATH (here
 * the CLI from source, through tsx).
 */
function runLintStep(inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), "leash-action-"));
  mkdirSync(join(workspace, "iam"));
  writeFileSync(
    join(workspace, "iam", "admin.json"),
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    }),
  );
  const actionPath = mkdtempSync(join(tmpdir(), "leash-action-path-"));
  mkdirSync(join(actionPath, "dist", "cli"), { recursive: true });
  writeFileSync(
    join(actionPath, "dist", "cli", "bin.js"),
    `import ${JSON.stringify(join(root, "src", "cli", "bin.ts"))};\n`,
  );
  const output = join(workspace, "github-output");
  const step = lintStep(inputs);
  const result = spawnSync("bash", ["-c", step.script], {
    cwd: workspace,
    encoding: "utf8",
    env: {
      ...process.env,
      ...step.env,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: output,
      NODE_OPTIONS: `--import ${import.meta.resolve("tsx")}`,
    },
  });
  return { workspace, result, status: () => readFileSync(output, "utf8") };
}
