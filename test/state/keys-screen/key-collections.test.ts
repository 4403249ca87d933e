/** The key form's model lists and aliases in the map editor: explicit allow-list modes, invalid lists refused before sending. */
import { describe, expect, it } from 'vitest';
import type { Key } from '../../../src/api/wire.js';
import { keysReducer } from '../../../src/state/keys-screen/keys-reducer.js';
import { initialKeysState, keyFormRows, type KeysAction, type KeysScreenState } from '../../../src/state/keys-screen/keys-state.js';

const key: Key = {
  id: 'k1', name: 'east', value: { value: `3f9c${'*'.repeat(24)}1e8f`, env_var: '', from_env: false },
  models: ['gpt-4o', 'gpt-4o-mini'], weight: 1, enabled: true, aliases: { 'gpt-4o': 'gpt4o-prod' },
};
const run = (s: KeysScreenState, ...as: KeysAction[]): KeysScreenState => as.reduce(keysReducer, s);
const ed = (type: string, extra: Record<string, unknown> = {}): KeysAction => ({ type: 'collection', action: { type, ...extra } as never });
const typed = (text: string): KeysAction[] => Array.from(text).map((ch) => ed('map-line', { op: { type: 'insert', text: ch } }));
const ready = run(initialKeysState('azure'), { type: 'load-succeeded', keys: [key] });

/** The key form with the cursor on the field `id`, then Enter. */
function openField(id: string): KeysScreenState {
  const at = keyFormRows(key, 'azure').findIndex((r) => r.type === 'field' && r.d.id === id);
  return run(ready, { type: 'edit' }, { type: 'move', delta: at }, { type: 'edit-field' });
}
const writes = (s: KeysScreenState) => (s.mode.kind === 'review' ? s.mode.writes : s.mode);
const error = (s: KeysScreenState) => (s.mode.kind === 'collection' ? s.mode.collection.map.error : `mode ${s.mode.kind}`);

describe('key form: models in the list editor', () => {
  it('opens the allow-list as a list in "only" mode; adding and deleting names reviews exactly that list', () => {
    const s = openField('models');
    expect(s.mode).toMatchObject({ kind: 'collection', collection: { fieldId: 'models', allow: 'only', map: { list: true, entries: [{ key: 'gpt-4o' }, { key: 'gpt-4o-mini' }] } } });
    const done = run(s, ed('map-add'), ...typed('gpt-4.1'), ed('map-commit'), ed('map-move', { delta: -1 }), ed('map-delete'), { type: 'collection-done' });
    expect(writes(done)).toEqual([{ kind: 'update', fetched: key, edits: [{ path: ['models'], value: ['gpt-4o', 'gpt-4.1'] }] }]);
    expect(done.mode.kind === 'review' && done.mode.lines).toContain('  ~ models: only: gpt-4o, gpt-4o-mini → only: gpt-4o, gpt-4.1');
  });

  it('switches modes explicitly: only → no models → all models; the list waits for "only"', () => {
    let s = run(openField('models'), ed('allow-mode'));
    expect(s.mode.kind === 'collection' && s.mode.collection.allow).toBe('none');
    expect(writes(run(s, { type: 'collection-done' }))).toEqual([{ kind: 'update', fetched: key, edits: [{ path: ['models'], value: [] }] }]);
    s = run(s, ed('map-add'));
    expect(error(s)).toBe('the key serves no models: switch the mode to "only" first to list models');
    s = run(s, ed('allow-mode'));
    expect(writes(run(s, { type: 'collection-done' }))).toEqual([{ kind: 'update', fetched: key, edits: [{ path: ['models'], value: ['*'] }] }]);
    // Back to "only": the names listed before are still there.
    s = run(s, ed('allow-mode'));
    expect(s.mode.kind === 'collection' && s.mode.collection.map.entries.map((e) => e.key)).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('refuses before sending: "*" as a name, a duplicate, an "only" list of nothing', () => {
    const star = run(openField('models'), ed('map-add'), ...typed('*'), ed('map-commit'), { type: 'collection-done' });
    expect(error(star)).toBe('"*" is not a model name: switch the mode to "all models" instead');
    const dup = run(openField('models'), ed('map-add'), ...typed('gpt-4o'), ed('map-commit'));
    expect(error(dup)).toBe('"gpt-4o" is already in the list');
    const empty = run(openField('models'), ed('map-delete'), ed('map-delete'), { type: 'collection-done' });
    expect(error(empty)).toBe('only: list at least one model, or switch the mode to "all models" or "no models"');
  });

  it('the blacklist is a plain list: an untouched absent blacklist is no change; names are sent as a list', () => {
    const none = run(openField('blacklisted_models'), { type: 'collection-done' });
    expect(none.mode).toEqual({ kind: 'fields', cursor: keyFormRows(key, 'azure').findIndex((r) => r.type === 'field' && r.d.id === 'blacklisted_models') });
    expect(none.message?.text).toBe('no changes: nothing to save');
    const one = run(openField('blacklisted_models'), ed('map-add'), ...typed('gpt-3.5'), ed('map-commit'), { type: 'collection-done' });
    expect(writes(one)).toEqual([{ kind: 'update', fetched: key, edits: [{ path: ['blacklisted_models'], value: ['gpt-3.5'] }] }]);
  });
});

describe('key form: aliases in the map editor', () => {
  it('adds name then target, deletes an entry; an alias without a target is refused', () => {
    const s = run(openField('aliases'), ed('map-add'), ...typed('gpt-4.1'), ed('map-commit'), ...typed('gpt41-prod'), ed('map-commit'));
    expect(writes(run(s, { type: 'collection-done' }))).toEqual([
      { kind: 'update', fetched: key, edits: [{ path: ['aliases'], value: { 'gpt-4o': 'gpt4o-prod', 'gpt-4.1': 'gpt41-prod' } }] },
    ]);
    const removedAll = run(openField('aliases'), ed('map-delete'), { type: 'collection-done' });
    expect(writes(removedAll)).toEqual([{ kind: 'update', fetched: key, edits: [{ path: ['aliases'], remove: true }] }]);
    const blank = run(openField('aliases'), ed('map-add'), ...typed('x'), ed('map-commit'), ed('map-commit'), { type: 'collection-done' });
    expect(error(blank)).toBe('alias "x" needs a deployment / ARN / endpoint');
  });

  it('a gateway refusal reopens the editor with the edited entries and the error', () => {
    const saving = run(openField('aliases'), ed('map-add'), ...typed('a'), ed('map-commit'), ...typed('b'), ed('map-commit'), { type: 'collection-done' }, { type: 'confirm' });
    const s = run(saving, { type: 'save-failed', message: '"east" not saved: aliases: Invalid aliases: bad', field: 'aliases' });
    expect(s.mode.kind === 'collection' && [s.mode.collection.map.entries.map((e) => e.key), s.mode.collection.map.error]).toEqual([['gpt-4o', 'a'], '"east" not saved: aliases: Invalid aliases: bad']);
  });
});
