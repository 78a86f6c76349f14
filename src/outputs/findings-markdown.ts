import { FINDING_SEVERITIES, type Finding } from "../model/index.js";
import { type LintSummary, severityCounts } from "./findings-json.js";

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
 * A report for a pull-request comment: a heading with the counts, then per
 * severity (most severe first) a table of rule, place and message and a
 * collapsed list of the help texts.
 */
export function renderFindingsMarkdown(findings: readonly Finding[], summary: LintSummary): string {
  const files = `${summary.files} file${summary.files === 1 ? "" : "s"}`;
  const checked = `Checked ${files} against AWS catalog ${codeSpan(summary.catalogVersion, false)}.`;
  if (findings.length === 0) return `## leash lint\n\n${checked}\n\nNo findings.\n`;

  const n = findings.length;
  const out = [
    `## leash lint: ${n} finding${n === 1 ? "" : "s"} (${severityCounts(findings)})`,
    "",
    checked,
  ];
  for (const severity of FINDING_SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push("", `### ${title(severity)} (${group.length})`, "");
    out.push("| Rule | Location | Message |", "| --- | --- | --- |");
    for (const f of group)
      out.push(
        `| ${codeSpan(f.ruleId, true)} | ${codeSpan(where(f), true)} | ${inlineMarkdown(f.message, true)} |`,
      );
    out.push("", "<details>", `<summary>How to fix the ${severity} findings</summary>`, "");
    for (const f of group)
      out.push(
        `- ${codeSpan(f.ruleId, false)} at ${codeSpan(where(f), false)}: ${inlineMarkdown(f.help)}`,
      );
    out.push("", "</details>");
  }
  return `${out.join("\n")}\n`;
}
