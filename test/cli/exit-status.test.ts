import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { writeWidePolicy } from "../support/wide-policy.js";

/**
 * `leash --help` promises an exit status per outcome; each command's help
 * promises its own. The two must agree, and each must be what the command
 * does: a script that tests `$?` after `leash simulate` was told that a
 * denied request exits 1, and it exits 0 (as AWS's simulate-principal-policy).
 */
const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "leash-exit-"));
const widePolicy = writeWidePolicy(dir);
const badSpec = join(dir, "bad.yaml");
writeFileSync(badSpec, "version: 1\nname: x\n");
const simulate = (action: string, resource: string) => [
  "simulate",
  "--policy",
  join(root, "examples", "simulate", "training-role.json"),
  "--action",
  action,
  "--resource",
  resource,
];

/** The top-level help's exit statuses, as `{0: "success ...", 1: "..."}`. */
async function topLevelStatuses(): Promise<Record<number, string>> {
  const help = (await run(["--help"])).stdout!;
  const section = help
    .slice(help.indexOf("Exit status:"))
    .replace(/\s+/g, " ")
    .split(/\.(?: |$)/)[0]!;
  return Object.fromEntries(
    [...section.matchAll(/(?:: |; )(\d+) (.*?)(?=; \d+ |$)/g)].map((m) => [Number(m[1]), m[2]!]),
  );
}

/** The statuses a command's own help names. */
async function ownStatuses(command: string): Promise<number[]> {
  const help = (await run([command, "--help"])).stdout!;
  const section = help.slice(help.indexOf("Exit status:")).split("\n\n")[0]!;
  return [...new Set([...section.matchAll(/\b(0|1|2)\b/g)].map((m) => Number(m[1])))].sort();
}

describe("exit statuses", () => {
  it.each([
    // DeleteBucket on the bucket itself: on an object ARN simulate now refuses the question.
    {
      given: "simulate, a request denied",
      argv: simulate("s3:DeleteBucket", "arn:aws:s3:::acme-ml-artifacts"),
      status: 0,
    },
    {
      given: "simulate, a request allowed",
      argv: simulate("s3:PutObject", "arn:aws:s3:::acme-ml-artifacts/fraud/models/model.tar.gz"),
      status: 0,
    },
    { given: "lint, a finding at --fail-on", argv: ["lint", widePolicy], status: 1 },
    { given: "generate, an invalid spec", argv: ["generate", badSpec], status: 2 },
    { given: "init, an unknown option", argv: ["init", "--nope"], status: 2 },
  ])("$given: exits $status, as both helps say", async ({ argv, status }) => {
    const command = argv[0]!;
    expect((await run(argv)).exitCode).toBe(status);
    expect(await ownStatuses(command)).toContain(status);
    expect(Object.keys(await topLevelStatuses())).toContain(String(status));
  });

  it("the top-level help names under 1 exactly the commands whose own help can exit 1", async () => {
    const one = (await topLevelStatuses())[1]!;
    for (const command of ["init", "generate", "lint", "simulate"]) {
      const exitsOne = (await ownStatuses(command)).includes(1);
      expect(one.includes(command), `${command}: ${one}`).toBe(exitsOne);
    }
    // A denied request is simulate's answer, not a failed check.
    expect(one).not.toMatch(/denied/);
  });

  it("says simulate exits 0 whatever it decides", async () => {
    const help = (await run(["--help"])).stdout!.replace(/\s+/g, " ");
    expect(help).toContain("simulate exits 0 whatever it decides, allowed or denied");
  });
});
