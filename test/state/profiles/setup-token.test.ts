/** The setup token in the profile form and the first-run setup (a v2.2.6 gateway locked until setup). */
import { describe, expect, it } from 'vitest';
import {
  formReducer, formToProfile, initialForm, profileFieldText, validateProfileForm, visibleFields, type ProfileFormState,
} from '../../../src/state/profiles/profile-form.js';
import { initialSetupState, setupReducer } from '../../../src/state/profiles/setup-reducer.js';

const focusOn = (s: ProfileFormState, id: string): ProfileFormState => ({ ...s, focus: visibleFields(s).indexOf(id as never) });

describe('the setup token in the profile form', () => {
  it('is none by default; a source shows the token field, which takes a variable name, a command or a masked token', () => {
    let s = initialForm('add');
    expect(visibleFields(s)).toContain('tokenSource');
    expect(visibleFields(s)).not.toContain('tokenValue');
    s = formReducer(focusOn(s, 'tokenSource'), { type: 'cycle', delta: 1 }); // none -> stored
    expect(s.values.tokenSource).toBe('stored');
    s = formReducer(focusOn(s, 'tokenValue'), { type: 'type', text: 'tok-123' });
    expect(profileFieldText(s, 'tokenValue')).toBe('•••••••');
    expect(formToProfile({ ...s, values: { ...s.values, name: 'x', url: 'http://gw:8080' } }).setupToken).toEqual({ source: 'stored', value: 'tok-123' });
  });

  it('an env source needs a variable name; switching the source clears what was typed', () => {
    let s: ProfileFormState = { ...initialForm('add'), values: { ...initialForm('add').values, name: 'gw', url: 'http://gw:8080', tokenSource: 'env', tokenValue: 'not a name' } };
    expect(validateProfileForm(s).tokenValue).toBe('not a variable name');
    s = formReducer(focusOn(s, 'tokenSource'), { type: 'cycle', delta: 1 }); // env -> command
    expect(s.values.tokenValue).toBe('');
    expect(validateProfileForm(s).tokenValue).toBe('give the command');
  });

  it('editing a profile with a stored token keeps it while the field is empty; none removes it', () => {
    const stored = { name: 'gw', url: 'http://gw:8080', auth: 'none' as const, setupToken: { source: 'stored' as const, value: 'tok-keep' } };
    const s = initialForm('edit', stored);
    expect(profileFieldText(s, 'tokenValue')).toBe('(stored token kept; type to replace)');
    expect(validateProfileForm(s)).toEqual({});
    expect(formToProfile(s).setupToken).toEqual({ source: 'stored', value: 'tok-keep' });
    const none = formReducer(focusOn(s, 'tokenSource'), { type: 'cycle', delta: -1 }); // stored -> none
    expect(formToProfile(none).setupToken).toBeUndefined();
  });
});

describe('the setup token in the first-run setup', () => {
  it('stays out of the way until a test fails for the setup lock; then it appears, focused', () => {
    let s = initialSetupState();
    expect(visibleFields(s.form)).not.toContain('tokenSource');
    s = setupReducer(setupReducer(s, { type: 'test-started' }), { type: 'test-failed', message: '401 Unauthorized: the gateway needs a management API key' });
    expect(visibleFields(s.form)).not.toContain('tokenSource');
    s = setupReducer(setupReducer(s, { type: 'test-started' }), {
      type: 'test-failed', message: '401 Unauthorized: the gateway is locked until its first admin is set up: give its setup token (…)',
    });
    expect(visibleFields(s.form)).toContain('tokenSource');
    expect(visibleFields(s.form)[s.form.focus]).toBe('tokenSource');
  });
});
