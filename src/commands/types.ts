/** What every subcommand gets: its streams and environment, so tests can capture them. */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** stdin and stdout are terminals (a write may then be confirmed interactively). */
  isTTY: boolean;
}

/** Documented exit codes (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  changes: 1,
  usage: 2,
  validation: 3,
  auth: 4,
  notFound: 5,
  conflict: 6,
  gateway: 7,
  /** `apply -f DIR`: some providers were applied, some failed. */
  partial: 8,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
