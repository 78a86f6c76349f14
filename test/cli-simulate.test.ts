import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../src/cli/main.js";
import { tempFiles } from "./support/temp-files.js";

const { file } = tempFiles("leash-cli-");

const readData = file("read.json", {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" },
  ],
});
const policy = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }],
};
/** A statement whose condition value draws a warning: an IPv6 zone id never matches. */
const zoneIdStatement = {
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: "*",
  Condition: { IpAddress: { "aws:SourceIp": "fe80::%eth0" } },
};
const request = (action: string) => ({
  principal: "arn:aws:iam::111122223333:user/alice",
  action,
  resource: "arn:aws:s3:::data/a",
});

/** Runs the CLI in a child process with standard input, as a user's shell would. */
function leash(args: string[], input?: string) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "..", "src", "cli", "bin.ts"), ...args],
    { input, encoding: "utf8" },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("leash simulate, one request", () => {
  it("prints the decision and the deciding statement", async () => {
    const r = await run([
      "simulate",
      "--policy",
      readData,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
      "--principal",
      "arn:aws:iam::111122223333:user/alice",
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Allowed: s3:GetObject on arn:aws:s3:::data/a");
    expect(r.stdout).toMatch(/Allow identity .*read\.json statement Read \(4:5\): applies/);
  });

  it("prints JSON with the explanation and the catalog version", async () => {
    const r = await run([
      "simulate",
      "--policy",
      readData,
      "--action",
      "s3:PutObject",
      "--resource",
      "arn:aws:s3:::data/a",
      "--format",
      "json",
    ]);
    const out = JSON.parse(r.stdout ?? "");
    expect(out.decision).toBe("ImplicitlyDenied");
    expect(out.explanation.blockedBy).toBe("identity");
    expect(out.explanation.catalogVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("reports a broken policy file at line:column with exit status 2", async () => {
    const bad = file(
      "bad.json",
      '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]\n}',
    );
    const r = await run([
      "simulate",
      "--policy",
      bad,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(
      `${bad}:3:17 (/Statement/0): error aws-policy/missing-element: the statement has neither \`Resource\` nor \`NotResource\``,
    );
  });

  it("takes a context key `__proto__` as a key like any other (it crashed)", async () => {
    const r = await run([
      "simulate",
      "--policy",
      readData,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
      "--context",
      "__proto__=abc",
      "--context",
      "constructor=abc",
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Allowed/);
  });

  it("reads multi-valued context keys", async () => {
    const tags = file("tags.json", {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } },
        },
      ],
    });
    const yes = await run([
      "simulate",
      "--policy",
      tags,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
      "--context",
      "aws:TagKeys=a",
      "--context",
      "aws:TagKeys=b",
    ]);
    const no = await run([
      "simulate",
      "--policy",
      tags,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
      "--context",
      'aws:TagKeys=["a","c"]',
    ]);
    expect(yes.stdout).toMatch(/^Allowed/);
    expect(no.stdout).toMatch(/^ImplicitlyDenied/);
  });

  it("rejects an unknown option with the usage", async () => {
    const r = await run(["simulate", "--polcy", "x"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("leash simulate");
  });
});

describe("leash simulate --cases (JSON Lines)", () => {
  it("answers every line in order, and an invalid line with an error without stopping", () => {
    const lines = [
      JSON.stringify({ id: 1, request: request("s3:GetObject"), identityPolicies: [policy] }),
      "not json",
      JSON.stringify({
        id: "three",
        request: request("s3:GetObject"),
        identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow" }] }],
      }),
      "",
      JSON.stringify({
        id: 4,
        request: request("s3:PutObject"),
        identityPolicies: [policy],
        scps: null,
      }),
    ].join("\n");
    const r = leash(["simulate", "--cases", "-"], lines);
    // Every line answered, and exit status 2: two lines could not be decided.
    expect(r.status).toBe(2);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([1, null, "three", 4]);
    expect(out[0].decision).toBe("Allowed");
    expect(out[0].explanation.deciding[0].statement).toBe("#0");
    expect(out[1].error.diagnostics[0]).toMatchObject({
      code: "json/syntax",
      location: { line: 2 },
    });
    expect(
      out[2].error.diagnostics.map((d: { code: string; location: { pointer: string } }) => [
        d.code,
        d.location.pointer,
      ]),
    ).toEqual([
      ["aws-policy/missing-element", "/identityPolicies/0/Statement/0"],
      ["aws-policy/missing-element", "/identityPolicies/0/Statement/0"],
    ]);
    expect(out[3].decision).toBe("ImplicitlyDenied");
  });

  it("names each line's own statements when lines repeat a policy set", () => {
    // Lines with the same policies share one compiled engine; its explanations once gave
    // the first such line's positions for every later line.
    const line = (id: number, r: object) =>
      JSON.stringify({ id, request: r, identityPolicies: [policy] });
    const lines = [
      line(1, request("s3:GetObject")),
      "",
      line(3, request("s3:GetObject")),
      JSON.stringify({ id: 4, identityPolicies: [policy] }),
    ].join("\n");
    const out = leash(["simulate", "--cases", "-"], lines)
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out[0].explanation.deciding[0].line).toBe(1);
    expect(out[1].explanation.deciding[0]).toMatchObject({
      line: 3,
      column: out[0].explanation.deciding[0].column,
    });
    // A line whose policies were compiled before still needs its own request.
    expect(out[2].error.diagnostics[0]).toMatchObject({
      code: "aws-input/missing-key",
      location: { line: 4 },
    });
  });

  it("refuses a batch with no line at all (it printed nothing and exited 0)", () => {
    for (const input of ["", "\n  \n"]) {
      const r = leash(["simulate", "--cases", "-"], input);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("input/empty-batch");
    }
    const set = file("set.json", { identityPolicies: [policy] });
    const r = leash(["simulate", "--policy-set", set, "--requests", "-"], "");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("holds no requests");
  });

  it("reads a repeated resourcePolicy as its own line's request says: trust or resource", () => {
    // The request decides whether resourcePolicy is a trust policy; the engine cache once
    // reused the first line's reading for a later line asking another kind of question.
    const trust = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:root" },
          Action: "sts:AssumeRole",
        },
      ],
    };
    const line = (id: number, action: string, resource: string) =>
      JSON.stringify({
        id,
        identityPolicies: [policy],
        resourcePolicy: trust,
        request: { principal: "arn:aws:iam::111122223333:role/caller", action, resource },
      });
    const r = leash(
      ["simulate", "--cases", "-"],
      [
        line(1, "sts:AssumeRole", "arn:aws:iam::111122223333:role/target"),
        line(2, "s3:GetObject", "arn:aws:s3:::b/k"),
      ].join("\n"),
    );
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out[0].decision).toBeDefined();
    // As a resource policy, a statement without Resource is invalid, as it is alone.
    expect(out[1].error.diagnostics[0]).toMatchObject({ code: "aws-policy/missing-element" });
    expect(r.status).toBe(2);
  });

  it("answers a line that is not an object as it would alone, after a line with no policies", () => {
    // Both lines once shared the empty cache key: the second line lost its own error.
    const set = JSON.stringify({ request: request("s3:GetObject") });
    const alone = JSON.parse(leash(["simulate", "--cases", "-"], "\n[1]").stdout);
    expect(alone.error.diagnostics[0].code).toBe("aws-input/wrong-type");
    const out = leash(["simulate", "--cases", "-"], `${set}\n[1]`).stdout.trim().split("\n");
    expect(JSON.parse(out[1]!)).toEqual(alone);
  });

  it("never answers a line from another line's policies when a lone carriage return moves columns", () => {
    // The reader starts a new line at a lone CR, so columns stopped being offsets and two
    // different policy sets once shared a cache key: the Deny line was answered Allowed.
    const line = (effect: string) =>
      `{"identityPolicies":[{"Version":"2012-10-17","Statement":[{"Effect":"${effect}","Action":"s3:GetObject","Resource":"*"}]}],\r"request":${JSON.stringify(request("s3:GetObject"))}}`;
    const out = leash(["simulate", "--cases", "-"], `${line("Allow")}\n${line("Deny")}`)
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.decision)).toEqual(["Allowed", "ExplicitlyDenied"]);
  });

  it("gives a line with a carriage return inside its policies the positions it has alone", () => {
    // A lone CR inside the last member: the reader starts a line there, and the cached
    // set's columns were once moved by the other line's longer id.
    const p = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { NumericLessThan: { "s3:max-keys": "abc" } },
        },
      ],
    };
    const r = JSON.stringify(request("s3:GetObject"));
    const line = (id: string) =>
      `{"id":"${id}","request":${r},"identityPolicies":[\r${JSON.stringify(p)}]}`;
    const positions = (text: string) => {
      const a = JSON.parse(
        leash(["simulate", "--cases", "-"], text).stdout.trim().split("\n").at(-1)!,
      );
      return {
        deciding: a.explanation.deciding.map((t: { line: number; column: number }) => [
          t.line,
          t.column,
        ]),
        warnings: a.warnings.map((w: { location: { line: number; column: number } }) => [
          w.location.line,
          w.location.column,
        ]),
      };
    };
    const alone = positions(`\n${line("abcdef")}`);
    expect(alone.warnings).toHaveLength(1);
    expect(positions(`${line("a")}\n${line("abcdef")}`)).toEqual(alone);
  });

  it("names every policy and points at every problem by its JSON pointer", () => {
    // Lines are read without pointers until they have something to report: the policy names
    // in traces are written out, and a line with a problem is read again with pointers.
    const allow = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
    };
    const warned = { Version: "2012-10-17", Statement: [zoneIdStatement] };
    const lines = [
      {
        id: 1,
        request: request("s3:GetObject"),
        identityPolicies: [allow],
        scps: [[allow], [allow, allow]],
      },
      { id: 2, request: request("s3:GetObject"), identityPolicies: [allow, warned] },
      { id: 3, request: request("s3:GetObjectt"), identityPolicies: [allow] },
    ].map((l) => JSON.stringify(l));
    const out = leash(["simulate", "--cases", "-"], lines.join("\n"))
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const policies = (o: { explanation: { deciding: { policy: string }[] } }) =>
      o.explanation.deciding.map((t) => t.policy);
    expect(policies(out[0])).toEqual([
      "/scps/0/0",
      "/scps/1/0",
      "/scps/1/1",
      "/identityPolicies/0",
    ]);
    expect(out[1].warnings[0].location.pointer).toBe(
      "/identityPolicies/1/Statement/0/Condition/IpAddress/aws:SourceIp",
    );
    expect(out[2].error.diagnostics[0].location.pointer).toBe("/request/action");
  });

  it("gives a repeated policy set the positions and warnings its own line has", () => {
    // The same policies after an id of another length, and in another member order: the
    // cached engine's columns once stayed those of the first line. A decided line also
    // carries its policies' warnings (an IPv6 zone id, which never matches).
    const policies = {
      identityPolicies: [
        {
          Version: "2012-10-17",
          Statement: [zoneIdStatement, { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
        },
      ],
    };
    const first = JSON.stringify({ id: 1, request: request("s3:GetObject"), ...policies });
    const second = JSON.stringify({ ...policies, id: 123456789, request: request("s3:GetObject") });
    const answer = (text: string) => JSON.parse(leash(["simulate", "--cases", "-"], text).stdout);
    const positions = (a: {
      explanation: { deciding: { line: number; column: number }[] };
      warnings: { code: string; location: { line: number; column: number } }[];
    }) => ({
      deciding: a.explanation.deciding.map((t) => [t.line, t.column]),
      warnings: a.warnings.map((w) => [w.code, w.location.line, w.location.column]),
    });
    const alone = positions(answer(second));
    expect(alone.warnings).toEqual([["aws-policy/invalid-condition-value", 1, expect.any(Number)]]);
    const batch = leash(["simulate", "--cases", "-"], `${first}\n${second}`)
      .stdout.trim()
      .split("\n")
      .map((l) => positions(JSON.parse(l)));
    expect(batch[1]).toEqual({
      deciding: alone.deciding.map(([, column]) => [2, column]),
      warnings: alone.warnings.map(([code, , column]) => [code, 2, column]),
    });
    expect(batch[0]!.deciding[0]![1]).not.toBe(alone.deciding[0]![1]);
  });
});

describe("leash simulate refuses what it cannot evaluate faithfully", () => {
  it("reports duplicate keys and keeps number text in --cases, as for policy files", () => {
    const line = `{"id": 1, "request": ${JSON.stringify(request("s3:GetObject"))}, "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}]}`;
    const out = JSON.parse(leash(["simulate", "--cases", "-"], line).stdout);
    expect(out.error.diagnostics[0]).toMatchObject({
      code: "aws-policy/duplicate-key",
      location: { pointer: "/identityPolicies/0/Statement/0/Effect", line: 1 },
    });
  });

  it("answers a deeply nested line with a diagnostic and goes on", () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const ok = JSON.stringify({
      id: 2,
      request: request("s3:GetObject"),
      identityPolicies: [policy],
    });
    const r = leash(["simulate", "--cases", "-"], `${deep}\n${ok}`);
    expect(r.status).toBe(2);
    const [first, second] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(first.error.diagnostics[0].message).toBe("JSON nested deeper than 256 levels");
    expect(second.decision).toBe("Allowed");
  });

  it("rejects a boundary file holding two policies", async () => {
    const two = file("two.json", [policy, policy]);
    const r = await run([
      "simulate",
      "--policy",
      readData,
      "--boundary",
      two,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("cli/one-policy-expected");
  });

  it("rejects an organization with no levels", () => {
    const line = JSON.stringify({
      id: 3,
      request: request("s3:GetObject"),
      identityPolicies: [policy],
      scps: [],
    });
    const out = JSON.parse(leash(["simulate", "--cases", "-"], line).stdout);
    expect(out.error.diagnostics[0]).toMatchObject({
      code: "aws-input/empty-element",
      location: { pointer: "/scps" },
    });
  });

  it("exits quietly when the reader stops early", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ id: i, request: request("s3:GetObject"), identityPolicies: [policy] }),
    ).join("\n");
    const r = spawnSync(
      "bash",
      [
        "-c",
        `node --import tsx ${join(import.meta.dirname, "..", "src", "cli", "bin.ts")} simulate --cases - | head -n 1; exit \${PIPESTATUS[0]}`,
      ],
      { input: many, encoding: "utf8" },
    );
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.status).toBe(0);
  });
});

describe("leash simulate --policy-set --requests", () => {
  it("reads a role trust policy from a set without a request", () => {
    const set = file("trust-set.json", {
      identityPolicies: [],
      resourcePolicy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "sagemaker.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      },
    });
    const line = JSON.stringify({
      principal: "sagemaker.amazonaws.com",
      action: "sts:AssumeRole",
      resource: "arn:aws:iam::111122223333:role/train",
    });
    const r = leash(["simulate", "--policy-set", set, "--requests", "-"], line);
    expect(JSON.parse(r.stdout)).toEqual({ id: null, decision: "Allowed" });
  });

  it("says the set's warnings on stderr and each request's warnings with its answer (both were dropped)", () => {
    const set = file("warned-set.json", {
      identityPolicies: [
        {
          Version: "2012-10-17",
          Statement: [zoneIdStatement, { Effect: "Allow", Action: "s3:*", Resource: "*" }],
        },
      ],
    });
    const lines = [request("s3:GetObject"), { id: "new", ...request("s3:BrandNewAction") }]
      .map((l) => JSON.stringify(l))
      .join("\n");
    for (const explain of [[], ["--explain"]]) {
      const r = leash(
        ["simulate", "--policy-set", set, "--requests", "-", "--allow-unknown-actions", ...explain],
        lines,
      );
      expect(r.status).toBe(0);
      expect(r.stderr).toContain("aws-policy/invalid-condition-value");
      const [plain, unknown] = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(plain.warnings).toBeUndefined();
      expect(unknown.decision).toBe("Allowed");
      expect(unknown.warnings.map((w: { code: string }) => w.code)).toEqual([
        "aws-request/unknown-action",
      ]);
    }
  });

  it("decides many requests against one compiled set", () => {
    const set = file("set.json", { identityPolicies: [policy], permissionBoundary: null });
    const requests = [
      request("s3:GetObject"),
      { id: "x", ...request("s3:PutObject") },
      { principal: "nobody", action: "s3:GetObject", resource: "*" },
    ]
      .map((x) => JSON.stringify(x))
      .join("\n");
    const r = leash(["simulate", "--policy-set", set, "--requests", "-"], requests);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toEqual([
      { id: null, decision: "Allowed" },
      { id: "x", decision: "ImplicitlyDenied" },
      {
        id: null,
        error: {
          diagnostics: [expect.objectContaining({ code: "aws-request/invalid-principal" })],
        },
      },
    ]);
  });
});

describe("leash simulate --policy aws.json#ROLE (a role out of leash generate's output)", () => {
  // Two teams; each role has an inline policy, the team's boundary and a `team` tag.
  const awsJson = join(
    import.meta.dirname,
    "..",
    "examples",
    "multi-tenant-platform",
    "expected",
    "aws.json",
  );
  const simulateAs = (role: string, resource: string, ...more: string[]) =>
    run([
      "simulate",
      "--policy",
      `${awsJson}#${role}`,
      "--action",
      "s3:GetObject",
      "--resource",
      resource,
      "--format",
      "json",
      ...more,
    ]);
  const growthData = "arn:aws:s3:::acme-ml-datasets/growth/part-0.parquet";
  const denyAll = file("deny-all.json", {
    Version: "2012-10-17",
    Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
  });

  it.each([
    [
      "the role's inline policy allows its own team's data",
      "acme-ml-growth-train",
      growthData,
      [],
      "Allowed",
      undefined,
    ],
    [
      "its boundary denies another team's data, which no identity policy grants either",
      "acme-ml-growth-train",
      "arn:aws:s3:::acme-ml-datasets/risk/part-0.parquet",
      [],
      "ExplicitlyDenied",
      "boundary",
    ],
    [
      "--boundary wins over the role's boundary",
      "acme-ml-growth-train",
      growthData,
      ["--boundary", "DENY"],
      "ExplicitlyDenied",
      "boundary",
    ],
    [
      "another role's policies are not this role's",
      "acme-ml-risk-train",
      growthData,
      [],
      "ExplicitlyDenied",
      "boundary",
    ],
  ])("%s", async (_, role, resource, more, decision, blockedBy) => {
    const r = await simulateAs(role, resource, ...more.map((m) => (m === "DENY" ? denyAll : m)));
    expect(r.stderr ?? "").toBe("");
    expect(r.exitCode).toBe(0);
    const out = JSON.parse(r.stdout ?? "");
    expect(out.decision).toBe(decision);
    if (blockedBy) expect(out.explanation.reason).toBe(`explicitly denied by ${blockedBy} policy`);
  });

  it("takes the role's tags as aws:PrincipalTag values: the boundary's team conditions hold", async () => {
    // The boundary denies creating a training job not tagged with the principal's team.
    const tagged = (team: string, ...more: string[]) =>
      run([
        "simulate",
        "--policy",
        `${awsJson}#acme-ml-growth-pipeline`,
        "--action",
        "sagemaker:CreateTrainingJob",
        "--resource",
        "arn:aws:sagemaker:us-east-1:111122223333:training-job/growth-1",
        "--context",
        `aws:RequestTag/team=${team}`,
        "--context",
        "sagemaker:NetworkIsolation=true",
        ...more,
      ]);
    expect((await tagged("growth")).stdout).toMatch(/^Allowed/);
    expect((await tagged("risk")).stdout).toMatch(/^(Explicitly|Implicitly)Denied/);
    // An explicit --context value wins over the role's tag.
    expect((await tagged("risk", "--context", "aws:PrincipalTag/team=risk")).stdout).toMatch(
      /^Allowed/,
    );
  });

  it("names the principal a session of the role", async () => {
    const r = await run([
      "simulate",
      "--policy",
      `${awsJson}#acme-ml-growth-train`,
      "--action",
      "s3:GetObject",
      "--resource",
      growthData,
    ]);
    expect(r.stdout).toContain(
      "by arn:aws:sts::111122223333:assumed-role/acme-ml-growth-train/session",
    );
    expect(r.stdout).toMatch(
      /Allow identity .*aws\.json acme-ml-growth-train policy .* statement ReadGrowthDataObjects \(\d+:\d+\): applies/,
    );
    expect(r.stdout).toMatch(
      /Allow boundary .*aws\.json boundary acme-ml-growth-boundary statement TeamServices/,
    );
  });

  it.each([
    [
      "an unknown role, with a did-you-mean and the roles there are",
      [`${awsJson}#acme-ml-growth-trian`],
      "cli/unknown-role",
      "has no role `acme-ml-growth-trian`",
      "did you mean `acme-ml-growth-train`? its roles: `acme-ml-growth-pipeline`, `acme-ml-growth-serve`, `acme-ml-growth-train`, `acme-ml-risk-pipeline`, `acme-ml-risk-serve`, `acme-ml-risk-train`",
    ],
    [
      "leash's output without a role",
      [awsJson],
      "cli/role-required",
      "is leash's generated output, not a policy: name one of its roles",
      "its roles: `acme-ml-growth-pipeline`",
    ],
    [
      "#ROLE on a policy file",
      [`${readData}#train`],
      "cli/not-leash-output",
      "so `#train` names nothing in it",
      "pass a policy file without `#`",
    ],
    [
      "two roles with two boundaries",
      [`${awsJson}#acme-ml-growth-train`, `${awsJson}#acme-ml-risk-train`],
      "cli/one-policy-expected",
      "have 2 permissions boundaries where one principal has one",
      "give the boundary with --boundary",
    ],
  ])("rejects %s with exit status 2", async (_, policies, code, message, help) => {
    const r = await run([
      "simulate",
      ...policies.flatMap((p) => ["--policy", p]),
      "--action",
      "s3:GetObject",
      "--resource",
      growthData,
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error ${code}: `);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(help);
  });

  it.each([
    ["its own account's SageMaker", "111122223333", /^Allowed/],
    ["SageMaker for another account", "444455556666", /^ImplicitlyDenied/],
  ])(
    "takes the role's trust policy with --resource-policy aws.json#ROLE: %s",
    async (_, account, decision) => {
      const r = await run([
        "simulate",
        "--resource-policy",
        `${awsJson}#acme-ml-growth-train`,
        "--action",
        "sts:AssumeRole",
        "--resource",
        "arn:aws:iam::111122223333:role/acme-ml-growth-train",
        "--principal",
        "sagemaker.amazonaws.com",
        "--context",
        `aws:SourceAccount=${account}`,
        "--context",
        `aws:SourceArn=arn:aws:sagemaker:us-east-1:${account}:training-job/j`,
      ]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(decision);
      expect(r.stdout).toContain(
        "acme-ml-growth-train trust policy statement ServiceAssumesForThisAccount",
      );
    },
  );

  it("reads a file whose name contains `#` as that file", async () => {
    const hashed = file("team#1.json", policy);
    const r = await run([
      "simulate",
      "--policy",
      hashed,
      "--action",
      "s3:GetObject",
      "--resource",
      "arn:aws:s3:::data/a",
    ]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Allowed/);
  });
});

describe("leash simulate gives no confident answer to a wrong question", () => {
  const one = (...args: string[]) =>
    run(["simulate", "--policy", readData, "--resource", "arn:aws:s3:::data/a", ...args]);

  it("refuses an action the catalog does not list, with a did-you-mean", async () => {
    const r = await one("--action", "s3:GetObjectt");
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBeUndefined();
    expect(r.stderr).toContain("error aws-request/unknown-action: `s3` has no action `GetObjectt`");
    expect(r.stderr).toContain("did you mean `s3:GetObject`?");
  });

  it("simulates a brand-new action with --allow-unknown-actions, and warns", async () => {
    const r = await one("--action", "s3:GetObjectV2", "--allow-unknown-actions");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ImplicitlyDenied: s3:GetObjectV2/);
    expect(r.stderr).toContain("warning aws-request/unknown-action");
  });

  it.each([
    [
      "an IP key that is no IP or CIDR",
      "aws:SourceIp=my-laptop",
      "`my-laptop` of `aws:SourceIp` is not an IP address or CIDR range",
    ],
    [
      "an IP key with an IPv6 zone id",
      "aws:SourceIp=fe80::%eth0",
      "`fe80::%eth0` of `aws:SourceIp` is not an IP address",
    ],
    [
      "a date key that is no date",
      "aws:CurrentTime=yesterday",
      "`yesterday` of `aws:CurrentTime` is not a date",
    ],
    [
      "epoch seconds JavaScript's Date cannot hold (it crashed, exit 70)",
      "aws:EpochTime=99999999999999999999",
      "`99999999999999999999` of `aws:EpochTime` falls outside the years 0000 to 9999",
    ],
    [
      "aws:CurrentTime as epoch seconds out of range (it crashed, exit 70)",
      "aws:CurrentTime=8640000000001",
      "`8640000000001` of `aws:CurrentTime` falls outside the years 0000 to 9999",
    ],
    [
      "an ISO time that is past 9999 only in UTC (it said: not a date)",
      "aws:CurrentTime=9999-12-31T23:59:59-01:00",
      "`9999-12-31T23:59:59-01:00` of `aws:CurrentTime` falls outside the years 0000 to 9999",
    ],
    [
      "a number key that is no number",
      "aws:MultiFactorAuthAge=ten",
      "`ten` of `aws:MultiFactorAuthAge` is not a number",
    ],
    [
      "a bool key that is not true/false",
      "aws:SecureTransport=yes",
      "`yes` of `aws:SecureTransport` is not `true` or `false`",
    ],
  ])("refuses %s, naming the key", async (_, context, message) => {
    const r = await one("--action", "s3:GetObject", "--context", context);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error aws-request/context-type-mismatch: context value ${message}`);
  });

  it("refuses one context key given twice in different case, naming both (it merged them)", async () => {
    const r = await one(
      "--action",
      "s3:GetObject",
      "--context",
      "aws:SecureTransport=true",
      "--context",
      "AWS:SECURETRANSPORT=false",
    );
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBeUndefined();
    expect(r.stderr).toContain(
      "error aws-request/duplicate-context-key: context keys `aws:SecureTransport` and `AWS:SECURETRANSPORT` differ only in case",
    );
  });

  it("points at the second spelling of a key in a --cases line", () => {
    const line = JSON.stringify({
      request: {
        ...request("s3:GetObject"),
        context: { "aws:SecureTransport": "true", "AWS:SECURETRANSPORT": "false" },
      },
      identityPolicies: [policy],
    });
    const r = leash(["simulate", "--cases", "-"], line);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).error.diagnostics).toEqual([
      expect.objectContaining({
        code: "aws-request/duplicate-context-key",
        location: expect.objectContaining({
          pointer: "/request/context/AWS:SECURETRANSPORT",
          line: 1,
        }),
      }),
    ]);
  });

  it.each([
    [
      "s3:GetObject",
      "arn:aws:sqs:us-east-1:111122223333:q",
      "`s3:GetObject` does not act on `arn:aws:sqs:us-east-1:111122223333:q`: it acts on `arn:${Partition}:s3:",
    ],
    [
      "s3:ListAllMyBuckets",
      "arn:aws:s3:::b",
      "`s3:ListAllMyBuckets` acts on no resource type, so not on `arn:aws:s3:::b`",
    ],
    [
      "sts:GetCallerIdentity",
      "arn:aws:iam::111122223333:role/x",
      "`sts:GetCallerIdentity` acts on no resource type",
    ],
  ])(
    "refuses %s on %s, a resource of a type it does not take (it answered, exit 0)",
    async (action, resource, message) => {
      const r = await run([
        "simulate",
        "--policy",
        readData,
        "--action",
        action,
        "--resource",
        resource,
      ]);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBeUndefined();
      expect(r.stderr).toContain(`error aws-request/resource-type-mismatch: ${message}`);
    },
  );

  it("requires --resource unless the action takes only `*`", async () => {
    const missing = await run(["simulate", "--policy", readData, "--action", "s3:GetObject"]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(
      "error: --resource is required: `s3:GetObject` acts on `arn:${Partition}:s3:${Region}:${Account}:accesspoint/",
    );
    const star = await run(["simulate", "--policy", readData, "--action", "s3:ListAllMyBuckets"]);
    expect(star.exitCode).toBe(0);
    expect(star.stdout).toMatch(/^ImplicitlyDenied: s3:ListAllMyBuckets on \*/);
  });

  it("says which context values it set: aws:CurrentTime and aws:EpochTime default to now", async () => {
    const text = await one("--action", "s3:GetObject");
    expect(text.stdout).toMatch(
      /\n {2}context defaulted: aws:CurrentTime=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, aws:EpochTime=\d+ \(now\)\n/,
    );
    const json = JSON.parse(
      (
        await one(
          "--action",
          "s3:GetObject",
          "--format",
          "json",
          "--context",
          "aws:CurrentTime=2020-05-15T12:00:00Z",
        )
      ).stdout ?? "",
    );
    expect(json.explanation.defaultedContext).toEqual([
      { key: "aws:EpochTime", value: "1589544000", from: "aws:CurrentTime" },
    ]);
  });

  it("says which time it rewrote: aws:EpochTime given as ISO 8601 is epoch seconds", async () => {
    const r = await one(
      "--action",
      "s3:GetObject",
      "--context",
      "aws:EpochTime=2026-01-01T00:00:00Z",
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      "\n  context normalised: aws:EpochTime=1767225600 (given as 2026-01-01T00:00:00Z)\n  context defaulted: aws:CurrentTime=2026-01-01T00:00:00Z (from aws:EpochTime)\n",
    );
  });

  it("evaluates a time window against now unless --context says otherwise", async () => {
    const window = file("window.json", {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { DateLessThan: { "aws:CurrentTime": "2999-01-01T00:00:00Z" } },
        },
      ],
    });
    const ask = (...more: string[]) =>
      run([
        "simulate",
        "--policy",
        window,
        "--action",
        "s3:GetObject",
        "--resource",
        "arn:aws:s3:::data/a",
        ...more,
      ]);
    expect((await ask()).stdout).toMatch(/^Allowed/);
    expect((await ask("--context", "aws:CurrentTime=3000-01-01T00:00:00Z")).stdout).toMatch(
      /^ImplicitlyDenied/,
    );
  });

  it("decides sts:GetCallerIdentity despite an explicit Deny, and says why", async () => {
    const deny = file("deny-gci.json", {
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "sts:GetCallerIdentity", Resource: "*" }],
    });
    const r = await run(["simulate", "--policy", deny, "--action", "sts:GetCallerIdentity"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Allowed: sts:GetCallerIdentity on \*/);
    expect(r.stdout).toContain(
      "reason: sts:GetCallerIdentity needs no permission and no policy can deny it (STS API Reference, GetCallerIdentity); the explicit Deny in the identity policy does not apply to it",
    );
  });
});

describe("leash simulate batches: every line answered, exit status as the help says", () => {
  const caseLine = (id: number, context?: Record<string, unknown>, action = "s3:GetObject") =>
    JSON.stringify({
      id,
      request: { ...request(action), ...(context ? { context } : {}) },
      identityPolicies: [
        {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: "s3:GetObject",
              Resource: "*",
              Condition: { IpAddress: { "aws:SourceIp": ["fe80::%eth0", "203.0.113.0/24"] } },
            },
          ],
        },
      ],
    });

  it("exits 0 when every line was decided", () => {
    const r = leash(
      ["simulate", "--cases", "-"],
      [caseLine(1, { "aws:SourceIp": "203.0.113.7" })].join("\n"),
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe("Allowed");
  });

  it("answers the other lines when one holds an IPv6 zone id (it crashed the batch)", () => {
    const r = leash(
      ["simulate", "--cases", "-"],
      [
        caseLine(1, { "aws:SourceIp": "fe80::%eth0" }),
        caseLine(2, { "aws:SourceIp": "203.0.113.7" }),
        caseLine(3, { "aws:SourceIp": "fe80::1" }),
        caseLine(4, undefined, "s3:GetObjectt"),
      ].join("\n"),
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("");
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual([1, 2, 3, 4]);
    // The policy's zone-id value is a warning (it never matches); the request's is the error.
    expect(out[0].error.diagnostics.map((d: { code: string }) => d.code)).toEqual([
      "aws-policy/invalid-condition-value",
      "aws-request/context-type-mismatch",
    ]);
    expect(out[0].error.diagnostics[1]).toEqual(
      expect.objectContaining({
        code: "aws-request/context-type-mismatch",
        location: expect.objectContaining({ pointer: "/request/context/aws:SourceIp", line: 1 }),
      }),
    );
    expect(out[1].decision).toBe("Allowed");
    expect(out[2].decision).toBe("ImplicitlyDenied");
    expect(out[3].error.diagnostics[1]).toEqual(
      expect.objectContaining({
        code: "aws-request/unknown-action",
        location: expect.objectContaining({ pointer: "/request/action", line: 4 }),
      }),
    );
  });

  it("answers a line whose epoch time Date cannot hold with an error (it was internal/error, exit 70)", () => {
    const r = leash(
      ["simulate", "--cases", "-"],
      [
        caseLine(1, { "aws:EpochTime": "99999999999999999999" }),
        caseLine(2, { "aws:SourceIp": "203.0.113.7" }),
      ].join("\n"),
    );
    expect(r.status).toBe(2);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out[0].error.diagnostics.at(-1)).toEqual(
      expect.objectContaining({
        code: "aws-request/context-type-mismatch",
        location: expect.objectContaining({ pointer: "/request/context/aws:EpochTime", line: 1 }),
      }),
    );
    expect(out[1].decision).toBe("Allowed");
  });

  it("takes --allow-unknown-actions in a batch", () => {
    const r = leash(
      ["simulate", "--cases", "-", "--allow-unknown-actions"],
      caseLine(1, undefined, "s3:GetObjectV2"),
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe("ImplicitlyDenied");
  });

  it("exits 2 from --requests when a line is invalid, after answering all", () => {
    const set = file("set-exit.json", { identityPolicies: [policy] });
    const r = leash(
      ["simulate", "--policy-set", set, "--requests", "-"],
      [
        request("s3:GetObject"),
        { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject" },
      ]
        .map((x) => JSON.stringify(x))
        .join("\n"),
    );
    expect(r.status).toBe(2);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out[0]).toEqual({ id: null, decision: "Allowed" });
    expect(out[1].error.diagnostics).toEqual([
      expect.objectContaining({
        code: "aws-request/missing-resource",
        location: expect.objectContaining({ line: 2 }),
      }),
    ]);
  });
});
