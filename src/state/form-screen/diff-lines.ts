/**
 * The save review and the conflict screen as lines of a given width, so every
 * value is shown in full (secrets still masked): a change that fits stays on
 * one line; longer values get their own wrapped lines, and maps/arrays are
 * indented JSON. Pure, so the screens only scroll over the result.
 */
import { formatDiffEntry, formatDiffValue, type DiffEntry } from '../provider/diff.js';

/** One screen line; `kind` picks its colour. */
export interface DocLine {
  readonly text: string;
  readonly kind: DiffEntry['kind'] | 'note';
}

const INDENT = '    ';

/** Cuts `text` into pieces of at most `width` characters; continuation pieces start with `indent`. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const chars = Array.from(text);
  const room = Math.max(1, width);
  if (chars.length <= room) return [text];
  const out = [chars.slice(0, room).join('')];
  const rest = Math.max(1, room - indent.length);
  for (let i = room; i < chars.length; i += rest) out.push(indent + chars.slice(i, i + rest).join(''));
  return out;
}

/** A value's display lines: maps and arrays as indented JSON, everything else as one (long) line. */
function valueLines(e: DiffEntry, value: unknown): string[] {
  const one = formatDiffValue(e.segments, value);
  if (!one.startsWith('{') && !one.startsWith('[')) return [one];
  try {
    return JSON.stringify(JSON.parse(one), null, 2).split('\n');
  } catch {
    return [one];
  }
}

/** Lines of one entry at `width` columns. */
export function entryLines(e: DiffEntry, width: number): DocLine[] {
  const line = `  ${formatDiffEntry(e)}`;
  const multi = (e.before !== undefined && valueLines(e, e.before).length > 1) || (e.after !== undefined && valueLines(e, e.after).length > 1);
  if (Array.from(line).length <= width && !multi) return [{ text: line, kind: e.kind }];
  const sign = e.kind === 'added' ? '+' : e.kind === 'removed' ? '-' : '~';
  const out: DocLine[] = [];
  const push = (text: string, indent: string): void => {
    for (const piece of wrapText(text, width, indent)) out.push({ text: piece, kind: e.kind });
  };
  push(`  ${sign} ${e.path}:`, INDENT);
  const side = (label: string, value: unknown): void => {
    const lines = valueLines(e, value);
    if (lines.length === 1) return push(`${INDENT}${label}${lines[0]}`, INDENT + ' '.repeat(label.length));
    if (label) push(`${INDENT}${label.trimEnd()}`, INDENT);
    for (const l of lines) push(`${INDENT}  ${l}`, `${INDENT}  `);
  };
  if (e.kind === 'changed') {
    side('was: ', e.before);
    side('now: ', e.after);
  } else side('', e.kind === 'added' ? e.after : e.before);
  return out;
}

/** Every entry's lines, in order. */
export function diffDocLines(entries: readonly DiffEntry[], width: number): DocLine[] {
  return entries.flatMap((e) => entryLines(e, width));
}

/** Plain text wrapped into note lines (for sentences under a diff). */
export function noteLines(text: string, width: number): DocLine[] {
  return wrapText(text, width, '  ').map((t) => ({ text: t, kind: 'note' as const }));
}
