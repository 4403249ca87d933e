import { describe, expect, it } from 'vitest';
import { initialListState, listReducer } from '../../../src/state/list/list-reducer.js';
import { initialKeyPrompt, keyPromptReducer, maskedKey } from '../../../src/state/profiles/key-prompt-reducer.js';
import { withReset } from '../../../src/state/profiles/list-reset.js';
import { initialProfilesState, profilesReducer, type ProfilesAction, type ProfilesState } from '../../../src/state/profiles/profiles-reducer.js';
import { initialSetupState, setupReducer } from '../../../src/state/profiles/setup-reducer.js';

const P = [
  { name: 'a', url: 'http://a', auth: 'none' as const },
  { name: 'b', url: 'http://b', auth: 'bearer' as const, secret: { source: 'env' as const, name: 'K' } },
];
const run = (s: ProfilesState, ...a: ProfilesAction[]) => a.reduce(profilesReducer, s);

describe('profiles reducer', () => {
  it('loads, keeps the cursor on the same name, and clears a reveal on move', () => {
    let s = run(initialProfilesState(), { type: 'loaded', profiles: P, defaultName: 'a' }, { type: 'move', delta: 1 });
    expect(s.cursor).toBe(1);
    s = run(s, { type: 'reveal', name: 'b', text: '••••' });
    expect(s.reveal?.name).toBe('b');
    s = run(s, { type: 'loaded', profiles: [{ name: '0', url: 'http://0', auth: 'none' }, ...P] });
    expect(s.profiles[s.cursor]?.name).toBe('b');
    expect(run(s, { type: 'move', delta: -1 }).reveal).toBeUndefined();
    expect(run(s, { type: 'last' }).cursor).toBe(2);
  });

  it('opens add and edit forms, and a delete confirmation that can be cancelled', () => {
    let s = run(initialProfilesState(), { type: 'loaded', profiles: P, defaultName: 'b' }, { type: 'move', delta: 1 }, { type: 'edit' });
    expect(s.mode.kind === 'form' && s.mode.form.values.isDefault).toBe(true);
    s = run(s, { type: 'form', action: { type: 'type', text: '2' } });
    expect(s.mode.kind === 'form' && s.mode.form.values.name).toBe('b2');
    s = run(s, { type: 'form-close' }, { type: 'delete' });
    expect(s.mode).toEqual({ kind: 'confirm-delete', name: 'b' });
    s = run(s, { type: 'move', delta: -1 });
    expect(s.cursor).toBe(1); // the cursor is frozen while asking
    s = run(s, { type: 'delete-cancel' });
    expect(s.mode.kind).toBe('browse');
    expect(run(s, { type: 'add' }).mode.kind).toBe('form');
  });

  it('reports a test as one status line', () => {
    let s = run(initialProfilesState(), { type: 'test-started', name: 'a' });
    expect(s.testing).toBe('a');
    s = run(s, { type: 'test-done', name: 'a', ok: false, message: '401 Unauthorized' });
    expect(s.testing).toBeUndefined();
    expect(s.status).toEqual({ role: 'error', text: '✖ a: 401 Unauthorized' });
  });
});

describe('setup reducer', () => {
  it('starts with sensible defaults, ignores edits while testing, and returns to editing on failure', () => {
    let s = initialSetupState();
    expect(s.form.values).toMatchObject({ name: 'default', url: 'http://localhost:8080', auth: 'bearer' });
    s = setupReducer(s, { type: 'test-started' });
    expect(setupReducer(s, { type: 'form', action: { type: 'type', text: 'x' } })).toBe(s);
    s = setupReducer(s, { type: 'test-failed', message: 'connection refused' });
    expect(s.phase).toBe('editing');
    expect(s.message?.text).toContain('connection refused');
  });
});

describe('key prompt reducer', () => {
  it('masks what is typed and ignores typing while checking', () => {
    let s = keyPromptReducer(initialKeyPrompt(), { type: 'type', text: 'abc' });
    expect(maskedKey(s)).toBe('•••');
    s = keyPromptReducer(s, { type: 'check-started' });
    expect(keyPromptReducer(s, { type: 'type', text: 'x' })).toBe(s);
    s = keyPromptReducer(s, { type: 'check-failed', message: '401' });
    expect(s.phase).toBe('typing');
    expect(keyPromptReducer(s, { type: 'clear' }).value).toBe('');
  });
});

describe('withReset', () => {
  it('starts the list over, keeping the viewport height', () => {
    const r = withReset(listReducer, (s) => initialListState(s.viewportHeight));
    let s = r(initialListState(7), { type: 'load-succeeded', providers: [{ name: 'x', custom: false, keyless: false }], at: 1 });
    expect(s.phase).toBe('ready');
    s = r(s, { type: 'reset' });
    expect(s.phase).toBe('loading');
    expect(s.providers).toEqual([]);
    expect(s.viewportHeight).toBe(7);
  });
});
