import { describe, expect, it } from "vitest";
import { awsCatalog } from "../../src/clouds/aws/catalog/catalog.js";
import type { ActionExpander } from "../../src/clouds/aws/catalog/expand.js";
import { parsePolicy } from "../../src/clouds/aws/policy/parse.js";
import { StatementView, servicesNamed } from "../../src/clouds/aws/rules/rule.js";

/** The view of a policy's one statement. */
function view(statement: Record<string, unknown>): StatementView {
  const { policy, diagnostics } = parsePolicy(
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Resource: "*", ...statement }] }),
    { type: "identity" },
  );
  if (!policy) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return new StatementView(policy.statements[0]!);
}

// Rules skip the actions of services a statement does not name before matching patterns
// (privilege-escalation, the sensitive-action rules): a wrong set here loses findings.
// A wildcard in the service part (`i*:PassRole`) is a syntax error the parser reports.
describe("StatementView.actionServices", () => {
  it.each([
    ["exact names, any case", ["s3:GetObject", "IAM:PassRole"], ["iam", "s3"]],
    ["a wildcard in the action name only", ["ec2:Describe*", "s3:Get?bject"], ["ec2", "s3"]],
    ["`*`: every service", ["*"], undefined],
  ])("%s", (_, Action, expected) => {
    const services = view({ Effect: "Allow", Action }).actionServices;
    expect(services && [...services].sort()).toEqual(expected);
  });

  it("NotAction names every service but the ones it lists", () => {
    expect(view({ Effect: "Allow", NotAction: "s3:*" }).actionServices).toBeUndefined();
  });

  it("servicesNamed is the union, undefined as soon as one statement may name any", () => {
    const s3 = view({ Effect: "Allow", Action: "s3:GetObject" });
    const iam = view({ Effect: "Allow", Action: "iam:PassRole" });
    const any = view({ Effect: "Allow", Action: "*" });
    expect([...(servicesNamed([s3, iam]) ?? [])].sort()).toEqual(["iam", "s3"]);
    expect(servicesNamed([s3, any, iam])).toBeUndefined();
  });
});

describe("StatementView.covers", () => {
  it.each([
    ["an exact name, case-insensitively", { Action: "IAM:passrole" }, "iam:PassRole", true],
    [
      "a wildcard of the action's service",
      { Action: ["s3:Get*", "iam:Pass*"] },
      "iam:PassRole",
      true,
    ],
    ["a wildcard of another service only", { Action: ["s3:Pass*"] }, "iam:PassRole", false],
    ["NotAction that lists the action", { NotAction: "iam:*" }, "iam:PassRole", false],
    ["NotAction that leaves the action", { NotAction: "s3:*" }, "iam:PassRole", true],
  ])("%s", (_, statement, action, expected) => {
    expect(view({ Effect: "Allow", ...statement }).covers(action)).toBe(expected);
  });
});

describe("StatementView.expanded", () => {
  it("answers for the expander it is asked with, not the first one that asked", () => {
    const s = view({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"] });
    const fake = (tag: string) =>
      ({ expand: (p: string) => [{ fullName: `${tag} ${p}` }] }) as unknown as ActionExpander;
    const first = fake("first");
    const second = fake("second");
    const names = (e: ActionExpander) => s.expanded(e).map((infos) => infos[0]!.fullName);
    // The view asks with the names lower-cased (actions match case-insensitively).
    expect(names(first)).toEqual(["first s3:getobject", "first s3:putobject"]);
    expect(s.expanded(first)).toBe(s.expanded(first));
    expect(names(second)).toEqual(["second s3:getobject", "second s3:putobject"]);
  });
});

// Every rule that asks "on every resource?" asks this (issue 9: a pattern that matches
// everything of its type is `*`). On the old code only `*` and NotResource counted.
describe("StatementView.anyResourceFor", () => {
  it.each([
    ["`*`", "*", "s3:GetObject", true],
    ["every object (`*/*`)", "arn:aws:s3:::*/*", "s3:GetObject", true],
    ["every bucket and object (`arn:aws:s3:::*`)", "arn:aws:s3:::*", "s3:GetObject", true],
    ["every bucket, for a bucket action", "arn:aws:s3:::*", "s3:PutBucketPolicy", true],
    [
      "every object, for a bucket action (no object is a bucket)",
      "arn:aws:s3:::*/*",
      "s3:PutBucketPolicy",
      false,
    ],
    ["one bucket's objects", "arn:aws:s3:::bucket/*", "s3:GetObject", false],
    ["a bucket-name prefix", "arn:aws:s3:::data-*/*", "s3:GetObject", false],
    ["every repository, any partition", "arn:*:ecr:*:*:repository/*", "ecr:BatchGetImage", true],
    ["every secret", "arn:aws:secretsmanager:*:*:secret:*", "secretsmanager:GetSecretValue", true],
    ["every role", "arn:aws:iam::*:role/*", "iam:PassRole", true],
    ["one role in every account", "arn:aws:iam::*:role/NAME", "iam:PassRole", false],
    ["every role of one account", "arn:aws:iam::123456789012:role/*", "iam:PassRole", false],
    [
      "every secret of one region",
      "arn:aws:secretsmanager:us-east-1:*:secret:*",
      "secretsmanager:GetSecretValue",
      false,
    ],
    ["every log resource (`arn:aws:logs:*:*:*`)", "arn:aws:logs:*:*:*", "logs:PutLogEvents", true],
    ["the caller's own user", "arn:aws:iam::*:user/${aws:username}", "iam:CreateAccessKey", false],
    ["another service's every resource", "arn:aws:s3:::*", "iam:PassRole", false],
    ["an action that takes only `*`", "arn:aws:s3:::*", "s3:ListAllMyBuckets", false],
    ["an action the catalog does not know", "arn:aws:s3:::*", "s3:NoSuchAction", false],
    ["a Terraform expression", "arn:aws:s3:::${aws_s3_bucket.b.id}/*", "s3:GetObject", false],
  ])("%s: %s for %s is %s", (_, Resource, action, expected) => {
    const s = view({ Effect: "Allow", Action: action, Resource });
    expect(s.anyResourceFor(awsCatalog(), action)).toBe(expected);
    // The second answer comes from the statement's memo, and is the same.
    expect(s.anyResourceFor(awsCatalog(), action)).toBe(expected);
  });
});
