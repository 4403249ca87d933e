/** Key semantics since v1.5 (CONTRACT.md §4.6, §4.6.1) as the demo gateway implements them. */
import { describe, expect, it } from 'vitest';
import { call, gateway, type Json } from './helpers.js';

const MASK = (v: string) => `${v.slice(0, 4)}${'*'.repeat(24)}${v.slice(-4)}`;
const stored = (gw: Awaited<ReturnType<typeof gateway>>, provider: string, name: string): Json =>
  (gw.storedProvider(provider)!.keys as Json[]).find((k) => k.name === name)!;

describe('demo gateway: key semantics (CONTRACT.md §4.6.1)', () => {
  it('seeds both EnvVar shapes, an Azure key with its block and aliases, a failing key, an unknown field', async () => {
    const gw = await gateway();
    const openai = (await call(gw, 'GET', '/api/providers/openai/keys')).json.keys as Json[];
    expect(openai[0]!.rate_limit).toEqual({ requests_per_minute: 5000, tokens_per_minute: 2000000 });
    expect(openai[1]!.value).toEqual({ value: MASK('sk-proj-Bt5nW8cYx2LvR6mQ9sKd4HfJ7gTz3PaE'), env_var: 'env.OPENAI_BATCH_KEY', from_env: true });
    const fallback = ((await call(gw, 'GET', '/api/providers/anthropic/keys')).json.keys as Json[])[1]!;
    expect(fallback.value).toEqual({ value: MASK('sk-ant-api03-Fb2Qw7Er4Ty9Ui1Op6As3Df8Gh5Jk0L'), ref: 'env.ANTHROPIC_FALLBACK_KEY', type: 'env' });
    const azure = ((await call(gw, 'GET', '/api/providers/azure/keys')).json.keys as Json[])[0]!;
    expect(azure.azure_key_config.endpoint.value).toBe(MASK('https://acme-eastus.openai.azure.com'));
    expect(azure.azure_key_config.api_version).toEqual({ value: '2024-10-21', env_var: '', from_env: false });
    expect(azure.aliases).toEqual({ 'gpt-4o': 'gpt4o-prod', 'gpt-4o-mini': 'gpt4o-mini-eu' });
    const failing = ((await call(gw, 'GET', '/api/providers/groq/keys')).json.keys as Json[])[1]!;
    expect(failing.status).toBe('list_models_failed');
    expect(failing.description).toMatch(/Invalid API Key/);
  });

  it('a redacted value sent back keeps the stored credential (both shapes, config blocks too)', async () => {
    const gw = await gateway();
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

  it('a redacted value that is not the current mask still keeps the credential; a reference replaces it', async () => {
    const gw = await gateway();
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0')).json;
    await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, value: MASK('some-other-secret-entirely') });
    expect(stored(gw, 'groq', 'groq-key').value.value).toBe('gsk_Lm3Np7Qr1St5Uv9Wx2Yz6Ab0Cd4Ef8Gh');
    await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, value: 'env.GROQ_ROTATED' });
    expect(stored(gw, 'groq', 'groq-key').value).toMatchObject({ env_var: 'env.GROQ_ROTATED', from_env: true });
  });

  it('allow-lists: ["*"] and [] are accepted, a wildcard with names and duplicates are 400', async () => {
    const gw = await gateway();
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

  it('unique names across providers (409), generated ids, enabled defaults to true', async () => {
    const gw = await gateway();
    const dup = await call(gw, 'POST', '/api/providers/groq/keys', { name: 'openai-prod', value: 'gsk_new_value_0123456789' });
    expect([dup.status, dup.json.error.message]).toEqual([409, 'API key names must be unique across providers. Choose a different name']);
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0')).json;
    expect((await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, name: 'anthropic-main' })).status).toBe(409);
    const made = await call(gw, 'POST', '/api/providers/groq/keys', { id: '', name: 'groq-new', value: 'gsk_new_value_0123456789', models: ['*'] });
    expect(made.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.json.enabled).toBe(true);
  });

  it('computed fields (status, description, config_hash) cannot be set through a PUT', async () => {
    const gw = await gateway();
    const key = (await call(gw, 'GET', '/api/providers/groq/keys/7e6d5c4b-3a29-4817-b6a5-f4e3d2c1b0a9')).json;
    const res = await call(gw, 'PUT', `/api/providers/groq/keys/${key.id}`, { ...key, status: 'success', description: '' });
    expect(res.json.status).toBe('list_models_failed');
  });
});
