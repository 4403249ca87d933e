/** The allowed_requests grid: cursor and filter over the flags model. Pure. */
import {
  allOff, allOn, filter as filterFlags, fromWire, invert, setMode, toggle, toWire, type AllowedRequestsModel,
} from '../provider/allowed-requests.js';
import { editLine, lineEditor, type LineEdit, type LineEditor } from '../editors/line-editor.js';

export interface FlagsGridState {
  readonly model: AllowedRequestsModel;
  /** Index into `visibleFlags`. */
  readonly cursor: number;
  readonly filter: LineEditor;
  readonly filterEditing: boolean;
}

export type FlagsAction =
  | { type: 'flags-move'; delta: number }
  | { type: 'flags-toggle' }
  | { type: 'flags-all-on' }
  | { type: 'flags-all-off' }
  | { type: 'flags-invert' }
  | { type: 'flags-mode' }
  | { type: 'flags-filter-start' }
  | { type: 'flags-filter-line'; op: LineEdit }
  | { type: 'flags-filter-done' }
  | { type: 'flags-filter-clear' };

export function openFlagsGrid(wire: unknown): FlagsGridState {
  return { model: fromWire(wire), cursor: 0, filter: lineEditor(''), filterEditing: false };
}

/** Flags shown under the current filter, in grid order. */
export function visibleFlags(g: FlagsGridState): string[] {
  return filterFlags(g.model, g.filter.text);
}

/** The field value to commit: the flags object, or undefined (= absent: everything allowed). */
export function flagsValue(g: FlagsGridState): unknown {
  return toWire(g.model);
}

export function flagsReducer(g: FlagsGridState, a: FlagsAction): FlagsGridState {
  const names = visibleFlags(g);
  const focused = names[g.cursor];
  switch (a.type) {
    case 'flags-move':
      return { ...g, cursor: Math.min(Math.max(0, g.cursor + a.delta), Math.max(0, names.length - 1)) };
    case 'flags-toggle':
      return focused ? { ...g, model: toggle(g.model, focused) } : g;
    // Bulk operations act on what the filter shows, so "filter batch_, all off" works.
    case 'flags-all-on':
      return { ...g, model: allOn(g.model, names) };
    case 'flags-all-off':
      return { ...g, model: allOff(g.model, names) };
    case 'flags-invert':
      return { ...g, model: invert(g.model, names) };
    case 'flags-mode':
      return { ...g, model: setMode(g.model, g.model.mode === 'all' ? 'only' : 'all') };
    case 'flags-filter-start':
      return { ...g, filterEditing: true };
    case 'flags-filter-line': {
      const next = { ...g, filter: editLine(g.filter, a.op) };
      return { ...next, cursor: 0 };
    }
    case 'flags-filter-done':
      return { ...g, filterEditing: false };
    case 'flags-filter-clear':
      return { ...g, filter: lineEditor(''), filterEditing: false, cursor: 0 };
  }
}
