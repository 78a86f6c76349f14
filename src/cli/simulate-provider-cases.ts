import type { CloudProvider, SimulateOptions } from "../clouds/provider.js";
import { member, parseLocatedJson, toPlain } from "../diagnostics/index.js";
import type { CommandResult } from "./result.js";
import { BatchOutput } from "./simulate-batch.js";
import { readBatchLines } from "./simulate-cases.js";

/**
 * `leash simulate --cloud CLOUD --cases`: each line read with locations and
 * decided by the cloud's provider, in order; a bad line costs only itself
 * its answer.
 */
export async function runProviderCases(
  provider: CloudProvider,
  file: string,
  options: SimulateOptions,
): Promise<CommandResult> {
  const decide = provider.decideCase;
  if (!decide)
    return { exitCode: 2, stderr: `simulate --cases is not available for ${provider.id}` };
  const cases = readBatchLines(file, "cases");
  if (!Array.isArray(cases)) return cases;
  const out = new BatchOutput();
  for (const c of cases) {
    await out.answer((line) => {
      const parsed = parseLocatedJson(c.text, file, c.line);
      if (!parsed.node) return { diagnostics: parsed.diagnostics };
      const id = member(parsed.node, "id");
      if (id) line.id = toPlain(id);
      return decide.call(provider, parsed.node, options);
    });
  }
  return out.finish();
}
