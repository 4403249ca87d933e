/** `bifrost-tui providers list|get|export|diff|apply|set|edit|history|restore`: the provider subcommands. */
import { type ProvidersDeps } from './command-context.js';
import { runApply, runDiff } from './providers-apply.js';
import { runExport, runGet } from './providers-get.js';
import { runEdit } from './providers-edit.js';
import { runHistory, runRestore } from './providers-history.js';
import { runList } from './providers-list.js';
import { runSet } from './providers-set.js';
import { runSubcommand, type Runners } from './subcommands.js';
import { PROVIDERS } from './tree/providers.js';
import type { CommandIO } from './types.js';


/** The runner of each command in the tree's `providers` group. */
export const PROVIDERS_RUNNERS: Runners = {
  list: runList,
  get: runGet,
  export: runExport,
  diff: runDiff,
  apply: runApply,
  set: runSet,
  edit: runEdit,
  history: runHistory,
  restore: runRestore,
};

/** Runs `providers <sub> ...`; returns the exit code. Output goes to `io` only. */
export async function runProvidersCommand(argv: string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  return runSubcommand(PROVIDERS, PROVIDERS_RUNNERS, argv, io, deps);
}
