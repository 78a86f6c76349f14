import type { AwsGeneration } from "../clouds/aws/generate/types.js";

/**
 * One file per GitHub Actions workflow, `github/<workload>.yml`. The workload
 * is reduced to a safe file name (no path separators), and a repeated name
 * gets a numeric suffix rather than overwriting an earlier file.
 */
export function renderGithubWorkflows(g: AwsGeneration): { file: string; content: string }[] {
  const used = new Set<string>();
  return g.githubWorkflows.map((w) => {
    const base = w.workload.replace(/[^A-Za-z0-9._-]/g, "-") || "workflow";
    let file = `github/${base}.yml`;
    for (let n = 2; used.has(file); n++) file = `github/${base}-${n}.yml`;
    used.add(file);
    return { file, content: w.yaml.endsWith("\n") ? w.yaml : `${w.yaml}\n` };
  });
}
