/**
 * What every cloud folder offers the layers above it. The clouds never
 * import each other; analysis, outputs and the CLI reach them through this.
 */
export type CloudId = "aws" | "gcp" | "azure";

export interface CloudProvider {
  id: CloudId;
  /** The version of the catalog that produced a result, recorded in every output. */
  catalogVersion(): string;
}
