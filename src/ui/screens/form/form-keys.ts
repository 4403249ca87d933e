/** Maps keys to form-screen actions, per mode. Pure apart from the callbacks it is given. */
import type { Key } from 'ink';
import type { FormScreenAction } from '../../../state/form-screen/form-screen-reducer.js';
import { hasUnsavedWork } from '../../../state/form-screen/form-screen-steps.js';
import type { FormScreenState } from '../../../state/form-screen/form-screen-state.js';
import { visibleFlags } from '../../../state/form-screen/flags-grid.js';
import type { MapAction, MapEditorState } from '../../../state/editors/map-editor.js';
import { cursorMoveFor, moveDelta } from '../../../state/cursor-window.js';
import { commandFor, promptLine, type Scope } from '../../keymap.js';
import { lineEditFor } from '../../line-edit-keys.js';

export interface FormKeyEffects {
  dispatch: (a: FormScreenAction) => void;
  back: () => void;
  quit: () => void;
  help: (scopes: readonly Scope[]) => void;
  /** Leave without saving: drop the draft too. */
  discardAndLeave: (then: 'back' | 'quit') => void;
  loadPemFile: (fieldId: string, path: string) => void;
  editPemInEditor: (fieldId: string) => void;
  reload: () => void;
  /** Open the provider's keys screen. */
  keys?: () => void;
  /** The whole provider in $EDITOR; the saved versions. */
  wholeEdit?: () => void;
  history?: () => void;
  gridColumns: number;
  /** Rows a page moves in the flags grid and the map editor. */
  page?: number;
}

/** Every scope of the form, for its `?` help: the screen, its editors, its steps and prompts. */
const FORM_HELP: readonly Scope[] = [
  'form', 'edit', 'pemPrompt', 'lineEdit', 'map', 'mapEntry', 'flags', 'flagsFilter', 'diff', 'conflict',
  'draftPrompt', 'leavePrompt', 'checkingPrompt', 'savingPrompt', 'global',
];

/** What Esc or a first Ctrl+C says while a save is in flight; a Ctrl+C while it shows quits. */
const SAVE_IN_FLIGHT = `a save in flight cannot be cancelled · ${promptLine('savingPrompt')}`;

/** The scopes whose bindings apply in the current mode (also drives footer and help). */
export function scopesFor(s: FormScreenState): readonly Scope[] {
  switch (s.mode.kind) {
    case 'edit': return ['edit', 'lineEdit'];
    case 'pem': return ['pemPrompt', 'lineEdit'];
    case 'map': return s.mode.map.editing ? MAP_ENTRY : ['map', 'global'];
    case 'flags': return s.mode.grid.filterEditing ? ['flagsFilter', 'lineEdit'] : ['flags', 'global'];
    case 'review': return ['diff', 'global'];
    case 'conflict': return ['conflict', 'global'];
    case 'saving': return ['savingPrompt'];
    case 'checking': return ['checkingPrompt'];
    case 'leave': return s.mode.discarding ? ['confirm'] : ['leavePrompt']; // its words are in the status line
    case 'draft': return s.mode.discarding ? ['confirm'] : ['draftPrompt'];
    default: return ['form', 'global'];
  }
}

/** The scopes while a map entry is typed (the provider form's and the key form's map editors). */
export const MAP_ENTRY: readonly Scope[] = ['mapEntry', 'lineEdit'];

/**
 * A key in the map editor (keymap `map` scope; `mapEntry` and `lineEdit` while an entry is
 * typed): the editor's action, `done`, `help`, or undefined.
 * Shared by the provider form and the key form's list/map fields.
 */
export function mapKey(map: MapEditorState, input: string, key: Key, page = 10): MapAction | 'done' | 'help' | undefined {
  if (map.editing) {
    switch (commandFor(['mapEntry'], input, key)) {
      case 'cancel': return { type: 'map-cancel' };
      case 'commit': return { type: 'map-commit' };
    }
    const op = lineEditFor(input, key);
    return op ? { type: 'map-line', op } : undefined;
  }
  const command = commandFor(['map', 'global'], input, key);
  const delta = moveDelta(command, page);
  if (delta !== undefined) return { type: 'map-move', delta };
  switch (command) {
    case 'editValue': return { type: 'map-edit-value' };
    case 'editKey': return { type: 'map-edit-key' };
    case 'add': return { type: 'map-add' };
    case 'delete': return { type: 'map-delete' };
    case 'done': return 'done';
    case 'help': return 'help';
  }
  return undefined;
}

/**
 * The keys that leave the form (back, quit) leave it at once even while it loads; the key router holds
 * the others until it is there.
 */
export function leavesLoadingForm(input: string, key: Key): boolean {
  const command = commandFor(['form', 'global'], input, key);
  return command === 'back' || command === 'forceQuit';
}

/** A key typed into the open field's line (edit or PEM prompt). */
function typeLine(input: string, key: Key, dispatch: (a: FormScreenAction) => void): void {
  const op = lineEditFor(input, key);
  if (op) dispatch({ type: 'line', op });
}

/** The answer to "discard …? [y/N]": y discards, a no goes back to the question it came from; `ctrlC` for ^C. */
function answerDiscard(input: string, key: Key, dispatch: (a: FormScreenAction) => void, discard: () => void, ctrlC: () => void): void {
  switch (commandFor(['confirm', 'global'], input, key)) {
    case 'yes': return discard();
    case 'no': return dispatch({ type: 'discard-asked', ask: false });
    case 'forceQuit': return ctrlC();
  }
}

export function handleFormKey(s: FormScreenState, input: string, key: Key, fx: FormKeyEffects): void {
  const { dispatch } = fx;
  const leave = (then: 'back' | 'quit'): void => {
    if (hasUnsavedWork(s)) dispatch({ type: 'leave-requested', then });
    else if (then === 'quit') fx.quit();
    else fx.back();
  };
  if (s.phase !== 'ready') {
    switch (commandFor(['form', 'global'], input, key)) {
      case 'forceQuit': return fx.quit();
      case 'back': return fx.back();
      case 'reload': return fx.reload();
    }
    return;
  }
  const mode = s.mode;
  switch (mode.kind) {
    case 'edit':
      switch (commandFor(['edit'], input, key)) {
        case 'cancel': return dispatch({ type: 'cancel' });
        case 'commit': return dispatch({ type: 'commit-edit' });
        case 'commitSave':
          dispatch({ type: 'commit-edit' });
          return dispatch({ type: 'save-requested' });
      }
      return typeLine(input, key, dispatch);
    case 'pem': {
      // A pasted certificate is the value itself, not a file name.
      if (input.includes('-----BEGIN')) return dispatch({ type: 'set-field-text', fieldId: mode.fieldId, text: input });
      switch (commandFor(['pemPrompt'], input, key)) {
        case 'cancel': return dispatch({ type: 'cancel' });
        case 'editor': return fx.editPemInEditor(mode.fieldId);
        case 'load': {
          const path = mode.editor.text.trim();
          if (path) fx.loadPemFile(mode.fieldId, path);
          return;
        }
      }
      return typeLine(input, key, dispatch);
    }
    case 'map': {
      const k = mapKey(mode.map, input, key, fx.page);
      if (k === 'done') return dispatch({ type: 'map-done' });
      if (k === 'help') return fx.help(['map', 'global']);
      if (k) dispatch({ type: 'map', action: k });
      return;
    }
    case 'flags': {
      const g = mode.grid;
      if (g.filterEditing) {
        switch (commandFor(['flagsFilter'], input, key)) {
          case 'clear': return dispatch({ type: 'flags', action: { type: 'flags-filter-clear' } });
          case 'done': return dispatch({ type: 'flags', action: { type: 'flags-filter-done' } });
        }
        const op = lineEditFor(input, key);
        if (op) dispatch({ type: 'flags', action: { type: 'flags-filter-line', op } });
        return;
      }
      const cols = fx.gridColumns;
      const move = (delta: number) => dispatch({ type: 'flags', action: { type: 'flags-move', delta } });
      switch (commandFor(['flags', 'global'], input, key)) {
        case 'left': return move(-1);
        case 'right': return move(1);
        case 'up': return move(-cols);
        case 'down': return move(Math.min(cols, Math.max(1, visibleFlags(g).length - 1 - g.cursor)));
        case 'pageUp': return move(-cols * Math.max(1, fx.page ?? 1));
        case 'pageDown': return move(cols * Math.max(1, fx.page ?? 1));
        case 'first': return move(-Infinity);
        case 'last': return move(Infinity);
        case 'toggle': return dispatch({ type: 'flags', action: { type: 'flags-toggle' } });
        case 'allOn': return dispatch({ type: 'flags', action: { type: 'flags-all-on' } });
        case 'allOff': return dispatch({ type: 'flags', action: { type: 'flags-all-off' } });
        case 'invert': return dispatch({ type: 'flags', action: { type: 'flags-invert' } });
        case 'mode': return dispatch({ type: 'flags', action: { type: 'flags-mode' } });
        case 'filter': return dispatch({ type: 'flags', action: { type: 'flags-filter-start' } });
        case 'done': return dispatch({ type: 'flags-done' });
        case 'help': return fx.help(['flags', 'global']);
      }
      return;
    }
    case 'draft':
      if (mode.discarding) return answerDiscard(input, key, dispatch, () => dispatch({ type: 'draft-discard' }), fx.quit);
      switch (commandFor(['draftPrompt'], input, key)) {
        case 'restore': return dispatch({ type: 'draft-restore' });
        case 'discard': return dispatch({ type: 'discard-asked', ask: true });
        case 'back': return fx.back(); // the draft stays on disk
        case 'forceQuit': return fx.quit();
      }
      return;
    case 'checking':
      // Only a read is in flight: cancelling is safe.
      if (commandFor(['checkingPrompt'], input, key) === 'cancel') dispatch({ type: 'cancel' });
      return;
    case 'saving': {
      // The PUT may already be applied: say so, and let a second Ctrl+C quit anyway (the draft stays on disk).
      const command = commandFor(['savingPrompt'], input, key);
      if (command === 'forceQuit' && s.message?.text === SAVE_IN_FLIGHT) return fx.quit();
      if (command) return dispatch({ type: 'message', message: { text: SAVE_IN_FLIGHT, role: 'warn' } });
      return;
    }
    case 'review':
      switch (commandFor(['diff', 'global'], input, key)) {
        case 'confirm': return dispatch({ type: 'review-confirm', at: Date.now() });
        case 'cancel': return dispatch({ type: 'cancel' });
        case 'help': return fx.help(['diff', 'global']);
      }
      return;
    case 'conflict':
      switch (commandFor(['conflict', 'global'], input, key)) {
        case 'reapply': return dispatch({ type: 'conflict-reapply' });
        case 'overwrite': return dispatch({ type: 'conflict-overwrite' });
        case 'cancel': return dispatch({ type: 'cancel' });
        case 'help': return fx.help(['conflict', 'global']);
      }
      return;
    case 'leave':
      // ^C here is "no" as in the leave question (keep editing), not a quit.
      if (mode.discarding) return answerDiscard(input, key, dispatch, () => fx.discardAndLeave(mode.then), () => dispatch({ type: 'discard-asked', ask: false }));
      switch (commandFor(['leavePrompt'], input, key)) {
        case 'save': return dispatch({ type: 'save-requested' });
        case 'discard': return dispatch({ type: 'discard-asked', ask: true });
        case 'stay': return dispatch({ type: 'cancel' });
      }
      return;
    case 'browse':
      break;
  }
  const command = commandFor(['form', 'global'], input, key);
  const move = cursorMoveFor(command);
  if (move) return dispatch(move);
  switch (command) {
    case 'nextSection': return dispatch({ type: 'section-jump', direction: 1 });
    case 'prevSection': return dispatch({ type: 'section-jump', direction: -1 });
    case 'section': return dispatch({ type: 'section-index', index: Number(input) - 1 });
    case 'toggleSection': return dispatch({ type: 'toggle-section' });
    case 'activate': return dispatch({ type: 'activate' });
    case 'save': return dispatch({ type: 'save-requested' });
    case 'undo': return dispatch({ type: 'undo' });
    case 'redo': return dispatch({ type: 'redo' });
    case 'revertField': return dispatch({ type: 'revert-field' });
    case 'resetField': return dispatch({ type: 'reset-field' });
    case 'revertAll': return dispatch({ type: 'revert-all' });
    case 'nextError': return dispatch({ type: 'next-error' });
    case 'reveal': return dispatch({ type: 'toggle-reveal' });
    case 'editor': {
      const row = s.rows[s.cursor];
      if (row?.type === 'field' && row.kind === 'multiline' && !row.readOnly) return fx.editPemInEditor(row.fieldId);
      if (s.isNew) return dispatch({ type: 'message', message: { text: 'not on the gateway yet: save it first (^S creates it), then e edits the whole provider', role: 'warn' } });
      if (hasUnsavedWork(s)) return dispatch({ type: 'message', message: { text: 'unsaved edits: save (^S) or revert (X) first, then e edits the whole provider', role: 'warn' } });
      return fx.wholeEdit?.();
    }
    case 'history':
      if (hasUnsavedWork(s)) return dispatch({ type: 'message', message: { text: 'unsaved edits: save (^S) or revert (X) first, then H lists the saved versions', role: 'warn' } });
      return fx.history?.();
    case 'reload':
      if (hasUnsavedWork(s)) return dispatch({ type: 'message', message: { text: 'you have unsaved edits: save (Ctrl+S re-checks the gateway) or revert (X) before reloading', role: 'warn' } });
      return fx.reload();
    case 'keys':
      if (hasUnsavedWork(s)) return dispatch({ type: 'message', message: { text: 'you have unsaved edits: save (Ctrl+S) or revert (X) before opening the keys', role: 'warn' } });
      return fx.keys?.();
    case 'help': return fx.help(FORM_HELP);
    case 'back': return leave('back');
    case 'forceQuit': return leave('quit');
  }
}
