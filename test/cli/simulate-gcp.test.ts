import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { leashProcess } from "../support/cli-process.js";

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

  it("refuses an unknown cloud and a GCP simulation without --cases", async () => {
    const unknown = await run(["simulate", "--cloud", "gpc", "--cases", "-"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("unknown cloud `gpc`");
    const noCases = await run(["simulate", "--cloud", "gcp", "--action", "x"]);
    expect(noCases.exitCode).toBe(2);
    expect(noCases.stderr).toContain("--cloud gcp takes --cases");
  });
});
