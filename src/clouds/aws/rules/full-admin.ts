import type { AwsRule } from "./rule.js";
import { fullAdminKind } from "./support/full-admin.js";

/**
 * One finding for a statement that grants everything, in place of the
 * dozens of risk findings it would raise one by one (they are folded into
 * this one after all rules ran: support/full-admin.ts).
 */
export const fullAdmin: AwsRule = {
  id: "aws/full-admin",
  title: "Full admin",
  category: "privilege-escalation",
  severity: "error",
  description:
    "An Allow statement grants every action on every resource, directly or through a NotAction that leaves the IAM actions to grant itself the rest.",
  // Only identity policies grant a principal its own permissions: a boundary or SCP of `*` is a ceiling.
  types: ["identity"],
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      const kind = fullAdminKind(s);
      if (!kind) continue;
      const how =
        kind === "all"
          ? "every action on every resource"
          : "every action but its `NotAction` list on every resource, and the IAM actions to grant itself the rest";
      out.push({
        // The statement, not the document's name: a managed policy that several principals
        // attach is one document, and its finding is reported once (lint.ts).
        message: `the statement grants full admin: ${how}${s.unconditional ? "" : " (under its condition)"}`,
        help: "grant the actions and resources the principal needs; keep full admin to a break-glass role with MFA, outside CI",
        location: s.statement.loc,
      });
    }
    return out;
  },
};
