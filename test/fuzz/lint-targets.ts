/**
 * What lint is fuzzed with: each target draws whole cases (files and
 * options) from one kind of input, mutated at the JSON level, the text level
 * or both.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { POLICY_TYPES } from "../../src/clouds/aws/policy/types.js";
import { grammarPolicy } from "./grammar.js";
import { grammarExport, grammarPlan, grammarTemplate } from "./grammar-inputs.js";
import type { LintCase } from "./lint-property.js";
import { jsonMutation, jsonMutations, mutateJson, mutateText, textMutations } from "./mutate.js";
import {
  exportSeeds,
  leashAwsJsonSeeds,
  planSeeds,
  specSeeds,
  templateJsonSeeds,
  templateYamlSeeds,
  terraformSeeds,
} from "./seeds.js";

export interface LintTarget {
  name: string;
  cases: fc.Arbitrary<LintCase>;
  /** A case takes a good part of a second (a spec is generated, then linted): fewer in `npm test`. */
  slow?: boolean;
}

const format = fc.constantFrom("text", "text", "markdown", "sarif") as fc.Arbitrary<
  LintCase["format"]
>;
const typeArgs = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as string[]) },
  { weight: 1, arbitrary: fc.constantFrom(...POLICY_TYPES).map((t) => ["--type", t]) },
);

/** A value as JSON text: pretty or on one line (minified inputs make one very long line). */
const asJson = (value: unknown, pretty: boolean) =>
  JSON.stringify(value, null, pretty ? 2 : undefined) ?? "null";

/** A JSON seed mutated as a value (or not at all), then (sometimes) as text. */
function mutatedJson(seeds: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .record({
      seed: seeds,
      mutations: fc.array(jsonMutation, { maxLength: 5 }),
      pretty: fc.boolean(),
      edits: fc.option(textMutations, { freq: 4 }),
    })
    .map(({ seed, mutations, pretty, edits }) => {
      const text = asJson(mutateJson(seed, mutations), pretty);
      return edits ? mutateText(text, edits) : text;
    });
}

const oneFile = (
  name: string,
  text: fc.Arbitrary<string>,
  args = typeArgs,
): fc.Arbitrary<LintCase> =>
  fc.record({
    files: text.map((t) => [{ name, text: t }]),
    args,
    folder: fc.boolean(),
    format,
  });

const pick = <T>(seeds: readonly T[]) => fc.constantFrom(...seeds);

export function lintTargets(managedPolicies: readonly unknown[]): LintTarget[] {
  const policies = fc.nat({ max: managedPolicies.length - 1 }).map((i) => managedPolicies[i]);
  const kinds: LintTarget[] = [
    { name: "managed-policies", cases: oneFile("policy.json", mutatedJson(policies)) },
    {
      name: "grammar-policies",
      cases: oneFile(
        "policy.json",
        fc
          .tuple(grammarPolicy, fc.option(jsonMutations, { freq: 3 }), fc.boolean())
          .map(([p, m, pretty]) => asJson(m ? mutateJson(p, m) : p, pretty)),
      ),
    },
    {
      name: "account-exports",
      cases: oneFile(
        "export.json",
        mutatedJson(fc.oneof(pick(exportSeeds), grammarExport)),
        fc.constant([]),
      ),
    },
    {
      name: "terraform-plans",
      cases: oneFile(
        "plan.json",
        mutatedJson(fc.oneof(pick(planSeeds), grammarPlan)),
        fc.constant([]),
      ),
    },
    {
      name: "cloudformation-json",
      cases: oneFile(
        "template.json",
        mutatedJson(fc.oneof(pick(templateJsonSeeds), grammarTemplate)),
        fc.constant([]),
      ),
    },
    {
      name: "cloudformation-yaml",
      cases: oneFile(
        "template.yaml",
        fc.oneof(
          fc
            .tuple(pick(templateYamlSeeds), textMutations)
            .map(([seed, edits]) => mutateText(seed, edits)),
          fc
            .tuple(pick(templateJsonSeeds), jsonMutations)
            .map(
              ([seed, m]) => stringify(mutateJson(seed, m), { aliasDuplicateObjects: false }) ?? "",
            ),
        ),
        fc.constant([]),
      ),
    },
    {
      name: "leash-spec",
      cases: oneFile(
        "leash.yaml",
        fc.tuple(pick(specSeeds), textMutations).map(([seed, edits]) => mutateText(seed, edits)),
        fc.constant([]),
      ),
      slow: true,
    },
    {
      name: "leash-aws-json",
      cases: oneFile("aws.json", mutatedJson(pick(leashAwsJsonSeeds)), fc.constant([])),
    },
    {
      name: "terraform",
      cases: fc.record({
        files: fc
          .tuple(
            pick(terraformSeeds),
            fc.array(fc.tuple(fc.nat(), textMutations), { minLength: 1, maxLength: 3 }),
          )
          .map(([seed, edits]) => {
            const files = seed.map((f) => ({ ...f }));
            for (const [i, e] of edits) {
              const f = files[i % files.length]!;
              f.text = mutateText(f.text, e);
            }
            return files;
          }),
        args: fc.constant([]),
        folder: fc.constant(true),
        format,
      }),
    },
  ];
  return [...kinds, folderMix(kinds)];
}

/** A policy with a known finding (`aws/full-admin`), which no file beside it may hide. */
const ADMIN =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** Broken files of several kinds, each in its own subfolder, beside a policy with a finding. */
function folderMix(kinds: readonly LintTarget[]): LintTarget {
  return {
    name: "folder-mix",
    cases: fc
      .tuple(
        fc
          .subarray([...kinds], { minLength: 1 })
          .chain((ks) => fc.tuple(...ks.map((k) => k.cases))),
        format,
      )
      .map(([cases, f]) => ({
        files: [
          { name: "admin.json", text: ADMIN },
          ...cases.flatMap((c, i) => c.files.map((x) => ({ ...x, name: `${i}/${x.name}` }))),
        ],
        args: [],
        folder: true,
        format: f,
        mustFind: ["admin.json"],
      })),
    slow: true,
  };
}
