/** Fitting text into fixed-width cells. Every cell is made printable: most gateway and config text reaches the screen through here. */
import { printable } from '../state/printable.js';

/**
 * Code units of raw text looked at per column: enough for surrogate pairs,
 * combining marks and an escape shown as `^[`. Longer text is cut before it is
 * cleaned or measured, so a 2 MB gateway string costs what a screenful does.
 */
const UNITS_PER_COLUMN = 8;

/** At most what `columns` columns can show, cut before any other work. */
function bounded(text: string, columns: number): string {
  const most = Math.max(1, columns) * UNITS_PER_COLUMN + UNITS_PER_COLUMN;
  return text.length > most ? text.slice(0, most) : text;
}

/** Cuts to `width` columns with an ellipsis; pads with spaces when `pad`. */
export function fit(text: string, width: number, pad = true): string {
  if (width <= 0) return '';
  const clean = printable(bounded(text, width + 1).replace(/[\r\n\t]+/g, ' '));
  const chars = Array.from(clean);
  const cut = chars.length > width ? chars.slice(0, Math.max(0, width - 1)).join('') + '…' : clean;
  return pad ? cut + ' '.repeat(Math.max(0, width - Array.from(cut).length)) : cut;
}

/**
 * "just now", "40s ago", "3m ago", "2h ago". Coarse so the header repaints rarely: with the list
 * refreshing every 10 s, the data is never older than about 10 s, which still reads "just now".
 */
export function ageText(fromMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (s < 15) return 'just now';
  if (s < 60) return `${Math.floor(s / 10) * 10}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

/**
 * `text` as lines of at most `width` columns, broken between words (a word longer than a line is cut
 * across lines), made printable; beyond `max` lines the rest is cut with an ellipsis. Only what `max`
 * lines can show is looked at (at most 500 lines' worth), and the work is linear in it.
 */
export function wrapWords(text: string, width: number, max = Number.POSITIVE_INFINITY): string[] {
  const room = Math.max(1, width);
  const most = Math.min(max, 500);
  const source = bounded(text, room * (most + 1));
  const lines: string[] = [];
  let line: string[] = [];
  const flush = (): void => {
    if (line.length > 0) lines.push(line.join(''));
    line = [];
  };
  for (const word of printable(source.replace(/[\r\n\t]+/g, ' ')).split(' ')) {
    if (word === '') continue;
    if (lines.length > most) break;
    const chars = Array.from(word);
    if (line.length > 0 && line.length + 1 + chars.length <= room) {
      line.push(' ');
      for (const c of chars) line.push(c);
      continue;
    }
    flush();
    // A word longer than a line: whole lines of it, the rest starts the next line.
    let at = 0;
    for (; chars.length - at > room && lines.length <= most; at += room) lines.push(chars.slice(at, at + room).join(''));
    line = chars.slice(at);
  }
  flush();
  if (lines.length <= most && source.length === text.length) return lines;
  const keep = Math.min(lines.length, most);
  return [...lines.slice(0, Math.max(0, keep - 1)), fit(`${lines.slice(keep - 1).join(' ')}${source.length < text.length ? '…' : ''}`, room, false)];
}
