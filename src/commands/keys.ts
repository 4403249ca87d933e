/** `bifrost-tui keys list|get|add|set|rotate|enable|disable|remove|history|restore`: a provider's API keys, headless. */
import { WRITE_OPTIONS, type ProvidersDeps } from './command-context.js';
import { runKeysAdd, runKeysHistory, runKeysRemove, runKeysRestore, runKeysRotate, runKeysSet, runKeysToggle } from './keys-edit.js';
import { KEYS_HELP, KEYS_SET_HELP } from './keys-help.js';
import { runKeysGet, runKeysList } from './keys-read.js';
import { runSubcommand, type Sub } from './subcommands.js';
import type { CommandIO } from './types.js';


const VALUE = { 'value-stdin': { type: 'boolean' }, 'value-env': { type: 'string' }, 'value-ref': { type: 'string' } } as const;

const SUBCOMMANDS: Readonly<Record<string, Sub>> = {
  list: { help: KEYS_HELP, options: {}, run: runKeysList },
  get: { help: KEYS_HELP, options: {}, run: runKeysGet },
  add: {
    help: KEYS_HELP,
    options: { ...WRITE_OPTIONS, ...VALUE, name: { type: 'string' }, models: { type: 'string' }, weight: { type: 'string' }, disabled: { type: 'boolean' } },
    run: runKeysAdd,
  },
  set: { help: KEYS_SET_HELP, options: { ...WRITE_OPTIONS, unset: { type: 'string', multiple: true } }, run: runKeysSet },
  rotate: { help: KEYS_HELP, options: { ...WRITE_OPTIONS, ...VALUE }, run: runKeysRotate },
  enable: { help: KEYS_HELP, options: WRITE_OPTIONS, run: runKeysToggle(true) },
  disable: { help: KEYS_HELP, options: WRITE_OPTIONS, run: runKeysToggle(false) },
  remove: { help: KEYS_HELP, options: WRITE_OPTIONS, run: runKeysRemove },
  history: { help: KEYS_HELP, options: {}, run: runKeysHistory },
  restore: { help: KEYS_HELP, options: { ...WRITE_OPTIONS, at: { type: 'string' } }, run: runKeysRestore },
};

/** Runs `keys <sub> ...`; returns the exit code. */
export async function runKeysCommand(argv: string[], io: CommandIO, deps: ProvidersDeps = {}): Promise<number> {
  return runSubcommand('keys', KEYS_HELP, SUBCOMMANDS, argv, io, deps);
}
