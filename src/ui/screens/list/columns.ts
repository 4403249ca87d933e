/** Column widths of the provider table for a given terminal width. */
import type { ProviderSummary } from '../../../api/provider-summary.js';
import { baseUrlText, noteBadge } from '../../../state/list/badges.js';
import { shownLength } from './row-cells.js';

export interface Columns {
  name: number;
  kind: number;
  status: number;
  conc: number;
  /** Keys per provider; 0 when hidden (narrow terminals). */
  keys: number;
  /** 0 when hidden. */
  url: number;
  /** 0 when hidden (the status cell then carries a ⚠ marker). */
  note: number;
}

/** The longest text of the columns whose width follows the data (in characters). */
export interface ColumnNeeds {
  name: number;
  url: number;
  note: number;
}

/** Narrowest the NAME column gets: built-in names shown with `a` fit. */
const MIN_NAME = 14;
const NOTE_WIDTH = 21;

/** What the providers' texts need; one pass, recomputed only when the data changes. */
export function columnNeeds(providers: readonly ProviderSummary[]): ColumnNeeds {
  const needs = { name: 0, url: 0, note: 0 };
  // Measured as drawn: control characters show as ^X, two columns each.
  for (const p of providers) {
    needs.name = Math.max(needs.name, shownLength(p.name));
    needs.url = Math.max(needs.url, shownLength(baseUrlText(p)));
    if (p.status) needs.note = Math.max(needs.note, shownLength(noteBadge(p)?.text ?? ''));
  }
  return needs;
}

/**
 * Widths for `width` columns. With `needs`, a NAME column wider than the names gives its spare to
 * the base URL, and the NOTE column takes only what the notes need (none when there are none).
 */
export function columnsFor(width: number, needs?: ColumnNeeds): Columns {
  const wide = width >= 100;
  const narrow = width < 80;
  const widest = wide ? 22 : narrow ? MIN_NAME : 16;
  const name = needs ? Math.min(widest, Math.max(MIN_NAME, needs.name)) : widest;
  const kind = wide ? 16 : 13;
  const status = narrow ? 12 : 16;
  const conc = 11;
  const keys = narrow ? 0 : 5;
  const fixed = 2 + name + kind + status + conc + 4 + (keys ? keys + 1 : 0);
  const rest = Math.max(0, width - fixed - 1);
  const noteWant = needs ? needs.note : NOTE_WIDTH;
  const note = rest >= 36 && noteWant > 0 ? Math.min(Math.max(noteWant, 'NOTE'.length), Math.max(NOTE_WIDTH, rest - 1 - (needs?.url ?? rest))) : 0;
  const url = rest - note >= 12 ? rest - note - 1 : 0;
  return { name, kind, status, conc, keys, url, note: url ? note : 0 };
}
