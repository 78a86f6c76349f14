import { readFileSync } from "node:fs";
import { z } from "zod";
import { closest, type Diagnostic } from "../../diagnostics/index.js";
import { FINDING_SEVERITIES, type FindingSeverity } from "../../model/index.js";
import { LocatedYaml } from "../../spec/located-yaml.js";

/**
 * leash.config.yaml: how a repository runs `leash lint` (distinct from the
 * leash.yaml spec). Severity overrides or `off` per rule, paths to ignore, a
 * baseline of accepted findings, and the severity that fails the run.
 */
export interface LintConfig {
  failOn: FindingSeverity;
  rules: Record<string, FindingSeverity | "off">;
  ignore: string[];
  baseline: string | undefined;
}

const ConfigSchema = z.strictObject({
  failOn: z.enum(FINDING_SEVERITIES).optional(),
  rules: z
    .record(z.string().regex(/^aws\/[a-z0-9-]+$/), z.enum([...FINDING_SEVERITIES, "off"]))
    .optional(),
  ignore: z.array(z.string().min(1)).optional(),
  baseline: z.string().min(1).optional(),
});

export const DEFAULT_CONFIG: LintConfig = {
  failOn: "high",
  rules: {},
  ignore: [],
  baseline: undefined,
};

/** Reads a config file; problems come back as diagnostics, never thrown. */
export async function loadLintConfig(
  file: string,
  knownRules: readonly string[],
): Promise<{ config?: LintConfig; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return {
      diagnostics: [
        {
          code: "config/unreadable",
          severity: "error",
          message: `cannot read \`${file}\`: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          help: "check the --config path",
        },
      ],
    };
  }
  const parsed = LocatedYaml.parse(text, file);
  if (!parsed.yaml) return { diagnostics: parsed.diagnostics };
  const result = ConfigSchema.safeParse(parsed.value ?? {});
  const diagnostics: Diagnostic[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      diagnostics.push({
        code: "config/invalid",
        severity: "error",
        message: `\`${path.join(".") || "config"}\`: ${issue.message.replace(/^\w/, (c) => c.toLowerCase())}`,
        help: "keys: failOn, rules, ignore, baseline; severities: error, high, medium, low, info, off",
        location: parsed.yaml.locate(path),
      });
    }
    return { diagnostics };
  }
  for (const id of Object.keys(result.data.rules ?? {})) {
    if (!knownRules.includes(id)) {
      const near = closest(id, knownRules);
      diagnostics.push({
        code: "config/unknown-rule",
        severity: "error",
        message: `unknown rule \`${id}\``,
        help: near ? `did you mean \`${near}\`?` : "see docs/rules/README.md",
        location: parsed.yaml.locate(["rules"], id),
      });
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  return {
    config: {
      failOn: result.data.failOn ?? DEFAULT_CONFIG.failOn,
      rules: result.data.rules ?? {},
      ignore: result.data.ignore ?? [],
      baseline: result.data.baseline,
    },
    diagnostics,
  };
}

/** `**` any folders, `*` any name part, `?` one character; matched against forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
