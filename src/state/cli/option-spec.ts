/**
 * One command-line option as a table row: what node:util parseArgs needs to
 * parse it, plus what --help, the README and shell completion show. The same
 * row feeds all of them, so they cannot disagree.
 */

/** What completes an option's value or a positional argument. */
export type Completion = 'profile' | 'profiles' | 'provider' | 'file' | 'dir' | readonly string[];

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's placeholder in help (`FILE`, `NAME`); string options only. */
  value?: string;
  /** One line of --help. */
  help: string;
  complete?: Completion;
  /** Parsed but not shown in help or completion (a deprecated spelling). */
  hidden?: boolean;
}

/** Options by long name (without `--`). */
export type OptionTable = Readonly<Record<string, OptionSpec>>;

/** The parseArgs `options` of a table (only the keys parseArgs knows). */
export function parseArgsOptions(table: OptionTable): Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const [name, o] of Object.entries(table)) {
    out[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  return out;
}

/** `-o, --output FORMAT` / `    --yes`: the left column of an option in help. */
export function optionLabel(name: string, o: OptionSpec): string {
  const value = o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : '';
  return `${o.short ? `-${o.short}, ` : '    '}--${name}${value}`;
}
