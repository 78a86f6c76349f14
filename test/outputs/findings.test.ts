import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { AWS_RULES } from "../../src/clouds/aws/rules/index.js";
import {
  type Finding,
  findingFingerprint,
  legacyFindingFingerprint,
  positionFreeMessage,
} from "../../src/model/index.js";
import {
  codeFrame,
  FRAME_WIDTH,
  fileUri,
  GITHUB_COMMENT_LIMIT,
  inlineMarkdown,
  type LintRun,
  renderFindingsJson,
  renderFindingsMarkdown,
  renderFindingsSarif,
  renderFindingsText,
  summarize,
} from "../../src/outputs/index.js";
import { titled } from "../support/rows.js";

const TRAIN = "policies/train.json";
const TRUST = "policies/trust.json";

const TRAIN_TEXT = `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}
`;

/** Two files, four severities, four categories, in the linter's order (file, line, column). */
const FINDINGS: Finding[] = [
  {
    ruleId: "aws/old-version",
    category: "suggestion",
    severity: "low",
    message: "`Version` is `2008-10-17`",
    help: 'use `"Version": "2012-10-17"`',
    location: { file: TRAIN, pointer: "/Version", line: 2, column: 14 },
  },
  {
    ruleId: "aws/star-action",
    category: "overly-permissive",
    severity: "high",
    message: "the statement allows every action of every service",
    help: "list the actions the workload calls",
    location: { file: TRAIN, pointer: "/Statement/0/Action", line: 6, column: 17 },
  },
  {
    ruleId: "aws/star-resource",
    category: "overly-permissive",
    severity: "medium",
    message:
      '`Resource: "*"` on 2 actions that take resource ARNs (`s3:GetObject`, `s3:PutObject`)',
    help: "name the buckets and keys",
    location: { file: TRAIN, pointer: "/Statement/0/Resource", line: 7, column: 19 },
  },
  {
    ruleId: "aws/policy-syntax",
    category: "invalid",
    severity: "error",
    message: "`Effect` must be `Allow` or `Deny`, not `allow`",
    help: "write `Allow` or `Deny`",
    location: { file: TRUST, pointer: "/Statement/0/Effect", line: 3, column: 5 },
  },
  {
    ruleId: "aws/weak-oidc-trust",
    category: "resource-exposure",
    severity: "error",
    message: "GitHub `sub` `repo:acme/*|x` uses a wildcard | more workflows may assume the role",
    help: "use an exact branch (`:ref:refs/heads/main`)",
    location: { file: TRUST, pointer: "/Statement/0/Condition", line: 9, column: 11 },
  },
];

const SOURCES = new Map([[TRAIN, TRAIN_TEXT]]);
const SUMMARY = summarize(FINDINGS, { files: 2, catalogVersion: "2026.10.01" });
const RULES = Object.values(AWS_RULES);
const SARIF_OPTIONS = { toolVersion: "0.1.0", catalogVersion: "2026.10.01" };

describe("fixture", () => {
  it("puts each train.json finding on the value it names", () => {
    const lines = TRAIN_TEXT.split("\n");
    for (const f of FINDINGS.filter((x) => x.location.file === TRAIN))
      expect(lines[f.location.line - 1]![f.location.column - 1]).toBe('"');
  });
});

describe("renderFindingsText", () => {
  it("prints location, code frame with caret, help, and the count", () => {
    expect(renderFindingsText(FINDINGS, SOURCES)).toBe(
      [
        "policies/train.json:2:14: low aws/old-version: `Version` is `2008-10-17`",
        "  1 | {",
        '> 2 |   "Version": "2008-10-17",',
        "    |              ^",
        '  3 |   "Statement": [',
        '  help: use `"Version": "2012-10-17"`',
        "",
        "policies/train.json:6:17: high aws/star-action: the statement allows every action of every service",
        '  5 |       "Effect": "Allow",',
        '> 6 |       "Action": "*",',
        "    |                 ^",
        '  7 |       "Resource": "*"',
        "  help: list the actions the workload calls",
        "",
        'policies/train.json:7:19: medium aws/star-resource: `Resource: "*"` on 2 actions that take resource ARNs (`s3:GetObject`, `s3:PutObject`)',
        '  6 |       "Action": "*",',
        '> 7 |       "Resource": "*"',
        "    |                   ^",
        "  8 |     }",
        "  help: name the buckets and keys",
        "",
        "policies/trust.json:3:5: error aws/policy-syntax: `Effect` must be `Allow` or `Deny`, not `allow`",
        "  help: write `Allow` or `Deny`",
        "",
        "policies/trust.json:9:11: error aws/weak-oidc-trust: GitHub `sub` `repo:acme/*|x` uses a wildcard | more workflows may assume the role",
        "  help: use an exact branch (`:ref:refs/heads/main`)",
        "",
        "5 findings: 2 error, 1 high, 1 medium, 1 low",
        "",
      ].join("\n"),
    );
  });

  it("is the same on every run and says so when there is nothing", () => {
    expect(renderFindingsText(FINDINGS, SOURCES)).toBe(renderFindingsText(FINDINGS, SOURCES));
    expect(renderFindingsText([], SOURCES)).toBe("0 findings\n");
    expect(renderFindingsText(FINDINGS.slice(1, 2), new Map())).toBe(
      [
        "policies/train.json:6:17: high aws/star-action: the statement allows every action of every service",
        "  help: list the actions the workload calls",
        "",
        "1 finding: 1 high",
        "",
      ].join("\n"),
    );
  });
});

describe("codeFrame", () => {
  const ten = Array.from({ length: 10 }, (_, i) => `line${i + 1}`).join("\n");
  it.each([
    {
      name: "first line: no line above",
      text: "ab\ncd\n",
      line: 1,
      column: 2,
      frame: ["> 1 | ab", "    |  ^", "  2 | cd"],
    },
    {
      name: "last line: no line below",
      text: "ab\ncd",
      line: 2,
      column: 1,
      frame: ["  1 | ab", "> 2 | cd", "    | ^"],
    },
    { name: "single line", text: "{}", line: 1, column: 2, frame: ["> 1 | {}", "    |  ^"] },
    {
      name: "gutter widens for line 10",
      text: ten,
      line: 10,
      column: 5,
      frame: ["   9 | line9", "> 10 | line10", "     |     ^"],
    },
    {
      name: "gutter width set by the widest shown line",
      text: ten,
      line: 9,
      column: 1,
      frame: ["   8 | line8", ">  9 | line9", "     | ^", "  10 | line10"],
    },
    {
      name: "tabs kept so the caret lines up",
      text: "\t\tx",
      line: 1,
      column: 3,
      frame: ["> 1 | \t\tx", "    | \t\t^"],
    },
    {
      name: "CRLF line ends",
      text: "a\r\nbc\r\nd",
      line: 2,
      column: 2,
      frame: ["  1 | a", "> 2 | bc", "    |  ^", "  3 | d"],
    },
    {
      name: "blank neighbour has no trailing space",
      text: "\nx\n",
      line: 2,
      column: 1,
      frame: ["  1 |", "> 2 | x", "    | ^", "  3 |"],
    },
    { name: "line past the end", text: "a\nb", line: 5, column: 1, frame: [] },
  ])("$name", ({ text, line, column, frame }) => {
    expect(codeFrame(text, line, column)).toEqual(frame);
  });
});

describe("renderFindingsJson", () => {
  const text = renderFindingsJson(FINDINGS, SUMMARY);
  const json = JSON.parse(text) as {
    findings: Record<string, unknown>[];
    summary: Record<string, unknown>;
  };

  it("is pretty-printed with a trailing newline", () => {
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain('\n  "findings": [\n    {\n      "ruleId": "aws/old-version",');
  });

  it("lists each finding with a fixed key order and its location", () => {
    expect(json.findings).toHaveLength(5);
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual([
        "ruleId",
        "category",
        "severity",
        "message",
        "help",
        "location",
      ]);
    expect(json.findings[4]).toEqual({
      ruleId: "aws/weak-oidc-trust",
      category: "resource-exposure",
      severity: "error",
      message: "GitHub `sub` `repo:acme/*|x` uses a wildcard | more workflows may assume the role",
      help: "use an exact branch (`:ref:refs/heads/main`)",
      location: { file: TRUST, pointer: "/Statement/0/Condition", line: 9, column: 11 },
    });
    expect(json.findings).toEqual(JSON.parse(JSON.stringify(FINDINGS)));
  });

  it("summarizes by severity and category", () => {
    expect(json.summary).toEqual({
      total: 5,
      bySeverity: { error: 2, high: 1, medium: 1, low: 1, info: 0 },
      byCategory: {
        invalid: 1,
        "privilege-escalation": 0,
        "data-exfiltration": 0,
        "credentials-exposure": 0,
        "permissions-management": 0,
        "resource-exposure": 1,
        "overly-permissive": 2,
        "ai-workload": 0,
        suggestion: 1,
      },
      files: 2,
      catalogVersion: "2026.10.01",
    });
    expect(Object.keys(json.summary)).toEqual([
      "total",
      "bySeverity",
      "byCategory",
      "files",
      "catalogVersion",
    ]);
  });

  it("keeps an empty run well-formed", () => {
    const empty = JSON.parse(
      renderFindingsJson([], summarize([], { files: 0, catalogVersion: "x" })),
    );
    expect(empty.findings).toEqual([]);
    expect(empty.summary.total).toBe(0);
    expect(empty.summary.bySeverity).toEqual({ error: 0, high: 0, medium: 0, low: 0, info: 0 });
  });
});

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          helpUri: string;
          defaultConfiguration: { level: string };
          properties: { category: string; tags: string[]; "security-severity": string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
    }[];
    properties: { catalogVersion: string };
  }[];
}

/** The SARIF 2.1.0 schema as shipped by @microsoft/jest-sarif (schemastore's 2.1.0-rtm.5, draft-04). */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(
    readFileSync(
      require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"),
      "utf8",
    ),
  );
  // rtm.5's `language` pattern (`...]?$`) is only valid as a non-unicode RegExp.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe("renderFindingsSarif", () => {
  const validate = sarifValidator();
  const text = renderFindingsSarif(FINDINGS, RULES, SARIF_OPTIONS);
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules;

  it("is valid against the SARIF 2.1.0 schema, and the validator does reject a broken log", () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(JSON.parse(renderFindingsSarif([], RULES, SARIF_OPTIONS)))).toBe(true);
    const broken = structuredClone(log);
    (broken.runs[0]!.results[0] as { level: string }).level = "warn";
    expect(validate(broken)).toBe(false);
    const noUri = structuredClone(log) as unknown as {
      runs: { results: { locations: unknown }[] }[];
    };
    noUri.runs[0]!.results[0]!.locations = [{ physicalLocation: { region: { startLine: 0 } } }];
    expect(validate(noUri)).toBe(false);
    const rawUri = structuredClone(log);
    rawUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = "a b.json";
    expect(validate(rawUri)).toBe(false);
  });

  it("describes the tool and every rule, then the built-in rules findings name", () => {
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: "leash", version: "0.1.0" });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.properties.catalogVersion).toBe("2026.10.01");
    expect(rules.map((r) => r.id)).toEqual([...RULES.map((r) => r.id), "aws/policy-syntax"]);
    expect(rules.find((r) => r.id === "aws/star-action")).toEqual({
      id: "aws/star-action",
      name: AWS_RULES["aws/star-action"]!.title,
      shortDescription: { text: AWS_RULES["aws/star-action"]!.description },
      fullDescription: { text: AWS_RULES["aws/star-action"]!.description },
      helpUri: "https://unpkg.com/leash-iam@0.1.0/docs/rules/star-action.md",
      defaultConfiguration: { level: "error" },
      properties: {
        category: "overly-permissive",
        tags: ["security", "overly-permissive"],
        "security-severity": "7.5",
      },
    });
  });

  it("describes the built-in invalid rules, their help on the rules index (they have no page)", () => {
    const builtIns = ["aws/json-syntax", "aws/parse-error", "aws/invalid-spec"].map(
      (ruleId): Finding => ({ ...FINDINGS[3]!, ruleId, code: "input/x" }),
    );
    const one = JSON.parse(renderFindingsSarif(builtIns, [], SARIF_OPTIONS)) as SarifLog;
    expect(
      one.runs[0]!.tool.driver.rules.map((r) => [r.id, r.properties.category, r.helpUri]),
    ).toEqual(
      builtIns.map((f) => [
        f.ruleId,
        "invalid",
        "https://unpkg.com/leash-iam@0.1.0/docs/rules/README.md",
      ]),
    );
    expect(validate(one)).toBe(true);
  });

  it.each([
    ["error", "error", "9.0"],
    ["high", "error", "7.5"],
    ["medium", "warning", "5.0"],
    ["low", "note", "3.0"],
    ["info", "note", "1.0"],
  ] as const)("maps %s to level %s and security-severity %s", (severity, level, score) => {
    const f: Finding = { ...FINDINGS[1]!, ruleId: "aws/custom", severity };
    const one = JSON.parse(renderFindingsSarif([f], [], SARIF_OPTIONS)) as SarifLog;
    expect(one.runs[0]!.results[0]!.level).toBe(level);
    expect(one.runs[0]!.tool.driver.rules[0]!.defaultConfiguration.level).toBe(level);
    expect(one.runs[0]!.tool.driver.rules[0]!.properties["security-severity"]).toBe(score);
    expect(validate(one)).toBe(true);
    for (const r of rules.filter((x) => AWS_RULES[x.id]?.severity === severity))
      expect(r.properties["security-severity"]).toBe(score);
  });

  it("gives each result its rule's index, level, message with help, and location", () => {
    expect(run.results).toHaveLength(FINDINGS.length);
    run.results.forEach((r, i) => {
      const f = FINDINGS[i]!;
      expect(rules[r.ruleIndex]!.id).toBe(f.ruleId);
      expect(r.ruleId).toBe(f.ruleId);
      expect(r.message.text).toContain(f.message);
      expect(r.message.text).toContain(f.help);
      expect(r.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: f.location.file },
        region: { startLine: f.location.line, startColumn: f.location.column },
      });
    });
    expect(run.results.map((r) => r.level)).toEqual(["note", "error", "warning", "error", "error"]);
  });

  it("fingerprints findings stably across runs and apart from each other", () => {
    const again = JSON.parse(renderFindingsSarif([...FINDINGS], RULES, SARIF_OPTIONS)) as SarifLog;
    const prints = run.results.map((r) => JSON.stringify(r.partialFingerprints));
    expect(again.runs[0]!.results.map((r) => JSON.stringify(r.partialFingerprints))).toEqual(
      prints,
    );
    expect(new Set(prints).size).toBe(FINDINGS.length);
    const value = (f: Finding) =>
      Object.values(
        (JSON.parse(renderFindingsSarif([f], RULES, SARIF_OPTIONS)) as SarifLog).runs[0]!
          .results[0]!.partialFingerprints,
      )[0];
    const base = FINDINGS[1]!;
    expect(value(base)).toMatch(/^[0-9a-f]{32}$/);
    // A line moved by edits elsewhere is still the same alert ...
    expect(value({ ...base, location: { ...base.location, line: 40, column: 3 } })).toBe(
      value(base),
    );
    // ... but another rule, file, element or message is another one.
    expect(value({ ...base, ruleId: "aws/star-resource" })).not.toBe(value(base));
    expect(value({ ...base, location: { ...base.location, file: TRUST } })).not.toBe(value(base));
    expect(
      value({ ...base, location: { ...base.location, pointer: "/Statement/1/Action" } }),
    ).not.toBe(value(base));
    expect(value({ ...base, message: "other" })).not.toBe(value(base));
    // Windows and POSIX spellings of one path are one alert.
    expect(value({ ...base, location: { ...base.location, file: "policies\\train.json" } })).toBe(
      value(base),
    );
  });

  it.each([
    ["policies/a.json", "policies/a.json"],
    ["policies\\nested\\a.json", "policies/nested/a.json"],
    ["./my policies/a#1.json", "./my%20policies/a%231.json"],
    ["/abs/path/a.json", "/abs/path/a.json"],
    ["C:\\work\\a.json", "file:///C:/work/a.json"],
    ["<stdin>", "%3Cstdin%3E"],
  ])("writes file %s as uri %s", (file, uri) => {
    expect(fileUri(file)).toBe(uri);
    const f: Finding = { ...FINDINGS[0]!, location: { ...FINDINGS[0]!.location, file } };
    const one = JSON.parse(renderFindingsSarif([f], RULES, SARIF_OPTIONS)) as SarifLog;
    expect(one.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(uri);
    expect(validate(one)).toBe(true);
  });
});

describe("renderFindingsMarkdown", () => {
  const md = renderFindingsMarkdown(FINDINGS, SUMMARY);
  const lines = md.split("\n");

  it("heads the comment with the counts", () => {
    expect(lines[0]).toBe("## leash lint: 5 findings (2 error, 1 high, 1 medium, 1 low)");
    expect(md).toContain("Checked 2 files against AWS catalog `2026.10.01`.");
    expect(md.endsWith("</details>\n")).toBe(true);
  });

  it("has one table per severity present, most severe first, with the right rows", () => {
    const headings = lines.filter((l) => l.startsWith("### "));
    expect(headings).toEqual(["### Error (2)", "### High (1)", "### Medium (1)", "### Low (1)"]);
    const rows = lines.filter((l) => l.startsWith("| `"));
    expect(rows).toEqual([
      "| `aws/policy-syntax` | `policies/trust.json:3` | `Effect` must be `Allow` or `Deny`, not `allow` |",
      "| `aws/weak-oidc-trust` | `policies/trust.json:9` | GitHub `sub` `repo:acme/*\\|x` uses a wildcard \\| more workflows may assume the role |",
      "| `aws/star-action` | `policies/train.json:6` | the statement allows every action of every service |",
      '| `aws/star-resource` | `policies/train.json:7` | `Resource: "*"` on 2 actions that take resource ARNs (`s3:GetObject`, `s3:PutObject`) |',
      "| `aws/old-version` | `policies/train.json:2` | `Version` is `2008-10-17` |",
    ]);
    // Every row splits into exactly three cells on unescaped pipes.
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
    expect(lines.filter((l) => l === "| Rule | Location | Message |")).toHaveLength(4);
  });

  it("puts help texts in collapsed details, code spans unescaped outside tables", () => {
    expect(md.match(/<details>/g)).toHaveLength(4);
    expect(md).toContain("<summary>How to fix the error findings</summary>");
    expect(md).toContain(
      "- `aws/weak-oidc-trust` at `policies/trust.json:9`: use an exact branch (`:ref:refs/heads/main`)",
    );
    expect(md).toContain(
      '- `aws/old-version` at `policies/train.json:2`: use `"Version": "2012-10-17"`',
    );
  });

  it("says so when there are no findings", () => {
    const empty = renderFindingsMarkdown([], summarize([], { files: 1, catalogVersion: "v1" }));
    expect(empty).toBe(
      "## leash lint\n\nChecked 1 file against AWS catalog `v1`.\n\nNo findings.\n",
    );
  });

  it.each([
    ["pipe in text", "a | b", true, "a \\| b"],
    ["pipe in a code span, table", "`a|b`", true, "`a\\|b`"],
    ["pipe in a code span, outside a table", "`a|b`", false, "`a|b`"],
    ["unbalanced backtick", "it's ` odd", true, "it's \\` odd"],
    ["backtick inside user input", "``a`b``", true, "``a`b``"],
    ["code span that starts with a backtick", "`` `x ``", true, "`` `x ``"],
    ["html and emphasis", "<b>*x*</b>_y_", true, "\\<b\\>\\*x\\*\\</b\\>\\_y\\_"],
    ["newline", "a\nb", true, "a b"],
  ])("escapes %s", (_name, input, inTable, output) => {
    expect(inlineMarkdown(input, inTable)).toBe(output);
  });

  it("keeps a table row whole whatever the message holds", () => {
    const f: Finding = {
      ...FINDINGS[1]!,
      message: "evil `a|b` | c ` d\nnext </details>",
      location: { ...FINDINGS[1]!.location, file: "we|ird`.json" },
    };
    const row = renderFindingsMarkdown([f], SUMMARY)
      .split("\n")
      .find((l) => l.startsWith("| `aws/star-action`"))!;
    expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
    expect(row).toContain("``we\\|ird`.json:6``");
    expect(row).not.toContain("</details>");
  });
});

describe("codeFrame on long lines", () => {
  // A minified policy: one 50 KB line.
  const statement = '{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}';
  const minified = `{"Version":"2012-10-17","Statement":[${Array(700).fill(statement).join(",")}]}`;
  const columnOf = (text: string, needle: string, from = 0) => text.indexOf(needle, from) + 1;

  it.each(
    titled(
      [
        {
          name: "middle",
          column: columnOf(minified, '"Action"', 25_000),
          before: true,
          after: true,
        },
        { name: "start", column: 2, before: false, after: true },
        { name: "end", column: minified.length, before: true, after: false },
      ],
      (row) =>
        `a window of at most ${FRAME_WIDTH} characters at the ${row.name}, caret on its character`,
    ),
  )("%s", (_, { column, before, after }) => {
    expect(minified.length).toBeGreaterThan(50_000);
    const frame = codeFrame(minified, 1, column);
    expect(frame).toHaveLength(2);
    for (const line of frame) expect(line.length).toBeLessThanOrEqual(120);
    const [shown, caret] = frame as [string, string];
    const source = shown.slice("> 1 | ".length);
    expect(source.startsWith("…")).toBe(before);
    expect(source.endsWith("…")).toBe(after);
    const at = caret.indexOf("^");
    expect(shown[at]).toBe(minified[column - 1]);
    expect(shown.slice(at, at + 8)).toBe(minified.slice(column - 1, column + 7));
  });

  it("cuts the neighbouring lines to the same window", () => {
    const long = "x".repeat(300);
    const frame = codeFrame(`${long}\n${"y".repeat(150)}Z${"y".repeat(150)}\n${long}`, 2, 151);
    expect(frame.map((l) => l.length).every((n) => n <= 120)).toBe(true);
    expect(frame[0]).toBe(`  1 | …${"x".repeat(FRAME_WIDTH)}…`);
    expect(frame[2]!.indexOf("^")).toBe(frame[1]!.indexOf("Z"));
  });

  it("keeps the caret in the window when the column runs past the line", () => {
    expect(codeFrame("x".repeat(20), 1, 18_000)).toEqual([
      `> 1 | ${"x".repeat(20)}`,
      `    | ${" ".repeat(20)}${" ".repeat(FRAME_WIDTH - 20)}^`,
    ]);
  });

  it("leaves lines that fit untouched", () => {
    const line = "a".repeat(FRAME_WIDTH);
    expect(codeFrame(line, 1, FRAME_WIDTH)).toEqual([
      `> 1 | ${line}`,
      `    | ${" ".repeat(FRAME_WIDTH - 1)}^`,
    ]);
  });
});

describe("renderFindingsText on a minified policy with thousands of findings", () => {
  // One 290 KB line; each finding quotes a 5 KB value and carries a frame of that line.
  const value = "x".repeat(5_000);
  const line = `{"Statement":[${Array(2_000).fill(`{"Sid":"${value}"}`).join(",").slice(0, 290_000)}]}`;
  const many: Finding[] = Array.from({ length: 2_000 }, (_, i) => ({
    ...FINDINGS[0]!,
    message: `\`${value}\` is\nnot a good Sid`,
    help: `rename \`${value}\``,
    location: { file: "min.json", pointer: "", line: 1, column: 1 + i * 145 },
  }));
  const text = renderFindingsText(many, new Map([["min.json", line]]));
  const blocks = text.split("\n\n").slice(0, -1);

  it("prints a bounded block per finding, its message and help on one line each", () => {
    expect(blocks).toHaveLength(2_000);
    for (const block of blocks) {
      expect(block.length).toBeLessThanOrEqual(900);
      expect(block.split("\n")).toHaveLength(4);
    }
    expect(blocks[0]!.split("\n")[0]).toBe(
      `min.json:1:1: low aws/old-version: \`${"x".repeat(80)}…${"x".repeat(40)}\` is\\nnot a good Sid`,
    );
  });
});

describe("renderFindingsMarkdown with thousands of findings", () => {
  const many: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
    ...FINDINGS[i % FINDINGS.length]!,
    message: `${FINDINGS[i % FINDINGS.length]!.message} (${"x".repeat(i % 300)})`,
    location: { ...FINDINGS[i % FINDINGS.length]!.location, line: i + 1 },
  }));
  const summary = summarize(many, { files: 2, catalogVersion: "v1" });
  const md = renderFindingsMarkdown(many, summary);

  it("stays under GitHub's comment limit with a summary table, the most severe first, and how many more", () => {
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toContain(
      "| Severity | Findings |\n| --- | ---: |\n| Error | 2000 |\n| High | 1000 |\n| Medium | 1000 |\n| Low | 1000 |",
    );
    const rows = md.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows.length).toBeGreaterThan(50);
    // Errors come first: the shown rows are the most severe.
    expect(rows.every((r) => /aws\/(policy-syntax|weak-oidc-trust)/.test(r))).toBe(true);
    expect(md.split("\n").filter((l) => l.startsWith("### "))).toEqual([
      `### Error (2000, ${rows.length} shown)`,
    ]);
    const more = /\*\*(\d+) more findings\*\* not shown/.exec(md);
    expect(Number(more?.[1])).toBe(5000 - rows.length);
    expect(md).toContain("`leash lint --format json`");
  });

  it("cuts a message too long for a comment", () => {
    const huge: Finding = {
      ...FINDINGS[1]!,
      message: `grants ${"`s3:GetObject`, ".repeat(10_000)}`,
    };
    const one = renderFindingsMarkdown(
      [huge],
      summarize([huge], { files: 1, catalogVersion: "v1" }),
    );
    expect(one.length).toBeLessThan(3_000);
    expect(one).not.toContain("more finding");
  });
});

describe("findingFingerprint follows content", () => {
  const base: Finding = { ...FINDINGS[1]!, anchor: "statement:abc/Action" };

  it("ignores the pointer and line when the finding has an anchor, not the rule, file, anchor or message", () => {
    const moved = {
      ...base,
      location: { ...base.location, pointer: "/Statement/7/Action", line: 90 },
    };
    expect(findingFingerprint(moved)).toBe(findingFingerprint(base));
    expect(findingFingerprint({ ...base, anchor: "statement:def/Action" })).not.toBe(
      findingFingerprint(base),
    );
    expect(findingFingerprint({ ...base, ruleId: "aws/x" })).not.toBe(findingFingerprint(base));
    expect(findingFingerprint({ ...base, message: "other" })).not.toBe(findingFingerprint(base));
    const elsewhere = { ...base, location: { ...base.location, file: TRUST } };
    expect(findingFingerprint(elsewhere)).not.toBe(findingFingerprint(base));
  });

  it.each([
    [
      "statement #3 does nothing that statement #1 does not already allow",
      "statement # does nothing that statement # does not already allow",
    ],
    ["not JSON (line 2, column 5 of it)", "not JSON (line of it)"],
    ["`s3:GetObject` on `arn:aws:s3:::b/k`", "`s3:GetObject` on `arn:aws:s3:::b/k`"],
    ["see template.json 12:5, then", "see template.json line:column, then"],
    [
      "`arn:aws:kms:us-east-1:111122223333:key/k` and `arn:aws:kms:us-east-1:444455556666:key/k`",
      "`arn:aws:kms:us-east-1:111122223333:key/k` and `arn:aws:kms:us-east-1:444455556666:key/k`",
    ],
  ])("keeps the position-free part of %s", (message, free) => {
    expect(positionFreeMessage(message)).toBe(free);
  });

  it("keeps the version 1 fingerprint for old baselines", () => {
    expect(legacyFindingFingerprint(FINDINGS[1]!)).toMatch(/^[0-9a-f]{32}$/);
    expect(legacyFindingFingerprint(FINDINGS[1]!)).not.toBe(findingFingerprint(FINDINGS[1]!));
  });
});

describe("what the run checked, in every format", () => {
  const RUN: LintRun = {
    files: 2,
    skipped: [
      { file: "package.json", reason: "not-iam" },
      { file: "vendor/x.json", reason: "ignored" },
    ],
    notifications: [
      {
        code: "input/unresolved-policy",
        severity: "warning",
        message: "the policy of `aws_iam_role_policy.x` is not analysed",
        help: "make it a literal",
        location: { file: "main.tf", pointer: "", line: 3, column: 12 },
      },
    ],
  };
  const summary = summarize(FINDINGS, { files: 2, catalogVersion: "v1", run: RUN });

  it("ends the text with the checked line", () => {
    expect(renderFindingsText([], SOURCES, RUN)).toBe(
      "0 findings\nchecked 2 files, 2 skipped (1 .json not IAM, 1 ignored), 1 warning\n",
    );
  });

  it("lists warnings and skipped files as JSON notifications", () => {
    const json = JSON.parse(renderFindingsJson(FINDINGS, summary, RUN));
    expect(json.notifications).toEqual([
      {
        code: "input/unresolved-policy",
        severity: "warning",
        message: "the policy of `aws_iam_role_policy.x` is not analysed",
        help: "make it a literal",
        location: { file: "main.tf", pointer: "", line: 3, column: 12 },
      },
      expect.objectContaining({
        code: "input/skipped",
        severity: "info",
        location: { file: "package.json", pointer: "", line: 1, column: 1 },
      }),
    ]);
    expect(json.summary).toMatchObject({ files: 2, skipped: 2, notifications: 2 });
  });

  it("writes SARIF toolExecutionNotifications that the schema accepts", () => {
    const validate = sarifValidator();
    const log = JSON.parse(renderFindingsSarif(FINDINGS, RULES, { ...SARIF_OPTIONS, run: RUN }));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: "warning",
            message: {
              text: "the policy of `aws_iam_role_policy.x` is not analysed\nhelp: make it a literal",
            },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: "main.tf" },
                  region: { startLine: 3, startColumn: 12 },
                },
              },
            ],
            descriptor: { id: "input/unresolved-policy" },
          },
          expect.objectContaining({ level: "note", descriptor: { id: "input/skipped" } }),
        ],
      },
    ]);
    const broken = structuredClone(log);
    broken.runs[0].invocations[0].toolExecutionNotifications[0].level = "warn";
    expect(validate(broken)).toBe(false);
  });

  it("puts the skipped files in the markdown's checked line and the warnings in a list", () => {
    const md = renderFindingsMarkdown(FINDINGS, summary, RUN);
    expect(md).toContain(
      "Checked 2 files, 2 skipped (1 .json not IAM, 1 ignored), against AWS catalog `v1`.",
    );
    expect(md).toContain("<summary>1 warning: parts not analysed</summary>");
    expect(md).toContain(
      "- `main.tf:3`: the policy of `aws_iam_role_policy.x` is not analysed (`input/unresolved-policy`)",
    );
  });
});
