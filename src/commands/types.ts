/** What every subcommand gets: its streams and environment, so tests can capture them. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** stdin and stdout are terminals (a write may then be confirmed interactively). */
  isTTY: boolean;
  /** stdout is a terminal: text for people may then be cut to fit (never when piped). */
  stdoutIsTTY?: boolean;
}
