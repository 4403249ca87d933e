/**
 * The fleet screen: providers x gateways (profiles). Cells fill in as each
 * gateway answers; every row compares with the baseline the user picked
 * (or, when the baseline lacks the row or cannot be read, with the first
 * gateway that has it: a fallback the screen names). Columns keep the
 * user's order and scroll sideways. Enter on a cell opens the field-level
 * diff between two gateways (the row's reference and the cell's, which
 * ←/→ change), where fields can be marked for a push. Pure.
 */
import { formatDiffEntry } from '../provider/diff.js';
import { jsonEqual } from '../json.js';
import { SAME_MASK } from '../write-rules/sameness.js';
import type { PlannedWrite } from '../write-rules/provider-write-plan.js';
import type { FleetColumn, FleetField, FleetRow, GatewayState } from './fleet-compare.js';
import { columnTop, compareWithBaseline, orderProfiles, type FleetLayout } from './fleet-layout.js';

export interface FleetCellView {
  name: string;
  /** The gateway pushed from by `p` (the row's reference when opened). */
  from: number;
  /** The gateway compared with it (and pushed to by `p`). */
  col: number;
  cursor: number;
  /** Paths marked for a push (none marked = all). */
  marked: readonly string[];
}

export interface FleetState {
  /** In the user's order. */
  columns: FleetColumn[];
  rows: FleetRow[];
  /** The column every row compares with first (-1: no columns). */
  baseline: number;
  row: number;
  col: number;
  /** The first column shown (the grid scrolls sideways). */
  colTop: number;
  /** How many columns the screen shows at once. */
  visibleColumns: number;
  /** A provider to focus once it appears (the focus kept from before). */
  wantRow?: string;
  cell?: FleetCellView;
  /** A direct push shown for a y/n confirmation (fields the editor does not edit, or a create). */
  review?: { from: string; profile: string; plan: PlannedWrite };
  message?: { text: string; role: 'muted' | 'warn' | 'error' | 'ok' };
}

export type FleetAction =
  | { type: 'started'; profiles: readonly string[]; layout?: FleetLayout }
  | { type: 'answered'; profile: string; state: GatewayState }
  | { type: 'move'; rows?: number; cols?: number }
  | { type: 'viewport'; columns: number }
  /** The focused column becomes the baseline. */
  | { type: 'baseline' }
  /** Moves the focused column left or right in the order. */
  | { type: 'moveColumn'; delta: number }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'mark' }
  | { type: 'review'; from: string; profile: string; plan: PlannedWrite }
  | { type: 'reviewClosed' }
  | { type: 'message'; text: string; role: 'muted' | 'warn' | 'error' | 'ok' };

export const initialFleetState: FleetState = { columns: [], rows: [], baseline: -1, row: 0, col: 0, colTop: 0, visibleColumns: 1 };

const clamp = (v: number, max: number): number => Math.max(0, Math.min(max, v));

/** The layout to keep: the columns' order and the baseline's name. */
export function layoutOf(s: FleetState): FleetLayout {
  const baseline = s.columns[s.baseline]?.profile;
  const provider = s.wantRow ?? s.rows[s.row]?.name;
  const profile = s.columns[s.col]?.profile;
  return {
    order: s.columns.map((c) => c.profile), ...(baseline === undefined ? {} : { baseline }),
    focus: { ...(provider === undefined ? {} : { provider }), ...(profile === undefined ? {} : { profile }) },
  };
}

/** The fields that differ between `from` (default: the row's reference) and `col` of a row. */
export function cellFields(row: FleetRow, col: number, from = row.reference): FleetField[] {
  if (from < 0 || col === from) return [];
  return row.fields.filter((f) => !jsonEqual(f.values[from]!.value, f.values[col]!.value) || f.values[from]!.present !== f.values[col]!.present);
}

/** The grid again from the columns; the cursor stays on its provider while rows appear. */
function withRows(s: FleetState, columns: FleetColumn[], baseline = s.baseline): FleetState {
  const rows = compareWithBaseline(columns, baseline);
  const name = s.wantRow ?? s.rows[s.row]?.name;
  const at = name === undefined ? -1 : rows.findIndex((r) => r.name === name);
  const wantRow = at < 0 ? s.wantRow : undefined;
  return { ...s, columns, baseline, rows, row: at >= 0 ? at : clamp(s.row, rows.length - 1), wantRow };
}

function withCol(s: FleetState, col: number): FleetState {
  const c = clamp(col, s.columns.length - 1);
  return { ...s, col: c, colTop: columnTop(s.colTop, c, s.visibleColumns, s.columns.length) };
}

/** Can a cell of this kind be compared field by field? */
const comparable = (row: FleetRow, col: number): boolean => {
  const kind = row.cells[col]?.kind;
  return kind !== undefined && kind !== 'loading' && kind !== 'unreachable';
};

/** The next column after `col` in direction `dir` that can be compared with `from` (or `col` when none). */
function nextCompared(row: FleetRow, from: number, col: number, dir: number): number {
  for (let c = col + dir; c >= 0 && c < row.cells.length; c += dir) if (c !== from && comparable(row, c)) return c;
  return col;
}

export function fleetReducer(s: FleetState, a: FleetAction): FleetState {
  switch (a.type) {
    case 'started': {
      const order = orderProfiles(a.profiles, a.layout);
      const columns = order.map((profile): FleetColumn => ({ profile, state: { kind: 'loading' } }));
      const named = a.layout?.baseline === undefined ? -1 : order.indexOf(a.layout.baseline);
      const focus = a.layout?.focus;
      const keep = { visibleColumns: s.visibleColumns, ...(focus?.provider === undefined ? {} : { wantRow: focus.provider }) };
      const col = focus?.profile === undefined ? 0 : Math.max(0, order.indexOf(focus.profile));
      return withCol(withRows({ ...initialFleetState, ...keep }, columns, named >= 0 ? named : columns.length > 0 ? 0 : -1), col);
    }
    case 'answered':
      return withRows(s, s.columns.map((c) => (c.profile === a.profile ? { ...c, state: a.state } : c)));
    case 'viewport': {
      const visibleColumns = Math.max(1, a.columns);
      return visibleColumns === s.visibleColumns ? s : withCol({ ...s, visibleColumns }, s.col);
    }
    case 'move': {
      if (s.cell) {
        const cell = s.cell;
        const row = s.rows.find((r) => r.name === cell.name);
        if (!row) return s;
        if (a.cols) {
          const col = nextCompared(row, cell.from, cell.col, Math.sign(a.cols));
          return col === cell.col ? s : { ...s, col, colTop: columnTop(s.colTop, col, s.visibleColumns, s.columns.length), cell: { ...cell, col, cursor: 0, marked: [] }, message: undefined };
        }
        const n = cellFields(row, cell.col, cell.from).length;
        return { ...s, cell: { ...cell, cursor: clamp(cell.cursor + (a.rows ?? 0), n - 1) } };
      }
      return withCol({ ...s, row: clamp(s.row + (a.rows ?? 0), s.rows.length - 1), message: undefined, wantRow: undefined }, s.col + (a.cols ?? 0));
    }
    case 'baseline': {
      const column = s.columns[s.col];
      if (!column || s.col === s.baseline) return { ...s, message: column ? { text: `${column.profile} is already the baseline`, role: 'muted' } : undefined };
      const down = column.state.kind === 'error';
      const text = down ? `baseline: ${column.profile}, unreachable: rows fall back (◆)` : `baseline: ${column.profile}; every row compares with it`;
      return { ...withRows(s, s.columns, s.col), message: { text, role: down ? 'warn' : 'ok' } };
    }
    case 'moveColumn': {
      const to = s.col + Math.sign(a.delta);
      if (to < 0 || to >= s.columns.length || a.delta === 0) return s;
      const columns = [...s.columns];
      [columns[s.col], columns[to]] = [columns[to]!, columns[s.col]!];
      const baseline = s.baseline === s.col ? to : s.baseline === to ? s.col : s.baseline;
      return withCol({ ...withRows(s, columns, baseline), message: undefined }, to);
    }
    case 'open': {
      const row = s.rows[s.row];
      if (!row) return s;
      const cell = row.cells[s.col];
      const where = s.columns[s.col]!.profile;
      if (!cell || cell.kind === 'loading') return { ...s, message: { text: 'still waiting for this gateway', role: 'muted' } };
      if (cell.kind === 'unreachable') return { ...s, message: { text: `${where}: ${cell.reason}`, role: 'error' } };
      if (cell.kind === 'reference') return { ...s, message: { text: `${row.name} on ${where} is what this row compares with: open a cell of another gateway, or b there to compare with it`, role: 'muted' } };
      if (cell.kind === 'same') {
        if (cell.unverified.length === 0) return { ...s, message: { text: `${row.name} is the same on ${where}`, role: 'muted' } };
        return { ...s, message: { text: `${row.name} on ${where}: the same as far as can be seen; ${cell.unverified.map((p) => `${p}: ${SAME_MASK}`).join('; ')}`, role: 'warn' } };
      }
      return { ...s, cell: { name: row.name, from: row.reference, col: s.col, cursor: 0, marked: [] }, message: undefined };
    }
    case 'close':
      return { ...s, cell: undefined };
    case 'mark': {
      const cell = s.cell;
      if (!cell) return s;
      const row = s.rows.find((r) => r.name === cell.name);
      const field = row && cellFields(row, cell.col, cell.from)[cell.cursor];
      if (!field) return s;
      const marked = cell.marked.includes(field.path) ? cell.marked.filter((p) => p !== field.path) : [...cell.marked, field.path];
      return { ...s, cell: { ...cell, marked } };
    }
    case 'review':
      return { ...s, review: { from: a.from, profile: a.profile, plan: a.plan }, message: undefined };
    case 'reviewClosed':
      return { ...s, review: undefined };
    case 'message':
      return { ...s, message: { text: a.text, role: a.role } };
  }
}

/** The lines of a direct push's review: what is pushed, field by field, and what is not copied. */
export function reviewLines(from: string, profile: string, plan: PlannedWrite): string[] {
  const what = plan.action === 'create' ? `Push ${plan.name} from ${from} to ${profile}, creating it there` : `Push ${plan.name} from ${from} to ${profile}`;
  return [
    `${what}: ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} (re-read and backed up right before the write)`,
    ...plan.changes.map((e) => `  ${formatDiffEntry(e)}`),
    ...plan.notCopied.map((p) => `  not copied: ${p} differs and cannot be copied: set it on the target`),
    ...plan.errors.map((e) => `  invalid: ${e}`),
  ];
}
