/** `bifrost-tui keys list|get|add|set|rotate|enable|disable|remove|history|restore`: a provider's API keys, headless. */
import { type ProvidersDeps } from './command-context.js';
import { runKeysAdd, runKeysHistory, runKeysRemove, runKeysRestore, runKeysRotate, runKeysSet, runKeysToggle } from './keys-edit.js';
import { runKeysGet, runKeysList } from './keys-read.js';
import { runSubcommand, type Runners } from './subcommands.js';
import { KEYS } from './tree/keys.js';
import type { CommandIO } from './types.js';

/** The runner of each command in the tree's `keys` group. */
export const KEYS_RUNNERS: Runners = {
  list: runKeysList,
  get: runKeysGet,
  add: runKeysAdd,
  set: runKeysSet,
  rotate: runKeysRotate,
  enable: runKeysToggle(true),
  disable: runKeysToggle(false),
  remove: runKeysRemove,
  history: runKeysHistory,
  restore: runKeysRestore,
};

/** Runs `keys <sub> ...`; returns the exit code. */
export async function runKeysCommand(argv: string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  return runSubcommand(KEYS, KEYS_RUNNERS, argv, io, deps);
}
