import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectInputKind, readInputs } from "../../src/clouds/aws/inputs/detect.js";
import { titled } from "../support/rows.js";

const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };
const json = (v: unknown) => JSON.stringify(v, null, 2);

interface AlmostRow {
  given: string;
  text: string;
  /** `pointer line:column`, and a piece of the message or help. */
  expected: [string, string, string][];
}

const ALMOST: AlmostRow[] = [
  {
    given: "`Statment` misspelt",
    text: json({ Version: "2012-10-17", Statment: [statement] }),
    expected: [["/Statment", "3:3", "did you mean `Statement`?"]],
  },
  {
    given: "`statement` in lower case",
    text: json({ version: "2012-10-17", statement: [{ effect: "Allow", action: "*" }] }),
    expected: [["/statement", "3:3", "did you mean `Statement`?"]],
  },
  {
    given: "`Statements` with no Version",
    text: json({ Statements: [statement] }),
    expected: [["/Statements", "2:3", "`Statements` is not a policy element"]],
  },
  {
    given: "a single statement object under a misspelt key",
    text: json({ Statemnt: statement }),
    expected: [["/Statemnt", "2:3", "did you mean `Statement`?"]],
  },
  {
    given: "a `Version` alone",
    text: '{"Version": "2012-10-17"}',
    expected: [["/Version", "1:2", "has a policy `Version` but no `Statement`"]],
  },
  {
    given: "a lone statement",
    text: json(statement),
    expected: [["", "1:1", "holds a statement, not a policy document"]],
  },
  {
    given: "an array of policies, each with `Statement` misspelt",
    text: json([
      { Version: "2012-10-17", Statment: [statement] },
      { Version: "2012-10-17", Statament: [statement] },
    ]),
    expected: [
      ["/0/Statment", "4:5", "item 0 of the array"],
      ["/1/Statament", "14:5", "item 1 of the array"],
    ],
  },
];

/** JSON that sits next to policies in repositories and must stay unread and unreported. */
const UNRELATED: [string, string, string][] = [
  [
    "package.json",
    "package.json",
    json({ name: "x", version: "1.0.0", scripts: { test: "vitest" } }),
  ],
  [
    "tsconfig.json",
    "tsconfig.json",
    json({ compilerOptions: { strict: true }, include: ["src"], statement: "none" }),
  ],
  [
    "a CloudFormation parameters file",
    "params.json",
    json([{ ParameterKey: "Env", ParameterValue: "prod" }]),
  ],
  [
    "a parameters file in the `Parameters` form",
    "params.json",
    json({ Parameters: { Env: "prod" }, Tags: { team: "ml" } }),
  ],
  [
    "bank statements",
    "statements.json",
    json({ statements: [{ date: "2024-01-01", amount: 3, action: "deposit" }] }),
  ],
  [
    "a CodePipeline template configuration file (its stack policy is not IAM)",
    "config.json",
    json({
      Parameters: { Env: "prod" },
      Tags: { team: "ml" },
      StackPolicy: {
        Statement: [{ Effect: "Allow", Action: "Update:*", Principal: "*", Resource: "*" }],
      },
    }),
  ],
  ["a version that is not a policy date", "app.json", json({ Version: "2024-01-01", name: "x" })],
  ["an effect without actions", "style.json", json({ effect: "allow", color: "red" })],
];

describe("a file that is almost a policy", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "leash-almost-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(titled(ALMOST, (r) => r.given))(
    "%s: an input/almost-policy error, named or in a folder",
    async (_, row) => {
      const folder = join(dir, row.given.replace(/\W+/g, "-"));
      mkdirSync(folder);
      const file = join(folder, "policy.json");
      writeFileSync(file, row.text);
      for (const path of [file, folder]) {
        const { documents, diagnostics } = await readInputs([path]);
        expect(documents).toEqual([]);
        expect(
          diagnostics.map((d) => [
            d.code,
            d.severity,
            d.location?.file,
            `${d.location?.pointer} ${d.location?.line}:${d.location?.column}`,
          ]),
        ).toEqual(
          row.expected.map(([pointer, at]) => [
            "input/almost-policy",
            "error",
            file,
            `${pointer} ${at}`,
          ]),
        );
        for (const [i, [, , text]] of row.expected.entries())
          expect(`${diagnostics[i]?.message}\n${diagnostics[i]?.help}`).toContain(text);
      }
    },
  );

  it.each(UNRELATED)("%s is not reported inside a folder", async (_, name, text) => {
    expect(await detectInputKind(text, name)).toEqual({ kind: undefined });
    const folder = join(dir, `unrelated-${name}-${text.length}`);
    mkdirSync(folder);
    writeFileSync(join(folder, name), text);
    expect(await readInputs([folder])).toMatchObject({ documents: [], diagnostics: [] });
  });

  it("a misspelt element inside a real policy stays with the policy reader", async () => {
    const text = json([{ Version: "2012-10-17", Statement: [statement] }, { Statment: [] }]);
    expect(await detectInputKind(text, "p.json")).toEqual({ kind: "policy" });
  });
});
