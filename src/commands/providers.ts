/** `bifrost-tui providers list|get|export|diff|apply|set|history|restore`: headless subcommands for scripts. */
import { Ctx, parseCommandArgs, runCommand, UsageError, WRITE_OPTIONS, type ProvidersDeps } from './command-context.js';
import { runApply, runDiff } from './providers-apply.js';
import { runExport, runGet } from './providers-get.js';
import {
  APPLY_HELP, DIFF_HELP, EXPORT_HELP, GET_HELP, HISTORY_HELP, LIST_HELP, PROVIDERS_HELP, RESTORE_HELP, SET_HELP,
} from './providers-help.js';
import { runHistory, runRestore } from './providers-history.js';
import { runList } from './providers-list.js';
import { runSet } from './providers-set.js';
import { type CommandIO } from './types.js';
import { EXIT } from '../state/exit-codes.js';
import { printable } from '../state/printable.js';
import { usageLine } from './parse-error.js';

export {
  APPLY_HELP, DIFF_HELP, EXPORT_HELP, GET_HELP, HISTORY_HELP, LIST_HELP, PROVIDERS_HELP, RESTORE_HELP, SET_HELP,
} from './providers-help.js';
export type { ProvidersDeps } from './command-context.js';

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

interface Sub {
  help: string;
  options: Spec;
  run: (ctx: Ctx) => Promise<number>;
}

const FILE = { file: { type: 'string', short: 'f' } } as const;

const SUBCOMMANDS: Readonly<Record<string, Sub>> = {
  list: { help: LIST_HELP, options: {}, run: runList },
  get: { help: GET_HELP, options: {}, run: runGet },
  export: { help: EXPORT_HELP, options: { output: { type: 'string', short: 'o' }, all: { type: 'boolean' } }, run: runExport },
  diff: { help: DIFF_HELP, options: { ...FILE, prune: { type: 'boolean' } }, run: runDiff },
  apply: { help: APPLY_HELP, options: { ...FILE, ...WRITE_OPTIONS, force: { type: 'boolean' }, prune: { type: 'boolean' } }, run: runApply },
  set: { help: SET_HELP, options: { ...WRITE_OPTIONS, unset: { type: 'string', multiple: true } }, run: runSet },
  history: { help: HISTORY_HELP, options: {}, run: runHistory },
  restore: { help: RESTORE_HELP, options: { ...WRITE_OPTIONS, at: { type: 'string' } }, run: runRestore },
};

/** Runs `providers <sub> ...`; returns the exit code. Output goes to `io` only. */
export async function runProvidersCommand(argv: string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  const [subName, ...rest] = argv;
  if (subName === undefined || subName === 'help' || subName === '--help' || subName === '-h') {
    (subName === undefined ? io.stderr : io.stdout).write(PROVIDERS_HELP);
    return subName === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = Object.hasOwn(SUBCOMMANDS, subName) ? SUBCOMMANDS[subName] : undefined;
  if (!sub) {
    io.stderr.write(`bifrost-tui: unknown providers command "${printable(subName)}" (expected ${Object.keys(SUBCOMMANDS).join(', ')}; see --help)\n`);
    return EXIT.usage;
  }
  let ctx: Ctx;
  try {
    const { flags, args } = parseCommandArgs(rest, sub.options, { line: usageLine(sub.help), command: `bifrost-tui providers ${subName}` });
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
