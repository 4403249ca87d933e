/**
 * Issue 22, "one convention": the keymap table gives every list the same movement keys. The screens
 * act on them (test/e2e/terminal-friction.test.ts); this holds the table to it, so a new list cannot
 * ship without them.
 */
import { describe, expect, it } from 'vitest';
import { KEYMAP, type Scope } from '../../src/ui/keymap.js';
import { decodeKey } from '../../src/state/input/decode-key.js';
import { reduceFormScreen } from '../../src/state/form-screen/form-screen-reducer.js';
import { visibleFlags } from '../../src/state/form-screen/flags-grid.js';
import { handleFormKey } from '../../src/ui/screens/form/form-keys.js';
import { formIn } from './form-key-states.js';

/** Every scope that moves a cursor or a window over a list of rows. */
const LISTS: readonly Scope[] = ['list', 'form', 'keys', 'keyForm', 'map', 'flags', 'profiles', 'fleet', 'fleetCell', 'help', 'diff', 'conflict'];

const keysOf = (scope: Scope, command: string): readonly string[] => KEYMAP.find((b) => b.scope === scope && b.command === command)?.keys ?? [];

describe('movement keys on every list', () => {
  it.each(LISTS)('%s: ↑↓/jk, PgUp/PgDn (^B/^F), g/Home, G/End', (scope) => {
    expect(keysOf(scope, 'up')).toEqual(expect.arrayContaining(['up', 'k']));
    expect(keysOf(scope, 'down')).toEqual(expect.arrayContaining(['down', 'j']));
    expect(keysOf(scope, 'pageUp')).toEqual(expect.arrayContaining(['pageup', 'ctrl+b']));
    expect(keysOf(scope, 'pageDown')).toEqual(expect.arrayContaining(['pagedown', 'ctrl+f']));
    expect(keysOf(scope, 'first')).toEqual(['g', 'home']);
    expect(keysOf(scope, 'last')).toEqual(['G', 'end']);
  });
});

describe('the allowed_requests grid acts on them', () => {
  it('G and End go to the last request type, g and Home to the first, PgDn a page of rows down', () => {
    const grid = reduceFormScreen(formIn('flagsFilter'), { type: 'flags', action: { type: 'flags-filter-done' } });
    const cursorAfter = (raw: string): number | undefined => {
      let s = grid;
      const [input, key] = decodeKey(raw);
      handleFormKey(s, input, key, {
        dispatch: (a) => void (s = reduceFormScreen(s, a)), back: () => {}, quit: () => {}, help: () => {}, discardAndLeave: () => {},
        loadPemFile: () => {}, editPemInEditor: () => {}, reload: () => {}, gridColumns: 3, page: 4,
      });
      return s.mode.kind === 'flags' ? s.mode.grid.cursor : undefined;
    };
    const last = grid.mode.kind === 'flags' ? visibleFlags(grid.mode.grid).length - 1 : -1;
    expect(cursorAfter('G')).toBe(last);
    expect(cursorAfter('\x1b[F')).toBe(last);
    expect(cursorAfter('\x1b[6~')).toBe(12);
    expect(cursorAfter('g')).toBe(0);
  });
});
