/**
 * The output conventions every command shares, taken out of the command
 * line before a command parses the rest: they may come before or after the
 * command's name (`leash --no-color lint .` and `leash lint . --no-color`).
 */
export interface GlobalOptions {
  argv: string[];
  /** Drop notes (summaries, "wrote ...") and keep results, warnings and errors. */
  quiet: boolean;
  colour: "always" | "never" | undefined;
}

export const COMMON_HELP = `Options for every command:
  --quiet, -q    print only results, warnings and errors (no summaries or notes)
  --no-color     never colour the output (also when NO_COLOR is set)
  --color        colour even when the output is not a terminal`;

export function takeGlobalOptions(argv: readonly string[]): GlobalOptions {
  const rest: string[] = [];
  let quiet = false;
  let colour: GlobalOptions["colour"];
  let i = 0;
  // After `--` everything is an argument, even `--quiet`.
  for (; i < argv.length && argv[i] !== "--"; i++) {
    const token = argv[i]!;
    if (token === "--quiet" || token === "-q") quiet = true;
    else if (token === "--no-color") colour = "never";
    else if (token === "--color") colour = "always";
    else rest.push(token);
  }
  return { argv: [...rest, ...argv.slice(i)], quiet, colour };
}
