/**
 * Issue 22: editing a field that holds a value replaces the value on the first printable key (the
 * value opens selected, as in a web form or lazygit), in every line editor: the provider form, its
 * map editor, the keys screen's prompts and key form, and the profile form.
 */
import { describe, expect, it } from 'vitest';
import type { Key } from '../../../src/api/wire.js';
import { effectiveValue } from '../../../src/state/provider/edit-model.js';
import { reduceFormScreen, type FormScreenAction } from '../../../src/state/form-screen/form-screen-reducer.js';
import { initialFormScreen, type FormScreenState } from '../../../src/state/form-screen/form-screen-state.js';
import { keysReducer } from '../../../src/state/keys-screen/keys-reducer.js';
import { initialKeysState, keyFormRows, type KeysAction, type KeysScreenState } from '../../../src/state/keys-screen/keys-state.js';
import { formReducer, initialForm, visibleFields, type FormAction, type ProfileFormState } from '../../../src/state/profiles/profile-form.js';
import { OPENAI_PROVIDER } from '../../fixtures/providers.js';

const RETRIES = 'network_config.max_retries';
const key = (ch: string) => ({ type: 'insert' as const, text: ch });

describe('provider form', () => {
  const runForm = (s: FormScreenState, ...as: FormScreenAction[]): FormScreenState => as.reduce(reduceFormScreen, s);
  function editing(id: string): FormScreenState {
    const s = runForm(initialFormScreen('openai'), { type: 'load-started' }, { type: 'load-succeeded', provider: OPENAI_PROVIDER, isNew: false });
    const at = s.rows.findIndex((r) => r.type !== 'section' && r.fieldId === id);
    return runForm(s, { type: 'move', delta: at - s.cursor }, { type: 'activate' });
  }

  it('2 then 5 on Max retries (2) gives 25, not 225', () => {
    const s = editing(RETRIES);
    expect(s.mode.kind === 'edit' && s.mode.editor).toMatchObject({ text: '2', selected: true });
    const done = runForm(s, { type: 'line', op: key('2') }, { type: 'line', op: key('5') }, { type: 'commit-edit' });
    expect(effectiveValue(done.form, RETRIES)).toBe(25);
  });

  it('Backspace first keeps the value for editing: 2 → Bksp → 7 is 7; End then 7 is 27', () => {
    const s = editing(RETRIES);
    expect(effectiveValue(runForm(s, { type: 'line', op: { type: 'end' } }, { type: 'line', op: key('7') }, { type: 'commit-edit' }).form, RETRIES)).toBe(27);
    expect(effectiveValue(runForm(s, { type: 'line', op: { type: 'backspace' } }, { type: 'line', op: key('7') }, { type: 'commit-edit' }).form, RETRIES)).toBe(7);
  });
});

describe('keys screen', () => {
  const k: Key = { id: 'k1', name: 'main', value: { value: `sk-p${'*'.repeat(24)}0001`, env_var: '', from_env: false }, models: ['*'], weight: 1, enabled: true };
  const runKeys = (s: KeysScreenState, ...as: KeysAction[]): KeysScreenState => as.reduce(keysReducer, s);
  const ready = runKeys(initialKeysState('groq'), { type: 'load-succeeded', keys: [{ ...k, weight: 0.5 }] });
  const text = (s: KeysScreenState): string | undefined => (s.mode.kind === 'prompt' ? s.mode.editor.text : undefined);

  it('w (re-weight) on a key of weight 0.5: typing 1 gives 1, not 0.51', () => {
    const s = runKeys(ready, { type: 'prompt', for: 'weight' }, { type: 'line', op: key('1') });
    expect(text(s)).toBe('1');
  });

  it('the key form: Name "main", typing x gives "x"; ← first keeps it', () => {
    const fields = runKeys(ready, { type: 'edit' });
    const row = keyFormRows(ready.keys[0]!, 'groq').findIndex((r) => r.type === 'field' && r.d.id === 'name');
    const open = runKeys(fields, { type: 'move', delta: row }, { type: 'edit-field' });
    expect(text(runKeys(open, { type: 'line', op: key('x') }))).toBe('x');
    expect(text(runKeys(open, { type: 'line', op: { type: 'left' } }, { type: 'line', op: key('x') }))).toBe('maixn');
  });
});

describe('profile form', () => {
  const runProfile = (s: ProfileFormState, ...as: FormAction[]): ProfileFormState => as.reduce(formReducer, s);

  it('the first-run name "default": typing prod gives prod', () => {
    expect(runProfile(initialForm('setup'), { type: 'type', text: 'p' }, { type: 'type', text: 'rod' }).values.name).toBe('prod');
  });

  it('a field tabbed into has its value selected; Backspace first keeps it', () => {
    const s = runProfile(initialForm('setup'), { type: 'move', delta: 1 });
    expect(visibleFields(s)[s.focus]).toBe('url');
    expect(s.selected).toBe(true);
    expect(runProfile(s, { type: 'type', text: 'gw:8080' }).values.url).toBe('gw:8080');
    expect(runProfile(s, { type: 'backspace' }, { type: 'type', text: '1' }).values.url).toBe('http://localhost:8081');
  });
});
