/** Column widths of the provider table for a given terminal width. */
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

export function columnsFor(width: number): Columns {
  const wide = width >= 100;
  const narrow = width < 80;
  const name = wide ? 22 : narrow ? 14 : 16;
  const kind = wide ? 16 : 13;
  const status = narrow ? 12 : 16;
  const conc = 11;
  const keys = narrow ? 0 : 5;
  const fixed = 2 + name + kind + status + conc + 4 + (keys ? keys + 1 : 0);
  const rest = Math.max(0, width - fixed - 1);
  const note = rest >= 36 ? 21 : 0;
  const url = rest - note >= 12 ? rest - note - 1 : 0;
  return { name, kind, status, conc, keys, url, note: url ? note : 0 };
}
