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

/** "just now", "42s ago", "3m ago", "2h ago". Coarse so the header repaints rarely. */
export function ageText(fromMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return `${Math.floor(s / 10) * 10}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}
