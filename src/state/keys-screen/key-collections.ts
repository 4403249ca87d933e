/**
 * The key form's list and map fields (models, blacklisted models, aliases),
 * edited in the provider form's map editor (editors/map-editor.ts; lists
 * are its names-only variant). The models allow-list keeps its mode explicit
 * (CONTRACT.md §4.6.1): "all models" (`["*"]`), "no models" (`[]`) or "only"
 * the listed names, switched with its own key, never implied by the list.
 */
import { allowListFor, allowListMode, MODELS_V15, modelListProblem, WILDCARD, type ModelListSemantics } from '../../api/key-rules.js';
import { listValue, mapReducer, mapValue, openListEditor, openMapEditor, type MapAction, type MapEditorState } from '../editors/map-editor.js';
import type { KeyFieldDescriptor } from '../keys/key-fields.js';

export type AllowMode = 'all' | 'none' | 'only';

/** An open list/map field of a key; `allow` is set for the models allow-list only. */
export interface KeyCollection {
  readonly fieldId: string;
  readonly map: MapEditorState;
  readonly allow?: AllowMode;
  /** What the gateway's line means by a model list (the allow-list reads and writes in it); v1.5's when absent. */
  readonly models?: ModelListSemantics;
}

export type KeyCollectionAction = MapAction | { type: 'allow-mode' };

/** True for the fields this editor edits (model lists and maps). */
export const isCollectionField = (d: KeyFieldDescriptor): boolean => d.kind === 'list' || d.kind === 'map';

export function openKeyCollection(d: KeyFieldDescriptor, value: unknown, models?: ModelListSemantics): KeyCollection {
  if (d.kind === 'map') return { fieldId: d.id, map: openMapEditor(value, false) };
  if (!d.allowList) return { fieldId: d.id, map: openListEditor(value) };
  const m = allowListMode(value, models);
  return { fieldId: d.id, map: openListEditor(m.mode === 'only' ? m.names : []), allow: m.mode, ...(models ? { models } : {}) };
}

/** The allow-list's mode in words, with the names when it lists some. */
export function allowModeText(c: KeyCollection): string {
  if (c.allow === 'all') return 'all models';
  if (c.allow === 'none') return 'no models: this key serves nothing';
  const names = listValue(c.map);
  return names.length ? `only: ${names.join(', ')}` : 'only: (no model listed yet: add one)';
}

/** all → only → none → all; the listed names are kept through the switches. */
const NEXT_MODE: Record<AllowMode, AllowMode> = { all: 'only', only: 'none', none: 'all' };

/** Actions that change the list: refused unless the allow-list lists names. */
const LIST_ACTIONS = new Set<MapAction['type']>(['map-add', 'map-edit-value', 'map-edit-key', 'map-delete']);

export function keyCollectionReducer(c: KeyCollection, a: KeyCollectionAction): KeyCollection {
  if (a.type === 'allow-mode') return c.allow ? { ...c, allow: NEXT_MODE[c.allow], map: { ...c.map, error: undefined } } : c;
  if (c.allow && c.allow !== 'only' && LIST_ACTIONS.has(a.type)) {
    return { ...c, map: { ...c.map, error: `the key serves ${c.allow === 'all' ? 'all models' : 'no models'}: switch the mode to "only" first to list models` } };
  }
  return { ...c, map: mapReducer(c.map, a) };
}

/**
 * The field's value as the editor holds it (no checks): the allow-list from
 * its mode, a list of names, or the aliases map (`undefined` when empty).
 */
export function keyCollectionDraftValue(c: KeyCollection): unknown {
  const models = c.models ?? MODELS_V15;
  if (c.allow === 'all') return models.empty === 'all' ? [] : [WILDCARD];
  // v1.4 has no list for "none": the draft holds `[]`, which keyCollectionValue refuses there.
  if (c.allow === 'none') return [];
  return c.map.list ? listValue(c.map) : mapValue(c.map);
}

/**
 * The value to send, or why it is refused before sending (what the gateway
 * would refuse with a 400, and an "only" list that lists nothing).
 * `original`: the fetched value (an empty blacklist stays absent when it was).
 */
export function keyCollectionValue(c: KeyCollection, original: unknown): { value: unknown } | { error: string } {
  if (c.map.editing) return { error: 'finish the entry being typed first (Enter keeps it, Esc drops it)' };
  const value = keyCollectionDraftValue(c);
  if (!c.map.list) {
    const empty = c.map.entries.find((e) => String(e.value).trim() === '');
    return empty ? { error: `alias "${empty.key}" needs a deployment / ARN / endpoint` } : { value };
  }
  const names = value as string[];
  if (c.allow === 'none' || c.allow === 'all') {
    const meant = allowListFor({ mode: c.allow }, c.models);
    if ('error' in meant) return { error: meant.error };
  }
  if (c.allow === 'only') {
    if (names.length === 0) return { error: 'only: list at least one model, or switch the mode to "all models" or "no models"' };
    if (names.includes(WILDCARD)) return { error: '"*" is not a model name: switch the mode to "all models" instead' };
  }
  const problem = modelListProblem(names);
  if (problem) return { error: problem };
  return { value: names.length === 0 && !Array.isArray(original) ? undefined : names };
}
