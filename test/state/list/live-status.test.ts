import { describe, expect, it } from 'vitest';
import { nextRefreshSeconds, parseRefreshSeconds, sameAnswer, statusChanges } from '../../../src/state/list/live-status.js';
import { initialListState, listReducer } from '../../../src/state/list/list-reducer.js';
import { summarizeProvider, type ProviderSummary } from '../../../src/api/provider-summary.js';

const p = (name: string, provider_status = 'active', status?: string): ProviderSummary => summarizeProvider({ name, provider_status, ...(status ? { status } : {}) });

describe('live status', () => {
  it('names the providers whose badge or note changed', () => {
    expect([...statusChanges([p('a'), p('b'), p('c')], [p('a', 'error'), p('b', 'active', 'list_models_failed'), p('c'), p('d')])]).toEqual(['a', 'b', 'd']);
  });

  it('backs off by doubling per failure, capped at five minutes', () => {
    expect([0, 1, 2, 3, 10].map((f) => nextRefreshSeconds(10, f))).toEqual([10, 20, 40, 80, 300]);
  });

  it('--refresh takes seconds; 0 is off; anything else is refused', () => {
    expect(parseRefreshSeconds('30')).toBe(30);
    expect(parseRefreshSeconds('0')).toBe(0);
    expect(parseRefreshSeconds('2.5')).toBe(2.5);
    for (const bad of ['', '-1', '10s', 'abc', '1e9']) expect(parseRefreshSeconds(bad)).toBeUndefined();
  });

  it('an identical answer returns the very same state (nothing renders); a change keeps cursor and filter', () => {
    const loaded = listReducer(listReducer(initialListState(), { type: 'load-succeeded', providers: [p('a'), p('b'), p('c')], at: 1 }), { type: 'move', delta: 2 });
    expect(sameAnswer(loaded.providers, [p('a'), p('b'), p('c')])).toBe(true);
    expect(listReducer(loaded, { type: 'refresh-succeeded', providers: [p('a'), p('b'), p('c')], at: 2 })).toBe(loaded);
    const changed = listReducer(loaded, { type: 'refresh-succeeded', providers: [p('x'), p('a', 'error'), p('b'), p('c')], at: 3 });
    expect(changed.rows[changed.cursor]?.name).toBe('c');
    expect([...changed.changed]).toEqual(['x', 'a']);
    const next = listReducer(changed, { type: 'refresh-succeeded', providers: changed.providers, at: 4 });
    expect(next.changed.size).toBe(0);
  });

  it('compares what the list shows: a change in another field is the same answer, a changed base URL or order is not', () => {
    const a = [summarizeProvider({ name: 'a', network_config: { base_url: 'https://a', max_retries: 1 } }), p('b')];
    expect(sameAnswer(a, [summarizeProvider({ name: 'a', network_config: { base_url: 'https://a', max_retries: 5 } }), p('b')])).toBe(true);
    expect(sameAnswer(a, [summarizeProvider({ name: 'a', network_config: { base_url: 'https://b' } }), p('b')])).toBe(false);
    expect(sameAnswer(a, [a[1]!, a[0]!])).toBe(false);
    expect(sameAnswer(a, [summarizeProvider({ name: 'a', network_config: { base_url: 'https://a' }, description: 'x' }), p('b')])).toBe(false);
  });
});
