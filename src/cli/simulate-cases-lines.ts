import {
  AwsEngine,
  type Explanation,
  readCaseRequest,
  readPolicySet,
  readsTrustPolicy,
  type StatementTrace,
} from "../clouds/aws/evaluate/index.js";
import {
  type Diagnostic,
  type JsonNode,
  parseLocatedJson,
  type SourceLocation,
} from "../diagnostics/index.js";
import { RepeatCache } from "./repeat-cache.js";
import type { BatchOutput, LineResult } from "./simulate-batch.js";

/**
 * The lines of `simulate --cases`: each line read, its policy set compiled
 * (or found among the sets the thread compiled before), and its request
 * decided and explained.
 */

/** Parses one JSON Lines line with locations (line numbers of the batch file, duplicate keys kept). */
export function parseLine(text: string, file: string, line: number): JsonNode | Diagnostic[] {
  const parsed = parseLocatedJson(text, file, line);
  return parsed.node ?? parsed.diagnostics;
}

/**
 * A case's policy set as its line wrote it: how its `resourcePolicy` is read,
 * the line's text less its `request` and `id` members, and where each of the
 * other members starts. A member's column is its offset in the line, since
 * the line is one line of text. Policies written one after the other (the
 * usual case) are one slice of the line, which costs no copy. Undefined for
 * a line the cache must not answer: one that is not an object (its error is
 * its own), or one with a carriage return before its end, where the reader
 * starts another line, so that columns are no longer offsets.
 */
interface SetText {
  trust: boolean;
  key: string;
  starts: number[];
}

function setText(node: JsonNode, line: string): SetText | undefined {
  if (node.kind !== "object") return undefined;
  // A CRLF file's lines end in CR, which moves nothing.
  const cr = line.indexOf("\r");
  if (cr >= 0 && cr < line.length - 1) return undefined;
  const slices: string[] = [];
  const starts: number[] = [];
  const { entries } = node;
  let from = -1;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const start = e.keyLoc.column;
    if (e.key === "request" || e.key === "id") {
      if (from >= 0) slices.push(line.slice(from - 1, start - 1));
      from = -1;
      continue;
    }
    if (from < 0) from = start;
    starts.push(start);
  }
  if (from >= 0) slices.push(line.slice(from - 1));
  // The request decides whether `resourcePolicy` is read as a trust policy: the same
  // text read both ways is two sets. A line holds no newline: joined slices never equal one.
  const key = slices.length === 1 ? slices[0]! : slices.join("\n");
  return { trust: readsTrustPolicy(node), key, starts };
}

/** A policy set compiled for the first line that had it, with what reading it said. */
export interface CompiledSet {
  engine: AwsEngine;
  line: number;
  starts: number[];
  /** The set's warnings, at that first line's positions. */
  warnings: Diagnostic[];
}

/**
 * Moves a position of the line that compiled a set to the same place in a
 * later line with the same policies: another line number, and columns moved by
 * how far each policy member starts from where it started there (the `id` and
 * `request` members may differ in length, or stand between policies).
 */
function mover(from: CompiledSet, line: number, starts: number[]) {
  const same = line === from.line && starts.every((s, i) => s === from.starts[i]);
  const column = (c: number) => {
    let k = 0;
    while (k + 1 < from.starts.length && from.starts[k + 1]! <= c) k++;
    return c + (starts[k] ?? from.starts[k]!) - from.starts[k]!;
  };
  return {
    same,
    trace: (t: StatementTrace): StatementTrace => ({
      ...t,
      line: line + t.line - from.line,
      column: column(t.column),
    }),
    location: (l: SourceLocation): SourceLocation => ({
      ...l,
      line: line + l.line - from.line,
      column: column(l.column),
    }),
  };
}

function moved(e: Explanation, move: ReturnType<typeof mover>): Explanation {
  if (move.same) return e;
  return {
    ...e,
    deciding: e.deciding.map(move.trace),
    otherMatches: e.otherMatches.map(move.trace),
    nearMisses: e.nearMisses.map(move.trace),
  };
}

/** Reading options a batch's threads share (the engine's clock is always the real one). */
export interface CaseOptions {
  allowUnknownActions: boolean;
}

/** A batch line: its number in the file, and its text. */
export interface CaseLine {
  line: number;
  text: string;
}

/** The compiled policy sets one thread keeps across its lines (see RepeatCache), by reading. */
export interface CompiledSets {
  trust: RepeatCache<CompiledSet>;
  resource: RepeatCache<CompiledSet>;
}

export function compiledSets(): CompiledSets {
  return { trust: new RepeatCache(), resource: new RepeatCache() };
}

/**
 * Answers lines in order into `out`. Lines often repeat a policy set (many
 * requests against one set): a line with the same policy text as an earlier
 * one reuses its compiled engine and skips reading the policies again, and
 * its explanation and warnings are moved to its own positions, so that every
 * answer reads as if its line were alone.
 */
export async function answerCases(
  cases: readonly CaseLine[],
  file: string,
  options: CaseOptions,
  out: BatchOutput,
  sets: CompiledSets,
): Promise<void> {
  for (const { line, text } of cases) {
    await out.answer((answer) => {
      const context = { text, line, file, options, sets, answer };
      // Most lines have nothing to report, and pointers serve only reports: a line is read
      // without them first, and again with them as soon as it has something to say.
      return answerLine(context, false) ?? answerLine(context, true)!;
    });
  }
}

interface LineContext {
  text: string;
  line: number;
  file: string;
  options: CaseOptions;
  sets: CompiledSets;
  answer: { id: unknown };
}

/**
 * One line's answer. Without `pointers`, undefined as soon as reading the
 * line finds anything to report (before a set is kept, so that a kept set's
 * warnings always carry their pointers).
 */
function answerLine(c: LineContext, pointers: boolean): LineResult | undefined {
  const { text: json, line, file, options, sets } = c;
  const parsed = parseLocatedJson(json, file, line, { pointers });
  if (!parsed.node) return pointers ? { diagnostics: parsed.diagnostics } : undefined;
  const node = parsed.node;
  const r = readCaseRequest(node, options);
  c.answer.id = r.id;
  if (!pointers && r.diagnostics.length > 0) return undefined;
  const text = setText(node, json);
  const cache = text && (text.trust ? sets.trust : sets.resource);
  const starts = text?.starts ?? [];
  let compiled = text && cache?.get(text.key);
  if (!compiled) {
    const read = readPolicySet(node, file);
    if (!pointers && read.diagnostics.length > 0) return undefined;
    if (!read.set) return { diagnostics: [...read.diagnostics, ...r.diagnostics] };
    compiled = {
      engine: new AwsEngine(read.set, options),
      line,
      starts,
      warnings: read.diagnostics,
    };
    if (text) cache?.put(text.key, compiled);
  }
  const move = mover(compiled, line, starts);
  const warnings = [
    ...(move.same
      ? compiled.warnings
      : compiled.warnings.map((d) =>
          d.location ? { ...d, location: move.location(d.location) } : d,
        )),
    ...r.diagnostics,
  ];
  if (!r.checked) return { diagnostics: warnings };
  // Checked once, as the reader located its problems; the engine has the same options.
  // Its warnings are about the request as a whole, and carry no location.
  const result = compiled.engine.explainChecked(r.checked);
  warnings.push(...result.diagnostics);
  return {
    decision: result.explanation.decision,
    explanation: moved(result.explanation, move),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
