import { type ParseArgsConfig, parseArgs } from "node:util";
import { closest } from "../diagnostics/index.js";
import type { CommandResult } from "./result.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** What parseArgs hands back for a command's option table, positionals allowed. */
export type ParsedArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; args: string[] }>
>;

/**
 * Parses a command's arguments, or says in leash's words what is wrong with
 * them: an unknown option with the closest known one ("did you mean"), an
 * option that needs a value or takes none, an argument where none is taken.
 * Node's parseArgs would say it in its own words, which name its API
 * ("To specify a positional argument starting with a '-'...").
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  argv: string[],
  options: O,
  { positionals }: { positionals: boolean },
): ParsedArgs<O> | CommandResult {
  const listed = `\`leash ${command} --help\` lists its options`;
  const problem = argumentProblem(argv, options, positionals);
  if (problem)
    return optionError(problem.message, problem.help ? `${problem.help} (${listed})` : listed);
  try {
    return parseArgs({
      args: argv,
      options,
      allowPositionals: true,
      strict: true,
    }) as ParsedArgs<O>;
  } catch (e) {
    // Every case parseArgs rejects is caught above; this keeps a missed one a usage error.
    return optionError((e as Error).message, listed);
  }
}

export function isCommandResult(x: object): x is CommandResult {
  return "exitCode" in x;
}

/** A usage error that names the problem and the fix, without the whole help text around it. */
export function optionError(message: string, help: string): CommandResult {
  return { exitCode: 2, stderr: `error: ${message}\n  help: ${help}` };
}

function argumentProblem(
  argv: readonly string[],
  options: Options,
  positionals: boolean,
): { message: string; help?: string } | undefined {
  const longs = Object.keys(options);
  const shorts = new Map(
    Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])),
  );
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") return undefined;
    if (token.startsWith("--")) {
      const eq = token.indexOf("=");
      const name = token.slice(2, eq === -1 ? undefined : eq);
      const option = Object.hasOwn(options, name) ? options[name] : undefined;
      if (!option)
        return unknown(
          `--${name}`,
          longs.map((n) => `--${n}`),
        );
      if (option.type === "boolean") {
        if (eq !== -1) return { message: `option \`--${name}\` takes no value` };
      } else if (eq === -1) {
        if (!takesValue(argv[i + 1])) return needsValue(`--${name}`);
        i++;
      }
    } else if (token.startsWith("-") && token.length > 1) {
      // A group of short options (`-qh`); a short option with a value ends the group.
      for (let j = 1; j < token.length; j++) {
        const name = shorts.get(token[j]!);
        if (!name)
          // `-format` is a long option with one dash too few; a lone unknown letter has no near miss.
          return j === 1 && token.length > 2
            ? unknown(
                token,
                longs.map((n) => `--${n}`),
                `-${token}`,
              )
            : { message: `unknown option \`-${token[j]}\`` };
        if (options[name]!.type === "string") {
          if (j === token.length - 1) {
            if (!takesValue(argv[i + 1])) return needsValue(`-${token[j]}`);
            i++;
          }
          break;
        }
      }
    } else if (!positionals) {
      return {
        message: `unexpected argument \`${token}\``,
        help: "this command takes options only",
      };
    }
  }
  return undefined;
}

/** A following argument is a value unless it looks like an option (`-` alone is standard input). */
function takesValue(next: string | undefined): boolean {
  return next !== undefined && !(next.length > 1 && next.startsWith("-"));
}

function needsValue(option: string): { message: string; help: string } {
  return {
    message: `option \`${option}\` needs a value`,
    help: `give one after it: \`${option} VALUE\`, or \`${option}=VALUE\` for a value that starts with \`-\``,
  };
}

function unknown(
  option: string,
  known: string[],
  meant = option,
): { message: string; help?: string } {
  const near = closest(meant, known);
  return near
    ? { message: `unknown option \`${option}\``, help: `did you mean \`${near}\`?` }
    : { message: `unknown option \`${option}\`` };
}

/** An option value that is not one of its choices: `unknown format \`sraif\``, did you mean `sarif`. */
export function choiceError(
  what: string,
  value: string,
  choices: readonly string[],
): CommandResult {
  const near = closest(value, choices);
  const all = `${what}s: ${choices.join(", ")}`;
  return optionError(
    `unknown ${what} \`${value}\``,
    near ? `did you mean \`${near}\`? (${all})` : all,
  );
}
