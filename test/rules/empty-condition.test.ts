import { lintRows, policy } from "./lint-rows.js";

// Condition element: every condition of the block must hold (IAM User Guide,
// "IAM JSON policy elements: Condition"); an empty block has none, so it restricts nothing.
const EC = "aws/empty-condition";
const invoke = {
  Effect: "Allow",
  Action: "sagemaker:InvokeEndpoint",
  Resource: "arn:aws:sagemaker:us-east-1:111122223333:endpoint/fraud-*",
};

// Layout: `"Condition"` is at line 8 (after Effect, Action, Resource), at column 7;
// its operators at line 9 onward, column 9.
lintRows(
  [EC],
  [
    {
      given: "an empty Condition object: reported at its `{`",
      policy: policy({ ...invoke, Condition: {} }),
      findings: [
        [EC, 8, 20, "`Condition` is empty: the statement is unconditional | add the condition"],
      ],
    },
    {
      given: "an operator with no keys: reported at the operator",
      policy: policy({ ...invoke, Condition: { StringEquals: {} } }),
      findings: [[EC, 9, 9, "`StringEquals` has no condition keys: it restricts nothing"]],
    },
    {
      given: "a qualified operator with no keys",
      policy: policy({ ...invoke, Condition: { "ForAnyValue:StringLike": {} } }),
      findings: [[EC, 9, 9, "`ForAnyValue:StringLike` has no condition keys"]],
    },
    {
      given: "an empty operator beside a real one: only the empty one",
      policy: policy({
        ...invoke,
        Condition: { StringEquals: { "aws:PrincipalTag/team": "fraud" }, Bool: {} },
      }),
      findings: [[EC, 12, 9, "`Bool` has no condition keys"]],
    },
    {
      given: "a condition with a key",
      policy: policy({
        ...invoke,
        Condition: { StringEquals: { "aws:PrincipalTag/team": "fraud" } },
      }),
      findings: [],
    },
    {
      given: "no Condition at all",
      policy: policy(invoke),
      findings: [],
    },
  ],
);
