import { AWS_RULES } from "../../src/clouds/aws/rules/index.js";
import { atLeast } from "../../src/model/index.js";
import { lintRows, policy } from "./lint-rows.js";

// Issue 9: correct IAM that raised alarms at medium or above. Every rule of medium or
// higher severity is listed, so that a new false alarm from any of them shows here.
const LOUD = Object.values(AWS_RULES)
  .filter((r) => atLeast(r.severity, "medium"))
  .map((r) => r.id);
const XA = "aws/cross-account-principal";
const SA = "aws/star-action";
const OWN = "111122223333";
const OTHER = "444455556666";

// AWS KMS Developer Guide, "Default key policy": the statement that lets the account's IAM
// policies govern the key.
const enableIam = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${OWN}:root` },
  Action: "kms:*",
  Resource: "*",
};
const keyUsers = (account: string) => ({
  Sid: "Allow use of the key",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${account}:role/ml-training` },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: "*",
});
// IAM User Guide, "Create a role for SAML 2.0 federation": trust in the account's SAML provider.
const saml = (audKey: string, action: unknown = "sts:AssumeRoleWithSAML") => ({
  Effect: "Allow",
  Principal: { Federated: `arn:aws:iam::${OWN}:saml-provider/Okta` },
  Action: action,
  Condition: { StringEquals: { [audKey]: "https://signin.aws.amazon.com/saml" } },
});

lintRows(LOUD, [
  {
    given: "SAML trust with `SAML:aud`",
    type: "trust",
    policy: policy(saml("SAML:aud")),
    findings: [],
  },
  {
    given: "SAML trust with `saml:aud` (keys are case-insensitive) and sts:TagSession",
    type: "trust",
    policy: policy(saml("saml:aud", ["sts:AssumeRoleWithSAML", "sts:TagSession"])),
    findings: [],
  },
  {
    given: "SAML trust written with `sts:AssumeRole*` (not a web identity provider)",
    type: "trust",
    policy: policy(saml("SAML:aud", "sts:AssumeRole*")),
    findings: [],
  },
  {
    given: "AWS's default key policy",
    type: "resource",
    policy: policy(enableIam),
    findings: [],
  },
  {
    given: "the default key policy and key users of the same account",
    type: "resource",
    policy: policy(enableIam, keyUsers(OWN)),
    findings: [],
  },
  {
    given: "the default key policy and a role of another account: that one is reported",
    type: "resource",
    policy: policy(enableIam, keyUsers(OTHER)),
    findings: [
      [XA, 17, 16, `account \`${OTHER}\` is outside the accounts this policy trusts (\`${OWN}\`)`],
    ],
  },
  {
    given: "`kms:*` for another account's root next to the default statement",
    type: "resource",
    policy: policy(enableIam, { ...enableIam, Sid: "Other", Principal: { AWS: OTHER } }),
    findings: [
      [XA, 17, 16, `account \`${OTHER}\` is outside`],
      [SA, 19, 17, "every action of `kms`"],
    ],
  },
  {
    given: "a trust policy naming the root of the account whose SAML provider it trusts",
    type: "trust",
    policy: policy(saml("SAML:aud"), {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${OWN}:root` },
      Action: "sts:AssumeRole",
      Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
    }),
    findings: [],
  },
]);
