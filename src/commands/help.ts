/**
 * --help of every command, generated from the command tree: the synopsis,
 * the option tables the parser uses, and the exit codes of
 * src/state/exit-codes.ts. Plain text, at most 80 columns where the text is
 * ours to wrap, and stable (the man page is made from it).
 */
import { EXIT_MEANINGS, type ExitCode } from '../state/exit-codes.js';
import { optionLabel, type OptionSpec, type OptionTable } from '../state/cli/option-spec.js';
import { ROOT } from './tree/root.js';
import type { CommandSpec, OptionGroup } from './tree/types.js';

const WIDTH = 80;
const PROGRAM = ROOT.name;

/** The child of `node` that `word` names (its name or an alias). */
export function childByWord(node: CommandSpec, word: string): CommandSpec | undefined {
  return node.children?.find((c) => c.name === word || c.aliases?.includes(word));
}

/** The command at `path` (command words, aliases allowed), or undefined. */
export function findCommand(path: readonly string[]): CommandSpec | undefined {
  let node: CommandSpec | undefined = ROOT;
  for (const word of path) node = node && childByWord(node, word);
  return node;
}

/** Visible children (not `__complete`). */
export function visibleChildren(node: CommandSpec): CommandSpec[] {
  return (node.children ?? []).filter((c) => !c.hidden);
}

/** The option groups of a command as shown in help: its own options first, then the shared groups. */
export function optionGroups(spec: CommandSpec): OptionGroup[] {
  const own = spec.options && Object.keys(spec.options).length > 0 ? [{ title: 'Options', options: spec.options }] : [];
  return [...own, ...(spec.groups ?? [])];
}

/** Every option a command's parser accepts, by long name. */
export function allOptions(spec: CommandSpec): OptionTable {
  const out: Record<string, OptionSpec> = {};
  for (const g of optionGroups(spec)) Object.assign(out, g.options);
  return out;
}

/** `bifrost-tui providers get` for the path. */
export function commandName(path: readonly string[]): string {
  return [PROGRAM, ...path].join(' ');
}

function argsSynopsis(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => {
    const word = a.repeat ? `${a.name} ...` : a.name;
    return a.optional ? `[${word}]` : word;
  });
  if (spec.children) return '<command> [options]';
  const hasOptions = Object.keys(allOptions(spec)).some((k) => k !== 'help');
  return [...args, ...(hasOptions ? ['[options]'] : [])].join(' ');
}

/** The synopsis lines, each a whole command line (`bifrost-tui providers get NAME [options]`). */
export function synopsis(path: readonly string[], spec: CommandSpec): string[] {
  const forms = spec.synopsis ?? [argsSynopsis(spec)];
  return forms.map((f) => `${commandName(path)}${f ? ` ${f}` : ''}`);
}

/** Words wrapped to `width`, continuation lines indented by `indent`. */
export function wrap(text: string, first: string, indent: number, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = first;
  const pad = ' '.repeat(indent);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const sep = line.trim() === '' || line.endsWith(' ') ? '' : ' ';
    if (line.length + sep.length + word.length > width && line.trim() !== '' && line !== first) {
      lines.push(line.trimEnd());
      line = pad + word;
    } else {
      line += sep + word;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

function optionLines(table: OptionTable, col: number): string[] {
  const out: string[] = [];
  for (const [name, o] of Object.entries(table)) {
    if (o.hidden) continue;
    const label = `  ${optionLabel(name, o)}`;
    if (label.length + 2 > col) {
      out.push(label);
      for (const line of wrap(o.help, ' '.repeat(col), col)) out.push(line);
    } else {
      for (const line of wrap(o.help, label.padEnd(col), col)) out.push(line);
    }
  }
  return out;
}

/** The exit codes of a command (a group: those of all its commands), each with its meaning. */
export function exitCodes(spec: CommandSpec): Array<{ code: ExitCode; meaning: string }> {
  const found = new Map<ExitCode, string>();
  const visit = (s: CommandSpec, own: boolean): void => {
    for (const e of s.exits ?? []) {
      const [code, text] = typeof e === 'number' ? [e, undefined] : e;
      // A group shows the general meaning; a command its own words for it ("ok" for 0 unless it says more).
      if (own && text) found.set(code, text);
      else if (own && code === 0 && !s.children) found.set(code, 'ok');
      else if (!found.has(code)) found.set(code, EXIT_MEANINGS[code]);
    }
    for (const c of s.children ?? []) visit(c, false);
  };
  visit(spec, true);
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([code, meaning]) => ({ code, meaning }));
}

function description(spec: CommandSpec): string | undefined {
  return typeof spec.description === 'function' ? spec.description() : spec.description;
}

/** The --help text of the command at `path`. */
export function helpText(path: readonly string[]): string {
  const spec = findCommand(path);
  if (!spec) throw new Error(`no command ${path.join(' ')}`);
  const parts: string[] = [];
  parts.push(`${commandName(path)}: ${spec.summary}`);
  const usage = synopsis(path, spec);
  parts.push(usage.map((u, i) => `${i === 0 ? 'Usage: ' : '       '}${u}`).join('\n'));
  const text = description(spec);
  if (text) parts.push(text);
  const children = visibleChildren(spec);
  if (children.length > 0) {
    const rows = children.map((c) => [c.name + (c.children ? ' <command>' : c.args?.length ? ` ${argsSynopsis({ ...c, options: {}, groups: [] })}` : ''), c.summary] as const);
    const col = Math.min(28, rows.reduce((w, [l]) => Math.max(w, l.length), 0) + 4);
    parts.push(['Commands:', ...rows.flatMap(([l, s]) => (l.length + 4 > col ? [`  ${l}`, ...wrap(s, ' '.repeat(col), col)] : wrap(s, `  ${l}`.padEnd(col), col)))].join('\n'));
  }
  const groups = optionGroups(spec);
  if (groups.length > 0) {
    const labels = groups.flatMap((g) => Object.entries(g.options).filter(([, o]) => !o.hidden).map(([n, o]) => `  ${optionLabel(n, o)}`));
    const col = Math.min(28, labels.reduce((w, l) => Math.max(w, l.length), 0) + 2);
    for (const g of groups) {
      const lines = optionLines(g.options, col);
      if (lines.length > 0) parts.push([`${g.title}:`, ...lines].join('\n'));
    }
  }
  const codes = exitCodes(spec);
  if (codes.length > 0) parts.push(['Exit codes:', ...codes.flatMap((c) => wrap(c.meaning, `  ${String(c.code).padEnd(3)}`, 5))].join('\n'));
  if (spec.examples?.length) parts.push(['Examples:', ...spec.examples.map((e) => `  ${e}`)].join('\n'));
  if (children.length > 0) parts.push(`Run ${commandName(path)} <command> --help for the details of a command.`);
  return `${parts.join('\n\n')}\n`;
}

let optionNames: Set<string> | undefined;
/** The long name of every option of any command (and of the app). */
export function knownOptionNames(): ReadonlySet<string> {
  if (!optionNames) {
    optionNames = new Set();
    const visit = (s: CommandSpec): void => {
      for (const name of Object.keys(allOptions(s))) optionNames!.add(name);
      for (const c of s.children ?? []) visit(c);
    };
    visit(ROOT);
  }
  return optionNames;
}

/** Every visible command path, depth first (the root is []). */
export function commandPaths(node: CommandSpec = ROOT, path: readonly string[] = []): string[][] {
  return [[...path], ...visibleChildren(node).flatMap((c) => commandPaths(c, [...path, c.name]))];
}
