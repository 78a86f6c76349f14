/** Lines 1-6 of a test spec: a valid `version`, `name` and `targets` (us-east-1). */
export const SPEC_HEADER = [
  "version: 1",
  "name: demo",
  "targets:",
  "  aws:",
  '    account: "111122223333"',
  "    region: us-east-1",
];

/** A spec text: the header, then these lines from line 7 on. */
export const specText = (...lines: string[]) => `${[...SPEC_HEADER, ...lines].join("\n")}\n`;
