import type { PrincipalIdentity } from "./principal.js";
import type { DefaultedKey, RequestContext } from "./request-context.js";

/** A request made ready for matching: parsed principal, lower-cased action, full context. */
export interface PreparedRequest {
  principal: PrincipalIdentity;
  /** Lower-cased `service:action`. */
  action: string;
  service: string;
  resource: string;
  ctx: RequestContext;
  /** Keys AWS always sets that the request left out, as leash set them. */
  defaulted: DefaultedKey[];
  /** Whether the caller has a permissions boundary (changes NotPrincipal denies). */
  hasBoundary: boolean;
}
