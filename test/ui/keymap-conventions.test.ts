/**
 * Issue 22, "one convention": the keymap table gives every list the same movement keys. The screens
 * act on them (test/e2e/terminal-friction.test.ts); this holds the table to it, so a new list cannot
 * ship without them.
 */
import { describe, expect, it } from 'vitest';
import { footerHints, KEYMAP, type Scope } from '../../src/ui/keymap.js';
import { fitHints } from '../../src/ui/widgets/footer.js';
import { decodeKey } from '../../src/state/input/decode-key.js';
import { reduceFormScreen } from '../../src/state/form-screen/form-screen-reducer.js';
import { visibleFlags } from '../../src/state/form-screen/flags-grid.js';
import { handleFormKey } from '../../src/ui/screens/form/form-keys.js';
import { formIn } from './form-key-states.js';

/** Every scope that moves a cursor or a window over a list of rows. */
const LISTS: readonly Scope[] = ['list', 'form', 'keys', 'keyForm', 'map', 'flags', 'profiles', 'fleet', 'fleetCell', 'help', 'diff', 'conflict', 'writeReview', 'writeConflict', 'history', 'newProviderBase'];

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

describe('footers at 80 columns keep the primary actions', () => {
  /** The scopes each screen's footer shows. */
  const FOOTERS: ReadonlyArray<readonly Scope[]> = [
    ['list', 'global'], ['form', 'global'], ['keys', 'global'], ['keyForm', 'global'], ['allowList', 'map', 'global'], ['map', 'global'],
    ['flags', 'global'], ['diff', 'global'], ['conflict', 'global'], ['profiles', 'global'], ['fleet', 'global'], ['fleetCell', 'global'],
    ['confirm', 'global'], ['help'], ['profileForm'], ['draftPrompt', 'global'],
  ];
  const shown = (scopes: readonly Scope[], width: number): string[] => fitHints(footerHints(scopes), width).map((h) => `${h.keys} ${h.label}`);
  const ranked = (scopes: readonly Scope[], most: number): string[] => footerHints(scopes).filter((h) => h.rank <= most).map((h) => `${h.keys} ${h.label}`);

  it.each(FOOTERS.map((f) => [f.join('+'), f] as const))('%s: every hint of rank 1-2 at 80 columns, rank 1 at 60', (_, scopes) => {
    expect(shown(scopes, 80)).toEqual(expect.arrayContaining(ranked(scopes, 2)));
    expect(shown(scopes, 60)).toEqual(expect.arrayContaining(ranked(scopes, 1)));
  });

  it('the list keeps F fleet and y keys, the keys screen - off and d delete (what 80 columns dropped)', () => {
    expect(shown(['list', 'global'], 80)).toEqual(expect.arrayContaining(['F fleet', 'y keys', 'Enter open', '/ filter', 'P profiles', 'q quit', '? help']));
    expect(shown(['keys', 'global'], 80)).toEqual(expect.arrayContaining(['- off', 'd delete', '+ on', 'Enter edit', 'a add', 'Esc back', '? help']));
  });

  it('the least important go first: moving before anything else', () => {
    const list = shown(['list', 'global'], 80);
    expect(list).not.toContain('↑↓/jk move');
    expect(shown(['list', 'global'], 200)).toContain('↑↓/jk move');
  });
});

describe('a write review is a yes/no question', () => {
  it('only y writes; Enter, n, Esc and q answer no', () => {
    expect(keysOf('writeReview', 'confirm')).toEqual(['y']);
    expect(keysOf('writeReview', 'cancel')).toEqual(expect.arrayContaining(['enter', 'n', 'esc', 'q']));
  });
});
