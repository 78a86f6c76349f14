import type {
  Diagnostic,
  JsonNode,
  JsonObjectNode,
  SourceLocation,
} from "../../../diagnostics/index.js";

type StringNode = Extract<JsonNode, { kind: "string" }>;

/**
 * Reads located JSON into typed values, collecting one diagnostic per
 * problem (with its pointer and line:column) instead of stopping at the
 * first: a user fixes a policy in one pass.
 */
export class JsonReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly prefix: string) {}

  error(code: string, message: string, loc: SourceLocation, help: string): void {
    this.diagnostics.push({
      code: `${this.prefix}/${code}`,
      severity: "error",
      message,
      help,
      location: loc,
    });
  }

  warning(code: string, message: string, loc: SourceLocation, help: string): void {
    this.diagnostics.push({
      code: `${this.prefix}/${code}`,
      severity: "warning",
      message,
      help,
      location: loc,
    });
  }

  /** An object's members by key; unknown keys are errors (with the closest known key). */
  object(
    node: JsonNode,
    what: string,
    known: readonly string[],
    help: string,
  ): Map<string, JsonNode> | undefined {
    if (node.kind !== "object") {
      this.error("wrong-type", `${what} must be an object, not ${kindName(node)}`, node.loc, help);
      return undefined;
    }
    return this.members(node, what, known);
  }

  private members(
    node: JsonObjectNode,
    what: string,
    known: readonly string[],
  ): Map<string, JsonNode> {
    const out = new Map<string, JsonNode>();
    for (const e of node.entries) {
      if (out.has(e.key)) {
        this.error("duplicate-key", `\`${e.key}\` appears twice in ${what}`, e.keyLoc, "keep one");
      }
      if (!known.includes(e.key)) {
        const near = known.find((k) => k.toLowerCase() === e.key.toLowerCase());
        this.error(
          "unknown-key",
          `${what} has no key \`${e.key}\``,
          e.keyLoc,
          near ? `did you mean \`${near}\`?` : `known keys: ${known.join(", ")}`,
        );
      }
      out.set(e.key, e.value);
    }
    return out;
  }

  required(
    members: Map<string, JsonNode>,
    key: string,
    what: string,
    at: SourceLocation,
  ): JsonNode | undefined {
    const node = members.get(key);
    if (node === undefined) {
      this.error("missing-key", `${what} needs \`${key}\``, at, `add \`"${key}"\``);
    }
    return node;
  }

  string(node: JsonNode | undefined, what: string, help: string): string | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== "string") {
      this.error("wrong-type", `${what} must be a string, not ${kindName(node)}`, node.loc, help);
      return undefined;
    }
    return node.value;
  }

  /** A non-empty string. */
  name(node: JsonNode | undefined, what: string, help: string): StringNode | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== "string" || node.value.trim() === "") {
      this.error(
        node.kind === "string" ? "empty" : "wrong-type",
        `${what} must be a non-empty string${node.kind === "string" ? "" : `, not ${kindName(node)}`}`,
        node.loc,
        help,
      );
      return undefined;
    }
    return node;
  }

  array(node: JsonNode | undefined, what: string, help: string): JsonNode[] | undefined {
    if (node === undefined) return undefined;
    if (node.kind !== "array") {
      this.error("wrong-type", `${what} must be an array, not ${kindName(node)}`, node.loc, help);
      return undefined;
    }
    return node.items;
  }

  /** An array of non-empty strings. */
  names(node: JsonNode | undefined, what: string, help: string): StringNode[] {
    const items = this.array(node, what, help) ?? [];
    return items.flatMap((item) => this.name(item, `each of ${what}`, help) ?? []);
  }
}

export function kindName(node: JsonNode): string {
  switch (node.kind) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    default:
      return "null";
  }
}
