/**
 * The keymap table is the only place the form's keys are bound: with the table's keys changed (and
 * nothing else), the form answers to the new keys and no longer to the old ones, in every mode that
 * used to test for Enter, Esc, ^C, ^S or ^E itself.
 */
import { describe, expect, it, vi } from 'vitest';
import { formIn, press } from './form-key-states.js';

/** Rebinds: Enter -> ^O, Esc/^C -> ^X, ^S -> ^T, the PEM prompt's ^E -> ^G. */
vi.mock('../../src/ui/keymap.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/ui/keymap.js')>();
  const rebind: Record<string, readonly string[]> = {
    'edit/commit': ['ctrl+o'], 'edit/cancel': ['ctrl+x'], 'edit/commitSave': ['ctrl+t'],
    'pemPrompt/load': ['ctrl+o'], 'pemPrompt/editor': ['ctrl+g'], 'pemPrompt/cancel': ['ctrl+x'],
    'mapEntry/commit': ['ctrl+o'], 'mapEntry/cancel': ['ctrl+x'],
    'flagsFilter/done': ['ctrl+o'], 'flagsFilter/clear': ['ctrl+x'],
    'leavePrompt/stay': ['ctrl+x'],
  };
  const table = real.KEYMAP.map((b) => ({ ...b, keys: rebind[`${b.scope}/${b.command}`] ?? b.keys }));
  return {
    ...real,
    KEYMAP: table,
    commandFor: (scopes: Parameters<typeof real.commandFor>[0], input: string, key: Parameters<typeof real.commandFor>[2]) => real.commandFor(scopes, input, key, table),
    promptLine: (scope: Parameters<typeof real.promptLine>[0]) => real.promptLine(scope, table),
  };
});

const ENTER = '\r', ESC = '\x1b', CTRL_C = '\x03', CTRL_S = '\x13', CTRL_E = '\x05';
const CTRL_O = '\x0f', CTRL_X = '\x18', CTRL_T = '\x14', CTRL_G = '\x07';

describe('form keys come from the keymap table', () => {
  it('editing a field: commit, cancel and commit-and-save follow the table', () => {
    const s = formIn('edit');
    expect([ENTER, ESC, CTRL_C, CTRL_S].map((k) => press(s, k))).toEqual([[], [], [], []]);
    expect(press(s, CTRL_O)).toEqual(['commit-edit']);
    expect(press(s, CTRL_X)).toEqual(['cancel']);
    expect(press(s, CTRL_T)).toEqual(['commit-edit', 'save-requested']);
  });

  it('the PEM prompt: load, $EDITOR and cancel follow the table; ^E is then end of line again', () => {
    const s = formIn('pem');
    const typed = { ...s, mode: s.mode.kind === 'pem' ? { ...s.mode, editor: { text: '/tmp/ca.pem', cursor: 11 } } : s.mode };
    expect([ENTER, ESC, CTRL_C].map((k) => press(typed, k))).toEqual([[], [], []]);
    expect(press(typed, CTRL_E)).toEqual(['line:end']);
    expect(press(typed, CTRL_O)).toEqual(['loadPemFile']);
    expect(press(typed, CTRL_G)).toEqual(['editPemInEditor']);
    expect(press(typed, CTRL_X)).toEqual(['cancel']);
  });

  it('typing a map entry and the request-type filter follow the table', () => {
    const m = formIn('mapEntry');
    expect([ENTER, ESC, CTRL_C].map((k) => press(m, k))).toEqual([[], [], []]);
    expect(press(m, CTRL_O)).toEqual(['map:map-commit']);
    expect(press(m, CTRL_X)).toEqual(['map:map-cancel']);
    const f = formIn('flagsFilter');
    expect([ENTER, ESC, CTRL_C].map((k) => press(f, k))).toEqual([[], [], []]);
    expect(press(f, CTRL_O)).toEqual(['flags:flags-filter-done']);
    expect(press(f, CTRL_X)).toEqual(['flags:flags-filter-clear']);
  });

  it('the leave prompt: keep editing follows the table', () => {
    const s = formIn('leave');
    expect(s.mode.kind).toBe('leave');
    expect([ESC, CTRL_C].map((k) => press(s, k))).toEqual([[], []]);
    expect(press(s, CTRL_X)).toEqual(['cancel']);
  });
});
