/** The keys screen reducer when the gateway refuses a write or the key moved meanwhile: nothing typed is lost. */
import { describe, expect, it } from 'vitest';
import type { Key } from '../../../src/api/wire.js';
import { keysReducer } from '../../../src/state/keys-screen/keys-reducer.js';
import { initialKeysState, type KeysAction, type KeysScreenState } from '../../../src/state/keys-screen/keys-state.js';

const key: Key = { id: 'k1', name: 'main', value: { value: `sk-p${'*'.repeat(24)}0001`, env_var: '', from_env: false }, models: ['*'], weight: 1, enabled: true };
const run = (s: KeysScreenState, ...as: KeysAction[]): KeysScreenState => as.reduce(keysReducer, s);
const typed = (text: string): KeysAction[] => [{ type: 'line', op: { type: 'end' } }, { type: 'line', op: { type: 'clear-before' } }, ...Array.from(text).map((ch): KeysAction => ({ type: 'line', op: { type: 'insert', text: ch } }))];
const ready = run(initialKeysState('groq'), { type: 'load-succeeded', keys: [key] });

function addFlow(): KeysScreenState {
  return run(ready, { type: 'prompt', for: 'add-name' }, ...typed('dup'), { type: 'prompt-commit' }, ...typed('sk-typed'), { type: 'prompt-commit' }, ...typed('a, b'), { type: 'prompt-commit' }, { type: 'confirm' });
}

describe('a refused key save keeps the typed text', () => {
  it('400 at models reopens the Models step with its text; name and value stay in the flow', () => {
    const s = run(addFlow(), { type: 'save-failed', message: '"dup" not saved: models: Invalid models: bad', field: 'models' });
    expect(s.mode).toMatchObject({ kind: 'prompt', for: 'add-models', error: '"dup" not saved: models: Invalid models: bad', draft: { name: 'dup', value: 'sk-typed' } });
    expect(s.mode.kind === 'prompt' && s.mode.editor.text).toBe('a, b');
  });
  it('409 at name reopens the Name step; committing it walks back through the kept value and models', () => {
    let s = run(addFlow(), { type: 'save-failed', message: 'name: taken', field: 'name' });
    expect(s.mode.kind === 'prompt' && [s.mode.for, s.mode.editor.text]).toEqual(['add-name', 'dup']);
    s = run(s, ...typed('new'), { type: 'prompt-commit' });
    expect(s.mode.kind === 'prompt' && [s.mode.for, s.mode.editor.text]).toEqual(['add-value', 'sk-typed']);
    s = run(s, { type: 'prompt-commit' });
    expect(s.mode.kind === 'prompt' && [s.mode.for, s.mode.editor.text]).toEqual(['add-models', 'a, b']);
    s = run(s, { type: 'prompt-commit' });
    expect(s.mode.kind === 'review' && s.mode.writes).toEqual([{ kind: 'create', body: { name: 'new', value: 'sk-typed', models: ['a', 'b'], weight: 1, enabled: true } }]);
  });
});

describe('a key changed meanwhile', () => {
  it('shows the gateway change and the own edit; reapply reviews the edit on the fresh key', () => {
    const saving = run(ready, { type: 'prompt', for: 'weight' }, ...typed('0.5'), { type: 'prompt-commit' }, { type: 'confirm' });
    const fresh = { ...key, models: ['x'] };
    const c = run(saving, { type: 'conflict', fresh, pending: saving.mode.kind === 'saving' ? saving.mode.writes : [], saved: 0 });
    expect(c.mode.kind === 'conflict' && c.mode.lines).toEqual(['"main" changed on the gateway since it was read:', '  ~ models: all models → only: x', 'your edits: ~ weight: 1 → 0.5']);
    const r = run(c, { type: 'reapply' });
    expect(r.mode.kind === 'review' && r.mode.writes).toEqual([{ kind: 'update', fetched: fresh, edits: [{ path: ['weight'], value: 0.5 }] }]);
    expect(run(c, { type: 'cancel' }).message?.text).toBe('cancelled: nothing sent');
  });
});

describe('key-form drafts', () => {
  it('record the prompt text, but only that a secret value was typed; a restore reopens the field', async () => {
    const { keyDraftOf, keyDraftPrompt } = await import('../../../src/state/keys-screen/key-draft.js');
    const rotating = run(ready, { type: 'prompt', for: 'rotate' }, ...typed('sk-secret'));
    const secret = rotating.mode.kind === 'prompt' ? keyDraftOf(rotating.mode, key, 'now') : undefined;
    expect(JSON.stringify(secret)).not.toContain('sk-secret');
    expect(keyDraftPrompt(secret!)).toEqual({ id: 'rotate', text: '', secretWithheld: true });
    const referenced = rotating.mode.kind === 'prompt' ? keyDraftOf({ ...rotating.mode, editor: { text: 'env.GROQ_KEY', cursor: 12 } }, key, 'now') : undefined;
    expect(keyDraftPrompt(referenced!)).toEqual({ id: 'rotate', text: 'env.GROQ_KEY', secretWithheld: false });
    const s = run(ready, { type: 'restore-draft', reopen: { id: 'field:weight', text: '0.3', secretWithheld: false } });
    expect(s.mode.kind === 'prompt' && [s.mode.fieldId, s.mode.editor.text]).toEqual(['weight', '0.3']);
    expect(s.message?.text).toBe('restored your unsaved edit of Weight (Esc discards it)');
  });

  it('the add flow: every step\'s text is kept, a typed value is not; the restore starts at the value and keeps name and models', async () => {
    const { keyDraftFor, keyDraftPrompt, newKeyDraftSlot } = await import('../../../src/state/keys-screen/key-draft.js');
    const adding = run(ready, { type: 'prompt', for: 'add-name' }, ...typed('new-key'), { type: 'prompt-commit' }, ...typed('sk-typed-secret'), { type: 'prompt-commit' }, ...typed('a, b'));
    const mine = keyDraftFor(adding, 'now')!;
    expect(mine.slot).toBe(newKeyDraftSlot('groq'));
    expect(JSON.stringify(mine.draft)).not.toContain('sk-typed-secret');
    const reopen = keyDraftPrompt(mine.draft)!;
    expect(reopen).toEqual({ id: 'add-value', text: '', secretWithheld: true, texts: { 'add-name': 'new-key', 'add-models': 'a, b' } });
    let s = run(ready, { type: 'offer-drafts', offers: [{ slot: mine.slot, reopen, savedAt: 'now' }] });
    expect(s.mode.kind).toBe('draft');
    s = run(s, { type: 'draft-restore' });
    expect(s.mode.kind === 'prompt' && [s.mode.for, s.mode.editor.text]).toEqual(['add-value', '']);
    s = run(s, ...typed('sk-again'), { type: 'prompt-commit' });
    expect(s.mode.kind === 'prompt' && [s.mode.for, s.mode.editor.text]).toEqual(['add-models', 'a, b']);
    s = run(s, { type: 'prompt-commit' });
    expect(s.mode.kind === 'review' && s.mode.writes).toEqual([{ kind: 'create', body: { name: 'new-key', value: 'sk-again', models: ['a', 'b'], weight: 1, enabled: true } }]);
  });

  it('a re-weight of marked keys names them; the restore marks them again; discard and "later" leave the question', async () => {
    const { keyDraftFor, keyDraftPrompt } = await import('../../../src/state/keys-screen/key-draft.js');
    const two = run(initialKeysState('groq'), { type: 'load-succeeded', keys: [key, { ...key, id: 'k2', name: 'second' }] });
    const typing = run(two, { type: 'mark' }, { type: 'mark' }, { type: 'prompt', for: 'weight' }, ...typed('0.4'));
    const mine = keyDraftFor(typing, 'now')!;
    expect(mine.draft.targets).toEqual(['k1', 'k2']);
    const offer = { slot: mine.slot, keyId: 'k1', reopen: keyDraftPrompt(mine.draft)!, savedAt: 'now' };
    const asked = run(two, { type: 'offer-drafts', offers: [offer, offer] });
    const s = run(asked, { type: 'draft-restore' });
    expect(s.mode.kind === 'prompt' && [s.mode.for, s.mode.editor.text]).toEqual(['weight', '0.4']);
    expect([...s.marked]).toEqual(['k1', 'k2']);
    const discarded = run(asked, { type: 'draft-discard' });
    expect([discarded.mode.kind, discarded.message?.text]).toEqual(['draft', 'draft discarded; 1 more kept']);
    expect(run(discarded, { type: 'draft-later' }).mode).toEqual({ kind: 'list' });
  });
});
