/** Option groups shared by the commands, and the exit-code sets most commands share. */
import { CONNECTION_OPTIONS } from '../../connection/flags.js';
import { EXIT, type ExitCode } from '../../state/exit-codes.js';
import type { OptionTable } from '../../state/cli/option-spec.js';
import type { OptionGroup } from './types.js';

/** The formats every read command prints. */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_OPTIONS = {
  output: { type: 'string', short: 'o', value: 'FORMAT', help: 'table (text for people), json or yaml (data for scripts)', complete: OUTPUT_FORMATS },
  json: { type: 'boolean', help: 'the same as -o json' },
} as const satisfies OptionTable;

export const WRITE_OPTIONS = {
  yes: { type: 'boolean', short: 'y', help: 'do not ask (needed without a terminal)' },
  'dry-run': { type: 'boolean', help: 'print the diff and the exact body (secrets masked); write nothing' },
} as const satisfies OptionTable;

export const COMMON_OPTIONS = {
  quiet: { type: 'boolean', short: 'q', help: 'no notes or diffs on success; errors are still printed' },
  'no-color': { type: 'boolean', help: 'accepted everywhere; command output has no colour' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
} as const satisfies OptionTable;

export const OUTPUT: OptionGroup = { title: 'Output', options: OUTPUT_OPTIONS };
export const WRITING: OptionGroup = { title: 'Writing', options: WRITE_OPTIONS };
export const CONNECTION: OptionGroup = { title: 'Connection', options: CONNECTION_OPTIONS };
export const COMMON: OptionGroup = { title: 'Common', options: COMMON_OPTIONS };

/** An exit code with the words one command uses for it (else EXIT_MEANINGS'). */
export type ExitEntry = ExitCode | readonly [ExitCode, string];

const USAGE_EXIT: ExitEntry = [EXIT.usage, 'usage: bad arguments, no gateway given, a provider name . or .., a URL with credentials'];
/** What a command that reads from one gateway can end with. */
export const READ_EXITS: readonly ExitEntry[] = [EXIT.ok, USAGE_EXIT, EXIT.validation, EXIT.auth, EXIT.notFound, EXIT.gateway];
/** What a command that writes to one gateway can end with. */
export const WRITE_EXITS: readonly ExitEntry[] = [
  EXIT.ok,
  [EXIT.changes, 'refused, nothing written: no --yes without a terminal, a read-only profile, not confirmed'],
  USAGE_EXIT,
  EXIT.validation,
  EXIT.auth,
  EXIT.notFound,
  EXIT.conflict,
  EXIT.gateway,
];
