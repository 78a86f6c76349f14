import type { AwsRule } from "./rule.js";

/** Allow with NotAction or NotResource grants everything not listed, including what AWS adds later. */
export const allowWithNot: AwsRule = {
  id: "aws/allow-with-not",
  title: "Allow with NotAction or NotResource",
  category: "overly-permissive",
  severity: "high",
  description:
    "An Allow statement uses NotAction or NotResource, granting everything it does not list.",
  checkPolicy({ policy }) {
    const out = [];
    for (const s of policy.statements) {
      if (!s.allow) continue;
      const st = s.statement;
      if (st.notAction) {
        out.push({
          // Counting what it grants would load the whole catalog for one message: name what it leaves out.
          message: `Allow with \`NotAction\` grants every action of every service but the ${st.notAction.length} listed, and every action AWS adds later`,
          help: "list the allowed actions in `Action`",
          location: st.notAction[0]!.loc,
        });
      }
      if (st.notResource) {
        out.push({
          message:
            "Allow with `NotResource` grants every resource it does not list, in every account",
          help: "list the allowed resources in `Resource`",
          location: st.notResource[0]!.loc,
        });
      }
    }
    return out;
  },
};
