/**
 * Finding the command word behind options (`bifrost-tui --url URL providers
 * list`): the options before it are read with the table of options that may
 * lead, so a value (`--url URL`) is never taken for a command.
 */
import { UsageError } from './command-errors.js';
import type { OptionTable } from '../state/cli/option-spec.js';
import { APP_SYNOPSIS, LEADING_OPTIONS } from './tree/app.js';

const USAGE = `usage: bifrost-tui ${APP_SYNOPSIS} [<command> ...] (more: bifrost-tui --help)`;

/** How many tokens the option at argv[i] takes (1 or 2), or a UsageError naming it. */
function optionLength(argv: readonly string[], i: number, table: OptionTable): number {
  const tok = argv[i]!;
  if (tok.startsWith('--')) {
    const inline = tok.includes('=');
    const name = tok.slice(2, inline ? tok.indexOf('=') : undefined);
    const spec = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!spec) throw new UsageError(`unknown option --${name}; ${USAGE}`, false);
    if (spec.type === 'boolean' || inline) return 1;
    if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value; ${USAGE}`, false);
    return 2;
  }
  // -q, -V, -h, -o json, -ojson, -qo json
  for (let k = 1; k < tok.length; k++) {
    const ch = tok[k]!;
    const entry = Object.entries(table).find(([, o]) => o.short === ch);
    if (!entry) throw new UsageError(`unknown option -${ch}; ${USAGE}`, false);
    if (entry[1].type === 'string') {
      if (k + 1 < tok.length) return 1;
      if (i + 1 >= argv.length) throw new UsageError(`-${ch} needs a value; ${USAGE}`, false);
      return 2;
    }
  }
  return 1;
}

/** Where the next command word is from `start` on (undefined: none), and the option tokens before it. */
export function scanToWord(argv: readonly string[], start = 0, table: OptionTable = LEADING_OPTIONS): { index?: number; options: string[] } {
  const options: string[] = [];
  let i = start;
  while (i < argv.length) {
    const tok = argv[i]!;
    if (tok === '--') return { index: i + 1 < argv.length ? i + 1 : undefined, options };
    if (!tok.startsWith('-') || tok === '-') return { index: i, options };
    const n = optionLength(argv, i, table);
    for (const arg of argv.slice(i, i + n)) options.push(arg);
    i += n;
  }
  return { options };
}
