/**
 * Syntax of single element values, as AWS validates them when a policy is
 * saved (IAM User Guide, "IAM JSON policy element reference").
 */
export interface SyntaxProblem {
  message: string;
  help: string;
}

const ACTION = /^[a-zA-Z0-9-]+:[a-zA-Z0-9*?_-]+$/;

/** `*`, or `service:Action` where the action part may use `*` and `?`. */
export function checkAction(value: string): SyntaxProblem | undefined {
  if (value === "*" || ACTION.test(value)) return undefined;
  return {
    message: `\`${value}\` is not an action of the form \`service:Action\``,
    help: "write e.g. `s3:GetObject`; wildcards `*` and `?` are allowed in the action name",
  };
}

/**
 * `*`, or an ARN with at least six colon-separated parts
 * (`arn:partition:service:region:account:resource`). Region and account may
 * be empty (S3, IAM); the resource part may itself contain colons.
 */
export function checkResource(value: string): SyntaxProblem | undefined {
  if (value === "*") return undefined;
  // Policies repeat their ARNs (a batch's lines, a role's statements): each is judged once.
  const known = resourceVerdicts.get(value);
  if (known !== undefined) return known === OK ? undefined : known;
  const verdict = judgeResource(value);
  if (resourceVerdicts.size >= 10_000) resourceVerdicts.clear();
  resourceVerdicts.set(value, verdict ?? OK);
  return verdict;
}

const OK = { message: "", help: "" } as const satisfies SyntaxProblem;
const resourceVerdicts = new Map<string, SyntaxProblem>();

function judgeResource(value: string): SyntaxProblem | undefined {
  if (hasControlCharacter(value)) {
    return {
      message: "the ARN contains a control character",
      help: "remove it; ARNs are printable text",
    };
  }
  const parts = value.split(":");
  if (parts[0] !== "arn" || parts.length < 6) {
    return {
      message: `\`${value}\` is not an ARN`,
      help: "write `arn:partition:service:region:account:resource` (e.g. `arn:aws:s3:::bucket/key`) or `*`",
    };
  }
  if (parts[1] === "" || parts[2] === "") {
    return {
      message: `\`${value}\` has an empty partition or service`,
      help: "ARNs start with `arn:aws:<service>:` (or `aws-cn`, `aws-us-gov`)",
    };
  }
  // An expression of CloudFormation or Terraform (`${AWS::Region}`) may hold colons: the
  // fields are not where they seem.
  if (value.includes("${")) return undefined;
  return checkArnFields(value, parts);
}

/** The partitions AWS has (ARNs, "partition"). */
const PARTITIONS = new Set([
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
]);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const wild = (field: string) => /[*?]/.test(field);

/**
 * The fields IAM Access Analyzer's policy validation reports as errors
 * (IAM User Guide, "IAM policy validation check reference": Invalid
 * partition, Invalid ARN service case, Invalid ARN Region, Invalid ARN
 * account). A field with a wildcard is not judged.
 */
function checkArnFields(value: string, parts: readonly string[]): SyntaxProblem | undefined {
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  if (!wild(partition) && !PARTITIONS.has(partition))
    return {
      message: `\`${partition}\` in \`${value}\` is not an AWS partition`,
      help: "use `aws` (or `aws-cn`, `aws-us-gov`, ...), or `*`",
    };
  if (service !== service.toLowerCase())
    return {
      message: `the service \`${service}\` in \`${value}\` is not lower case`,
      help: `write \`${service.toLowerCase()}\`: service names in ARNs are lower case`,
    };
  if (region !== "" && !wild(region) && !REGION.test(region))
    return {
      message: `\`${region}\` in \`${value}\` is not a region`,
      help: "write a region such as `us-east-1`, `*`, or nothing for global resources",
    };
  // `aws` is the account of AWS managed policies (`arn:aws:iam::aws:policy/...`).
  if (account !== "" && !wild(account) && account !== "aws" && !ACCOUNT.test(account))
    return {
      message: `\`${account}\` in \`${value}\` is not a 12-digit account id`,
      help: "write the account id (12 digits), `*`, or nothing where the service takes none",
    };
  return undefined;
}

/**
 * `Sid` of a policy that IAM stores (identity policies and permissions
 * boundaries): "The Sid element supports ASCII uppercase letters (A-Z),
 * lowercase letters (a-z), and numbers (0-9)" (IAM User Guide, "IAM JSON
 * policy elements: Sid"; Access Analyzer's "Unsupported Sid" error). Resource
 * policies follow their service (S3 and KMS accept spaces, as in the default
 * key policy's "Enable IAM User Permissions").
 */
export function checkSid(value: string): SyntaxProblem | undefined {
  if (/^[A-Za-z0-9]*$/.test(value)) return undefined;
  return {
    message: `\`Sid\` \`${value}\` has characters other than ASCII letters and digits`,
    help: `IAM accepts only A-Z, a-z and 0-9 in a Sid: write e.g. \`${value.replace(/[^A-Za-z0-9]/g, "") || "Statement1"}\``,
  };
}

const ACCOUNT = /^\d{12}$/;
const IAM_PRINCIPAL_ARN =
  /^arn:[a-z-]+:(iam::\d{12}:(root|user\/.+|role\/.+|federated-user\/.+)|sts::\d{12}:(assumed-role\/.+\/.+|federated-user\/.+))$/;

/** Values of `Principal`/`NotPrincipal` by kind. */
export function checkPrincipalValue(
  kind: "AWS" | "Service" | "Federated" | "CanonicalUser",
  value: string,
): SyntaxProblem | undefined {
  switch (kind) {
    case "AWS":
      if (value === "*" || ACCOUNT.test(value) || IAM_PRINCIPAL_ARN.test(value)) {
        return value !== "*" && /[*?]/.test(value) ? wildcardInPrincipal(value) : undefined;
      }
      if (/[*?]/.test(value)) return wildcardInPrincipal(value);
      return {
        message: `\`${value}\` is not an AWS principal`,
        help: "use a 12-digit account id, `arn:aws:iam::ACCOUNT:root`, a user or role ARN, or an assumed-role session ARN",
      };
    case "Service":
      if (
        value === "*" ||
        /^[a-z0-9.-]+\.(amazonaws\.com|amazonaws\.com\.cn|aws\.internal|amazon\.com)$/.test(value)
      )
        return undefined;
      return {
        message: `\`${value}\` is not a service principal`,
        help: "service principals look like `sagemaker.amazonaws.com`",
      };
    case "Federated":
      if (value.length > 0) return undefined;
      return {
        message: "empty federated principal",
        help: "name an identity provider ARN or a domain such as `cognito-identity.amazonaws.com`",
      };
    case "CanonicalUser":
      if (/^[0-9a-f]{64}$/.test(value)) return undefined;
      return {
        message: `\`${value}\` is not a canonical user id`,
        help: "canonical user ids are 64 hexadecimal characters",
      };
  }
}

function wildcardInPrincipal(value: string): SyntaxProblem {
  return {
    message: `\`${value}\` uses a wildcard inside a principal`,
    help: 'AWS does not match partial wildcards in `Principal`; use `"*"` with an `aws:PrincipalArn` `ArnLike` condition',
  };
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}
