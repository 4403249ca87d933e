/**
 * How the fleet screen lays gateways out, pure: the order of the columns
 * (the user's, kept while the app runs), the baseline every row is compared
 * with, the comparison seen from that baseline, and the window of columns
 * that fits the terminal's width (the grid scrolls sideways).
 */
import { compareFleet, type FleetColumn, type FleetRow } from './fleet-compare.js';

/** The user's layout: column order and baseline, by profile name. */
export interface FleetLayout {
  order: readonly string[];
  baseline?: string;
  /** The focused provider and gateway, to come back to (after a push through another screen). */
  focus?: { provider?: string; profile?: string };
}

/** `profiles` in the saved order: those the layout names first (in its order), the others after them as given. */
export function orderProfiles(profiles: readonly string[], layout?: FleetLayout): string[] {
  if (!layout) return [...profiles];
  const present = new Set(profiles);
  const known = layout.order.filter((p) => present.has(p));
  const seen = new Set(known);
  return [...known, ...profiles.filter((p) => !seen.has(p))];
}

/**
 * The grid with `baseline` (a column index) as the first choice of reference: each row compares with the
 * baseline when it answered with that provider, else with the first column that has it (a fallback the
 * screen names). Rows keep the columns' order; `reference` is an index into `columns`.
 */
export function compareWithBaseline(columns: readonly FleetColumn[], baseline: number): FleetRow[] {
  const options = { everyFieldWhereMissing: true };
  if (baseline <= 0 || baseline >= columns.length) return compareFleet(columns, [], options);
  // The comparison takes the first column that has the provider: put the baseline first, then map back.
  const ordered = [columns[baseline]!, ...columns.filter((_, i) => i !== baseline)];
  const toDisplay = (i: number): number => (i < 0 ? i : i === 0 ? baseline : i <= baseline ? i - 1 : i);
  const fromDisplay = (d: number): number => (d === baseline ? 0 : d < baseline ? d + 1 : d);
  return compareFleet(ordered, [], options).map((row) => ({
    ...row,
    reference: toDisplay(row.reference),
    cells: columns.map((_, d) => row.cells[fromDisplay(d)]!),
    fields: row.fields.map((f) => ({ ...f, values: columns.map((_, d) => f.values[fromDisplay(d)]!) })),
    unverified: row.unverified.map((u) => ({ path: u.path, columns: u.columns.map(toDisplay) })),
  }));
}

/** Why a row is not compared with the baseline (undefined: it is, or nothing has the provider). */
export function fallbackReason(row: FleetRow, columns: readonly FleetColumn[], baseline: number): string | undefined {
  if (row.reference < 0 || row.reference === baseline) return undefined;
  const base = columns[baseline];
  if (!base) return undefined;
  const why = base.state.kind === 'error' ? 'is unreachable' : base.state.kind === 'loading' ? 'has not answered yet' : `has no ${row.name}`;
  return `${base.profile} ${why}`;
}

/** Widths of the grid at `width` columns: the provider names, each gateway cell, and how many cells fit. */
export interface GridWidths {
  nameW: number;
  cellW: number;
  visible: number;
}

/** The narrowest cell: a mark, `≠ 99` and the closing mark. */
const MIN_CELL = 8;
/** Names are cut to no fewer characters than this (fewer cells are shown instead). */
const READABLE_CELL = 12;
const MAX_CELL = 18;
/** Gateways shown at once when the terminal is wide enough (names are cut to fit this many). */
const WANTED_COLUMNS = 5;

/**
 * Cells as wide as the longest profile name (plus room for the focus marks), but narrow enough that
 * about five fit, and never so narrow that a name shows fewer than ten characters: ten long names at
 * 80 columns show five, at 60 columns three, cut with `…`; the focused one is named in full elsewhere.
 */
export function gridWidths(width: number, profiles: readonly string[], longestRow: number): GridWidths {
  const n = Math.max(1, profiles.length);
  const nameW = Math.max(10, Math.min(24, longestRow + 2, Math.floor(width / 4)));
  const room = Math.max(MIN_CELL, width - nameW - 2);
  const longest = profiles.slice(0, 1000).reduce((m, p) => Math.max(m, Array.from(p).length), 0);
  const wanted = Math.min(MAX_CELL, longest + 3);
  const fitMany = Math.floor(room / Math.min(n, WANTED_COLUMNS));
  const cellW = Math.max(MIN_CELL, Math.min(wanted, READABLE_CELL), Math.min(wanted, fitMany));
  return { nameW, cellW, visible: Math.max(1, Math.min(n, Math.floor(room / cellW))) };
}

/** The first column shown, moved only as far as keeps `col` in the window of `visible` columns. */
export function columnTop(top: number, col: number, visible: number, count: number): number {
  const most = Math.max(0, count - visible);
  let t = Math.max(0, Math.min(top, most));
  if (col < t) t = col;
  if (col >= t + visible) t = col - visible + 1;
  return Math.max(0, Math.min(t, most));
}
