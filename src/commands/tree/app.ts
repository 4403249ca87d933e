/** The interactive app's own options (the command line without a command word), and what may precede a command word. */
import { CONNECTION_OPTIONS } from '../../connection/flags.js';
import type { OptionTable } from '../../state/cli/option-spec.js';
import { COMMON_OPTIONS, OUTPUT_OPTIONS } from './groups.js';

export const APP_OPTIONS = {
  refresh: { type: 'string', value: 'SECONDS', help: 'refresh the provider list every SECONDS while it is shown (default 10; 0 turns it off)' },
  'no-color': { type: 'boolean', help: 'monochrome: the same as NO_COLOR=1 (also TERM=dumb)' },
  help: COMMON_OPTIONS.help,
  version: { type: 'boolean', short: 'V', help: 'print the version' },
} as const satisfies OptionTable;

/** Every option of the app. */
export const APP_ALL_OPTIONS = { ...CONNECTION_OPTIONS, ...APP_OPTIONS } as const satisfies OptionTable;

/** The app's synopsis (after `bifrost-tui`). */
export const APP_SYNOPSIS = '[--profile NAME | --url URL | --demo] [--refresh SECONDS] [--no-color]';

/**
 * Options that may come before the command words (`bifrost-tui --profile prod
 * providers list -o json`): the app's, the output format and --quiet. They are
 * handed to the command, whose own table then decides whether it takes them.
 */
export const LEADING_OPTIONS = { ...APP_ALL_OPTIONS, ...OUTPUT_OPTIONS, quiet: COMMON_OPTIONS.quiet } as const satisfies OptionTable;
