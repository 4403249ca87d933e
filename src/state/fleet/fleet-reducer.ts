/**
 * The fleet screen: providers x gateways (profiles). Cells fill in as each
 * gateway answers; Enter on a cell opens the field-level diff of that
 * provider between the reference column and the cell's gateway, where
 * fields can be marked for a push. Pure.
 */
import { formatDiffEntry } from '../provider/diff.js';
import { jsonEqual } from '../json.js';
import { SAME_MASK } from '../write-rules/sameness.js';
import type { PlannedWrite } from '../write-rules/provider-write-plan.js';
import { compareFleet, type FleetColumn, type FleetField, type FleetRow, type GatewayState } from './fleet-compare.js';

export interface FleetCellView {
  name: string;
  col: number;
  cursor: number;
  /** Paths marked for a push (none marked = all). */
  marked: readonly string[];
}

export interface FleetState {
  columns: FleetColumn[];
  rows: FleetRow[];
  row: number;
  col: number;
  cell?: FleetCellView;
  /** A direct push shown for a y/n confirmation (fields the editor does not edit, or a create). */
  review?: { profile: string; plan: PlannedWrite };
  message?: { text: string; role: 'muted' | 'warn' | 'error' | 'ok' };
}

export type FleetAction =
  | { type: 'started'; profiles: readonly string[] }
  | { type: 'answered'; profile: string; state: GatewayState }
  | { type: 'move'; rows?: number; cols?: number }
  | { type: 'open' }
  | { type: 'close' }
  | { type: 'mark' }
  | { type: 'review'; profile: string; plan: PlannedWrite }
  | { type: 'reviewClosed' }
  | { type: 'message'; text: string; role: 'muted' | 'warn' | 'error' | 'ok' };

export const initialFleetState: FleetState = { columns: [], rows: [], row: 0, col: 0 };

const clamp = (v: number, max: number): number => Math.max(0, Math.min(max, v));

/** The fields that differ between the reference column and `col` of a row. */
export function cellFields(row: FleetRow, col: number): FleetField[] {
  if (row.reference < 0 || col === row.reference) return [];
  return row.fields.filter((f) => !jsonEqual(f.values[row.reference]!.value, f.values[col]!.value) || f.values[row.reference]!.present !== f.values[col]!.present);
}

function withRows(s: FleetState, columns: FleetColumn[]): FleetState {
  const rows = compareFleet(columns);
  // Keep the cursor on the same provider while rows appear.
  const name = s.rows[s.row]?.name;
  const at = name === undefined ? -1 : rows.findIndex((r) => r.name === name);
  return { ...s, columns, rows, row: at >= 0 ? at : clamp(s.row, rows.length - 1) };
}

export function fleetReducer(s: FleetState, a: FleetAction): FleetState {
  switch (a.type) {
    case 'started':
      return withRows({ ...initialFleetState }, a.profiles.map((profile) => ({ profile, state: { kind: 'loading' } })));
    case 'answered':
      return withRows(s, s.columns.map((c) => (c.profile === a.profile ? { ...c, state: a.state } : c)));
    case 'move': {
      if (s.cell) {
        const row = s.rows.find((r) => r.name === s.cell!.name);
        const n = row ? cellFields(row, s.cell.col).length : 0;
        return { ...s, cell: { ...s.cell, cursor: clamp(s.cell.cursor + (a.rows ?? 0), n - 1) } };
      }
      return { ...s, row: clamp(s.row + (a.rows ?? 0), s.rows.length - 1), col: clamp(s.col + (a.cols ?? 0), s.columns.length - 1), message: undefined };
    }
    case 'open': {
      const row = s.rows[s.row];
      if (!row) return s;
      const cell = row.cells[s.col];
      if (!cell || cell.kind === 'loading') return { ...s, message: { text: 'still waiting for this gateway', role: 'muted' } };
      if (cell.kind === 'unreachable') return { ...s, message: { text: `${s.columns[s.col]!.profile}: ${cell.reason}`, role: 'error' } };
      if (cell.kind === 'reference') return { ...s, message: { text: 'this is the reference column: open a cell of another gateway', role: 'muted' } };
      if (cell.kind === 'same') {
        const where = s.columns[s.col]!.profile;
        if (cell.unverified.length === 0) return { ...s, message: { text: `${row.name} is the same on ${where}`, role: 'muted' } };
        return { ...s, message: { text: `${row.name} on ${where}: the same as far as can be seen; ${cell.unverified.map((p) => `${p}: ${SAME_MASK}`).join('; ')}`, role: 'warn' } };
      }
      return { ...s, cell: { name: row.name, col: s.col, cursor: 0, marked: [] }, message: undefined };
    }
    case 'close':
      return { ...s, cell: undefined };
    case 'mark': {
      if (!s.cell) return s;
      const row = s.rows.find((r) => r.name === s.cell!.name);
      const field = row && cellFields(row, s.cell.col)[s.cell.cursor];
      if (!field) return s;
      const marked = s.cell.marked.includes(field.path) ? s.cell.marked.filter((p) => p !== field.path) : [...s.cell.marked, field.path];
      return { ...s, cell: { ...s.cell, marked } };
    }
    case 'review':
      return { ...s, review: { profile: a.profile, plan: a.plan }, message: undefined };
    case 'reviewClosed':
      return { ...s, review: undefined };
    case 'message':
      return { ...s, message: { text: a.text, role: a.role } };
  }
}

/** The lines of a direct push's review: what is written, field by field, and what is not copied. */
export function reviewLines(profile: string, plan: PlannedWrite): string[] {
  const what = plan.action === 'create' ? `Create ${plan.name} on ${profile}` : `Update ${plan.name} on ${profile}`;
  return [
    `${what}: ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'} (re-read and backed up right before the write)`,
    ...plan.changes.map((e) => `  ${formatDiffEntry(e)}`),
    ...plan.notCopied.map((p) => `  not copied: ${p} differs and cannot be copied: set it on the target`),
    ...plan.errors.map((e) => `  invalid: ${e}`),
  ];
}
