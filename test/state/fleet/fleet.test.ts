import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/api/wire.js';
import { cellText, compareFleet, compareProvider, type FleetColumn } from '../../../src/state/fleet/fleet-compare.js';
import { cellFields, fleetReducer, initialFleetState, layoutOf } from '../../../src/state/fleet/fleet-reducer.js';
import { columnTop, compareWithBaseline, fallbackReason, gridWidths, orderProfiles } from '../../../src/state/fleet/fleet-layout.js';
import { pushDraft } from '../../../src/state/fleet/push-draft.js';

const base = (over: Partial<Provider> = {}): Provider => ({
  name: 'openai',
  network_config: { base_url: 'https://api.openai.com', max_retries: 2 },
  concurrency_and_buffer_size: { concurrency: 100, buffer_size: 200 },
  ...over,
}) as Provider;

const ok = (profile: string, providers: Provider[]): FleetColumn => ({ profile, state: { kind: 'ok', providers } });

describe('compareProvider', () => {
  it('compares with the first column that has the provider; missing, unreachable and loading cells say so', () => {
    const cols: FleetColumn[] = [
      { profile: 'down', state: { kind: 'error', reason: 'connection refused' } },
      ok('a', [base()]),
      ok('b', [base({ network_config: { base_url: 'https://api.openai.com', max_retries: 5 } })]),
      ok('c', []),
      { profile: 'slow', state: { kind: 'loading' } },
    ];
    const row = compareProvider('openai', cols);
    expect(row.reference).toBe(1);
    expect(row.cells.map(cellText)).toEqual(['?', '=', '≠ 1', '-', '…']);
    expect(row.fields).toEqual([{ path: 'network_config.max_retries', segments: ['network_config', 'max_retries'], values: [
      { present: false, value: undefined }, { present: true, value: 2 }, { present: true, value: 5 }, { present: false, value: undefined }, { present: false, value: undefined },
    ] }]);
    expect(row.differs).toBe(true);
  });

  it('gateway-filled defaults and read-only fields do not count as differences', () => {
    const a = base({ provider_status: 'active', config_hash: 'x' } as Partial<Provider>);
    const b = base({ provider_status: 'error', config_hash: 'y', send_back_raw_request: false } as Partial<Provider>);
    const [row] = compareFleet([ok('a', [a]), ok('b', [b])]);
    expect(row!.cells.map(cellText)).toEqual(['=', '=']);
    expect(row!.differs).toBe(false);
  });
});

describe('fleetReducer', () => {
  it('fills cells in as answers arrive and keeps the cursor on its provider', () => {
    let s = fleetReducer(initialFleetState, { type: 'started', profiles: ['a', 'b'] });
    expect(s.rows).toEqual([]);
    s = fleetReducer(s, { type: 'answered', profile: 'b', state: { kind: 'ok', providers: [base(), base({ name: 'zeta' } as Partial<Provider>)] } });
    expect(s.rows.map((r) => r.cells.map(cellText))).toEqual([['…', '='], ['…', '=']]);
    s = fleetReducer(s, { type: 'move', rows: 1 });
    s = fleetReducer(s, { type: 'answered', profile: 'a', state: { kind: 'ok', providers: [base({ name: 'alpha' } as Partial<Provider>), base({ name: 'zeta', network_config: { max_retries: 9 } } as Partial<Provider>)] } });
    expect(s.rows.map((r) => r.name)).toEqual(['alpha', 'openai', 'zeta']);
    expect(s.rows[s.row]!.name).toBe('zeta'); // alpha appeared above it
  });

  it('Enter on a differing cell lists its fields; Space marks them', () => {
    let s = fleetReducer(initialFleetState, { type: 'started', profiles: ['a', 'b'] });
    s = fleetReducer(s, { type: 'answered', profile: 'a', state: { kind: 'ok', providers: [base()] } });
    s = fleetReducer(s, { type: 'answered', profile: 'b', state: { kind: 'ok', providers: [base({ concurrency_and_buffer_size: { concurrency: 7, buffer_size: 9 } })] } });
    expect(fleetReducer(s, { type: 'open' }).message?.text).toContain('what this row compares with');
    s = fleetReducer(fleetReducer(s, { type: 'move', cols: 1 }), { type: 'open' });
    expect(s.cell).toMatchObject({ name: 'openai', col: 1, cursor: 0 });
    expect(cellFields(s.rows[0]!, 1).map((f) => f.path)).toEqual(['concurrency_and_buffer_size.concurrency', 'concurrency_and_buffer_size.buffer_size']);
    s = fleetReducer(fleetReducer(s, { type: 'move', rows: 1 }), { type: 'mark' });
    expect(s.cell!.marked).toEqual(['concurrency_and_buffer_size.buffer_size']);
    expect(fleetReducer(s, { type: 'close' }).cell).toBeUndefined();
  });

  it('Enter on a - cell (not configured there) lists every field of the provider, not only those that differ elsewhere', () => {
    let s = fleetReducer(initialFleetState, { type: 'started', profiles: ['a', 'b', 'c'] });
    s = fleetReducer(s, { type: 'answered', profile: 'a', state: { kind: 'ok', providers: [base()] } });
    s = fleetReducer(s, { type: 'answered', profile: 'b', state: { kind: 'ok', providers: [base({ network_config: { base_url: 'https://api.openai.com', max_retries: 5 } })] } });
    s = fleetReducer(s, { type: 'answered', profile: 'c', state: { kind: 'ok', providers: [] } });
    expect(s.rows[0]!.cells.map(cellText)).toEqual(['=', '≠ 1', '-']);
    s = fleetReducer(fleetReducer(s, { type: 'move', cols: 2 }), { type: 'open' });
    expect(s.cell).toMatchObject({ from: 0, col: 2 });
    const fields = cellFields(s.rows[0]!, 2, 0);
    expect(fields.map((f) => f.path)).toEqual(['network_config.base_url', 'network_config.max_retries', 'concurrency_and_buffer_size.concurrency', 'concurrency_and_buffer_size.buffer_size']);
    expect(fields.map((f) => f.values[0]!.value)).toEqual(['https://api.openai.com', 2, 100, 200]);
    expect(fields.every((f) => !f.values[2]!.present)).toBe(true);
    // Between two gateways that have it, still only what differs; with a baseline elsewhere too.
    expect(cellFields(s.rows[0]!, 1, 0).map((f) => f.path)).toEqual(['network_config.max_retries']);
    s = fleetReducer(fleetReducer(fleetReducer(s, { type: 'close' }), { type: 'move', cols: -1 }), { type: 'baseline' });
    expect(cellFields(s.rows[0]!, 2, 1).map((f) => f.values[1]!.value)).toEqual(['https://api.openai.com', 5, 100, 200]);
  });
});

describe('pushDraft', () => {
  it('copies plain fields as form edits, references as references, and never another gateway\'s mask', () => {
    const source = base({
      proxy_config: { type: 'http', url: { value: 'http************************3128', env_var: 'env.PROXY_URL', from_env: true }, username: 'svc-************************rost' },
    } as Partial<Provider>);
    source.network_config!.max_retries = 6;
    const target = base({
      proxy_config: { type: 'http', url: { value: 'http************************0000', env_var: 'env.OLD_URL', from_env: true }, username: 'abcd************************wxyz' },
    } as Partial<Provider>);
    const d = pushDraft(source, target, [['network_config', 'max_retries'], ['proxy_config', 'url'], ['proxy_config', 'username']]);
    expect(Object.keys(d.fields).sort()).toEqual(['network_config.max_retries', 'proxy_config.url']);
    expect(d.fields['network_config.max_retries']).toMatchObject({ parsed: true, input: 6 });
    expect(d.fields['proxy_config.url']).toMatchObject({ text: 'env.PROXY_URL' });
    expect(d.skipped).toEqual(['proxy_config.username differs and cannot be copied: set it on the target']);
    expect(JSON.stringify(d.fields)).not.toContain('****');
  });
});

describe('fleet layout', () => {
  const cols = (): FleetColumn[] => [
    ok('a', [base()]),
    { profile: 'down', state: { kind: 'error', reason: 'connection refused' } },
    ok('b', [base({ network_config: { base_url: 'https://api.openai.com', max_retries: 5 } })]),
    ok('c', [base({ network_config: { base_url: 'https://api.openai.com', max_retries: 5 } })]),
  ];

  it('compares every row with the chosen baseline, columns in their order; an unreachable baseline falls back to the first that has the row', () => {
    const [row] = compareWithBaseline(cols(), 2);
    expect(row!.reference).toBe(2);
    expect(row!.cells.map(cellText)).toEqual(['≠ 1', '?', '=', '=']);
    expect(row!.fields[0]!.values.map((v) => v.value)).toEqual([2, undefined, 5, 5]);
    expect(cellFields(row!, 0).map((f) => f.path)).toEqual(['network_config.max_retries']);
    const [fallback] = compareWithBaseline(cols(), 1);
    expect(fallback!.reference).toBe(0);
    expect(fallbackReason(fallback!, cols(), 1)).toBe('down is unreachable');
    expect(fallbackReason(row!, cols(), 2)).toBeUndefined();
  });

  it('keeps the saved order and puts new profiles after it', () => {
    expect(orderProfiles(['a', 'b', 'c', 'd'], { order: ['c', 'gone', 'a'] })).toEqual(['c', 'a', 'b', 'd']);
    expect(orderProfiles(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('cells fit about five gateways at 80 columns, never cutting a name below ten characters; the window follows the focus', () => {
    const ten = ['canary-eu', 'canary-us', 'dev', 'prod-ap-south', 'prod-eu-central', 'prod-eu-west', 'prod-us-east', 'prod-us-west', 'staging-eu', 'staging-us'];
    expect(gridWidths(80, ten, 9)).toEqual({ nameW: 11, cellW: 13, visible: 5 });
    expect(gridWidths(60, ten, 9)).toMatchObject({ cellW: 12, visible: 3 });
    expect(gridWidths(80, ['a', 'b'], 9)).toMatchObject({ cellW: 8, visible: 2 });
    expect(columnTop(0, 7, 5, 10)).toBe(3);
    expect(columnTop(3, 4, 5, 10)).toBe(3);
    expect(columnTop(3, 1, 5, 10)).toBe(1);
  });

  it('b makes the focused column the baseline; < > move it; the cell view compares with another gateway on ← →', () => {
    let s = fleetReducer(initialFleetState, { type: 'started', profiles: ['a', 'down', 'b', 'c'] });
    for (const c of cols()) s = fleetReducer(s, { type: 'answered', profile: c.profile, state: c.state });
    s = fleetReducer(fleetReducer(s, { type: 'move', cols: 2 }), { type: 'baseline' });
    expect(s.baseline).toBe(2);
    expect(s.rows[0]!.cells.map(cellText)).toEqual(['≠ 1', '?', '=', '=']);
    s = fleetReducer(s, { type: 'moveColumn', delta: -1 });
    expect(layoutOf(s)).toEqual({ order: ['a', 'b', 'down', 'c'], baseline: 'b', focus: { provider: 'openai', profile: 'b' } });
    s = fleetReducer(fleetReducer(s, { type: 'move', cols: -1 }), { type: 'open' });
    expect(s.cell).toMatchObject({ from: 1, col: 0 });
    s = fleetReducer(s, { type: 'move', cols: 1 });
    // The unreachable column is skipped; c is the same as b.
    expect(s.cell).toMatchObject({ from: 1, col: 3 });
    expect(cellFields(s.rows[0]!, 3, 1)).toEqual([]);
    // Started again with that layout (after a push through the target's form): same order, baseline and focus.
    const again = fleetReducer(initialFleetState, { type: 'started', profiles: ['a', 'b', 'c', 'down'], layout: layoutOf(s) });
    expect(again.columns.map((c) => c.profile)).toEqual(['a', 'b', 'down', 'c']);
    expect(again).toMatchObject({ baseline: 1, col: 3, wantRow: 'openai' });
  });
});
