/** State of the provider form screen: the edit model plus cursor, sections, modes and the save flow. */
import type { Provider } from '../../api/wire.js';
import { settleWindow } from '../cursor-window.js';
import type { Draft, StoredDraft } from '../local-types.js';
import type { DiffEntry } from '../provider/diff.js';
import { createFormState, type FormState } from '../provider/edit-model.js';
import { visibleRows, type FormRow } from './form-view.js';
import type { SectionId } from '../provider/types.js';
import type { WriteReview } from '../write-rules/review.js';
import type { WriteDialect } from '../write-rules/dialect.js';
import type { FlagsGridState } from './flags-grid.js';
import type { LineEditor } from '../editors/line-editor.js';
import type { MapEditorState } from '../editors/map-editor.js';

/** What the screen is doing; one at a time. */
export type FormMode =
  | { kind: 'browse' }
  | { kind: 'edit'; fieldId: string; editor: LineEditor; secret: boolean }
  | { kind: 'map'; fieldId: string; map: MapEditorState }
  | { kind: 'flags'; fieldId: string; grid: FlagsGridState }
  | { kind: 'pem'; fieldId: string; editor: LineEditor }
  /**
   * A draft no running editor holds; `editor` wrote it; `more`: the others, offered after a discard.
   * `discarding`: d was pressed, the yes/no question is up (only y discards).
   */
  | { kind: 'draft'; draft: Draft; editor?: string; more: StoredDraft[]; discarding?: boolean }
  | { kind: 'checking' }
  /** `current`: the gateway's copy now; `changes`: what changed there since the form's copy; `overlaps`: fields both changed. */
  | { kind: 'conflict'; current: Provider; changes: DiffEntry[]; overlaps: string[] }
  /**
   * `review`: the write pipeline's review, whose exact body is sent and whose `current` the gateway must still hold
   * right before the write. `shown`: the review has been drawn; a confirm typed ahead of it (a `y` already in the
   * input) is ignored.
   */
  | { kind: 'review'; review: WriteReview; overwrite: boolean; shown?: boolean }
  /** The reviewed write, in the pipeline (re-check, backup, write, confirming read). */
  | { kind: 'saving'; startedAt: number; review: WriteReview }
  /** Leaving with unsaved edits; `discarding`: d was pressed, the yes/no question is up (only y discards). */
  | { kind: 'leave'; then: 'back' | 'quit'; discarding?: boolean };

export interface StatusMessage {
  text: string;
  role: 'error' | 'ok' | 'warn' | 'muted';
}

export interface FormScreenState {
  name: string;
  phase: 'loading' | 'ready' | 'error';
  loadError?: string;
  /** Not configured on the gateway yet: saving creates it (built-in names only). */
  isNew: boolean;
  form: FormState;
  collapsed: ReadonlySet<SectionId>;
  reveal: ReadonlySet<string>;
  /** Derived from form/collapsed/reveal; kept in state so cursor moves cost nothing. */
  rows: readonly FormRow[];
  cursor: number;
  scrollTop: number;
  viewport: number;
  mode: FormMode;
  message?: StatusMessage;
  /** Saving is refused (read-only profile). */
  readOnly: boolean;
  /** "Save" was chosen when leaving: where to go once the save succeeds. */
  leaveAfterSave?: 'back' | 'quit';
  /** Set when the screen should now be left (the save chosen on leaving succeeded). */
  leaveNow?: 'back' | 'quit';
  /** The offered draft last restored or discarded: its file is removed (a new object each time). */
  consumedDraft?: { editor?: string };
  /** The edits are a push from another gateway (the fleet screen): the prompts say so. */
  push?: { from: string; to: string };
  /** The gateway's write dialect (its Bifrost version), known once a save has checked the gateway: reviews are built in it. */
  dialect?: WriteDialect;
  /** What the gateway's line shows for unset network settings (shown as `default (…)`), once its version is known. */
  networkDefaults?: Readonly<Record<string, number>>;
}

export function initialFormScreen(name: string, readOnly = false, viewport = 10): FormScreenState {
  return {
    name,
    phase: 'loading',
    isNew: false,
    form: createFormState({ name }),
    collapsed: new Set(),
    reveal: new Set(),
    rows: [],
    cursor: 0,
    scrollTop: 0,
    viewport: Math.max(1, viewport),
    mode: { kind: 'browse' },
    readOnly,
  };
}

/** Id of the focused field (or section), for keeping the cursor in place across re-derivations. */
export function rowKey(row: FormRow | undefined): string | undefined {
  if (!row) return undefined;
  return row.type === 'section' ? `section:${row.section}` : row.fieldId;
}

/** Keeps the cursor in range and inside the window. */
export function settleCursor(s: FormScreenState, cursor: number): FormScreenState {
  return settleWindow(s, cursor, s.rows.length, s.viewport);
}

/** Replaces the edit model (and/or view options) and re-derives rows, keeping the focused row. */
export function withForm(s: FormScreenState, patch: Partial<Pick<FormScreenState, 'form' | 'collapsed' | 'reveal' | 'networkDefaults'>>): FormScreenState {
  const focused = rowKey(s.rows[s.cursor]);
  const next = { ...s, ...patch };
  next.rows = visibleRows(next.form, next.collapsed, { reveal: next.reveal, ...(next.networkDefaults ? { networkDefaults: next.networkDefaults } : {}) });
  const idx = focused === undefined ? -1 : next.rows.findIndex((r) => rowKey(r) === focused);
  return settleCursor({ ...next, cursor: -1 }, idx >= 0 ? idx : s.cursor);
}
