/** `bifrost-tui providers ...`: headless subcommands for scripts (work in progress). */
import { EXIT, type CommandIO } from './types.js';

/** Runs `providers <sub> ...`; returns the exit code. */
export async function runProvidersCommand(argv: string[], io: CommandIO): Promise<number> {
  io.stderr.write(`bifrost-tui: providers ${argv[0] ?? ''}: not implemented yet\n`);
  return EXIT.usage;
}
