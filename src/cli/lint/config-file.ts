import { z } from "zod";
import { closest, type Diagnostic, readText } from "../../diagnostics/index.js";
import { FINDING_SEVERITIES } from "../../model/index.js";
import { packageFileUri } from "../../outputs/findings-sarif.js";
import { LocatedYaml, prototypeKeyDiagnostics } from "../../spec/located-yaml.js";
import { packageInfo } from "../package-info.js";
import { DEFAULT_CONFIG, type LintConfig } from "./config.js";

// Loaded only when a config file exists: zod and the YAML parser are not needed otherwise.
const ConfigSchema = z.strictObject({
  failOn: z.enum(FINDING_SEVERITIES).optional(),
  rules: z
    .record(z.string().regex(/^aws\/[a-z0-9-]+$/), z.enum([...FINDING_SEVERITIES, "off"]))
    .optional(),
  ignore: z.array(z.string().min(1)).optional(),
  baseline: z.string().min(1).optional(),
  trustedAccounts: z.array(z.string().regex(/^\d{12}$/, "an account ID is 12 digits")).optional(),
  awsManagedPolicies: z.enum(["on", "off"]).optional(),
});

/** Reads a config file; problems come back as diagnostics, never thrown. */
export async function loadLintConfig(
  file: string,
  knownRules: readonly string[],
): Promise<{ config?: LintConfig; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = readText(file);
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
  // Before the schema, whose records would drop them: `rules: {__proto__: off}` read as no rule.
  const keys = prototypeKeyDiagnostics(parsed.value, parsed.yaml, "config/invalid-key");
  if (keys.length > 0) return { diagnostics: keys };
  const result = ConfigSchema.safeParse(parsed.value ?? {});
  const diagnostics: Diagnostic[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      diagnostics.push({
        code: "config/invalid",
        severity: "error",
        message: `\`${path.join(".") || "config"}\`: ${issue.message.replace(/^\w/, (c) => c.toLowerCase())}`,
        help: "keys: failOn, rules, ignore, baseline, trustedAccounts, awsManagedPolicies (on|off); severities: error, high, medium, low, info, off",
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
        help: near
          ? `did you mean \`${near}\`?`
          : `the rules are listed at ${packageFileUri("docs/rules/README.md", packageInfo().version)}`,
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
      trustedAccounts: result.data.trustedAccounts ?? [],
      awsManagedPolicies: result.data.awsManagedPolicies ?? DEFAULT_CONFIG.awsManagedPolicies,
    },
    diagnostics,
  };
}
