import { describe, expect, it } from "vitest";
import { parseJsonencode } from "../../src/clouds/aws/inputs/hcl-expression.js";
import { readTerraform } from "../../src/clouds/aws/inputs/terraform.js";
import { convertStatement } from "../../src/clouds/aws/inputs/terraform-policy-document.js";
import { lintAws } from "../../src/clouds/aws/rules/lint.js";
import { type JsonNode, toPlain } from "../../src/diagnostics/index.js";
import { at, fixture, nodeAt } from "./support.js";

const main = fixture("terraform/main.tf");

async function read(text: string, options = {}) {
  return readTerraform(text, "main.tf", options);
}

function named(documents: { name: string; node: JsonNode }[], name: string) {
  const d = documents.find((x) => x.name === name);
  if (!d) throw new Error(`no document ${name}`);
  return d;
}

describe("readTerraform", async () => {
  const result = await readTerraform(main.text, main.file);

  it("finds resources' and data sources' documents with their types and principals", () => {
    expect(result.documents.map((d) => [d.type, d.principal, d.name])).toEqual([
      ["trust", "role/train", "aws_iam_role.train assume_role_policy"],
      ["identity", "role/train", "aws_iam_role_policy.write_models"],
      // Attached to the role by aws_iam_role_policy_attachment.
      [
        "identity",
        "role/train",
        "aws_iam_policy.read_data (data.aws_iam_policy_document.read_data)",
      ],
      // The role's permissions_boundary.
      ["boundary", "role/train", "aws_iam_policy.boundary"],
      ["resource", undefined, "aws_s3_bucket_policy.data (data.aws_iam_policy_document.bucket)"],
      ["resource", undefined, "aws_sqs_queue_policy.jobs"],
    ]);
  });

  it("reports what it cannot evaluate as a warning at the block", () => {
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "input/unresolved-policy",
        severity: "warning",
        message:
          "`aws_iam_user_policy.ci` sets `policy` to an expression leash cannot evaluate: `${var.ci_policy}`",
        location: { file: main.file, pointer: "", line: 128, column: 1 },
      }),
    ]);
  });

  it("reads jsonencode from the source text, so every value is located exactly", () => {
    const trust = named(result.documents, "aws_iam_role.train assume_role_policy");
    expect(toPlain(trust.node)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "sagemaker.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "${var.account_id}" },
            ArnLike: { "aws:SourceArn": "arn:aws:sagemaker:*:${var.account_id}:training-job/*" },
          },
        },
      ],
    });
    const action = nodeAt(trust.node, "Statement", 0, "Action");
    expect(at(action)).toBe("14:19");
    expect(action.loc.pointer).toBe(
      "/resource/aws_iam_role/train/assume_role_policy/Statement/0/Action",
    );
    expect(
      at(nodeAt(trust.node, "Statement", 0, "Condition", "StringEquals", "aws:SourceAccount")),
    ).toBe("16:48");
  });

  it("reads jsonencode with nested objects and lists, `:` and `=`, and expressions as placeholders", () => {
    const sqs = named(result.documents, "aws_sqs_queue_policy.jobs");
    expect(toPlain(sqs.node)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AllowEvents",
          Effect: "Allow",
          Principal: { Service: ["events.amazonaws.com"] },
          Action: ["sqs:SendMessage"],
          // A reference in a Resource keeps the ARN shape, with the service of the referenced type.
          Resource: "arn:aws:sqs:::${aws_sqs_queue.jobs.arn}",
          Condition: {
            ArnEquals: { "aws:SourceArn": "${[for r in var.rules : r.arn]}" },
            NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
            Bool: { "aws:SecureTransport": true },
          },
        },
      ],
    });
    expect(at(nodeAt(sqs.node, "Statement", 0, "Resource"))).toBe("115:21");
    expect(at(nodeAt(sqs.node, "Statement", 0, "Condition", "ArnEquals", "aws:SourceArn"))).toBe(
      "118:31",
    );
  });

  it("locates heredoc JSON exactly and unescapes `$${`", () => {
    const inline = named(result.documents, "aws_iam_role_policy.write_models");
    expect(toPlain(inline.node)).toMatchObject({
      Statement: [
        {
          Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
          Resource: "arn:aws:s3:::${aws_s3_bucket.data.arn}/models/${aws:PrincipalTag/team}/*",
        },
      ],
    });
    expect(at(nodeAt(inline.node, "Statement", 0, "Action"))).toBe("33:21");
  });

  it("locates quoted JSON and data sources at their block's line", () => {
    const boundary = named(result.documents, "aws_iam_policy.boundary");
    expect(at(nodeAt(boundary.node, "Statement", 0, "Action", 0))).toBe("51:1");
    const bucket = named(
      result.documents,
      "aws_s3_bucket_policy.data (data.aws_iam_policy_document.bucket)",
    );
    expect(nodeAt(bucket.node, "Statement", 0, "Principal").loc).toEqual({
      file: main.file,
      pointer: "/data/aws_iam_policy_document/bucket/Statement/0/Principal",
      line: 64,
      column: 1,
    });
  });

  it("converts aws_iam_policy_document as the AWS provider renders it", () => {
    const bucket = named(
      result.documents,
      "aws_s3_bucket_policy.data (data.aws_iam_policy_document.bucket)",
    );
    expect(JSON.stringify(toPlain(bucket.node))).toBe(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "CrossAccountRead",
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::acme-ml-data/*",
            Principal: {
              AWS: ["arn:aws:iam::444455556666:role/reader", "arn:aws:iam::111122223333:root"],
              Service: "sagemaker.amazonaws.com",
            },
            Condition: {
              IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.168.0.0/16"] },
              StringEquals: { "aws:PrincipalOrgID": "o-abc123" },
            },
          },
          { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*", Principal: "*" },
        ],
      }),
    );
    const read = named(
      result.documents,
      "aws_iam_policy.read_data (data.aws_iam_policy_document.read_data)",
    );
    expect(toPlain(nodeAt(read.node, "Statement", 0))).toEqual({
      Sid: "ReadData",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetObject"],
      Resource: [
        "arn:aws:s3:::${aws_s3_bucket.data.arn}/${aws:PrincipalTag/team}/*",
        "arn:aws:s3:::${aws_s3_bucket.data.arn}",
      ],
    });
  });

  it("gives the linter documents that parse: placeholders cause no syntax findings", () => {
    const findings = lintAws(result.documents);
    expect(findings.filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
    // The fixture's `s3:*`/`sagemaker:*` sits in a permissions boundary, which rules treat as a
    // ceiling (broad by design), so no star-action there; the linter still reads the rest.
    expect(findings.some((f) => f.ruleId === "aws/star-action")).toBe(false);
    // Read as an identity policy, the same document is parsed and judged: the placeholders held.
    const asIdentity = result.documents
      .filter((d) => d.type === "boundary")
      .map((d) => ({ ...d, type: "identity" as const }));
    expect(asIdentity.length).toBeGreaterThan(0);
    expect(lintAws(asIdentity).map((f) => f.ruleId)).toContain("aws/star-action");
  });
});

describe("convertStatement", () => {
  it("merges principals by type and conditions by operator and key, with defaults", () => {
    expect(
      convertStatement({
        not_actions: ["iam:*"],
        not_resources: ["arn:aws:iam::*:role/&{aws:username}"],
        not_principals: [
          { type: "AWS", identifiers: ["arn:aws:iam::111122223333:root"] },
          { type: "AWS", identifiers: ["arn:aws:iam::444455556666:root"] },
        ],
        condition: [
          { test: "StringLike", variable: "aws:userid", values: ["AIDA*"] },
          { test: "StringLike", variable: "aws:userid", values: ["AROA*"] },
          { test: "Bool", variable: "aws:SecureTransport", values: ["false"] },
        ],
      }),
    ).toEqual({
      Effect: "Allow",
      NotAction: "iam:*",
      NotResource: "arn:aws:iam::*:role/${aws:username}",
      NotPrincipal: {
        AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"],
      },
      Condition: {
        Bool: { "aws:SecureTransport": "false" },
        StringLike: { "aws:userid": ["AIDA*", "AROA*"] },
      },
    });
  });

  it("writes `sid = 1` as the string Terraform converts it to (it was dropped)", () => {
    expect(convertStatement({ sid: 1, actions: ["s3:GetObject"], resources: ["*"] })).toEqual({
      Sid: "1",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
    });
  });

  it("keeps a principal type `__proto__` and a condition test `constructor` as keys (they crashed, or vanished)", () => {
    const out = convertStatement({
      principals: [{ type: "__proto__", identifiers: ["x"] }],
      condition: [{ test: "constructor", variable: "__proto__", values: ["v"] }],
    });
    const principal = out.Principal as Record<string, unknown>;
    const condition = out.Condition as Record<string, Record<string, unknown>>;
    expect(Object.getOwnPropertyDescriptor(principal, "__proto__")?.value).toBe("x");
    expect(Object.keys(condition)).toEqual(["constructor"]);
    expect(Object.hasOwn(condition.constructor!, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(principal)).toBe(Object.prototype);
  });

  it('writes `{type = "AWS", identifiers = ["*"]}` as an AWS wildcard, not `"*"`', () => {
    expect(convertStatement({ principals: [{ type: "AWS", identifiers: ["*"] }] })).toMatchObject({
      Principal: { AWS: "*" },
    });
  });
});

describe("readTerraform references", () => {
  it("follows locals, file(), inline_policy blocks, attachments and source documents", async () => {
    const text = `
locals {
  trust = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
}

resource "aws_iam_role" "app" {
  name_prefix        = "app-"
  assume_role_policy = local.trust

  inline_policy {
    name   = "logs"
    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }] })
  }
}

resource "aws_iam_policy" "shared" {
  policy = file("\${path.module}/shared.json")
}

resource "aws_iam_policy_attachment" "shared" {
  name       = "shared"
  policy_arn = aws_iam_policy.shared.arn
  roles      = [aws_iam_role.app.name]
  users      = ["ci"]
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["arn:aws:s3:::b/*"]
  }
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::b"]
  }
}

resource "aws_organizations_policy" "deny_regions" {
  name    = "deny-regions"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", NotAction = "iam:*", Resource = "*" }] })
}
`;
    const files: Record<string, string> = {
      "shared.json":
        '{"Version": "2012-10-17",\n "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}',
    };
    const { documents, diagnostics } = await read(text, { readFile: (p: string) => files[p] });
    expect(diagnostics).toEqual([]);
    expect(documents.map((d) => [d.type, d.principal, d.name, d.file])).toEqual([
      ["trust", "role/app", "aws_iam_role.app assume_role_policy", "main.tf"],
      ["identity", "role/app", "aws_iam_role.app inline_policy logs", "main.tf"],
      ["identity", "role/app", "aws_iam_policy.shared", "shared.json"],
      ["identity", "user/ci", "aws_iam_policy.shared", "shared.json"],
      ["scp", undefined, "aws_organizations_policy.deny_regions content", "main.tf"],
      // Not used by a resource: checked on its own (base is used by combined).
      ["identity", undefined, "data.aws_iam_policy_document.combined", "main.tf"],
    ]);
    const trust = documents[0]!;
    expect(at(nodeAt(trust.node, "Statement", 0, "Action"))).toBe("3:66");
    const shared = documents[2]!;
    expect(nodeAt(shared.node, "Statement", 0, "Action").loc).toMatchObject({
      file: "shared.json",
      line: 2,
      column: 46,
    });
    // The statement with the same Sid replaces the source document's.
    expect(toPlain(nodeAt(documents[5]!.node, "Statement"))).toEqual([
      {
        Sid: "Read",
        Effect: "Allow",
        Action: ["s3:GetObjectVersion", "s3:GetObject"],
        Resource: "arn:aws:s3:::b/*",
      },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
    ]);
  });

  it("reports HCL syntax errors with their position", async () => {
    const { documents, diagnostics } = await read(
      'resource "aws_iam_policy" "p" {\n  policy = \n}\n',
    );
    expect(documents).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: "input/hcl-syntax",
        severity: "error",
        location: { file: "main.tf", pointer: "", line: 2, column: 12 },
      }),
    ]);
    expect(diagnostics[0]?.message).toMatch(/^invalid expression/);
  });

  it("reports each HCL syntax error on its own, at its position", async () => {
    // Details with full stops and commas: they were read as one error with every other's text.
    const { diagnostics } = await read('resource "aws_iam_policy" "p" {\n  a = "x\n  b = "y\n}\n');
    const summary =
      'invalid multi-line string: Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.';
    expect(
      diagnostics.map((d) => [d.code, d.location?.line, d.location?.column, d.message]),
    ).toEqual([
      ["input/hcl-syntax", 2, 9, summary],
      [
        "input/hcl-syntax",
        2,
        9,
        "unterminated template string: No closing marker was found for the string.",
      ],
    ]);
  });

  it.each([
    [
      "broken JSON text",
      'resource "aws_iam_policy" "p" {\n  policy = "{\\"Statement\\": ["\n}\n',
      "input/invalid-policy-json",
      "error",
    ],
    [
      "a data source that is not in the file",
      'resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.elsewhere.json\n}\n',
      "input/unresolved-policy",
      "warning",
    ],
    [
      "templatefile()",
      'resource "aws_iam_policy" "p" {\n  policy = templatefile("p.json.tpl", {})\n}\n',
      "input/unresolved-policy",
      "warning",
    ],
    [
      "file() without a reader",
      'resource "aws_iam_policy" "p" {\n  policy = file("p.json")\n}\n',
      "input/unresolved-policy",
      "warning",
    ],
  ])("reports %s at the block", async (_, text, code, severity) => {
    const { documents, diagnostics } = await read(text);
    expect(documents).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code,
        severity,
        location: expect.objectContaining({ line: 1, column: 1 }),
      }),
    ]);
  });
});

describe("parseJsonencode", () => {
  const locate = (offset: number, pointer: string) => ({
    file: "f.tf",
    pointer,
    line: 1,
    column: offset + 1,
  });
  const parse = (arg: string) => {
    const r = parseJsonencode(`jsonencode(${arg})`, 0, locate);
    if (!r.node) throw new Error(`${r.error} at ${r.offset}`);
    return toPlain(r.node);
  };

  it.each([
    ['{ a = 1, b = "x" }', { a: 1, b: "x" }],
    ["{\n  a = 1\n  b = -2.5e1 # comment\n  // another\n  c = null\n}", { a: 1, b: -25, c: null }],
    ['{ "quoted key": true, k: false }', { "quoted key": true, k: false }],
    ["[1, [2, 3], { x = [] },]", [1, [2, 3], { x: [] }]],
    ['"tab\\there \\u00e9 $${aws:username} %%{x}"', "tab\there é ${aws:username} %{x}"],
    ['"arn:aws:s3:::${var.bucket}/*"', "arn:aws:s3:::${var.bucket}/*"],
    ['"${join(",", ["a", "}"])}"', '${join(",", ["a", "}"])}'],
    ["{ a = var.x, b = local.list[0] }", { a: "${var.x}", b: "${local.list[0]}" }],
    ['{ a = var.prod ? "x" : "y" }', { a: '${var.prod ? "x" : "y"}' }],
    ['{ a = "x" == var.y ? 1 : 2 }', { a: '${"x" == var.y ? 1 : 2}' }],
    ['{ a = concat(var.a, ["b", "c"]) }', { a: '${concat(var.a, ["b", "c"])}' }],
    ["{ a = { for k, v in var.m : k => v } }", { a: "${{ for k, v in var.m : k => v }}" }],
    ["{ (local.key) = 1 }", { "${local.key}": 1 }],
    ["{ a = <<-EOT\n    line one\n      line two\n    EOT\n}", { a: "line one\n  line two\n" }],
  ])("reads %j", (arg, expected) => {
    expect(parse(arg)).toEqual(expected);
  });

  it("locates each value and builds pointers", () => {
    const r = parseJsonencode('jsonencode({ a = [1, "b"] })', 0, locate, "/p");
    expect(r.node && nodeAt(r.node, "a", 1).loc).toEqual({
      file: "f.tf",
      pointer: "/p/a/1",
      line: 1,
      column: 22,
    });
  });

  it.each([
    ["{ a = 1", "unterminated object"],
    ['{ a = "x }', "unterminated string"],
    ["{ = 1 }", "expected an attribute name"],
    ["{ a 1 }", "expected `=` or `:` after an attribute name"],
  ])("reports %j as an error, not an exception", (arg, message) => {
    expect(parseJsonencode(`jsonencode(${arg}`, 0, locate)).toMatchObject({ error: message });
  });
});

describe("readTerraform with names of Object's own properties", () => {
  // Resource types are the author's text: `constructor` must read as an unknown type, not as
  // Object's own property (the attachment table's look-up crashed with an internal error).
  it("skips a resource of type `constructor` and reads the rest", async () => {
    const text = [
      'resource "constructor" "x" {',
      '  name = "a"',
      "}",
      'resource "aws_iam_policy" "p" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
      "}",
    ].join("\n");
    const { documents } = await readTerraform(text, "main.tf");
    expect(documents.map((d) => d.name)).toEqual(["aws_iam_policy.p"]);
  });
});

describe("readTerraform with accounts known only at apply time", () => {
  const bucketPolicy = (principal: string) => `data "aws_caller_identity" "current" {}
resource "aws_s3_bucket_policy" "models" {
  bucket = "models"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ${principal} }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::models/*"
    }]
  })
}
`;

  it.each([
    [
      '"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"',
      "arn:aws:iam::000000000000:root",
    ],
    ["var.account_id", "000000000000"],
    ['"arn:aws:iam::${var.account_id}:role/ci"', "arn:aws:iam::000000000000:role/ci"],
  ])("%s is the unknown account, never judged cross-account", async (principal, shaped) => {
    const { documents } = await readTerraform(bucketPolicy(principal), "main.tf");
    expect(toPlain(nodeAt(documents[0]!.node, "Statement", 0, "Principal"))).toEqual({
      AWS: shaped,
    });
    const findings = lintAws(documents);
    expect(findings.filter((f) => f.ruleId === "aws/cross-account-principal")).toEqual([]);
    expect(findings.filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
  });

  it("a literal foreign account is still cross-account", async () => {
    const { documents } = await readTerraform(
      bucketPolicy('"arn:aws:iam::444455556666:root"'),
      "main.tf",
    );
    expect(lintAws(documents).map((f) => f.ruleId)).toContain("aws/cross-account-principal");
  });
});

describe("readTerraform with actions known only at apply time", () => {
  it.each([
    ["actions = var.actions", "${var.actions}"],
    ['actions = ["s3:${var.operation}"]', "s3:${var.operation}"],
  ])(
    "`%s`: the statement is left out with one warning, the others are read",
    async (actions, shown) => {
      const text = `variable "actions" {
  type = list(string)
}
data "aws_iam_policy_document" "d" {
  statement {
    ${actions}
    resources = ["*"]
  }
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "a" {
  role   = "a"
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_role_policy" "b" {
  role   = "b"
  policy = data.aws_iam_policy_document.d.json
}
`;
      const { documents, diagnostics } = await readTerraform(text, "main.tf");
      expect(diagnostics).toMatchObject([
        {
          code: "input/unresolved-statement",
          severity: "warning",
          message: expect.stringContaining(`(\`${shown}\`): not analysed`),
        },
      ]);
      expect(documents.map((d) => d.principal)).toEqual(["role/a", "role/b"]);
      expect(toPlain(nodeAt(documents[0]!.node, "Statement"))).toEqual([
        { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
      ]);
      expect(lintAws(documents).filter((f) => f.ruleId === "aws/policy-syntax")).toEqual([]);
    },
  );
});
