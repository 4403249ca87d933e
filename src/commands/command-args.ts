/**
 * A command's arguments parsed with its own tables from the command tree
 * (node:util parseArgs): the options, the positional arguments, and the
 * output format of -o/--output and --json.
 */
import { parseArgs } from 'node:util';
import { joinNegativeNumbers } from '../connection/flags.js';
import { parseArgsOptions } from '../state/cli/option-spec.js';
import { UsageError } from './command-errors.js';
import { allOptions, commandName, knownOptionNames, synopsis } from './help.js';
import { describeParseError } from './parse-error.js';
import { OUTPUT_FORMATS, type OutputFormat } from './tree/groups.js';
import type { CommandSpec } from './tree/types.js';

/** Parsed flag values. */
export type Flags = Record<string, string | boolean | string[] | undefined>;

/** A command line parsed with the tables of its command in the tree. */
export interface ParsedArgs {
  flags: Flags;
  args: string[];
  /** The output format asked for (-o/--output, --json); undefined: the command's default. */
  format?: OutputFormat;
  /** Notes for stderr (a deprecated spelling was used). */
  notes: string[];
}

/** Parses argv with the options of the command at `path`; a mistake is a UsageError whose text hides `=values`. */
export function parseCommandArgs(argv: string[], path: readonly string[], spec: CommandSpec): ParsedArgs {
  let values: Flags;
  let positionals: string[];
  try {
    const options = parseArgsOptions(allOptions(spec));
    // `--timeout -5` reaches the option's own check (which names the bounds) instead of "needs a value".
    ({ values, positionals } = parseArgs({ args: joinNegativeNumbers(argv, options), options, allowPositionals: true, strict: true }) as { values: Flags; positionals: string[] });
  } catch (err) {
    const refused = refusedOption(err, spec, path);
    if (refused) throw new UsageError(refused);
    throw new UsageError(describeParseError(err, synopsis(path, spec)[0], commandName(path)));
  }
  const notes: string[] = [];
  return { flags: values, args: positionals, format: outputFormat(values, spec, notes), notes };
}

/**
 * An option this command does not take but others do (often one given before
 * the command words, `--profile P profiles list`): said so, rather than "unknown".
 */
function refusedOption(err: unknown, spec: CommandSpec, path: readonly string[]): string | undefined {
  const name = /^Unknown option '--([^'=\s]+)/.exec(err instanceof Error ? err.message : '')?.[1];
  if (name === undefined) return undefined;
  if (spec.refused && Object.hasOwn(spec.refused, name)) return spec.refused[name];
  if (!knownOptionNames().has(name)) return undefined;
  return `--${name} is not used by \`${commandName(path)}\`; usage: ${synopsis(path, spec)[0]} (more: ${commandName(path)} --help)`;
}

/**
 * The format of -o/--output and --json. `export` once took `-o FILE`: a value
 * that is not a format is still taken as its file (or --all's directory), with a note.
 */
function outputFormat(flags: Flags, spec: CommandSpec, notes: string[]): OutputFormat | undefined {
  const raw = flags.output;
  let format: OutputFormat | undefined;
  if (typeof raw === 'string') {
    if ((OUTPUT_FORMATS as readonly string[]).includes(raw)) format = raw as OutputFormat;
    else if (spec.options && 'output-file' in spec.options) {
      const dest = flags.all === true ? 'output-dir' : 'output-file';
      if (flags[dest] !== undefined) throw new UsageError(`-o takes ${OUTPUT_FORMATS.join(', ')} (the file goes in --${dest}), got "${raw}"`);
      flags[dest] = raw;
      delete flags.output;
      notes.push(`note: -o FILE is deprecated (-o now takes the format: ${OUTPUT_FORMATS.join(', ')}); use --${dest} ${raw}`);
    } else {
      throw new UsageError(`-o/--output takes ${OUTPUT_FORMATS.join(', ')}, got "${raw}"`);
    }
  }
  if (flags.json === true) {
    if (format !== undefined && format !== 'json') throw new UsageError(`--json and -o ${format} ask for different formats: give one`);
    format = 'json';
  }
  return format;
}

