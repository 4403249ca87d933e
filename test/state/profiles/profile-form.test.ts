import { describe, expect, it } from 'vitest';
import {
  profileFieldText, formReducer, formToProfile, initialForm, validateProfileForm, visibleFields, withScheme, type FormAction, type ProfileFormState,
} from '../../../src/state/profiles/profile-form.js';

const run = (s: ProfileFormState, ...actions: FormAction[]) => actions.reduce(formReducer, s);
const focusOn = (s: ProfileFormState, id: string) => ({ ...s, focus: visibleFields(s).indexOf(id as never) });

describe('profile form', () => {
  it('shows username only for basic and key fields only with auth', () => {
    let s = initialForm('add');
    expect(visibleFields(s)).not.toContain('keyValue');
    s = run(focusOn(s, 'auth'), { type: 'cycle', delta: 1 });
    expect(s.values.auth).toBe('bearer');
    expect(visibleFields(s)).toContain('keyValue');
    expect(visibleFields(s)).not.toContain('username');
    s = run(s, { type: 'cycle', delta: 1 });
    expect(visibleFields(s)).toContain('username');
  });

  it('masks a stored key, one bullet per character, and shows env names plainly', () => {
    let s = focusOn({ ...initialForm('add'), values: { ...initialForm('add').values, auth: 'bearer' } }, 'keyValue');
    s = run(s, { type: 'type', text: 'sk-secret-123' }, { type: 'backspace' });
    expect(s.values.keyValue).toBe('sk-secret-12');
    expect(profileFieldText(s, 'keyValue')).toBe('•'.repeat(12));
    s = run(focusOn(s, 'keySource'), { type: 'cycle', delta: 1 });
    expect(s.values.keySource).toBe('env');
    expect(s.values.keyValue).toBe(''); // a typed key never turns into visible text
    s = run(focusOn(s, 'keyValue'), { type: 'type', text: 'GW_KEY' });
    expect(profileFieldText(s, 'keyValue')).toBe('GW_KEY');
  });

  it('editing keeps a stored key when the field stays empty and never loads it into the form', () => {
    const p = { name: 'prod', url: 'https://gw', auth: 'bearer' as const, secret: { source: 'stored' as const, value: 'sk-very-secret-9999' }, label: 'PROD', readOnly: true };
    const s = initialForm('edit', p, true);
    expect(JSON.stringify(s.values)).not.toContain('sk-very-secret');
    expect(profileFieldText(s, 'keyValue')).toContain('kept');
    expect(validateProfileForm(s, ['prod'])).toEqual({});
    expect(formToProfile(s)).toMatchObject({ name: 'prod', secret: p.secret, label: 'PROD', readOnly: true });
  });

  it('a URL without a scheme gets http://: shown as the field is left, checked and saved so (issue 22)', () => {
    let s = focusOn(initialForm('setup'), 'url');
    s = run(s, { type: 'type', text: '10.0.0.5:8080' });
    // ^S on the field itself: checked and saved with the scheme.
    expect(validateProfileForm(s).url).toBeUndefined();
    expect(formToProfile(s).url).toBe('http://10.0.0.5:8080');
    s = run(s, { type: 'move', delta: 1 });
    expect(s.values.url).toBe('http://10.0.0.5:8080');
    expect(withScheme('  gw.example.com/  ')).toBe('http://gw.example.com/');
    expect(withScheme('HTTPS://gw')).toBe('HTTPS://gw');
    expect(withScheme('')).toBe('');
    // Another scheme is kept, and refused; credentials are found behind the added scheme too; empty says what to type.
    expect(validateProfileForm({ ...s, values: { ...s.values, url: 'ftp://gw' } }).url).toBe('must start with http:// or https://');
    expect(validateProfileForm({ ...s, values: { ...s.values, url: 'ops:pw@gw:8080' } }).url).toMatch(/must not hold credentials/);
    expect(validateProfileForm({ ...s, values: { ...s.values, url: ' ' } }).url).toBe('type the gateway URL, e.g. http://localhost:8080');
  });

  it('validates name, URL, username, key and timeout', () => {
    const base = initialForm('add');
    const s: ProfileFormState = { ...base, values: { ...base.values, name: 'a b', url: 'ftp://gw', auth: 'basic', timeout: '-1' } };
    const e = validateProfileForm(s, []);
    expect(Object.keys(e).sort()).toEqual(['keyValue', 'name', 'timeout', 'url', 'username']);
    const dup = { ...base, values: { ...base.values, name: 'prod', url: 'http://x' } };
    expect(validateProfileForm(dup, ['prod']).name).toContain('already exists');
    const moved = formReducer(s, { type: 'errors', errors: e });
    expect(visibleFields(moved)[moved.focus]).toBe('name');
  });

  it('builds a profile with every option', () => {
    const base = initialForm('add');
    const s: ProfileFormState = {
      ...base,
      values: { ...base.values, name: ' staging ', url: 'https://gw:8443/', auth: 'basic', username: 'ops', keySource: 'command', keyValue: 'pass show gw', caFile: '/ca.pem', insecure: true, timeout: '5000', label: 'STG', color: 'yellow', readOnly: true },
    };
    expect(formToProfile(s)).toEqual({
      name: 'staging', url: 'https://gw:8443/', auth: 'basic', username: 'ops', secret: { source: 'command', command: 'pass show gw' },
      caFile: '/ca.pem', insecure: true, timeoutMs: 5000, label: 'STG', color: 'yellow', readOnly: true,
    });
  });

  it('toggles and cycles wrap; typing into a toggle does nothing', () => {
    let s = focusOn(initialForm('add'), 'readOnly');
    s = run(s, { type: 'type', text: 'x' }, { type: 'cycle', delta: 1 });
    expect(s.values.readOnly).toBe(true);
    s = run(focusOn(s, 'color'), { type: 'cycle', delta: -1 });
    expect(s.values.color).toBe('white');
    expect(run(s, { type: 'move', delta: -100 }).focus).toBeGreaterThanOrEqual(0);
  });
});
