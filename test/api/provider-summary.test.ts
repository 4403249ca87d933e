/**
 * The list screen's summaries: the fields it shows, read from the same reply
 * the full schema reads, with the same verdict on a wrong type; and the real
 * client's `listProviderSummaries` against the demo gateway.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { createClient } from '../../src/api/client.js';
import { summarizeProvider, summarizeProviderList } from '../../src/api/provider-summary.js';
import type { GatewayClient } from '../../src/api/types.js';
import { AllKeysSchema, ProviderListSchema, type Provider } from '../../src/api/wire.js';
import { readAllKeys } from '../../src/api/all-keys.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';
import type { DemoGateway } from '../../src/demo-gateway/types.js';

/** What the summary must say, read from the provider as the full schema parses it. */
function expected(p: Provider) {
  const c = p.custom_provider_config;
  const conc = p.concurrency_and_buffer_size;
  const summary: Record<string, unknown> = { name: p.name, custom: c != null, keyless: c?.is_key_less === true };
  const set = (k: string, v: unknown): void => {
    if (v !== undefined && v !== null) summary[k] = v;
  };
  set('providerStatus', p.provider_status);
  set('status', p.status);
  set('description', p.description);
  set('baseUrl', p.network_config?.base_url);
  set('concurrency', conc?.concurrency);
  set('bufferSize', conc?.buffer_size);
  set('proxyType', p.proxy_config?.type);
  set('baseType', c?.base_provider_type);
  return summary;
}

let gw: DemoGateway | undefined;
let client: GatewayClient | undefined;
afterEach(async () => {
  await client?.close();
  await gw?.close();
});

describe('provider summaries', () => {
  it.each([
    ['a small list, read whole', 0],
    ['a large list, read as it arrives', 400],
  ])('say what the full parse of the same reply says, for every provider of the demo gateway: %s', async (_, extraProviders) => {
    gw = await startDemoGateway({ extraProviders });
    client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
    const full = await client.listProviders();
    const summaries = await client.listProviderSummaries();
    expect(summaries).toHaveLength(full.length);
    summaries.forEach((s, i) => expect(s).toEqual(expected(full[i]!)));
    // A proxy, a note, a keyless custom provider and a missing concurrency block are all in the demo data.
    expect(summaries.some((s) => s.proxyType && s.proxyType !== 'none')).toBe(true);
    expect(summaries.some((s) => s.status)).toBe(true);
  });

  it('take nulls as absent, as the full schema does', () => {
    const raw = { name: 'x', network_config: null, concurrency_and_buffer_size: { concurrency: null, buffer_size: 7 }, proxy_config: { type: null }, custom_provider_config: null, provider_status: null };
    const full = ProviderListSchema.parse({ providers: [raw] }).providers[0]!;
    expect(summarizeProvider(raw)).toEqual(expected(full));
    expect(summarizeProvider(raw)).toEqual({ name: 'x', custom: false, keyless: false, bufferSize: 7 });
  });

  it('refuse a wrong type in a field the list shows, naming it as the full schema does', () => {
    const bad = (providers: unknown): string => {
      try {
        summarizeProviderList({ providers });
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    const zod = (providers: unknown): string => {
      const r = ProviderListSchema.safeParse({ providers });
      const issue = r.success ? undefined : r.error.issues[0];
      return issue ? `${issue.path.join('.')}: ${issue.message}` : 'accepted';
    };
    for (const providers of [
      [{ name: 'a' }, { name: 3 }],
      [{ name: 'a', provider_status: 1 }],
      [{ name: 'a', network_config: { base_url: ['x'] } }],
      [{ name: 'a', concurrency_and_buffer_size: { concurrency: '5' } }],
      [{ name: 'a', custom_provider_config: { is_key_less: false } }],
      [{ name: 'a', proxy_config: 'http' }],
      'nope',
    ]) {
      expect(bad(providers)).toBe(zod(providers));
    }
    expect(bad(null)).toBe('accepted');
    // Both members wrong: the providers are named first, as the full schema orders them.
    const both = (): string => {
      try {
        summarizeProviderList({ total: 'x', providers: [{ name: 1 }] });
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    const r = ProviderListSchema.safeParse({ total: 'x', providers: [{ name: 1 }] });
    expect(both()).toBe(r.success ? 'accepted' : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
  });

  it.each([
    ['a large page', `<html>${'<p>dashboard</p>'.repeat(8000)}</html>`],
    ['large JSON of another shape', JSON.stringify({ items: Array.from({ length: 8000 }, (_, i) => ({ name: `n${i}` })) })],
    ['a large list cut short', JSON.stringify({ providers: Array.from({ length: 20_000 }, (_, i) => ({ name: `n${i}` })) }).slice(0, 100_000)],
    ['a large list with a wrong field', JSON.stringify({ providers: Array.from({ length: 8000 }, (_, i) => ({ name: i === 7000 ? 1 : `n${i}` })) })],
    ['a large list with a provider nested past the bound', JSON.stringify({ providers: Array.from({ length: 8000 }, (_, i) => ({ name: `n${i}`, ...(i === 7000 ? { deep: JSON.parse('['.repeat(150) + ']'.repeat(150)) } : {}) })) })],
  ])('%s fails as the same error as the full read of it', async (_, rawBody) => {
    // Past the size from which the client reads a list as it arrives (client.ts).
    expect(rawBody.length).toBeGreaterThan(64 * 1024);
    gw = await startDemoGateway();
    client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, getRetries: 0 });
    gw.addFault({ path: '/api/providers', status: 200, rawBody, times: 2 });
    const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ApiError);
    const full = await failure(client.listProviders());
    const summaries = await failure(client.listProviderSummaries());
    expect(full).toBeInstanceOf(ApiError);
    expect(summaries).toMatchObject({ kind: full!.kind, status: full!.status });
    if (full!.kind === 'bad-response') expect(summaries!.message).toBe(full!.message);
  });

  it('a reply of the wrong shape is a bad reply of the client, one line naming the field', async () => {
    gw = await startDemoGateway();
    client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
    gw.addFault({ path: '/api/providers', status: 200, rawBody: JSON.stringify({ providers: [{ name: 'a', provider_status: 5 }] }) });
    const err = await client.listProviderSummaries().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: 'bad-response', status: 200 });
    expect((err as ApiError).message).toContain('providers.0.provider_status: Invalid input: expected string, received number');
  });
});

describe('GET /api/keys read in place', () => {
  it('takes and refuses what AllKeysSchema takes and refuses, and keeps every field of an item', () => {
    const verdict = (json: unknown): string => {
      try {
        return JSON.stringify(readAllKeys(json));
      } catch {
        return 'refused';
      }
    };
    const zod = (json: unknown): string => {
      const r = AllKeysSchema.safeParse(json);
      return r.success ? JSON.stringify(r.data) : 'refused';
    };
    for (const json of [
      [{ key_id: 'k1', name: 'a', provider: 'openai', models: ['*'], extra: { x: 1 } }, { provider: 'groq' }],
      { keys: [{ id: 'k2', provider: 'openai' }] },
      { keys: null },
      [{ provider: null }],
      [{ name: 5 }],
      ['x'],
      { keys: 'x' },
      'x',
    ]) {
      expect(verdict(json)).toBe(zod(json));
    }
  });
});
