/** Dispatch of a command group (`providers`, `keys`): help, unknown names, flags, and errors → exit codes. */
import { Ctx, parseCommandArgs, runCommand, UsageError, type ProvidersDeps } from './command-context.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { printable } from '../state/printable.js';
import { usageLine } from './parse-error.js';

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** One subcommand: its help text, extra flags and body. */
export interface Sub {
  help: string;
  options: Spec;
  run: (ctx: Ctx) => Promise<number>;
}

/** Runs `<group> <sub> ...`; returns the exit code. Output goes to `io` only. */
export async function runSubcommand(group: string, help: string, subs: Readonly<Record<string, Sub>>, argv: string[], io: CommandIO, deps: ProvidersDeps): Promise<number> {
  const [subName, ...rest] = argv;
  if (subName === undefined || subName === 'help' || subName === '--help' || subName === '-h') {
    (subName === undefined ? io.stderr : io.stdout).write(help);
    return subName === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = Object.hasOwn(subs, subName) ? subs[subName] : undefined;
  if (!sub) {
    io.stderr.write(`bifrost-tui: unknown ${group} command "${printable(subName)}" (expected ${Object.keys(subs).join(', ')}; see --help)\n`);
    return EXIT.usage;
  }
  let ctx: Ctx;
  try {
    const { flags, args } = parseCommandArgs(rest, sub.options, { line: usageLine(sub.help), command: `bifrost-tui ${group} ${subName}` });
    ctx = new Ctx(io, flags, args, deps);
  } catch (err) {
    const fallback = new Ctx(io, {}, [], deps);
    return runCommand(fallback, () => Promise.reject(err instanceof Error ? err : new UsageError(String(err))));
  }
  if (ctx.flag('help')) {
    io.stdout.write(sub.help);
    return EXIT.ok;
  }
  return runCommand(ctx, () => sub.run(ctx));
}
