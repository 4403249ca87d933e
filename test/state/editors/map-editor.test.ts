import { describe, expect, it } from 'vitest';
import { mapReducer, mapValue, openMapEditor, type MapAction, type MapEditorState } from '../../../src/state/editors/map-editor.js';

const run = (m: MapEditorState, ...actions: MapAction[]): MapEditorState => actions.reduce(mapReducer, m);
const type = (text: string): MapAction => ({ type: 'map-line', op: { type: 'insert', text } });
const commit: MapAction = { type: 'map-commit' };
const down: MapAction = { type: 'map-move', delta: 1 };

describe('map editor', () => {
  it('opens on the entries of an object, and on nothing for absent or odd values', () => {
    const m = openMapEditor({ 'X-Team': 'platform', 'X-Num': 3 }, false);
    expect(m.entries).toEqual([{ key: 'X-Team', value: 'platform' }, { key: 'X-Num', value: '3' }]);
    expect(m.cursor).toBe(0);
    for (const v of [undefined, null, 'text', ['a']]) expect(openMapEditor(v, false).entries).toEqual([]);
    expect(openMapEditor({ a: true, b: false, c: 'yes' }, true).entries.map((e) => e.value)).toEqual([true, false, false]);
  });

  it('adds key then value in two steps and lands on the new entry', () => {
    let m = run(openMapEditor({ 'X-Team': 'platform' }, false), { type: 'map-add' });
    expect(m.editing).toMatchObject({ part: 'key', isNew: true, index: 1 });
    expect(m.cursor).toBe(1);
    m = run(m, type('  X-Trace-Id '), commit);
    expect(m.entries[1]).toEqual({ key: 'X-Trace-Id', value: '' });
    expect(m.editing).toMatchObject({ part: 'value', index: 1 });
    m = run(m, type('abc-123'), commit);
    expect(m.editing).toBeUndefined();
    expect(mapValue(m)).toEqual({ 'X-Team': 'platform', 'X-Trace-Id': 'abc-123' });
  });

  it('refuses an empty or duplicate key with an error and keeps the text being typed', () => {
    let m = run(openMapEditor({ 'X-Team': 'platform' }, false), { type: 'map-add' }, type('   '), commit);
    expect(m.error).toMatch(/name is required/);
    expect(m.editing?.part).toBe('key');
    expect(m.entries).toHaveLength(1);
    m = run(m, { type: 'map-line', op: { type: 'clear-before' } }, type('X-Team'), commit);
    expect(m.error).toBe('"X-Team" is already in the map');
    expect(m.editing?.editor.text).toBe('X-Team');
    expect(m.entries).toHaveLength(1);
    // fixing the key clears the error
    m = run(m, type('2'), commit);
    expect(m.error).toBeUndefined();
    expect(m.entries.map((e) => e.key)).toEqual(['X-Team', 'X-Team2']);
  });

  it('Esc while adding leaves the map as it was (also after the name was entered)', () => {
    const start = openMapEditor({ 'X-Team': 'platform' }, false);
    const onKey = run(start, { type: 'map-add' }, type('X-New'), { type: 'map-cancel' });
    expect(mapValue(onKey)).toEqual({ 'X-Team': 'platform' });
    expect(onKey.editing).toBeUndefined();
    const onValue = run(start, { type: 'map-add' }, type('X-New'), commit, type('half'), { type: 'map-cancel' });
    expect(mapValue(onValue)).toEqual({ 'X-Team': 'platform' });
    expect(onValue.editing).toBeUndefined();
    expect(onValue.cursor).toBeLessThanOrEqual(onValue.entries.length);
  });

  it('renames an entry in place (keeping its value); renaming onto another key is refused', () => {
    const start = openMapEditor({ a: '1', b: '2' }, false);
    const renamed = run(start, { type: 'map-edit-key' }, { type: 'map-line', op: { type: 'clear-before' } }, type('alpha'), commit);
    expect(mapValue(renamed)).toEqual({ alpha: '1', b: '2' });
    expect(Object.keys(mapValue(renamed)!)).toEqual(['alpha', 'b']);
    const same = run(start, { type: 'map-edit-key' }, commit);
    expect(same.error).toBeUndefined();
    expect(mapValue(same)).toEqual({ a: '1', b: '2' });
    const clash = run(start, down, { type: 'map-edit-key' }, { type: 'map-line', op: { type: 'clear-before' } }, type('a'), commit);
    expect(clash.error).toBe('"a" is already in the map');
    expect(mapValue(run(clash, { type: 'map-cancel' }))).toEqual({ a: '1', b: '2' });
  });

  it('edits a value with the old value pre-filled', () => {
    const m = run(openMapEditor({ a: '1' }, false), { type: 'map-edit-value' });
    expect(m.editing).toMatchObject({ part: 'value', index: 0 });
    expect(m.editing?.editor.text).toBe('1');
    expect(mapValue(run(m, type('0'), commit))).toEqual({ a: '10' });
  });

  it('deletes the focused entry; on the add row delete does nothing; deleting everything gives undefined', () => {
    let m = openMapEditor({ a: '1', b: '2' }, false);
    m = run(m, down, { type: 'map-delete' });
    expect(mapValue(m)).toEqual({ a: '1' });
    expect(m.cursor).toBe(1); // now the add row
    expect(run(m, { type: 'map-delete' })).toEqual(m);
    m = run(m, { type: 'map-move', delta: -1 }, { type: 'map-delete' });
    expect(m.entries).toEqual([]);
    expect(mapValue(m)).toBeUndefined();
  });

  it('Enter on the add row starts adding; moves stay within entries + the add row and are frozen while typing', () => {
    let m = openMapEditor({ a: '1' }, false);
    m = run(m, down, down, down);
    expect(m.cursor).toBe(1);
    m = run(m, { type: 'map-move', delta: -10 });
    expect(m.cursor).toBe(0);
    const adding = run(m, down, { type: 'map-edit-value' });
    expect(adding.editing).toMatchObject({ part: 'key', isNew: true });
    expect(run(adding, { type: 'map-move', delta: -1 }).cursor).toBe(adding.cursor);
    expect(run(adding, { type: 'map-delete' }).entries).toEqual(adding.entries);
  });

  it('bool maps: a new entry is on, Enter toggles, values stay booleans', () => {
    let m = openMapEditor({ 'prompt-caching-': true }, true);
    m = run(m, { type: 'map-add' }, type('context-1m-'), commit);
    expect(m.editing).toBeUndefined();
    expect(m.cursor).toBe(1);
    expect(mapValue(m)).toEqual({ 'prompt-caching-': true, 'context-1m-': true });
    m = run(m, { type: 'map-edit-value' });
    expect(mapValue(m)).toEqual({ 'prompt-caching-': true, 'context-1m-': false });
    m = run(m, { type: 'map-move', delta: -1 }, { type: 'map-toggle' });
    expect(mapValue(m)).toEqual({ 'prompt-caching-': false, 'context-1m-': false });
    // toggle is refused on a string map
    const s = openMapEditor({ a: '1' }, false);
    expect(run(s, { type: 'map-toggle' })).toEqual(s);
  });
});
