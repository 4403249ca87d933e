/**
 * The demo gateway plays each release line as VERSIONS.md §8 describes. Each
 * test asserts on what the gateway stored, because that is what a client's
 * write leaves behind on a real gateway of that line.
 */
import { describe, expect, it } from 'vitest';
import { mask } from '../../src/demo-gateway/index.js';
import { describeEachVersion, literalSecret, REPORTED } from '../helpers/gateway-versions.js';
import { bodyOf, call, gateway, type Json } from './helpers.js';

const PROD = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';
const PROD_SECRET = 'sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA';
const storedKeys = (gw: Awaited<ReturnType<typeof gateway>>, name: string): Json[] => (gw.storedProvider(name)?.keys ?? []) as Json[];

describeEachVersion('demo gateway: /api/version', (version) => {
  it('answers the release as a JSON string; behind auth on v1.4 only', async () => {
    const gw = await gateway({ version, auth: { kind: 'bearer', token: 'tok-123456' } });
    const open = await call(gw, 'GET', '/api/version');
    if (version === '1.4') {
      expect(open.status).toBe(401);
    } else {
      expect([open.status, open.text]).toEqual([200, `"${REPORTED[version]}"\n`]);
    }
    const authed = await call(gw, 'GET', '/api/version', undefined, { authorization: 'Bearer tok-123456' });
    expect(authed.json).toBe(REPORTED[version]);
  });
});

describe('demo gateway: what /api/version may answer instead', () => {
  it('a dev build\'s v1.0.0, or no route at all (the dashboard)', async () => {
    expect((await call(await gateway({ reportedVersion: 'v1.0.0' }), 'GET', '/api/version')).json).toBe('v1.0.0');
    const none = await call(await gateway({ reportedVersion: null }), 'GET', '/api/version');
    expect([none.status, none.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it('refuses the v2 switches on a line without them', async () => {
    await expect(gateway({ version: '1.6', authBypassed: true })).rejects.toThrow(/v2\.2's, not 1\.6's/);
  });
});

describe('demo gateway v1.4: keys inside providers (VERSIONS.md §3.1, §6)', () => {
  const v14 = () => gateway({ version: '1.4' });
  const fetched = async (gw: Awaited<ReturnType<typeof gateway>>, name: string): Promise<Json> => (await call(gw, 'GET', `/api/providers/${name}`)).json;

  it('a PUT without keys deletes every key of the provider', async () => {
    const gw = await v14();
    expect(storedKeys(gw, 'openai')).toHaveLength(2);
    const res = await call(gw, 'PUT', '/api/providers/openai', await bodyOf(gw, 'openai'));
    expect(res.status).toBe(200);
    expect(res.json.keys).toEqual([]);
    expect(storedKeys(gw, 'openai')).toEqual([]);
  });

  it('keys sent back whole as fetched are kept (current masks restore the secrets byte for byte)', async () => {
    const gw = await v14();
    const before = storedKeys(gw, 'openai');
    const shown = (await fetched(gw, 'openai')).keys;
    const body = { ...(await bodyOf(gw, 'openai')), keys: shown };
    expect((await call(gw, 'PUT', '/api/providers/openai', body)).status).toBe(200);
    expect(storedKeys(gw, 'openai').map((k) => k.value)).toEqual(before.map((k) => k.value));
    expect((await fetched(gw, 'openai')).keys).toEqual(shown);
  });

  it('a mask that is not the current one is stored as the secret; a key left out is deleted', async () => {
    const gw = await v14();
    const keys = (await fetched(gw, 'openai')).keys as Json[];
    const stale = mask('sk-proj-an-older-rotated-secret-0000');
    const body = { ...(await bodyOf(gw, 'openai')), keys: [{ ...keys[0], value: { ...keys[0]!.value, value: stale } }] };
    await call(gw, 'PUT', '/api/providers/openai', body);
    expect(storedKeys(gw, 'openai').map((k) => [k.id, k.value])).toEqual([[PROD, literalSecret('1.4', stale)]]);
  });

  it('an object secret of the newer shape is stored as its JSON text', async () => {
    const gw = await v14();
    const keys = (await fetched(gw, 'openai')).keys as Json[];
    const newer = { value: 'sk-typed-in-the-newer-shape', ref: '', type: 'plain_text' };
    await call(gw, 'PUT', '/api/providers/openai', { ...(await bodyOf(gw, 'openai')), keys: [{ ...keys[0], value: newer }, keys[1]] });
    expect(storedKeys(gw, 'openai')[0]!.value).toEqual(literalSecret('1.4', JSON.stringify(newer)));
  });

  it('a new key (empty id) gets an id and is enabled whatever was sent; a replaced key takes the body wholesale', async () => {
    const gw = await v14();
    const keys = (await fetched(gw, 'openai')).keys as Json[];
    const added = { id: '', name: 'openai-new', value: 'sk-brand-new-value-0001', models: [], weight: 1, enabled: false };
    const { rate_limit: _dropped, ...prodWithoutUnknown } = keys[0]!;
    await call(gw, 'PUT', '/api/providers/openai', { ...(await bodyOf(gw, 'openai')), keys: [{ ...prodWithoutUnknown, weight: 0.9 }, keys[1], added] });
    const after = storedKeys(gw, 'openai');
    expect(after).toHaveLength(3);
    expect(after[0]).toMatchObject({ id: PROD, weight: 0.9, value: literalSecret('1.4', PROD_SECRET), status: 'success' });
    expect(after[0]!.rate_limit).toBeUndefined();
    expect(after[2]).toMatchObject({ name: 'openai-new', enabled: true, models: [], value: literalSecret('1.4', 'sk-brand-new-value-0001') });
    expect(after[2]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET drops huggingface_key_config, so an echo of the keys erases it', async () => {
    const hf = {
      name: 'huggingface', network_config: null, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 1 }, proxy_config: null,
      keys: [{ id: 'hf-1', name: 'hf', value: { value: 'hf_secret_token_000001', env_var: '', from_env: false }, models: [], weight: 1, huggingface_key_config: { deployments: { a: 'b' } } }],
    };
    const gw = await gateway({ version: '1.4', seed: [hf as never] });
    const shown = await fetched(gw, 'huggingface');
    expect(shown.keys[0].huggingface_key_config).toBeUndefined();
    await call(gw, 'PUT', '/api/providers/huggingface', { ...(await bodyOf(gw, 'huggingface')), keys: shown.keys });
    expect(storedKeys(gw, 'huggingface')[0]!.huggingface_key_config).toBeUndefined();
  });

  it('answers bad JSON with Invalid JSON; has no key routes (GET: the dashboard, others 405); POST takes keys', async () => {
    const gw = await v14();
    const bad = await call(gw, 'PUT', '/api/providers/openai', '{not json');
    expect([bad.status, bad.json.error.message]).toEqual([400, 'Invalid JSON: the body does not decode into the request payload']);
    const list = await call(gw, 'GET', '/api/providers/openai/keys');
    expect([list.status, list.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect((await call(gw, 'POST', '/api/providers/openai/keys', { name: 'x', value: 'sk-x' })).status).toBe(405);
    expect((await call(gw, 'PUT', `/api/providers/openai/keys/${PROD}`, { weight: 1 })).status).toBe(405);
    expect(storedKeys(gw, 'openai')).toHaveLength(2);
    const made = await call(gw, 'POST', '/api/providers', { provider: 'mistral', keys: [{ name: 'm', value: 'mistral-secret-000001', models: [] }] });
    expect(made.status).toBe(200);
    expect(storedKeys(gw, 'mistral')).toMatchObject([{ name: 'm', enabled: true, value: literalSecret('1.4', 'mistral-secret-000001') }]);
  });

  it('duplicate key names fail in the store (500), nothing changes', async () => {
    const gw = await v14();
    const keys = (await fetched(gw, 'openai')).keys as Json[];
    const res = await call(gw, 'PUT', '/api/providers/openai', { ...(await bodyOf(gw, 'openai')), keys: [...keys, { id: '', name: 'anthropic-main', value: 'sk-dup-0001' }] });
    expect(res.status).toBe(500);
    expect(res.json.error.message).toMatch(/^Failed to update provider: /);
    expect(storedKeys(gw, 'openai')).toHaveLength(2);
  });
});

describeEachVersion('demo gateway: keys on a provider PUT from v1.5', (version) => {
  it('v1.5 ignores them; v1.6+ refuses a non-empty list; the stored keys stay', async () => {
    const gw = await gateway({ version });
    const before = storedKeys(gw, 'openai');
    const res = await call(gw, 'PUT', '/api/providers/openai', { ...(await bodyOf(gw, 'openai')), keys: [{ id: 'x', name: 'x', value: 'sk-x' }] });
    if (version === '1.5') expect(res.status).toBe(200);
    else expect([res.status, res.json.error.message]).toEqual([400, expect.stringMatching(/^keys are not accepted on this endpoint; use POST\/PUT/)]);
    expect((await call(gw, 'PUT', '/api/providers/openai', { ...(await bodyOf(gw, 'openai')), keys: [] })).status).toBe(200);
    expect(storedKeys(gw, 'openai')).toEqual(before);
  });

  it('an omitted proxy_config is cleared up to v1.6, kept on v2; null clears on every line', async () => {
    const gw = await gateway({ version });
    const { proxy_config: _p, ...body } = await bodyOf(gw, 'groq');
    await call(gw, 'PUT', '/api/providers/groq', body);
    if (version === '2.2') expect(gw.storedProvider('groq')?.proxy_config).toMatchObject({ type: 'http' });
    else expect(gw.storedProvider('groq')?.proxy_config).toBeNull();
    await call(gw, 'PUT', '/api/providers/groq', { ...body, proxy_config: null });
    expect(gw.storedProvider('groq')?.proxy_config).toBeNull();
  });

  it('a bad body: Invalid JSON up to v1.5, Invalid request payload from v1.6', async () => {
    const gw = await gateway({ version });
    const res = await call(gw, 'PUT', '/api/providers/openai', '[1]');
    expect(res.json.error.message).toBe(version === '1.5' ? 'Invalid JSON: the body does not decode into the request payload' : 'Invalid request payload');
  });

  it('a key secret in the newer {value, ref, type} shape is stored as its JSON text on v1.5, understood from v1.6', async () => {
    const gw = await gateway({ version });
    const sent = { value: 'sk-rotated-by-a-newer-tool-01', ref: '', type: 'plain_text' };
    const res = await call(gw, 'POST', '/api/providers/groq/keys', { name: 'groq-new', value: sent, models: ['*'] });
    expect(res.status).toBe(200);
    const stored = storedKeys(gw, 'groq').find((k) => k.name === 'groq-new')!;
    expect(stored.value).toEqual(version === '1.5' ? literalSecret('1.5', JSON.stringify(sent)) : literalSecret(version, 'sk-rotated-by-a-newer-tool-01'));
  });
}, ['1.5', '1.6', '2.2']);

describe('demo gateway v2.2: kept blocks, new fields, refresh routes', () => {
  it('keeps omitted openai_config, prompt_cache and ignore_provider_cost; shows ignore_provider_cost always', async () => {
    const gw = await gateway({ version: '2.2' });
    gw.mutateProvider('openai', (p) => {
      (p as Json).prompt_cache = { enabled: true };
      (p as Json).ignore_provider_cost = true;
    });
    const { openai_config: _o, prompt_cache: _c, ignore_provider_cost: _i, ...body } = await bodyOf(gw, 'openai');
    await call(gw, 'PUT', '/api/providers/openai', body);
    expect(gw.storedProvider('openai')).toMatchObject({ openai_config: { disable_store: true }, prompt_cache: { enabled: true }, ignore_provider_cost: true });
    expect((await call(gw, 'GET', '/api/providers/anthropic')).json.ignore_provider_cost).toBe(false);
  });

  it('answers the refresh routes (v2 only)', async () => {
    const gw = await gateway({ version: '2.2' });
    expect((await call(gw, 'POST', '/api/providers/openai/refresh-models')).json.total).toBe(2);
    expect((await call(gw, 'POST', `/api/providers/openai/keys/${PROD}/refresh-models`)).json.id).toBe(PROD);
    const older = await gateway({ version: '1.6' });
    expect((await call(older, 'POST', '/api/providers/openai/refresh-models')).status).toBe(405);
  });
});

describe('demo gateway v2.2 with dashboard auth off: the admin-session gates (VERSIONS.md §5.6)', () => {
  const gated = () => gateway({ version: '2.2', authBypassed: true });

  it('a sent-back provider and a changed timeout pass; base URL, proxy URL and CA changes answer 403 naming them', async () => {
    const gw = await gated();
    const openai = await bodyOf(gw, 'openai');
    expect((await call(gw, 'PUT', '/api/providers/openai', openai)).status).toBe(200);
    expect((await call(gw, 'PUT', '/api/providers/openai', { ...openai, network_config: { ...openai.network_config, max_retries: 4 } })).status).toBe(200);
    const url = await call(gw, 'PUT', '/api/providers/openai', { ...openai, network_config: { ...openai.network_config, base_url: 'https://other.example.com' } });
    expect([url.status, url.json.error.message]).toEqual([403, expect.stringMatching(/^Setting a provider's base URL or allow_private_network requires an authenticated admin session/)]);
    const groq = await bodyOf(gw, 'groq');
    const proxy = await call(gw, 'PUT', '/api/providers/groq', { ...groq, proxy_config: { ...groq.proxy_config, url: 'http://evil.example.com:3128' } });
    expect([proxy.status, proxy.json.error.message]).toEqual([403, expect.stringMatching(/^Changing a provider's proxy, TLS trust or absolute request URL settings \(proxy_config\.url\) requires/)]);
    expect(gw.storedProvider('openai')?.network_config?.base_url).toBe('https://api.openai.com');
  });

  it('a key whose endpoint changes answers 403; its weight alone passes', async () => {
    const gw = await gated();
    const key = (await call(gw, 'GET', '/api/providers/azure/keys')).json.keys[0];
    expect((await call(gw, 'PUT', `/api/providers/azure/keys/${key.id}`, { ...key, weight: 3 })).status).toBe(200);
    const moved = await call(gw, 'PUT', `/api/providers/azure/keys/${key.id}`, { ...key, azure_key_config: { ...key.azure_key_config, endpoint: 'https://elsewhere.openai.azure.com' } });
    expect([moved.status, moved.json.error.message]).toEqual([403, expect.stringMatching(/^Changing a provider key's endpoint \(azure_key_config\.endpoint\) requires/)]);
  });
});

describe('demo gateway v2.2 locked until setup', () => {
  it('every non-public /api call needs the setup token (401 without, 403 wrong); /api/version stays public', async () => {
    const gw = await gateway({ version: '2.2', setupToken: 'setup-7f3a9c' });
    expect((await call(gw, 'GET', '/api/providers')).status).toBe(401);
    expect((await call(gw, 'GET', '/api/providers', undefined, { 'x-bifrost-setup-token': 'nope' })).status).toBe(403);
    expect((await call(gw, 'GET', '/api/providers', undefined, { 'x-bifrost-setup-token': 'setup-7f3a9c' })).status).toBe(200);
    expect((await call(gw, 'GET', '/api/version')).json).toBe('v2.2.6');
    expect((await call(gw, 'GET', '/api/session/is-auth-enabled')).json).toMatchObject({ setup_required: true, setup_token_configured: true });
  });
});
