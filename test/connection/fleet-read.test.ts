/** Reading many gateways: one pool for `fleet diff` and the fleet screen, each gateway with its profile's own deadline. */
import { describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../src/api/types.js';
import { readFleet } from '../../src/connection/fleet-read.js';
import { fakeClient } from '../helpers/fake-client.js';

/** A client whose provider list never comes unless its signal aborts. */
function hanging(): GatewayClient {
  const c = fakeClient([]);
  return { ...c, listProviders: (o) => new Promise((_, reject) => o?.signal?.addEventListener('abort', () => reject(new Error('aborted')))) };
}

describe('readFleet', () => {
  it('cuts each gateway off at its own profile\'s timeout; a slow one does not hold the others; answers in profile order', async () => {
    const answered: string[] = [];
    const started = Date.now();
    const result = await readFleet(['slow', 'fast'], async (name) => (name === 'slow' ? { client: hanging(), timeoutMs: 80, url: 'http://slow' } : { client: fakeClient([{ name: 'openai' }]), url: 'http://fast' }), {
      onAnswer: (profile) => answered.push(profile),
    });
    expect(result.map((r) => r.profile)).toEqual(['slow', 'fast']);
    expect(result[0]!.state).toEqual({ kind: 'error', reason: 'no answer within 80 ms' });
    expect(result[1]!.state).toMatchObject({ kind: 'ok', providers: [{ name: 'openai' }] });
    expect(answered).toEqual(['fast', 'slow']);
    // The profile's 80 ms, not the 10 s default.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a timeout given for all overrides the profiles\'; a gateway that cannot be opened is an answer saying why', async () => {
    const result = await readFleet(['a', 'b'], async (name) => {
      if (name === 'b') throw new Error('profile "b" is not stored');
      return { client: hanging(), timeoutMs: 60_000 };
    }, { timeoutMs: 50 });
    expect(result.map((r) => r.state)).toEqual([
      { kind: 'error', reason: 'no answer within 50 ms' },
      { kind: 'error', reason: 'profile "b" is not stored' },
    ]);
  });
});
