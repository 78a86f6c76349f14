/**
 * The three outcomes every cloud's engine reports. "Implicitly denied" means
 * nothing allowed the request; "explicitly denied" means a deny rule matched
 * and no allow anywhere can override it.
 */
export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export const DECISIONS: readonly Decision[] = ["Allowed", "ImplicitlyDenied", "ExplicitlyDenied"];
