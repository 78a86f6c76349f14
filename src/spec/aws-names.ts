/**
 * The naming rules of the AWS resources a spec names, so that a name AWS
 * would refuse (or one that would change the meaning of a policy) is
 * reported at its line in the spec, with the rule, instead of reaching the
 * generator. Each rule cites the page it comes from.
 */
export interface NameRule {
  /** What the name is, for messages: "an ECR repository name". */
  what: string;
  /** The rule in one line, for the diagnostic's help. */
  rule: string;
  source: string;
  /** Why `value` breaks the rule, or undefined when it follows it. */
  problem(value: string): string | undefined;
}

/**
 * What every name that leash puts into a policy must avoid, whatever the
 * service allows: a control character makes the ARN invalid (IAM refuses the
 * policy), and `${` starts a policy variable that IAM substitutes per request
 * (IAM User Guide, "IAM policy elements: Variables and tags",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 */
export function literalProblem(value: string): string | undefined {
  // C0 controls, DEL and C1 controls: none is printable, and IAM refuses them in ARNs.
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      return `it contains the control character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  if (value.includes("${"))
    return "it contains `${`, which IAM reads as the start of a policy variable, replaced by a value of each request";
  return undefined;
}

/** The first character of `value` outside `allowed` (a one-character class). */
function firstOutside(value: string, allowed: RegExp): string | undefined {
  for (const ch of value) if (!allowed.test(ch)) return ch;
  return undefined;
}

const outside = (ch: string) =>
  ch === " " ? "it contains a space" : `it contains \`${ch === "`" ? "\\`" : ch}\``;

const lengthProblem = (value: string, min: number, max: number) =>
  value.length < min
    ? `it is shorter than ${min} characters`
    : value.length > max
      ? `it is ${value.length} characters long, more than ${max}`
      : undefined;

/** Most services' rules: a character set, a length, letters or digits at both ends, and more. */
interface RuleShape extends Omit<NameRule, "problem"> {
  allowed: RegExp;
  min: number;
  max: number;
  /** The class the first and last characters must belong to, if the rule says so. */
  edges?: RegExp;
  /** What else the rule forbids. */
  more?: (value: string) => string | undefined;
}

function nameRule({ allowed, min, max, edges, more, ...text }: RuleShape): NameRule {
  return {
    ...text,
    problem(value) {
      const ch = firstOutside(value, allowed);
      if (ch !== undefined) return outside(ch);
      const length = lengthProblem(value, min, max);
      if (length) return length;
      if (edges && (!edges.test(value[0]!) || !edges.test(value.at(-1)!)))
        return "it does not begin and end with a letter or digit";
      return more?.(value);
    },
  };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const S3_RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const S3_RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export const S3_BUCKET = nameRule({
  what: "an S3 bucket name",
  rule: "3 to 63 lower-case letters, digits, `.` and `-`, beginning and ending with a letter or digit, no `..`, not an IP address, not starting with `xn--`, `sthree-` or `amzn-s3-demo-`, not ending with `-s3alias`, `--ol-s3`, `.mrap`, `--x-s3` or `--table-s3`",
  source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
  allowed: /[a-z0-9.-]/,
  min: 3,
  max: 63,
  edges: /[a-z0-9]/,
  more(value) {
    if (value.includes("..")) return "it contains two adjacent periods";
    if (IPV4.test(value)) return "it is formatted as an IP address";
    const prefix = S3_RESERVED_PREFIXES.find((p) => value.startsWith(p));
    if (prefix) return `it starts with \`${prefix}\`, which S3 reserves`;
    const suffix = S3_RESERVED_SUFFIXES.find((x) => value.endsWith(x));
    if (suffix) return `it ends with \`${suffix}\`, which S3 reserves`;
    return undefined;
  },
});

export const S3_KEY_PREFIX: NameRule = {
  what: "an S3 key prefix",
  rule: "at most 1,024 bytes of UTF-8, printable, without `${`",
  source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html",
  problem: (value) =>
    Buffer.byteLength(value, "utf8") > 1024 ? "it is longer than 1,024 bytes" : undefined,
};

const ECR_PART = /^[a-z0-9]+([._-][a-z0-9]+)*$/;

export const ECR_REPOSITORY = nameRule({
  what: "an ECR repository name",
  rule: "2 to 256 characters: lower-case letters and digits, separated by single `.`, `_` or `-`, in `/`-separated parts (e.g. `project-a/train`)",
  source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
  allowed: /[a-z0-9._/-]/,
  min: 2,
  max: 256,
  more(value) {
    const bad = value.split("/").find((p) => !ECR_PART.test(p));
    if (bad === undefined) return undefined;
    return bad === ""
      ? "it has an empty `/`-separated part"
      : `its part \`${bad}\` does not begin and end with a letter or digit, or doubles a separator`;
  },
});

const SAGEMAKER_API = "https://docs.aws.amazon.com/sagemaker/latest/APIReference";

/** SageMaker's common name pattern `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`, from each Create API. */
const sagemakerName = (what: string, api: string) =>
  nameRule({
    what,
    rule: "1 to 63 letters, digits and `-`, beginning and ending with a letter or digit",
    source: `${SAGEMAKER_API}/API_${api}.html`,
    allowed: /[a-zA-Z0-9-]/,
    min: 1,
    max: 63,
    edges: /[a-zA-Z0-9]/,
  });

export const SAGEMAKER_ENDPOINT = sagemakerName("a SageMaker endpoint name", "CreateEndpoint");
export const SAGEMAKER_MODEL = sagemakerName("a SageMaker model name", "CreateModel");
export const SAGEMAKER_ENDPOINT_CONFIG = sagemakerName(
  "a SageMaker endpoint config name",
  "CreateEndpointConfig",
);
export const SAGEMAKER_MODEL_PACKAGE_GROUP = sagemakerName(
  "a SageMaker model package group name",
  "CreateModelPackageGroup",
);

/**
 * A job name, or a prefix ending in `*` (the workload starts any job whose
 * name starts so): the prefix may end in `-`, and leaves room for at least
 * one more character.
 */
function sagemakerJobName(what: string, api: string): NameRule {
  const whole = sagemakerName(what, api);
  const prefix = nameRule({
    ...whole,
    allowed: /[a-zA-Z0-9-]/,
    min: 1,
    max: 62,
    more: (p) => (/^[a-zA-Z0-9]/.test(p) ? undefined : "it does not begin with a letter or digit"),
  });
  return {
    ...whole,
    rule: `${whole.rule}; a prefix ends in \`*\` (e.g. \`fraud-*\`) and is at most 62 characters`,
    problem: (value) =>
      value.endsWith("*") ? prefix.problem(value.slice(0, -1)) : whole.problem(value),
  };
}

export const SAGEMAKER_TRAINING_JOB = sagemakerJobName(
  "a SageMaker training job name",
  "CreateTrainingJob",
);
export const SAGEMAKER_PROCESSING_JOB = sagemakerJobName(
  "a SageMaker processing job name",
  "CreateProcessingJob",
);

export const SAGEMAKER_FEATURE_GROUP = nameRule({
  what: "a SageMaker feature group name",
  rule: "1 to 64 letters, digits, `-` and `_`, beginning and ending with a letter or digit",
  source: `${SAGEMAKER_API}/API_CreateFeatureGroup.html`,
  allowed: /[a-zA-Z0-9_-]/,
  min: 1,
  max: 64,
  edges: /[a-zA-Z0-9]/,
});

export const LOG_GROUP = nameRule({
  what: "a CloudWatch Logs log group name",
  rule: "1 to 512 characters: letters, digits, `_`, `-`, `/`, `.` and `#`; not starting with `aws/` (AWS's own groups start with `/aws/`)",
  source:
    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  allowed: /[a-zA-Z0-9_\-/.#]/,
  min: 1,
  max: 512,
  more: (value) =>
    value.startsWith("aws/") ? "it starts with `aws/`, which CloudWatch Logs reserves" : undefined,
});

export const SECRET = nameRule({
  what: "a Secrets Manager secret name",
  rule: "1 to 512 characters: ASCII letters, digits and `/_+=.@-`",
  source: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html",
  allowed: /[a-zA-Z0-9/_+=.@-]/,
  min: 1,
  max: 512,
});

export const LAMBDA_FUNCTION = nameRule({
  what: "a Lambda function name",
  rule: "1 to 64 letters, digits, `-` and `_` (the name alone, not an ARN)",
  source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
  allowed: /[a-zA-Z0-9_-]/,
  min: 1,
  max: 64,
});

const BEDROCK_PART = "[a-z0-9-]{1,63}";
const BEDROCK_ID = new RegExp(
  `^${BEDROCK_PART}\\.${BEDROCK_PART}(\\.${BEDROCK_PART})?(:${BEDROCK_PART}){0,2}$`,
);

export const BEDROCK_MODEL = nameRule({
  what: "a Bedrock foundation model ID",
  rule: "`provider.model` in lower-case letters, digits and `-`, optionally a third `.` part and up to two `:` version parts (e.g. `anthropic.claude-3-haiku-20240307-v1:0`)",
  source: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetFoundationModel.html",
  allowed: /[a-z0-9.:-]/,
  min: 1,
  max: 256,
  more: (value) =>
    BEDROCK_ID.test(value) ? undefined : "it is not of the form `provider.model[:version]`",
});

const TAGGING = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";

/**
 * Tag keys as `platform.tagKey`: AWS allows letters, digits, spaces and
 * `_ . : / = + - @` up to 128 characters, and reserves the `aws:` prefix.
 * leash writes the key into condition keys (`aws:ResourceTag/<key>`), which
 * IAM separates by white space, so a space is refused too.
 */
export const TAG_KEY = nameRule({
  what: "a tag key",
  rule: "1 to 128 letters, digits and `_ . : / = + - @`, no spaces (the key goes into condition keys such as `aws:ResourceTag/<key>`), not starting with `aws:`",
  source: TAGGING,
  allowed: /[\p{L}\p{N}_.:/=+\-@]/u,
  min: 1,
  max: 128,
  more: (value) =>
    value.toLowerCase().startsWith("aws:")
      ? "it starts with `aws:`, which AWS reserves"
      : undefined,
});

/** Tag values as `teams.<team>.tag`: up to 256 characters, spaces allowed. */
export const TAG_VALUE = nameRule({
  what: "a tag value",
  rule: "up to 256 letters, digits, spaces and `_ . : / = + - @`",
  source: TAGGING,
  allowed: /[\p{L}\p{N} _.:/=+\-@]/u,
  min: 1,
  max: 256,
});
