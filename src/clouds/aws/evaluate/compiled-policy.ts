import type { Policy } from "../policy/types.js";
import { type CompiledStatement, compileStatement } from "./statement.js";

/**
 * A policy compiled once per policy set. Which statements an action can
 * touch is memoised per action: a batch asks about a few hundred distinct
 * actions thousands of times, and this skips every other statement.
 */
export class CompiledPolicy {
  readonly statements: CompiledStatement[];
  /** Made on the first question: a batch line's policies are asked about one action. */
  private byAction: Map<string, CompiledStatement[]> | undefined;

  constructor(readonly policy: Policy) {
    this.statements = policy.statements.map((s) => compileStatement(policy, s));
  }

  /** Statements whose Action/NotAction covers the lower-cased action. */
  candidates(action: string): CompiledStatement[] {
    this.byAction ??= new Map();
    let hit = this.byAction.get(action);
    if (!hit) {
      hit = this.statements.filter((s) => s.action(action));
      if (this.byAction.size > 50_000) this.byAction.clear();
      this.byAction.set(action, hit);
    }
    return hit;
  }
}
