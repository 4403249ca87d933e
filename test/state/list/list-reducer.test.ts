import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/api/wire.js';
import { summarizeProvider, type ProviderSummary } from '../../../src/api/provider-summary.js';
import { deriveRows, focusedRow, initialListState, keyCountsDue, listReducer, windowRows, type ListAction, type ListState } from '../../../src/state/list/list-reducer.js';

const p = (name: string, extra: Partial<Provider> = {}): ProviderSummary => summarizeProvider({ name, provider_status: 'active', ...extra });
const run = (state: ListState, ...actions: ListAction[]): ListState => actions.reduce(listReducer, state);
const loaded = (providers: ProviderSummary[], viewport = 5): ListState =>
  run(initialListState(viewport), { type: 'load-succeeded', providers, at: 1000 });
const many = (n: number): ProviderSummary[] => Array.from({ length: n }, (_, i) => p(`p-${String(i).padStart(5, '0')}`));

describe('list reducer: cursor and window', () => {
  it('moves within bounds and keeps the cursor inside the window', () => {
    let s = loaded(many(20), 5);
    s = run(s, { type: 'move', delta: -1 });
    expect(s.cursor).toBe(0);
    s = run(s, { type: 'move', delta: 6 });
    expect(s.cursor).toBe(6);
    expect(s.scrollTop).toBe(2);
    expect(windowRows(s).map((r) => r.name)).toEqual(['p-00002', 'p-00003', 'p-00004', 'p-00005', 'p-00006']);
    s = run(s, { type: 'last' });
    expect(s.cursor).toBe(19);
    expect(s.scrollTop).toBe(15);
    s = run(s, { type: 'move', delta: 5 });
    expect(s.cursor).toBe(19);
    s = run(s, { type: 'first' });
    expect([s.cursor, s.scrollTop]).toEqual([0, 0]);
  });

  it('pages by the window height minus one line of context', () => {
    let s = loaded(many(20), 5);
    s = run(s, { type: 'page', direction: 1 });
    expect(s.cursor).toBe(4);
    s = run(s, { type: 'page', direction: 1 }, { type: 'page', direction: -1 });
    expect(s.cursor).toBe(4);
  });

  it('a move returns the same state object when nothing changes (no re-render)', () => {
    const s = loaded(many(3));
    expect(listReducer(s, { type: 'move', delta: -1 })).toBe(s);
  });

  it('shrinking the viewport keeps the cursor visible', () => {
    let s = run(loaded(many(30), 10), { type: 'move', delta: 9 });
    s = run(s, { type: 'viewport', height: 4 });
    expect(s.cursor).toBe(9);
    expect(s.cursor).toBeGreaterThanOrEqual(s.scrollTop);
    expect(s.cursor).toBeLessThan(s.scrollTop + 4);
  });

  it('a window over 10,000 providers holds only the visible rows', () => {
    const s = run(loaded(many(10_000), 12), { type: 'move', delta: 5000 });
    expect(windowRows(s)).toHaveLength(12);
    expect(focusedRow(s)?.name).toBe('p-05000');
  });
});

describe('list reducer: filter', () => {
  const data = [p('anthropic'), p('acme-llm', { custom_provider_config: { base_provider_type: 'openai' } }), p('openai'), p('groq')];

  it('filters by name and by base provider type, case-insensitively', () => {
    let s = run(loaded(data), { type: 'filter-start' }, { type: 'filter-change', text: 'OPEN' });
    expect(s.rows.map((r) => r.name)).toEqual(['acme-llm', 'openai']);
    s = run(s, { type: 'filter-change', text: 'gr' });
    expect(s.rows.map((r) => r.name)).toEqual(['groq']);
  });

  it('keeps the focused provider focused when the filter still matches it', () => {
    let s = run(loaded(data), { type: 'select', name: 'openai' });
    s = run(s, { type: 'filter-change', text: 'o' });
    expect(focusedRow(s)?.name).toBe('openai');
  });

  it('Esc clears the filter and leaves filter editing', () => {
    const s = run(loaded(data), { type: 'filter-start' }, { type: 'filter-change', text: 'zzz' }, { type: 'filter-clear' });
    expect(s.rows).toHaveLength(4);
    expect(s.filterEditing).toBe(false);
    expect(s.filter).toBe('');
  });

  it('no match gives no rows and no focused row', () => {
    const s = run(loaded(data), { type: 'filter-change', text: 'nothing-like-this' });
    expect(s.rows).toEqual([]);
    expect(focusedRow(s)).toBeUndefined();
  });
});

describe('list reducer: unconfigured built-ins', () => {
  it('shows built-ins the gateway lacks only when toggled, after the configured ones', () => {
    let s = loaded([p('openai')]);
    expect(s.rows.map((r) => r.name)).toEqual(['openai']);
    s = run(s, { type: 'toggle-unconfigured' });
    const names = s.rows.map((r) => r.name);
    expect(names[0]).toBe('openai');
    expect(names).toContain('anthropic');
    expect(names.filter((n) => n === 'openai')).toHaveLength(1);
    expect(s.rows.find((r) => r.name === 'anthropic')?.provider).toBeUndefined();
  });

  it('deriveRows never lists a custom name as unconfigured', () => {
    const rows = deriveRows([], '', true);
    expect(rows.every((r) => r.provider === undefined)).toBe(true);
    expect(rows.map((r) => r.name)).not.toContain('acme-llm');
  });
});

describe('list reducer: refresh states', () => {
  it('loading, then ready with a timestamp', () => {
    const s0 = initialListState();
    expect(s0.phase).toBe('loading');
    const s1 = run(s0, { type: 'load-succeeded', providers: [p('a')], at: 42 });
    expect([s1.phase, s1.loadedAt, s1.refreshing]).toEqual(['ready', 42, false]);
  });

  it('a refresh keeps the data on screen and marks it refreshing', () => {
    const s = run(loaded([p('a')]), { type: 'load-started' });
    expect(s.phase).toBe('ready');
    expect(s.refreshing).toBe(true);
    expect(s.rows).toHaveLength(1);
  });

  it('a failed first load is an error state; a failed refresh keeps the old data with the error', () => {
    const err = { kind: 'network' as const, message: 'cannot connect' };
    expect(run(initialListState(), { type: 'load-failed', error: err }).phase).toBe('error');
    const s = run(loaded([p('a')]), { type: 'load-started' }, { type: 'load-failed', error: err });
    expect(s.phase).toBe('ready');
    expect(s.error).toEqual(err);
    expect(s.rows).toHaveLength(1);
  });

  it('a refresh keeps the cursor on the same provider when rows move', () => {
    let s = run(loaded([p('b'), p('c')]), { type: 'select', name: 'c' });
    s = run(s, { type: 'load-succeeded', providers: [p('a'), p('b'), p('c')], at: 2 });
    expect(focusedRow(s)?.name).toBe('c');
  });

  it('a refresh that removed the focused provider keeps the cursor in range', () => {
    let s = run(loaded([p('a'), p('b'), p('c')]), { type: 'last' });
    s = run(s, { type: 'load-succeeded', providers: [p('a')], at: 3 });
    expect(focusedRow(s)?.name).toBe('a');
  });
});

describe('key counts: one GET /api/keys per list load', () => {
  it('a second load at the same clock reading still wants its own counts (loads are counted, not timed)', () => {
    const providers = [p('a')];
    let s = listReducer(initialListState(10), { type: 'load-succeeded', providers, at: 1000 });
    expect(keyCountsDue(s)).toBe(true);
    s = listReducer(s, { type: 'key-counts', counts: { a: 1 }, at: s.loads });
    expect(keyCountsDue(s)).toBe(false);
    // `r` reloads; the test clock (and a coarse real one) gives the same time.
    s = listReducer(s, { type: 'load-succeeded', providers, at: 1000 });
    expect(keyCountsDue(s)).toBe(true);
  });
});
