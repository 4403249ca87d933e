/** Fitting text into fixed-width cells. Every cell is made printable: most gateway and config text reaches the screen through here. */
import { printable } from '../state/printable.js';

/** Cuts to `width` columns with an ellipsis; pads with spaces when `pad`. */
export function fit(text: string, width: number, pad = true): string {
  if (width <= 0) return '';
  const clean = printable(text.replace(/[\r\n\t]+/g, ' '));
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
 * across lines), made printable; beyond `max` lines the rest is cut with an ellipsis.
 */
export function wrapWords(text: string, width: number, max = Number.POSITIVE_INFINITY): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line: string[] = [];
  for (const word of printable(text.replace(/[\r\n\t]+/g, ' ')).split(' ').filter(Boolean)) {
    let chars = Array.from(word);
    if (line.length > 0 && line.length + 1 + chars.length <= room) {
      line.push(' ');
      for (const c of chars) line.push(c);
      continue;
    }
    if (line.length > 0) lines.push(line.join(''));
    for (; chars.length > room; chars = chars.slice(room)) lines.push(chars.slice(0, room).join(''));
    line = chars;
  }
  if (line.length > 0) lines.push(line.join(''));
  if (lines.length <= max) return lines;
  return [...lines.slice(0, Math.max(0, max - 1)), fit(lines.slice(max - 1).join(' '), room, false)];
}
