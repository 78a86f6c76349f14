import { FINDING_SEVERITIES, type Finding } from "../model/index.js";
import { type LintSummary, severityCounts } from "./findings-json.js";
import { type LintRun, skippedWhy } from "./findings-run.js";

/** GitHub rejects a comment longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept after the findings for the "more" line and the warnings. */
const TAIL = 10_000;
/** A message or help longer than this is cut in the report (the JSON report has it whole). */
const CELL = 400;
/** Warnings listed at most. */
const WARNINGS = 10;

const clip = (text: string) => (text.length > CELL ? `${text.slice(0, CELL)}…` : text);

/** A code span that survives any content: a fence longer than any backtick run inside. */
function codeSpan(content: string, inTable: boolean): string {
  let text = content.replace(/\r\n|\r|\n/g, " ");
  if (text === "") return "";
  // In a GFM table `\|` stays a literal pipe even inside a code span.
  if (inTable) text = text.replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || /^ .* $/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Plain text with everything Markdown or HTML could read as syntax escaped. */
function plain(text: string): string {
  return text.replace(/\r\n|\r|\n/g, " ").replace(/[\\`*_[\]<>|#~&!]/g, "\\$&");
}

/**
 * A message as inline Markdown: its code spans (backtick runs closed by a run
 * of the same length, as CommonMark reads them) stay code, with a safe fence;
 * everything else is escaped, including a backtick that closes nothing.
 */
export function inlineMarkdown(text: string, inTable = false): string {
  let out = "";
  let rest = text;
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) break;
    const after = rest.slice(open.index + open[0].length);
    const close = new RegExp(`(?<!\`)\`{${open[0].length}}(?!\`)`).exec(after);
    if (!close) {
      out += plain(rest.slice(0, open.index + open[0].length));
      rest = after;
      continue;
    }
    let code = after.slice(0, close.index);
    // CommonMark strips one space from each side when both are there.
    if (/^ .* $/.test(code) && code.trim() !== "") code = code.slice(1, -1);
    out += plain(rest.slice(0, open.index)) + codeSpan(code, inTable);
    rest = after.slice(close.index + close[0].length);
  }
  return out + plain(rest);
}

function where(f: Finding): string {
  return `${f.location.file}:${f.location.line}`;
}

function title(severity: string): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

/**
 * A report for a pull-request comment, always under GitHub's comment limit:
 * a heading with the counts, a summary table, then per severity (most severe
 * first) a table of rule, place and message and a collapsed list of the help
 * texts, as many findings as fit; then how many more there are and how to see
 * them, and the readers' warnings when the run is given.
 */
export function renderFindingsMarkdown(
  findings: readonly Finding[],
  summary: LintSummary,
  run?: LintRun,
): string {
  const files = `${summary.files} file${summary.files === 1 ? "" : "s"}`;
  const skipped =
    run && run.skipped.length > 0
      ? `, ${run.skipped.length} skipped (${inlineMarkdown(skippedWhy(run.skipped))}),`
      : "";
  const checked = `Checked ${files}${skipped} against AWS catalog ${codeSpan(summary.catalogVersion, false)}.`;
  const tail = run ? warnings(run) : [];
  if (findings.length === 0)
    return `${["## leash lint", "", checked, "", "No findings.", ...tail].join("\n")}\n`;

  const n = findings.length;
  const out = [
    `## leash lint: ${n} finding${n === 1 ? "" : "s"} (${severityCounts(findings)})`,
    "",
    checked,
    "",
    "| Severity | Findings |",
    "| --- | ---: |",
    ...FINDING_SEVERITIES.filter((s) => summary.bySeverity[s] > 0).map(
      (s) => `| ${title(s)} | ${summary.bySeverity[s]} |`,
    ),
  ];
  let used = out.join("\n").length;
  let shown = 0;
  let full = false;
  for (const severity of FINDING_SEVERITIES) {
    if (full) break;
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const head = [
      "",
      `### ${title(severity)} (${group.length})`,
      "",
      "| Rule | Location | Message |",
      "| --- | --- | --- |",
    ];
    const helpHead = [
      "",
      "<details>",
      `<summary>How to fix the ${severity} findings</summary>`,
      "",
    ];
    const helpEnd = ["", "</details>"];
    used += [...head, ...helpHead, ...helpEnd].join("\n").length + 2;
    const rows: string[] = [];
    const helps: string[] = [];
    for (const f of group) {
      const row = `| ${codeSpan(f.ruleId, true)} | ${codeSpan(where(f), true)} | ${inlineMarkdown(clip(f.message), true)} |`;
      const help = `- ${codeSpan(f.ruleId, false)} at ${codeSpan(where(f), false)}: ${inlineMarkdown(clip(f.help))}`;
      if (used + row.length + help.length + 2 > GITHUB_COMMENT_LIMIT - TAIL) {
        full = true;
        break;
      }
      used += row.length + help.length + 2;
      rows.push(row);
      helps.push(help);
    }
    if (rows.length === 0) break;
    shown += rows.length;
    // A cut section says so in its heading (the budget above kept room for these words).
    if (rows.length < group.length)
      head[1] = `### ${title(severity)} (${group.length}, ${rows.length} shown)`;
    out.push(...head, ...rows, ...helpHead, ...helps, ...helpEnd);
  }
  if (shown < n) {
    const more = n - shown;
    out.push(
      "",
      `**${more} more finding${more === 1 ? "" : "s"}** not shown: a comment holds ${GITHUB_COMMENT_LIMIT.toLocaleString("en-US")} characters. Run \`leash lint --format json\` to see them all, or upload \`--format sarif\` to code scanning.`,
    );
  }
  return `${[...out, ...tail].join("\n")}\n`;
}

/** The readers' warnings, collapsed, at most `WARNINGS` of them. */
function warnings(run: LintRun): string[] {
  const list = run.notifications.filter((d) => d.severity === "warning");
  if (list.length === 0) return [];
  const items = list
    .slice(0, WARNINGS)
    .map(
      (d) =>
        `- ${d.location ? `${codeSpan(`${d.location.file}:${d.location.line}`, false)}: ` : ""}${inlineMarkdown(clip(d.message))} (${codeSpan(d.code, false)})`,
    );
  if (list.length > WARNINGS)
    items.push(`- and ${list.length - WARNINGS} more: run \`leash lint --format json\``);
  return [
    "",
    "<details>",
    `<summary>${list.length} warning${list.length === 1 ? "" : "s"}: parts not analysed</summary>`,
    "",
    ...items,
    "",
    "</details>",
  ];
}
