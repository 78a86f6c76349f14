/**
 * Colour for people at a terminal, never for files, pipes or CI logs that
 * did not ask. The text is painted after it is rendered, so that every
 * renderer stays plain and every format is byte-identical without colour.
 */

/** What leash knows about where its output goes. */
export interface Terminal {
  stdout: boolean;
  stderr: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export const NOT_A_TERMINAL: Terminal = { stdout: false, stderr: false, env: {} };

/**
 * Whether to paint one stream. A flag on the command line wins (`--no-color`,
 * `--color`): https://no-color.org lets command-line options override
 * `NO_COLOR`. Then `NO_COLOR` (set and not empty) and `FORCE_COLOR` (as Node
 * and most CLIs read it: `0` means off); otherwise only a terminal that is
 * not `dumb`.
 */
export function wantsColour(
  flag: "always" | "never" | undefined,
  isTTY: boolean,
  env: Terminal["env"],
): boolean {
  if (flag !== undefined) return flag === "always";
  if ((env.NO_COLOR ?? "") !== "") return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0";
  return isTTY && env.TERM !== "dumb";
}

const SGR = {
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  blue: "\u001b[34m",
  cyan: "\u001b[36m",
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  reset: "\u001b[0m",
} as const;

const SEVERITY_COLOUR: Readonly<Record<string, string>> = {
  error: SGR.red + SGR.bold,
  high: SGR.red,
  warning: SGR.yellow,
  medium: SGR.yellow,
  low: SGR.blue,
  info: SGR.cyan,
  note: SGR.cyan,
};

// `file:line:column (pointer): severity code: message`, as diagnostics and findings print.
const HEADLINE =
  /^((?:[^\n]*?:\d+:\d+(?: \([^)\n]*\))?: )?)(error|warning|high|medium|low|info|note)( [a-z0-9-]+\/[a-z0-9./-]+)(?=: )/;

/** Paints the lines leash writes for people: severities, codes, help, code-frame carets. */
export function paint(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const head = HEADLINE.exec(line);
      if (head) {
        const [all, where, severity, code] = head;
        return `${SGR.dim}${where}${SGR.reset}${SEVERITY_COLOUR[severity!]}${severity}${SGR.reset}${SGR.bold}${code}${SGR.reset}${line.slice(all.length)}`;
      }
      if (line.startsWith("error: "))
        return `${SGR.red}${SGR.bold}error${SGR.reset}${line.slice(5)}`;
      const help = /^(\s+)help: /.exec(line);
      if (help) return `${help[1]}${SGR.cyan}help${SGR.reset}${line.slice(help[0].length - 2)}`;
      if (/^\s+\| *\^+$/.test(line))
        return line.replace(/\^+$/, (c) => `${SGR.red}${c}${SGR.reset}`);
      return line;
    })
    .join("\n");
}
