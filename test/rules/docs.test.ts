/**
 * docs/rules/ mirrors the rule registry: one page per rule that starts with
 * the rule's id and description, a README table of every rule, and examples
 * that do what the page says (the "Fires" policy fires, the other does not).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { POLICY_TYPES, type PolicyType } from "../../src/clouds/aws/policy/types.js";
import { AWS_RULES } from "../../src/clouds/aws/rules/index.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { parseLocatedJson } from "../../src/diagnostics/index.js";
import { CATEGORIES, FINDING_SEVERITIES } from "../../src/model/index.js";

const DOCS = join(import.meta.dirname, "../../docs/rules");
const RULES_SRC = join(import.meta.dirname, "../../src/clouds/aws/rules");
const rules = Object.values(AWS_RULES);
const slug = (id: string) => id.replace(/^aws\//, "");
const page = (id: string) => readFileSync(join(DOCS, `${slug(id)}.md`), "utf8");
const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md") && f !== "README.md");

/** The text of the paragraph after the title: lines up to the next blank line. */
function firstParagraph(text: string): string {
  const lines = text.split("\n").slice(1);
  const start = lines.findIndex((l) => l.trim() !== "");
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines
    .slice(start, end < 0 ? undefined : end)
    .join(" ")
    .trim();
}

/** The policy type and JSON of an example section (`### Fires`, `### Does not fire`). */
function example(text: string, heading: string): { type: PolicyType; json: string } {
  const at = text.indexOf(`\n### ${heading}\n`);
  expect(at, `section "### ${heading}"`).toBeGreaterThan(0);
  const section = text.slice(at + 1).split(/\n##+ /)[0]!;
  const type = /^Policy type: `([a-z]+)`$/m.exec(section)?.[1];
  const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
  expect(POLICY_TYPES, `policy type of "${heading}"`).toContain(type);
  expect(json, `JSON block of "${heading}"`).toBeDefined();
  return { type: type as PolicyType, json: json! };
}

function findingsOf(ruleId: string, type: PolicyType, json: string) {
  const file = `${slug(ruleId)}.md`;
  const { node, diagnostics } = parseLocatedJson(json, file);
  expect(diagnostics).toEqual([]);
  const findings = lintAws([{ file, node: node!, type, name: file }]);
  expect(findings.filter((f) => f.ruleId.endsWith("-syntax"))).toEqual([]);
  return findings.filter((f) => f.ruleId === ruleId);
}

describe("rule registry", () => {
  it("has rules", () => {
    expect(rules.length).toBeGreaterThan(0);
  });

  it.each(rules.map((r) => [r.id, r] as const))(
    "%s: an `aws/` kebab-case id, registered under its id, valid category and severity",
    (id, r) => {
      expect(id).toMatch(/^aws\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(AWS_RULES[id]).toBe(r);
      expect(CATEGORIES).toContain(r.category);
      expect(FINDING_SEVERITIES).toContain(r.severity);
      expect(r.title.trim()).not.toBe("");
      expect(r.description).toMatch(/^[A-Z].*\.$/);
      expect(r.description).not.toContain("\n");
      expect(r.checkPolicy ?? r.checkPrincipal).toBeDefined();
    },
  );

  it("ids are unique: every id written in a rule file is registered exactly once", () => {
    // AWS_RULES is keyed by id, so a duplicate would silently replace a rule:
    // compare with the ids the rule sources declare.
    const declared = readdirSync(RULES_SRC)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [
          ...readFileSync(join(RULES_SRC, f), "utf8").matchAll(
            /^\s*(?:id:\s*)?"(aws\/[a-z0-9-]+)",\s*$/gm,
          ),
        ].map((m) => m[1]!),
      );
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual(Object.keys(AWS_RULES).sort());
  });
});

describe("docs/rules pages", () => {
  it.each(rules.map((r) => [r.id, r] as const))(
    "%s has a page whose title is the id and whose first paragraph is the description",
    (id, r) => {
      const text = page(id);
      expect(text.split("\n")[0]).toBe(`# ${id}`);
      expect(text.split("\n")[1]).toBe("");
      expect(firstParagraph(text)).toBe(r.description);
      expect(text).toContain(`| \`${r.category}\` | \`${r.severity}\` |`);
      for (const heading of [
        "## Category and severity",
        "## Why it matters",
        "## What it checks",
        "## Examples",
        "## How to fix",
      ])
        expect(text).toContain(`\n${heading}\n`);
      expect(text).toMatch(/\]\(https:\/\/[^)\s]+\)/); // cites a source
    },
  );

  it.each(pages)("%s documents a registered rule", (file) => {
    expect(Object.keys(AWS_RULES)).toContain(`aws/${file.replace(/\.md$/, "")}`);
  });

  it.each(rules.map((r) => [r.id] as const))(
    "%s: the page's examples fire and do not fire",
    (id) => {
      const text = page(id);
      const fires = example(text, "Fires");
      expect(findingsOf(id, fires.type, fires.json).length).toBeGreaterThan(0);
      const quiet = example(text, "Does not fire");
      expect(findingsOf(id, quiet.type, quiet.json)).toEqual([]);
    },
  );
});

describe("docs/rules/README.md", () => {
  const readme = readFileSync(join(DOCS, "README.md"), "utf8");
  const rows = readme.split("\n").filter((l) => /^\| \[`aws\//.test(l));

  it.each(rules.map((r) => [r.id, r] as const))("lists %s with its metadata", (id, r) => {
    expect(rows).toContain(
      `| [\`${id}\`](${slug(id)}.md) | \`${r.category}\` | \`${r.severity}\` | ${r.description} |`,
    );
  });

  it("lists no other rule, each once", () => {
    expect(rows.length).toBe(rules.length);
  });
});
