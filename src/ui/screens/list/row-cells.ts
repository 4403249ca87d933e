/**
 * The texts of one provider row, made printable once per provider summary
 * (the list arrives, the row is drawn for the first time), not on every
 * render: a cursor move re-renders two rows and only fits these to their
 * columns.
 */
import type { ProviderSummary } from '../../../api/provider-summary.js';
import { baseUrlText, concurrencyText, noteBadge, statusBadge, type Badge } from '../../../state/list/badges.js';
import { printable } from '../../../state/printable.js';
import { kindText } from '../../../state/provider/provider-catalog.js';

export interface RowCells {
  name: string;
  kind: string;
  status: Badge;
  note?: Badge;
  conc: string;
  url: string;
}

const made = new WeakMap<ProviderSummary, RowCells>();

/** Cells of a configured provider (`p`), or of a built-in not set up yet (`name` only). */
export function rowCells(name: string, p: ProviderSummary | undefined): RowCells {
  if (!p) return { name: printable(name), kind: 'built-in', status: statusBadge(undefined), conc: '', url: '' };
  let cells = made.get(p);
  if (cells === undefined) {
    const note = noteBadge(p);
    const status = statusBadge(p);
    cells = {
      name: printable(p.name),
      kind: printable(kindText(p.name, p.custom, p.baseType)),
      status: { ...status, text: printable(status.text) },
      ...(note ? { note: { ...note, text: printable(note.text) } } : {}),
      conc: concurrencyText(p),
      url: printable(baseUrlText(p)),
    };
    made.set(p, cells);
  }
  return cells;
}

/** Columns a text takes as drawn (printable, one per code point); no copy for plain ASCII, the usual case. */
export function shownLength(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : Array.from(printable(text)).length;
}
