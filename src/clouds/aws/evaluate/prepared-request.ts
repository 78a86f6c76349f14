import type { PrincipalIdentity } from "./principal.js";
import type { RequestContext } from "./request-context.js";

/** A request made ready for matching: parsed principal, lower-cased action, full context. */
export interface PreparedRequest {
  principal: PrincipalIdentity;
  /** Lower-cased `service:action`. */
  action: string;
  service: string;
  resource: string;
  ctx: RequestContext;
  /** Whether the caller has a permissions boundary (changes NotPrincipal denies). */
  hasBoundary: boolean;
}
