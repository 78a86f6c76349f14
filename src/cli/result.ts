/** What a command hands back to main: printed and turned into the exit status there. */
export interface CommandResult {
  exitCode: number;
  stdout?: string;
  /** Errors and warnings: always printed, on standard error. */
  stderr?: string;
  /**
   * What a person may like to know but a script does not need (a summary, the
   * files written): printed on standard error before `stderr`, dropped by `--quiet`.
   */
  notes?: string;
}

export function usageError(message: string, help: string): CommandResult {
  return { exitCode: 2, stderr: `error: ${message}\n\n${help}` };
}
