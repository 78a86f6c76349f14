import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { leashProcess } from "../support/cli-process.js";
import { tempFiles } from "../support/temp-files.js";

/** `leash simulate --cloud gcp --cases`: JSON Lines in, one answer per line out, in order. */
const bucket = "//storage.googleapis.com/projects/_/buckets/b";
const line = (id: unknown, permission: string) =>
  JSON.stringify({
    id,
    request: { principal: "user:alice@example.com", permission, resource: `${bucket}/objects/o` },
    hierarchy: [
      {
        resource: bucket,
        policy: {
          bindings: [{ role: "roles/storage.objectViewer", members: ["user:alice@example.com"] }],
        },
      },
    ],
  });

function answers(stdout: string): {
  id: unknown;
  decision?: string;
  error?: { diagnostics: { code: string; location?: { line: number } }[] };
}[] {
  return stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe("leash simulate --cloud gcp --cases", () => {
  it("decides every line and exits 0", () => {
    const r = leashProcess(["simulate", "--cloud", "gcp", "--cases", "-"], {
      input: [line(1, "storage.objects.get"), line("two", "storage.objects.delete")].join("\n"),
    });
    expect(r.status).toBe(0);
    expect(answers(r.stdout).map((a) => [a.id, a.decision])).toEqual([
      [1, "Allowed"],
      ["two", "ImplicitlyDenied"],
    ]);
  });

  it("answers every line, a bad one with its error at its line, and exits 2", () => {
    const r = leashProcess(["simulate", "--cloud", "gcp", "--cases", "-"], {
      input: [line(1, "storage.objects.get"), "{not json", line(3, "storage.objects.gett")].join(
        "\n",
      ),
    });
    expect(r.status).toBe(2);
    const out = answers(r.stdout);
    expect(out.map((a) => a.id)).toEqual([1, null, 3]);
    expect(out[1]!.error!.diagnostics[0]).toMatchObject({
      code: "json/syntax",
      location: { line: 2 },
    });
    expect(out[2]!.error!.diagnostics[0]!.code).toBe("gcp-request/unknown-permission");
  });

  it("refuses an unknown cloud, and a one-request GCP simulation without its principal", async () => {
    const unknown = await run(["simulate", "--cloud", "gpc", "--cases", "-"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown cloud `gpc`");
    const noCases = await run(["simulate", "--cloud", "gcp", "--action", "x"]);
    expect(noCases.exitCode).toBe(2);
    expect(noCases.stderr).toContain("--principal is required with --cloud gcp");
  });
});

describe("leash simulate --cloud gcp, one request", () => {
  const { file } = tempFiles("leash-gcp-one-");
  const bucketPolicy = file("bucket.json", {
    bindings: [
      {
        role: "roles/storage.objectViewer",
        members: ["group:ml@example.com"],
        condition: {
          title: "data",
          expression: 'resource.name.startsWith("projects/_/buckets/b/objects/data/")',
        },
      },
    ],
    etag: "BwX=",
    version: 3,
  });
  // As `gcloud iam policies get` prints it: no attachment point but in its name.
  const deny = file("deny.json", {
    name: "policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fp/denypolicies/no-delete",
    rules: [
      {
        denyRule: {
          deniedPrincipals: ["principalSet://goog/public:all"],
          deniedPermissions: ["storage.googleapis.com/objects.delete"],
        },
      },
    ],
  });
  const args = (permission: string) => [
    "simulate",
    "--cloud",
    "gcp",
    "--principal",
    "user:alice@example.com",
    "--member-of",
    "group:ml@example.com",
    "--permission",
    permission,
    "--resource",
    `${bucket}/objects/data/x.csv`,
    "--policy",
    `${bucket}=${bucketPolicy}`,
    "--policy",
    "//cloudresourcemanager.googleapis.com/projects/p",
    "--deny-policy",
    deny,
  ];

  it("decides from flags and files, naming the granting binding", async () => {
    const r = await run(args("storage.objects.get"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(
      "Allowed: storage.objects.get on //storage.googleapis.com/projects/_/buckets/b/objects/data/x.csv",
    );
    expect(r.stdout).toContain('to group:ml@example.com, condition "data": true');
  });

  it("reads where a deny policy is attached from its name", async () => {
    const r = await run([...args("storage.objects.delete"), "--format", "json"]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout ?? "")).toMatchObject({
      decision: "ExplicitlyDenied",
      explanation: {
        deniedBy: [{ attachmentPoint: "//cloudresourcemanager.googleapis.com/projects/p" }],
      },
    });
  });

  it("points at a bad member in its own file", async () => {
    const bad = file("bad.json", {
      bindings: [{ role: "roles/storage.objectViewer", members: ["usr:x"] }],
    });
    const r = await run([
      "simulate",
      "--cloud",
      "gcp",
      "--principal",
      "user:a@example.com",
      "--permission",
      "storage.objects.get",
      "--resource",
      bucket,
      "--policy",
      `${bucket}=${bad}`,
    ]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${bad}:`);
    expect(r.stderr).toContain("gcp-input/bad-member");
  });
});
