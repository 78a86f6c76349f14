/** What a command hands back to main: printed and turned into the exit status there. */
export interface CommandResult {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

export function usageError(message: string, help: string): CommandResult {
  return { exitCode: 2, stderr: `error: ${message}\n\n${help}` };
}
