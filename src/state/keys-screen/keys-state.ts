/**
 * The keys screen of one provider: its state, actions and the selectors the
 * reducer, the drafts and the view share (pure). The reducer is
 * keys-reducer.ts, the review text keys-review.ts.
 */
import type { Edit } from '../../api/update-body.js';
import type { Key } from '../../api/wire.js';
import { getAtPath } from '../../api/update-body.js';
import type { LineEdit, LineEditor } from '../editors/line-editor.js';
import { KEY_FIELDS, keyFieldsFor, type KeyFieldDescriptor } from '../keys/key-fields.js';
import type { KeyCollection, KeyCollectionAction } from './key-collections.js';
import type { WriteDialect } from '../write-rules/dialect.js';

/** One write of a reviewed action (the write pipeline's plan for one key). */
export type KeyWrite =
  | { kind: 'update'; fetched: Key; edits: Edit[] }
  | { kind: 'delete'; fetched: Key }
  | { kind: 'create'; body: Record<string, unknown> };

/** What a text prompt is for. `add-*` steps collect a new key. */
export type PromptFor = 'rotate' | 'weight' | 'add-name' | 'add-value' | 'add-models' | 'field';

export type KeysMode =
  | { kind: 'list' }
  | PromptMode
  /** The key form: one row per descriptor of this provider's keys, then the fields this client does not know (read-only). */
  | { kind: 'fields'; cursor: number }
  | CollectionMode
  /** `from`: the prompt or editor the writes were typed in, reopened with its text when the gateway refuses them. */
  | { kind: 'review'; title: string; lines: string[]; writes: KeyWrite[]; from?: EditorMode }
  | { kind: 'saving'; title: string; writes: KeyWrite[]; from?: EditorMode }
  /** A key changed on the gateway since it was read: `writes` are the ones not sent yet, `fresh` that key as it is now. */
  | { kind: 'conflict'; title: string; fresh: Key; lines: string[]; writes: KeyWrite[]; from?: EditorMode }
  /** A kept draft no running editor holds: restore or discard it (`more`: the next ones, asked after a discard). */
  | { kind: 'draft'; offer: KeyDraftOffer; more: KeyDraftOffer[] };

/** A list or map field of the key form open in the map editor; `fieldCursor`: its row, to go back to. */
export type CollectionMode = { kind: 'collection'; collection: KeyCollection; fieldCursor: number };

/** Where a key action's text was typed: a prompt, or a list/map field's editor. */
export type EditorMode = PromptMode | CollectionMode;

/** A text prompt; `draft` carries what the earlier steps of the add flow collected (in memory only). */
export type PromptMode = { kind: 'prompt'; for: PromptFor; editor: LineEditor; masked: boolean; label: string; error?: string; draft?: Record<string, unknown>; fieldId?: string };

export interface KeysScreenState {
  provider: string;
  /** Provider name, or the base type of a custom provider: picks the config block of the key form. */
  kind: string;
  /** A keyless provider takes no keys: "add" says so instead. */
  keyless: boolean;
  phase: 'loading' | 'ready' | 'error';
  keys: Key[];
  cursor: number;
  marked: ReadonlySet<string>;
  mode: KeysMode;
  message?: { text: string; tone: 'ok' | 'warn' | 'error' };
  /** The gateway's write dialect (its Bifrost version): reviews are built in it, model lists read in its meaning. */
  dialect?: WriteDialect;
  /** v1.4: the provider the keys live in, as read (a key write is a PUT of it). */
  carrier?: Record<string, unknown>;
}

export type KeysAction =
  | { type: 'load-started' }
  | { type: 'load-succeeded'; keys: Key[]; dialect?: WriteDialect; carrier?: Record<string, unknown> }
  | { type: 'load-failed'; message: string }
  | { type: 'move'; delta: number }
  | { type: 'mark' }
  | { type: 'set-enabled'; enabled: boolean }
  | { type: 'prompt'; for: 'rotate' | 'weight' | 'add-name' }
  | { type: 'delete' }
  | { type: 'edit' }
  | { type: 'edit-field' }
  | { type: 'line'; op: LineEdit }
  | { type: 'collection'; action: KeyCollectionAction }
  /** Leave the list/map editor: the change goes to the review (refused lists stay open with the reason). */
  | { type: 'collection-done' }
  | { type: 'prompt-commit' }
  | { type: 'cancel' }
  | { type: 'confirm' }
  | { type: 'saved'; message: string; tone: 'ok' | 'warn'; fresh: Key[]; deleted: string[] }
  /** `field`: the key field a 400/409 concerns (wire name), when it names one. */
  | { type: 'save-failed'; message: string; field?: string }
  /** `saved`: how many writes of the action went through before this one. */
  | { type: 'conflict'; fresh: Key; pending: KeyWrite[]; saved: number }
  | { type: 'reapply' }
  /** Kept drafts found on disk (see key-draft.ts): asked about one at a time, while nothing else is open. */
  | { type: 'offer-drafts'; offers: KeyDraftOffer[] }
  | { type: 'draft-restore' }
  | { type: 'draft-discard' }
  /** Leave the question: the draft stays on disk, asked again next time. */
  | { type: 'draft-later' }
  /** Reopens a draft's prompt or editor with the typed text (on `keyId`, else the key under the cursor). */
  | { type: 'restore-draft'; reopen: KeyDraftReopen; keyId?: string }
  | { type: 'message'; text: string; tone: 'ok' | 'warn' | 'error' };

export function initialKeysState(provider: string, keyless = false, kind = provider): KeysScreenState {
  return { provider, keyless, kind, phase: 'loading', keys: [], cursor: 0, marked: new Set(), mode: { kind: 'list' } };
}

/** One row of the key form: an editable descriptor, or a field this client does not know (shown, sent back). */
export type KeyFormRow = { type: 'field'; d: KeyFieldDescriptor; value: unknown } | { type: 'other'; path: string; value: unknown };

const COVERED = new Set(['id', 'status', 'description', 'config_hash']);

/** The key form rows of a key for this provider kind. */
export function keyFormRows(key: Key, kind: string): KeyFormRow[] {
  const fields = keyFieldsFor(kind);
  const rows: KeyFormRow[] = fields.map((d) => ({ type: 'field', d, value: getAtPath(key, d.path) }));
  const known = new Set(KEY_FIELDS.map((d) => d.path[0]!));
  for (const [k, v] of Object.entries(key)) if (!known.has(k) && !COVERED.has(k)) rows.push({ type: 'other', path: k, value: v });
  return rows;
}

/** The keys an action applies to: the marked ones, else the one under the cursor. */
export function targetKeys(s: KeysScreenState): Key[] {
  const marked = s.keys.filter((k) => k.id !== undefined && s.marked.has(k.id));
  if (marked.length > 0) return marked;
  const at = s.keys[s.cursor];
  return at ? [at] : [];
}

/** What a kept draft reopens: the prompt (`field:<id>`, `rotate`, `weight`, `add-*`) and its text. */
export interface KeyDraftReopen {
  id: string;
  text: string;
  /** A typed secret was not kept: the prompt asks for it again (empty). */
  secretWithheld: boolean;
  /** The add flow: the texts of the other steps (name, value when a reference, models). */
  texts?: Record<string, string>;
  /** A re-weight: the keys it was typed for (marked again on restore). */
  targets?: string[];
}

/** A kept draft offered on open: where it is on disk (slot, the editor that wrote it) and what it reopens. */
export interface KeyDraftOffer {
  slot: string;
  editor?: string;
  /** The key it edits (absent for a new key). */
  keyId?: string;
  reopen: KeyDraftReopen;
  savedAt: string;
}

