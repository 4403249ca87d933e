/** `bifrost-tui version [-o json|yaml]`. */
import { parseCommandArgs } from './command-args.js';
import { UsageError } from './command-errors.js';
import { formatData } from '../state/data-format.js';
import { findCommand, helpText } from './help.js';
import { EXIT } from '../state/exit-codes.js';
import { printable } from '../state/printable.js';
import type { CommandIO } from './types.js';
import { SUPPORTED_GATEWAY_VERSIONS } from '../api/versions/supported-range.js';

export function runVersion(argv: readonly string[], io: CommandIO, version: string): number {
  try {
    const { flags, args, format } = parseCommandArgs([...argv], ['version'], findCommand(['version'])!);
    if (flags.help) {
      io.stdout.write(helpText(['version']));
      return EXIT.ok;
    }
    if (args.length > 0) throw new UsageError(`\`version\` takes no arguments, got "${args[0]}"`);
    // The same line as --version: the app's version and the gateway versions it speaks.
    const { oldest, newest } = SUPPORTED_GATEWAY_VERSIONS;
    io.stdout.write(
      format === 'json' || format === 'yaml'
        ? formatData({ version, gateways: { oldest, newest } }, format)
        : `bifrost-tui ${version} (Bifrost gateways ${oldest} to ${newest})\n`,
    );
    return EXIT.ok;
  } catch (err) {
    io.stderr.write(`bifrost-tui: ${printable((err as Error).message)}\n`);
    return EXIT.usage;
  }
}
