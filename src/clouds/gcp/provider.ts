import type { JsonNode } from "../../diagnostics/index.js";
import { selfCheckLine } from "../../model/index.js";
import type { Spec } from "../../spec/index.js";
import type { CaseResult, CloudProvider, GenerateResult, SimulateOptions } from "../provider.js";
import { gcpCatalog } from "./catalog/catalog.js";
import { readGcpCase } from "./evaluate/case-input.js";
import { GcpEngine } from "./evaluate/engine.js";

const engines = new Map<boolean, GcpEngine>();

function engine(allowUnknown: boolean): GcpEngine {
  let e = engines.get(allowUnknown);
  if (!e) {
    e = new GcpEngine(gcpCatalog(), { allowUnknownPermissions: allowUnknown });
    engines.set(allowUnknown, e);
  }
  return e;
}

export const gcpProvider: CloudProvider = {
  id: "gcp",
  catalogVersion: () => gcpCatalog().version,
  targeted: (spec: Spec) => spec.targets.gcp !== undefined,
  async generate(spec: Spec): Promise<GenerateResult> {
    const { generateGcp } = await import("./generate/index.js");
    const { generation, diagnostics } = generateGcp(spec);
    const summary = (generation?.selfCheck.workloads ?? []).map((w) =>
      selfCheckLine({
        workload: w.workload,
        needsGranted: w.needsGranted,
        needsDenied: w.needsDenied,
        otherDenied: w.otherPermissionsDenied,
        otherName: "permissions",
        extra: w.extra.length,
      }),
    );
    return generation ? { generation, summary, diagnostics } : { summary, diagnostics };
  },
  decideCase(line: JsonNode, options: SimulateOptions): CaseResult {
    const { gcpCase, diagnostics } = readGcpCase(line);
    if (!gcpCase) return { diagnostics };
    const r = engine(options.allowUnknown).decide(gcpCase);
    if (r.outcome === "Invalid") return { diagnostics: r.diagnostics };
    const warnings = [...diagnostics, ...r.warnings];
    return warnings.length > 0
      ? { decision: r.decision, explanation: r.explanation, warnings }
      : { decision: r.decision, explanation: r.explanation };
  },
};
