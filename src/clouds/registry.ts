import { awsProvider } from "./aws/provider.js";
import { gcpProvider } from "./gcp/provider.js";
import type { CloudId, CloudProvider } from "./provider.js";

/** Every cloud leash speaks, by id: the CLI and outputs reach a cloud through here. */
export const PROVIDERS: Partial<Record<CloudId, CloudProvider>> = {
  aws: awsProvider,
  gcp: gcpProvider,
};

export function provider(id: string): CloudProvider | undefined {
  return Object.hasOwn(PROVIDERS, id) ? PROVIDERS[id as CloudId] : undefined;
}
