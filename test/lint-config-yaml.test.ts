import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLintConfig } from "../src/cli/lint/config-file.js";

/** YAML that crashed the config loader (`leash: internal error`): now a diagnostic at its line. */
describe("leash.config.yaml with YAML aliases", () => {
  const dir = mkdtempSync(join(tmpdir(), "leash-config-"));
  const load = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return loadLintConfig(file, ["aws/privilege-escalation"]);
  };

  it.each([
    {
      given: "an alias to no anchor",
      text: "failOn: *severity\n",
      expected: ["yaml/unresolved-alias", 1, 9],
    },
    {
      given: "an alias bomb",
      text: [
        "a: &a [x, x, x, x, x, x, x, x, x, x]",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "ignore: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "",
      ].join("\n"),
      expected: ["yaml/too-many-aliases", 2, 8],
    },
  ])("reports $given at its line", async ({ given, text, expected }) => {
    const { config, diagnostics } = await load(`${given.replace(/\W+/g, "-")}.yaml`, text);
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([
      expected,
    ]);
  });
});

describe("leash.config.yaml with a `__proto__` key", () => {
  const dir = mkdtempSync(join(tmpdir(), "leash-config-proto-"));

  it.each([
    { text: "rules:\n  __proto__: off\n", line: 2, pointer: "/rules/__proto__" },
    { text: "failOn: high\n__proto__: {failOn: info}\n", line: 2, pointer: "/__proto__" },
  ])("is refused at its place, not dropped: $pointer", async ({ text, line, pointer }) => {
    const file = join(dir, `${line}-${pointer.replace(/\W+/g, "-")}.yaml`);
    writeFileSync(file, text);
    const { config, diagnostics } = await loadLintConfig(file, ["aws/privilege-escalation"]);
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.location?.pointer])).toEqual([
      ["config/invalid-key", line, pointer],
    ]);
    expect(diagnostics[0]?.help).toMatch(/rename/);
  });
});
