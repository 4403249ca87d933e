/**
 * A key/value editor over one map field (extra headers, path overrides, beta
 * header overrides, a key's aliases), or over a list of names (a key's model
 * lists: `list`, entries without values). Pure.
 */
import { editLine, lineEditor, type LineEdit, type LineEditor } from './line-editor.js';

export interface MapEntry {
  readonly key: string;
  readonly value: string | boolean;
}

export interface MapEditorState {
  readonly entries: readonly MapEntry[];
  /** Row index; `entries.length` is the "add entry" row. */
  readonly cursor: number;
  /** Values are on/off flags (beta header overrides). */
  readonly bool: boolean;
  /** Entries are names only (a list): no value step, values unused. */
  readonly list?: boolean;
  readonly editing?: { readonly part: 'key' | 'value'; readonly editor: LineEditor; readonly index: number; readonly isNew: boolean };
  readonly error?: string;
}

export type MapAction =
  | { type: 'map-move'; delta: number }
  | { type: 'map-add' }
  | { type: 'map-edit-value' }
  | { type: 'map-edit-key' }
  | { type: 'map-delete' }
  | { type: 'map-toggle' }
  | { type: 'map-line'; op: LineEdit }
  | { type: 'map-commit' }
  | { type: 'map-cancel' };

export function openMapEditor(value: unknown, bool: boolean): MapEditorState {
  const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(obj).map(([key, v]) => ({ key, value: bool ? v === true : String(v ?? '') }));
  return { entries, cursor: 0, bool };
}

/** A list of names in the same editor: each name is an entry without a value. */
export function openListEditor(value: unknown): MapEditorState {
  const names = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return { entries: names.map((key) => ({ key, value: '' })), cursor: 0, bool: false, list: true };
}

/** The names of a list editor, in order. */
export function listValue(m: MapEditorState): string[] {
  return m.entries.map((e) => e.key);
}

/** The map as the field value (`undefined` when empty, so the field is removed rather than sent as `{}`). */
export function mapValue(m: MapEditorState): Record<string, string | boolean> | undefined {
  if (m.entries.length === 0) return undefined;
  return Object.fromEntries(m.entries.map((e) => [e.key, e.value]));
}

export function mapReducer(m: MapEditorState, a: MapAction): MapEditorState {
  const current = m.entries[m.cursor];
  switch (a.type) {
    case 'map-move':
      return m.editing ? m : { ...m, cursor: Math.min(Math.max(0, m.cursor + a.delta), m.entries.length), error: undefined };
    case 'map-add':
      return { ...m, editing: { part: 'key', editor: lineEditor(''), index: m.entries.length, isNew: true }, cursor: m.entries.length, error: undefined };
    case 'map-edit-value':
      if (!current) return mapReducer(m, { type: 'map-add' });
      if (m.list) return mapReducer(m, { type: 'map-edit-key' });
      if (m.bool) return mapReducer(m, { type: 'map-toggle' });
      return { ...m, editing: { part: 'value', editor: lineEditor(String(current.value)), index: m.cursor, isNew: false }, error: undefined };
    case 'map-edit-key':
      return current ? { ...m, editing: { part: 'key', editor: lineEditor(current.key), index: m.cursor, isNew: false }, error: undefined } : m;
    case 'map-delete':
      if (!current || m.editing) return m;
      return { ...m, entries: m.entries.filter((_, i) => i !== m.cursor), error: undefined };
    case 'map-toggle':
      if (!current || !m.bool) return m;
      return { ...m, entries: m.entries.map((e, i) => (i === m.cursor ? { ...e, value: !e.value } : e)) };
    case 'map-line':
      return m.editing ? { ...m, editing: { ...m.editing, editor: editLine(m.editing.editor, a.op) } } : m;
    case 'map-cancel': {
      // Esc on the value of an entry being added cancels the whole add, not just the value.
      const ed = m.editing;
      const entries = ed?.isNew && ed.part === 'value' ? m.entries.filter((_, i) => i !== ed.index) : m.entries;
      return { ...m, entries, editing: undefined, error: undefined, cursor: Math.min(m.cursor, entries.length) };
    }
    case 'map-commit':
      return commit(m);
  }
}

function commit(m: MapEditorState): MapEditorState {
  const ed = m.editing;
  if (!ed) return m;
  const text = ed.editor.text;
  if (ed.part === 'key') {
    const key = text.trim();
    if (!key) return { ...m, error: 'a name is required (Esc cancels)' };
    if (m.entries.some((e, i) => e.key === key && i !== ed.index)) return { ...m, error: `"${key}" is already in the ${m.list ? 'list' : 'map'}` };
    if (ed.isNew) {
      const entries = [...m.entries, { key, value: m.bool ? true : '' }];
      if (m.bool || m.list) return { ...m, entries, editing: undefined, cursor: entries.length - 1, error: undefined };
      return { ...m, entries, editing: { part: 'value', editor: lineEditor(''), index: entries.length - 1, isNew: true }, cursor: entries.length - 1, error: undefined };
    }
    return { ...m, entries: m.entries.map((e, i) => (i === ed.index ? { ...e, key } : e)), editing: undefined, error: undefined };
  }
  return { ...m, entries: m.entries.map((e, i) => (i === ed.index ? { ...e, value: text } : e)), editing: undefined, error: undefined };
}
