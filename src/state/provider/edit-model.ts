/**
 * The provider form's edit model: the provider exactly as fetched plus the
 * user's per-field edits. The PUT body is always original + edits
 * (DESIGN.md, safe-save rule 2); a field the user did not change is never
 * rebuilt, so unknown fields and redacted secrets go back byte for byte.
 */
import { applyEdit, buildUpdateBody, cloneJson, getAtPath, type Edit } from '../../api/update-body.js';
import type { Provider, UpdateBody } from '../../api/wire.js';
import { DESCRIPTORS, descriptor, isReadOnly } from './descriptors.js';
import { sameFieldValue } from './same-value.js';
import { jsonEqual } from '../json.js';
import { mergeEntries } from '../write-rules/reapply.js';
import { isParseError, type FieldDescriptor } from './types.js';

/** What the user committed for one field. */
export interface FieldEdit {
  /** The raw text as committed (for structured widgets: the formatted value). */
  readonly text: string;
  /** False when the text did not parse: `error` says why and nothing is sent for the field. */
  readonly parsed: boolean;
  /** The parsed semantic value (before shaping for the wire); `undefined` = remove the field. */
  readonly input?: unknown;
  /** The parse error, if any. Range/cross-field rules are computed by validate.ts. */
  readonly error?: string;
}

/** Field id → edit. */
export type EditMap = ReadonlyMap<string, FieldEdit>;

/** Immutable state of one provider form. */
export interface FormState {
  readonly original: Provider;
  readonly edits: EditMap;
  readonly undo: readonly EditMap[];
  readonly redo: readonly EditMap[];
}

/** Undo depth; older steps are dropped. */
const MAX_UNDO = 200;

/** A fresh form over a fetched provider. */
export function createFormState(original: Provider): FormState {
  return { original, edits: new Map(), undo: [], redo: [] };
}

function commit(state: FormState, edits: EditMap): FormState {
  if (sameEdits(state.edits, edits)) return state;
  return { ...state, edits, undo: [...state.undo, state.edits].slice(-MAX_UNDO), redo: [] };
}

function sameEdits(a: EditMap, b: EditMap): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.text !== v.text || w.parsed !== v.parsed || w.error !== v.error || JSON.stringify(w.input) !== JSON.stringify(v.input)) return false;
  }
  return true;
}

function withEdit(state: FormState, id: string, edit: FieldEdit | undefined): FormState {
  const next = new Map(state.edits);
  if (edit) next.set(id, edit);
  else next.delete(id);
  return commit(state, next);
}

function editable(state: FormState, id: string): FieldDescriptor | undefined {
  const d = descriptor(id);
  return isReadOnly(d, state.original) ? undefined : d;
}

/** Commits typed text. Text that does not parse is kept with its error (never dropped). Read-only fields are ignored. */
export function setField(state: FormState, id: string, text: string): FormState {
  const d = editable(state, id);
  if (!d) return state;
  const r = d.parse(text);
  return withEdit(state, id, isParseError(r) ? { text, parsed: false, error: r.error } : { text, parsed: true, input: r.value });
}

/** Commits a value from a structured widget (toggle, enum picker, map editor, flags grid). */
export function setFieldValue(state: FormState, id: string, value: unknown): FormState {
  const d = editable(state, id);
  if (!d) return state;
  const text = value === undefined || value === null ? '' : d.format(d.toWire ? d.toWire(value, loadedValue(state, id)) : value);
  return withEdit(state, id, { text, parsed: true, input: value });
}

/** Back to the loaded value (drops the edit). */
export function revertField(state: FormState, id: string): FormState {
  return state.edits.has(id) ? withEdit(state, id, undefined) : state;
}

/**
 * To the gateway default: `resetInput` of the descriptor — 0 for network
 * numbers the server treats as "use default" (timeout, backoffs, stream idle,
 * keep-alive, max conns), 1000/5000 for concurrency/buffer (0 is a 400), off
 * for toggles, `none` for the proxy type, and removal for maps, secrets,
 * base URL and allowed_requests (absent = everything allowed).
 */
export function resetFieldToDefault(state: FormState, id: string): FormState {
  const d = editable(state, id);
  if (!d) return state;
  const input = d.resetInput;
  const wire = d.toWire ? d.toWire(input, loadedValue(state, id)) : input;
  return withEdit(state, id, { text: wire === undefined ? '' : d.format(wire), parsed: true, input });
}

export function undo(state: FormState): FormState {
  const prev = state.undo[state.undo.length - 1];
  if (!prev) return state;
  return { ...state, edits: prev, undo: state.undo.slice(0, -1), redo: [...state.redo, state.edits] };
}

export function redo(state: FormState): FormState {
  const next = state.redo[state.redo.length - 1];
  if (!next) return state;
  return { ...state, edits: next, redo: state.redo.slice(0, -1), undo: [...state.undo, state.edits] };
}

/** Drops every edit (undoable). */
export function revertAll(state: FormState): FormState {
  return commit(state, new Map());
}

/** The wire value as loaded. */
export function loadedValue(state: FormState, id: string): unknown {
  return getAtPath(state.original, descriptor(id).path);
}

/** The wire value an edit would send (`undefined` = field removed). Only meaningful when `edit.parsed`. */
function wireOf(d: FieldDescriptor, edit: FieldEdit, original: Provider): unknown {
  return d.toWire ? d.toWire(edit.input, getAtPath(original, d.path)) : edit.input;
}

/** True when the field has an unparsed edit or one whose value differs from the loaded value. */
export function isDirty(state: FormState, id: string): boolean {
  const edit = state.edits.get(id);
  if (!edit) return false;
  if (!edit.parsed) return true;
  const d = descriptor(id);
  return !sameFieldValue(d, wireOf(d, edit, state.original), getAtPath(state.original, d.path));
}

/** Ids of dirty fields, in form order. */
export function dirtyFieldIds(state: FormState): string[] {
  return DESCRIPTORS.filter((d) => isDirty(state, d.id)).map((d) => d.id);
}

export function dirtyCount(state: FormState): number {
  return dirtyFieldIds(state).length;
}

/** The field's current edit, if any. */
export function fieldEdit(state: FormState, id: string): FieldEdit | undefined {
  return state.edits.get(id);
}

/** The wire value that would be sent: the edit's value when it parsed, else the loaded one. */
export function effectiveValue(state: FormState, id: string): unknown {
  const d = descriptor(id);
  const edit = state.edits.get(id);
  if (edit?.parsed && isDirty(state, id)) return wireOf(d, edit, state.original);
  return getAtPath(state.original, d.path);
}

/** Initial text of an inline editor: the committed text when edited, else the formatted loaded value. */
export function editText(state: FormState, id: string): string {
  const edit = state.edits.get(id);
  return edit ? edit.text : descriptor(id).format(loadedValue(state, id));
}

/**
 * Edits for buildUpdateBody: one per dirty field whose text parsed, in form
 * order. Maps and flags are replaced as a whole; a `undefined` value removes
 * the field (e.g. allowed_requests → absent). Unparsed edits send nothing —
 * validateForm reports them and the UI must not save while it is non-empty.
 */
export function toEdits(state: FormState): Edit[] {
  const out: Edit[] = [];
  for (const d of DESCRIPTORS) {
    const edit = state.edits.get(d.id);
    if (!edit?.parsed || !isDirty(state, d.id)) continue;
    const value = wireOf(d, edit, state.original);
    out.push(value === undefined ? { path: d.path, remove: true } : { path: d.path, value });
  }
  return out;
}

/** The complete PUT body. */
export function buildBody(state: FormState): UpdateBody {
  return buildUpdateBody(state.original, toEdits(state));
}

/** The provider as it will be after saving (read-only fields kept), for visibility rules and validation. */
export function effectiveProvider(state: FormState): Provider {
  const p = cloneJson(state.original) as Record<string, unknown>;
  for (const e of toEdits(state)) applyEdit(p, e);
  return p as Provider;
}

/** Result of reload-and-reapply. */
export interface RebaseResult {
  readonly state: FormState;
  /** Fields the user edited that the server also changed (the user's value wins there; show these). */
  readonly overlaps: string[];
  /** Every form field the server changed since the form was loaded (any change: to a default, an unset, a 0 too). */
  readonly serverChanged: string[];
}

/**
 * Moves the user's edits onto a freshly fetched provider. A map or flags
 * field is re-applied entry by entry (write-rules/reapply.ts): an entry the
 * user did not touch keeps the server's value. Any other edited field the
 * server changed too is an overlap; the user's value is kept.
 */
export function rebase(state: FormState, fresh: Provider): RebaseResult {
  const serverChanged = DESCRIPTORS.filter((d) => !jsonEqual(getAtPath(state.original, d.path), getAtPath(fresh, d.path))).map((d) => d.id);
  const edits = new Map(state.edits);
  const overlaps: string[] = [];
  for (const id of serverChanged) {
    const edit = state.edits.get(id);
    if (!edit || (edit.parsed && !isDirty(state, id))) continue;
    const d = descriptor(id);
    if (!edit.parsed || (d.kind !== 'map' && d.kind !== 'flags')) {
      overlaps.push(id);
      continue;
    }
    const merged = mergeEntries(getAtPath(state.original, d.path), wireOf(d, edit, state.original), getAtPath(fresh, d.path));
    if (merged.overlaps.length > 0) overlaps.push(id);
    const input = merged.value ?? (d.kind === 'flags' ? null : undefined);
    edits.set(id, { text: input === undefined || input === null ? '' : d.format(d.toWire ? d.toWire(input, getAtPath(fresh, d.path)) : input), parsed: true, input });
  }
  return { state: { ...state, original: fresh, edits }, overlaps, serverChanged };
}
