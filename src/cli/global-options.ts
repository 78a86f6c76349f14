/**
 * The output conventions every command shares, taken out of the command
 * line before a command parses the rest: they may come before or after the
 * command's name (`leash --no-color lint .` and `leash lint . --no-color`),
 * alone or in a group of short options (`-qo FILE`).
 */
export interface GlobalOptions {
  argv: string[];
  /** Drop notes (summaries, "wrote ...") and keep results, warnings and errors. */
  quiet: boolean;
  colour: "always" | "never" | undefined;
  /** `--version` or `-V` anywhere before `--`: print the version, as `leash --version` does. */
  version: boolean;
}

export const COMMON_HELP = `Options for every command:
  --quiet, -q    print only results, warnings and errors (no summaries or notes)
  --no-color     never colour the output (also when NO_COLOR is set)
  --color        colour even when the output is not a terminal or NO_COLOR is set
  --version, -V  print leash's version and exit
Short options group: -qo FILE is -q -o FILE.`;

/**
 * The short options of any command that take a value (`-o FILE`): in a
 * group, the letters after one are its value (`-ofile`), not options. A
 * test holds every command's option table to this list.
 */
export const VALUE_SHORTS: readonly string[] = ["o"];

export function takeGlobalOptions(argv: readonly string[]): GlobalOptions {
  const rest: string[] = [];
  let quiet = false;
  let version = false;
  let colour: GlobalOptions["colour"];
  let i = 0;
  // After `--` everything is an argument, even `--quiet`.
  for (; i < argv.length && argv[i] !== "--"; i++) {
    const token = argv[i]!;
    if (token === "--quiet") quiet = true;
    else if (token === "--version") version = true;
    else if (token === "--no-color") colour = "never";
    else if (token === "--color") colour = "always";
    else if (/^-[^-]/.test(token)) {
      // A group of short options: the shared ones are taken out, the command's kept in order.
      let kept = "";
      for (let j = 1; j < token.length; j++) {
        const letter = token[j]!;
        if (letter === "q") quiet = true;
        else if (letter === "V") version = true;
        else if (VALUE_SHORTS.includes(letter)) {
          kept += token.slice(j);
          break;
        } else kept += letter;
      }
      if (kept) rest.push(`-${kept}`);
    } else rest.push(token);
  }
  return { argv: [...rest, ...argv.slice(i)], quiet, colour, version };
}
