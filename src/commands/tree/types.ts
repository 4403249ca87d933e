/** The command tree: every command's name, arguments, options and help, as data. */
import type { ExitCode } from '../../state/exit-codes.js';
import type { Completion, OptionTable } from '../../state/cli/option-spec.js';

/** A positional argument. */
export interface ArgSpec {
  /** As shown in help: NAME, PROVIDER, KEY, path=value. */
  name: string;
  complete?: Completion;
  optional?: boolean;
  /** Takes any number (at least one unless optional). */
  repeat?: boolean;
}

/** A titled set of options shared by many commands (Output, Writing, Connection, Common). */
export interface OptionGroup {
  title: string;
  options: OptionTable;
}

/** One command (a leaf runs; a group has children). */
export interface CommandSpec {
  name: string;
  /** Other words that run it (`ls` for `list`). */
  aliases?: readonly string[];
  /** One line in the parent's command list. */
  summary: string;
  args?: readonly ArgSpec[];
  /**
   * Synopsis lines after `bifrost-tui <path> ` when the arguments alone do not
   * say it (alternative forms, required flags); default: the args and `[options]`.
   */
  synopsis?: readonly string[];
  /** Plain-text paragraphs in short lines (about 80 columns; the man page is made from them). */
  description?: string | (() => string);
  /** Own options, listed first. */
  options?: OptionTable;
  /** Shared groups, in help order. */
  groups?: readonly OptionGroup[];
  /** Options refused with a message of their own instead of "unknown option". */
  refused?: Readonly<Record<string, string>>;
  /** The exit codes it can return; the meaning is EXIT_MEANINGS' unless given. */
  exits?: readonly (ExitCode | readonly [ExitCode, string])[];

  examples?: readonly string[];
  children?: readonly CommandSpec[];
  /** Not in help or completion (internal: `__complete`). */
  hidden?: boolean;
}
