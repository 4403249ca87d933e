/**
 * Dispatch of a command group (`providers`, `keys`, `profiles`, `fleet`): the
 * command word, its options parsed from the command tree's tables, --help
 * generated from the same tables, and errors → exit codes.
 */
import { Ctx, runCommand, type ProvidersDeps } from './command-context.js';
import { parseCommandArgs } from './command-args.js';
import { UsageError } from './command-errors.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { childByWord, helpText, visibleChildren } from './help.js';
import { unknownCommand } from './unknown-command.js';
import type { CommandSpec } from './tree/types.js';

/** What runs a command of a group, by the command's name in the tree. */
export type Runners = Readonly<Record<string, (ctx: Ctx) => number | Promise<number>>>;

/** Per-group settings. */
export interface GroupOptions {
  /** What error lines start with (default `bifrost-tui`). */
  errorPrefix?: string;
  /** A check of the raw arguments before parsing (e.g. refusing keys on the command line). */
  precheck?: (argv: readonly string[]) => void;
}

/** Runs `<group> <command> ...`; returns the exit code. Output goes to `io` only. */
export async function runSubcommand(group: CommandSpec, runners: Runners, argv: string[], io: CommandIO, deps: ProvidersDeps, opts: GroupOptions = {}): Promise<number> {
  const [word, ...rest] = argv;
  if (word === undefined || word === 'help' || word === '--help' || word === '-h') {
    (word === undefined ? io.stderr : io.stdout).write(helpText([group.name]));
    return word === undefined ? EXIT.usage : EXIT.ok;
  }
  const fail = (err: unknown): Promise<number> => {
    const ctx = new Ctx(io, {}, [], deps);
    if (opts.errorPrefix) ctx.errorPrefix = opts.errorPrefix;
    return runCommand(ctx, () => Promise.reject(err instanceof Error ? err : new UsageError(String(err))));
  };
  const spec = childByWord(group, word);
  const run = spec && runners[spec.name];
  if (!spec || spec.hidden || !run) {
    return fail(new UsageError(unknownCommand([group.name], word, visibleChildren(group).map((c) => c.name)), false));
  }
  const path = [group.name, spec.name];
  let ctx: Ctx;
  try {
    opts.precheck?.(rest);
    const parsed = parseCommandArgs(rest, path, spec);
    ctx = new Ctx(io, parsed.flags, parsed.args, deps, parsed.format);
    if (opts.errorPrefix) ctx.errorPrefix = opts.errorPrefix;
    for (const note of parsed.notes) ctx.note(note);
  } catch (err) {
    return fail(err);
  }
  if (ctx.flag('help')) {
    io.stdout.write(helpText(path));
    return EXIT.ok;
  }
  ctx.commandPath = path;
  return runCommand(ctx, async () => run(ctx));
}

