/** Key semantics of the key routes, v1.5 on (CONTRACT.md §4.6, §4.6.1; VERSIONS.md §5), as the demo gateway implements them. */
import { describe, expect, it } from 'vitest';
import { describeEachVersion, envSecret, literalSecret } from '../helpers/gateway-versions.js';
import { call, gateway, type Json } from './helpers.js';

const MASK = (v: string) => `${v.slice(0, 4)}${'*'.repeat(24)}${v.slice(-4)}`;
const stored = (gw: Awaited<ReturnType<typeof gateway>>, provider: string, name: string): Json =>
  (gw.storedProvider(provider)!.keys as Json[]).find((k) => k.name === name)!;

describeEachVersion('demo gateway: key semantics', (version) => {
  const gateway_ = () => gateway({ version });
  it('seeds env-backed keys in the line\'s shape, an Azure key with its block and aliases, a failing key, an unknown field', async () => {
    const gw = await gateway_();
    const openai = (await call(gw, 'GET', '/api/providers/openai/keys')).json.keys as Json[];
    expect(openai[0]!.rate_limit).toEqual({ requests_per_minute: 5000, tokens_per_minute: 2000000 });
    expect(openai[1]!.value).toEqual(envSecret(version, MASK('sk-proj-Bt5nW8cYx2LvR6mQ9sKd4HfJ7gTz3PaE'), 'env.OPENAI_BATCH_KEY'));
    const fallback = ((await call(gw, 'GET', '/api/providers/anthropic/keys')).json.keys as Json[])[1]!;
    expect(fallback.value).toEqual(envSecret(version, MASK('sk-ant-api03-Fb2Qw7Er4Ty9Ui1Op6As3Df8Gh5Jk0L'), 'env.ANTHROPIC_FALLBACK_KEY'));
    const azure = ((await call(gw, 'GET', '/api/providers/azure/keys')).json.keys as Json[])[0]!;
    expect(azure.azure_key_config.api_version).toEqual(literalSecret(version, '2024-10-21'));
    expect(azure.aliases).toEqual({ 'gpt-4o': 'gpt4o-prod', 'gpt-4o-mini': 'gpt4o-mini-eu' });
    const failing = ((await call(gw, 'GET', '/api/providers/groq/keys')).json.keys as Json[])[1]!;
    expect(failing.status).toBe('list_models_failed');
    expect(failing.description).toMatch(/Invalid API Key/);
  });

  it('a redacted value sent back keeps the stored credential (both shapes, config blocks too)', async () => {
    const gw = await gateway_();
    for (const [provider, name, secret] of [
      ['openai', 'openai-prod', 'sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA'],
      ['anthropic', 'anthropic-fallback', 'sk-ant-api03-Fb2Qw7Er4Ty9Ui1Op6As3Df8Gh5Jk0L'],
      ['azure', 'azure-eastus', '3f9c2a7e1b5d4c8a9e6f0b2d7c4a1e8f'],
    ] as const) {
      const key = ((await call(gw, 'GET', `/api/providers/${provider}/keys`)).json.keys as Json[]).find((k) => k.name === name)!;
      const res = await call(gw, 'PUT', `/api/providers/${provider}/keys/${key.id}`, { ...key, weight: 0.25 });
      expect(res.status).toBe(200);
      expect(res.json.value).toEqual(key.value);
      expect(stored(gw, provider, name).value.value).toBe(secret);
      expect(stored(gw, provider, name).weight).toBe(0.25);
    }
    expect(stored(gw, 'azure', 'azure-eastus').azure_key_config.endpoint.value).toBe('https://acme-eastus.openai.azure.com');
  });

  it('a redacted value that is not the current mask: stored as the secret on v1.5, the credential kept from v1.6; a reference replaces it', async () => {
    const gw = await gateway_();
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0')).json;
    const stale = MASK('some-other-secret-entirely');
    expect((await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, value: stale })).status).toBe(200);
    expect(stored(gw, 'groq', 'groq-key').value.value).toBe(version === '1.5' ? stale : 'gsk_Lm3Np7Qr1St5Uv9Wx2Yz6Ab0Cd4Ef8Gh');
    await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, value: 'env.GROQ_ROTATED' });
    expect(stored(gw, 'groq', 'groq-key').value).toEqual(envSecret(version, '', 'env.GROQ_ROTATED'));
  });

  it('allow-lists: ["*"] and [] are accepted, a wildcard with names and duplicates are 400', async () => {
    const gw = await gateway_();
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0')).json;
    const put = (models: unknown, extra: Json = {}) => call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, models, ...extra });
    expect((await put(['*'])).status).toBe(200);
    expect((await put([])).json.models).toEqual([]);
    const mixed = await put(['*', 'llama-3.3-70b']);
    expect([mixed.status, mixed.json.error.message]).toEqual([400, 'Invalid models: wildcard "*" cannot be mixed with model names']);
    const dup = await put(['a', 'a']);
    expect([dup.status, dup.json.error.message]).toEqual([400, 'Invalid models: duplicate model "a"']);
    expect((await put(['*'], { blacklisted_models: ['x', 'x'] })).json.error.message).toBe('Invalid blacklisted_models: duplicate model "x"');
    expect((await put(['*'], { aliases: { a: '' } })).status).toBe(400);
    expect(stored(gw, 'groq', 'groq-key').models).toEqual([]);
  });

  it('unique names across providers (409 from v1.6, the store\'s 500 on v1.5), generated ids, enabled defaults to true', async () => {
    const gw = await gateway_();
    const dup = await call(gw, 'POST', '/api/providers/groq/keys', { name: 'openai-prod', value: 'gsk_new_value_0123456789' });
    expect([dup.status, dup.json.error.message]).toEqual(version === '1.5'
      ? [500, 'Failed to create provider key: failed to create provider key in store: a record with this name already exists. Please use a different value']
      : [409, 'API key names must be unique across providers. Choose a different name']);
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0')).json;
    expect((await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, name: 'anthropic-main' })).status).toBe(version === '1.5' ? 500 : 409);
    const made = await call(gw, 'POST', '/api/providers/groq/keys', { id: '', name: 'groq-new', value: 'gsk_new_value_0123456789', models: ['*'] });
    expect(made.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.json.enabled).toBe(true);
  });

  it('computed fields (status, description, config_hash) cannot be set through a PUT', async () => {
    const gw = await gateway_();
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/7e6d5c4b-3a29-4817-b6a5-f4e3d2c1b0a9')).json;
    const res = await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, status: 'success', description: '' });
    expect(res.json.status).toBe('list_models_failed');
  });
}, ['1.5', '1.6', '2.2']);

describe('demo gateway: key PUT, full replace or patch (VERSIONS.md §5.3)', () => {
  const PROD = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';

  it.each(['1.5', '1.6'] as const)('v%s replaces the whole key: omitted models serve nothing, omitted weight is 0, unknown fields go', async (version) => {
    const gw = await gateway({ version });
    const key = (await call(gw, 'GET', `/api/providers/openai/keys/${PROD}`)).json;
    const res = await call(gw, 'PUT', `/api/providers/openai/keys/${PROD}`, { name: key.name, value: key.value });
    expect(res.status).toBe(200);
    const after = stored(gw, 'openai', 'openai-prod');
    expect(after.value.value).toBe('sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA');
    expect([after.models, after.weight, after.rate_limit, after.blacklisted_models]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('v2.2 patches: omitted fields keep their stored values, a field sent as [] is applied, an empty name keeps the name', async () => {
    const gw = await gateway({ version: '2.2' });
    const res = await call(gw, 'PUT', `/api/providers/openai/keys/${PROD}`, { weight: 0.1, blacklisted_models: [], name: '' });
    expect(res.status).toBe(200);
    const after = stored(gw, 'openai', 'openai-prod');
    expect(after).toMatchObject({ name: 'openai-prod', weight: 0.1, blacklisted_models: [], models: ['gpt-4o', 'gpt-4o-mini'], rate_limit: { requests_per_minute: 5000 } });
    expect(after.value.value).toBe('sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA');
  });

  it.each(['1.6', '2.2'] as const)('v%s refuses a masked value where nothing is stored (400 masked preview)', async (version) => {
    const gw = await gateway({ version });
    const key = (await call(gw, 'GET', '/api/providers/azure/keys')).json.keys[0];
    const res = await call(gw, 'PUT', `/api/providers/azure/keys/${key.id}`, { ...key, azure_key_config: { ...key.azure_key_config, client_secret: MASK('never-stored-secret') } });
    expect([res.status, res.json.error.message]).toEqual([400, 'masked preview cannot be used for azure_key_config.client_secret without a stored value']);
  });
});
