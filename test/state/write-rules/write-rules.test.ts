/** The pure rules of the write pipeline: one conflict rule, entry-by-entry re-apply, one stale-mask policy, honest sameness, the dialect seam. */
import { describe, expect, it } from 'vitest';
import { buildUpdateBody } from '../../../src/api/update-body.js';
import { checkPlan } from '../../../src/state/write-rules/check.js';
import { changesSince } from '../../../src/state/write-rules/conflict.js';
import { dialectOfRules, V1_5_DIALECT, type WriteDialect } from '../../../src/state/write-rules/dialect.js';
import { rulesForRelease } from '../../../src/api/versions/version-rules.js';
import { parseRelease } from '../../../src/api/versions/gateway-version.js';
import { editsBetween, mergeEntries, reapplyEdits } from '../../../src/state/write-rules/reapply.js';
import { keptNote, reviewWrite } from '../../../src/state/write-rules/review.js';
import { sameMasks } from '../../../src/state/write-rules/sameness.js';

const MASK_A = `svc-${'*'.repeat(24)}rost`;
const MASK_B = `svc-${'*'.repeat(24)}user`;
const base = {
  name: 'p', provider_status: 'active',
  network_config: { default_request_timeout_in_seconds: 300, max_retries: 2, extra_headers: { 'X-Team': 'platform' } },
  concurrency_and_buffer_size: { concurrency: 10, buffer_size: 20 },
  proxy_config: { type: 'http', username: { value: MASK_A, env_var: '', from_env: false } },
};
const provider = { kind: 'provider' as const, name: 'p' };
const copy = <T,>(v: T): T => structuredClone(v);

describe('the one conflict rule', () => {
  it.each([
    ['a reset to a default', (p: any) => void (p.network_config.default_request_timeout_in_seconds = 30)],
    ['an unset field', (p: any) => void delete p.network_config.default_request_timeout_in_seconds],
    ['a 0', (p: any) => void (p.network_config.max_retries = 0)],
    ['a null', (p: any) => void (p.proxy_config = null)],
    ['an empty block for an absent one', (p: any) => void (p.openai_config = {})],
  ])('%s since the plan\'s copy is a change', (_t, change) => {
    const now = copy(base);
    change(now);
    expect(changesSince('provider', base, now).length).toBeGreaterThan(0);
  });

  it('read-only fields (status, config hash) are not', () => {
    expect(changesSince('provider', base, { ...copy(base), provider_status: 'error', config_hash: 'x', description: 'down' })).toEqual([]);
  });
});

describe('entry-by-entry re-apply', () => {
  it('a map entry the user did not touch keeps the other writer\'s value', () => {
    expect(mergeEntries({ a: 1, b: 2 }, { a: 1, b: 2, c: 3 }, { a: 9, b: 2 })).toEqual({ value: { a: 9, b: 2, c: 3 }, overlaps: [] });
  });

  it('a list of names merges item by item; a clash is an overlap', () => {
    expect(mergeEntries(['a', 'b'], ['a', 'b', 'c'], ['a'])).toEqual({ value: ['a', 'c'], overlaps: [] });
    expect(mergeEntries(['a'], [], ['a', 'b'], ['models'])).toEqual({ value: ['b'], overlaps: [] });
    expect(mergeEntries(['a'], ['a', 'x'], [], ['models']).overlaps).toEqual([]);
  });

  it('a value both sides changed is an overlap; the user\'s wins; a field created by both is one too', () => {
    expect(mergeEntries(1, 2, 3, ['n'])).toEqual({ value: 2, overlaps: ['n'] });
    expect(mergeEntries(undefined, { x: '1' }, { y: '2' }, ['h'])).toEqual({ value: { y: '2', x: '1' }, overlaps: ['h'] });
  });

  it('absent allowed_requests (everything allowed) is a mode, not an empty map: the user\'s choice wins whole', () => {
    expect(mergeEntries({ a: true }, undefined, { a: true, b: true }, ['f'])).toEqual({ value: undefined, overlaps: ['f'] });
  });

  it('an EnvVar is one value, never merged inside', () => {
    const e = (v: string) => ({ value: v, env_var: '', from_env: false });
    expect(mergeEntries(e('1'), e('2'), e('3'), ['s'])).toEqual({ value: e('2'), overlaps: ['s'] });
  });

  it('edits of one copy move onto another: the body is theirs plus exactly my change', () => {
    const theirs = copy(base);
    theirs.network_config.extra_headers['X-Team'] = 'infra';
    theirs.concurrency_and_buffer_size.concurrency = 8;
    const mine = [{ path: ['network_config', 'extra_headers'], value: { 'X-Team': 'platform', 'X-Env': 'prod' } }];
    const { edits, overlaps } = reapplyEdits('provider', base, theirs, mine);
    expect(overlaps).toEqual([]);
    expect(buildUpdateBody(theirs, edits)).toEqual(buildUpdateBody(theirs, [{ path: ['network_config', 'extra_headers', 'X-Env'], value: 'prod' }]));
    expect(editsBetween({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toEqual([{ path: ['a', 'c'], remove: true }]);
  });
});

describe('the review', () => {
  it('one stale-mask policy: a mask that is not the gateway\'s current one is replaced by the current secret, and said so', () => {
    const current = copy(base);
    current.proxy_config.username.value = MASK_B;
    const plan = { action: 'update' as const, base, edits: [{ path: ['network_config', 'max_retries'], value: 3 }] };
    const r = reviewWrite(provider, plan, current);
    expect(r.kept).toEqual(['proxy_config.username']);
    expect((r.body!.proxy_config as any).username.value).toBe(MASK_B);
    expect(r.changes.map((c) => c.path)).toEqual(['network_config.max_retries']);
    expect(keptNote(r)).toBe('kept the gateway\'s current secret at proxy_config.username: a masked value that is not its current one cannot be sent');
  });

  it('the check: a conflict carries their fields and my edits re-applied on their copy; no change is "unchanged"', () => {
    const now = copy(base);
    now.network_config.max_retries = 7;
    const c = checkPlan(provider, { action: 'update', base, edits: [{ path: ['network_config', 'max_retries'], value: 5 }] }, now);
    expect(c).toMatchObject({ kind: 'conflict', reason: 'changed', overlaps: ['network_config.max_retries'], reapplied: { action: 'update', base: now } });
    expect(checkPlan(provider, { action: 'update', base, edits: [] }, base).kind).toBe('unchanged');
    expect(checkPlan(provider, { action: 'update', base, edits: [] }, null)).toMatchObject({ kind: 'conflict', reason: 'deleted' });
    expect(checkPlan(provider, { action: 'create', body: { network_config: {} } }, base)).toMatchObject({ kind: 'conflict', reason: 'created' });
  });

  it('the body comes from the dialect: on v1.4 a provider body carries its keys, as the gateway has them now', () => {
    const v14 = dialectOfRules(rulesForRelease('v1.4', parseRelease('1.4.23')));
    const withKeys = { ...copy(base), keys: [{ id: 'k1' }] };
    const r = reviewWrite(provider, { action: 'update', base: withKeys, edits: [] }, withKeys, v14);
    expect(r.body!.keys).toEqual([{ id: 'k1' }]);
    expect(r.dialect).toBe(v14.id);
    expect(reviewWrite(provider, { action: 'update', base: withKeys, edits: [] }, withKeys).body).not.toHaveProperty('keys');
    // Overwriting knowingly never sends an older copy's keys: a key added meanwhile stays.
    const now = { ...copy(base), keys: [{ id: 'k1' }, { id: 'k2' }] };
    const over = reviewWrite(provider, { action: 'update', base: withKeys, edits: [{ path: ['network_config', 'max_retries'], value: 9 }] }, now, v14);
    expect(over.body!.keys).toEqual([{ id: 'k1' }, { id: 'k2' }]);
    expect(over.changes.map((c) => c.path)).toEqual(['network_config.max_retries']);
  });

  it('a dialect refuses by throwing: the reason is the review\'s problem and there is no body to send', () => {
    const refusing: WriteDialect = { ...V1_5_DIALECT, writeBody: () => { throw new Error('this gateway (v1.4) cannot take a key edit here'); } };
    const r = reviewWrite(provider, { action: 'update', base, edits: [] }, base, refusing);
    expect(r.problems).toEqual(['this gateway (v1.4) cannot take a key edit here']);
    expect(r.body).toBeUndefined();
  });
});

describe('honest sameness', () => {
  it('equal masks are listed (in any wire shape); different masks and plain values are not', () => {
    const a = { network_config: { ca_cert_pem: `----${'*'.repeat(24)}---\n` }, proxy_config: { username: { value: MASK_A, env_var: '', from_env: false }, type: 'http' } };
    const b = { network_config: { ca_cert_pem: `----${'*'.repeat(24)}---\n` }, proxy_config: { username: MASK_A, type: 'http' } };
    expect(sameMasks(a, b)).toEqual(['network_config.ca_cert_pem', 'proxy_config.username']);
    expect(sameMasks(a, { ...b, proxy_config: { username: MASK_B, type: 'http' } })).toEqual(['network_config.ca_cert_pem']);
  });
});
