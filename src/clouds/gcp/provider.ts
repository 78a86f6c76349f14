import type { JsonNode } from "../../diagnostics/index.js";
import type { CaseResult, CloudProvider, SimulateOptions } from "../provider.js";
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
