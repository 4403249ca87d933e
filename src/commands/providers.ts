/** `bifrost-tui providers list|get|export|diff|apply|set|history|restore`: headless subcommands for scripts. */
import { WRITE_OPTIONS, type ProvidersDeps } from './command-context.js';
import { runApply, runDiff } from './providers-apply.js';
import { runExport, runGet } from './providers-get.js';
import {
  APPLY_HELP, DIFF_HELP, EXPORT_HELP, GET_HELP, HISTORY_HELP, LIST_HELP, PROVIDERS_HELP, RESTORE_HELP, SET_HELP,
} from './providers-help.js';
import { runHistory, runRestore } from './providers-history.js';
import { runList } from './providers-list.js';
import { runSet } from './providers-set.js';
import { runSubcommand, type Sub } from './subcommands.js';
import type { CommandIO } from './types.js';

export {
  APPLY_HELP, DIFF_HELP, EXPORT_HELP, GET_HELP, HISTORY_HELP, LIST_HELP, PROVIDERS_HELP, RESTORE_HELP, SET_HELP,
} from './providers-help.js';
export type { ProvidersDeps } from './command-context.js';

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
  return runSubcommand('providers', PROVIDERS_HELP, SUBCOMMANDS, argv, io, deps);
}
