import { describe, expect, it } from "vitest";
import { leashProcess } from "./support/cli-process.js";

/**
 * `simulate --cases --threads N` answers in worker threads; its output must be
 * the one-thread output, byte for byte: same order, same positions, same
 * errors, the same exit status.
 */
const ip = (i: number) => (i % 3 === 0 ? "203.0.113.7" : "10.1.2.3");
const caseLine = (i: number) => {
  // Sets repeat in runs and at a distance; every seventh line is wrong in some way.
  const set = i % 5;
  const policy = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: set === 4 ? "Deny" : "Allow",
        Action: ["s3:GetObject", "s3:List*"],
        Resource: `arn:aws:s3:::data-${set}/*`,
        Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      },
    ],
  };
  const request = {
    principal: "arn:aws:iam::111122223333:role/train",
    action: i % 7 === 0 ? "s3:GetObjectt" : "s3:GetObject",
    resource: `arn:aws:s3:::data-${set}/k${i}`,
    context: { "aws:SourceIp": ip(i), "aws:CurrentTime": "2026-06-01T12:00:00Z" },
  };
  return JSON.stringify(
    i % 2
      ? { id: i, request, identityPolicies: [policy] }
      : { identityPolicies: [policy], request, id: `n${i}` },
  );
};

describe("leash simulate --cases --threads", () => {
  it("writes what one thread writes, in order, with the same exit status", () => {
    // 450 lines: at least 100 a chunk, so three threads share five chunks.
    const input = `${Array.from({ length: 450 }, (_, i) => caseLine(i)).join("\n")}\n{"id": "broken"\n`;
    const one = leashProcess(["simulate", "--cases", "-", "--threads", "1"], { input });
    const three = leashProcess(["simulate", "--cases", "-", "--threads", "3"], { input });
    expect(one.stderr).toBe("");
    expect(one.status).toBe(2);
    const lines = one.stdout.trim().split("\n");
    expect(lines).toHaveLength(451);
    expect(lines.filter((l) => l.includes('"decision"'))).toHaveLength(450 - 65);
    expect(three.stdout).toBe(one.stdout);
    expect(three.status).toBe(one.status);
    expect(three.stderr).toBe(one.stderr);
  });

  it.each([["0"], ["two"], ["1.5"], ["65"]])("refuses --threads %s", (n) => {
    const r = leashProcess(["simulate", "--cases", "-", "--threads", n], { input: "{}" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--threads takes a whole number");
  });

  it("refuses --threads without --cases", () => {
    const r = leashProcess(["simulate", "--threads", "2", "--action", "s3:GetObject"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--threads goes with --cases");
  });
});
