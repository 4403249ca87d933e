import { describe, expect, it } from 'vitest';
import { call, gateway } from './helpers.js';

const UNAUTHORIZED = '{"is_bifrost_error":false,"status_code":401,"error":{"message":"Unauthorized"},"extra_fields":{}}\n';
const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

describe('demo gateway: keys (CONTRACT.md §4.6)', () => {
  it('creates, reads, updates and deletes a key', async () => {
    const gw = await gateway();
    const created = await call(gw, 'POST', '/api/providers/anthropic/keys', { name: 'anthropic-2', value: 'sk-ant-new-key-0123456789' });
    expect(created.status).toBe(200);
    expect(created.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.json.enabled).toBe(true);
    expect(created.json.value.value).toBe(`sk-a${'*'.repeat(24)}6789`);
    const id = created.json.id as string;
    expect((await call(gw, 'GET', `/api/providers/anthropic/keys/${id}`)).json.name).toBe('anthropic-2');
    expect((await call(gw, 'GET', '/api/providers/anthropic/keys')).json.total).toBe(3);
    const updated = await call(gw, 'PUT', `/api/providers/anthropic/keys/${id}`, { ...created.json, enabled: false });
    expect(updated.json.enabled).toBe(false);
    expect((await call(gw, 'DELETE', `/api/providers/anthropic/keys/${id}`)).json.id).toBe(id);
    expect((await call(gw, 'GET', `/api/providers/anthropic/keys/${id}`)).json.error.message).toBe('Provider key not found: not found');
  });

  it('answers key errors', async () => {
    const gw = await gateway();
    await call(gw, 'POST', '/api/providers', { provider: 'keyless-co', custom_provider_config: { base_provider_type: 'openai', is_key_less: true } });
    const msg = async (m: string, p: string, b?: unknown) => {
      const r = await call(gw, m, p, b);
      return [r.status, r.json.error?.message];
    };
    expect(await msg('GET', '/api/providers/nope/keys')).toEqual([404, 'Provider not found: not found']);
    expect(await msg('POST', '/api/providers/keyless-co/keys', { value: 'abc' })).toEqual([400, 'Cannot add keys to a keyless provider']);
    expect(await msg('POST', '/api/providers/openai/keys', { name: 'k' })).toEqual([400, 'Key value must not be empty']);
    expect(await msg('POST', '/api/providers/openai/keys', { name: 'groq-key', value: 'x' })).toEqual([409, 'API key names must be unique across providers. Choose a different name']);
    expect((await call(gw, 'POST', '/api/providers/ollama/keys', { name: 'ollama-2', ollama_key_config: { url: 'http://127.0.0.1:11434' } })).status).toBe(200);
  });

  it('GET /api/keys lists every key with its provider', async () => {
    const gw = await gateway();
    const res = await call(gw, 'GET', '/api/keys');
    expect(res.json).toHaveLength(9);
    expect(res.json[0]).toEqual({ key_id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', name: 'acme-eu', provider: 'acme-llm', models: ['*'] });
  });
});

describe('demo gateway: auth (CONTRACT.md §2)', () => {
  it('none: no header needed; is-auth-enabled says so', async () => {
    const gw = await gateway();
    expect((await call(gw, 'GET', '/api/providers')).status).toBe(200);
    // v2.2.6 adds the setup-lock fields (VERSIONS.md §1).
    expect((await call(gw, 'GET', '/api/session/is-auth-enabled')).json).toEqual({
      is_auth_enabled: false, has_valid_token: false, auth_type: 'none', setup_required: false, setup_token_configured: false,
    });
    expect((await call(gw, 'POST', '/api/session/login', { username: 'a', password: 'b' })).status).toBe(403);
  });

  it('bearer: the token is required on /api/*, with the exact 401 body', async () => {
    const gw = await gateway({ auth: { kind: 'bearer', token: 'bfst-demo-123' } });
    for (const h of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: 'Token bfst-demo-123' }, { authorization: 'Bearer' }]) {
      const res = await call(gw, 'GET', '/api/providers', undefined, h);
      expect(res.status).toBe(401);
      expect(res.text).toBe(UNAUTHORIZED);
    }
    expect((await call(gw, 'PUT', '/api/providers/openai', {}, {})).status).toBe(401);
    expect((await call(gw, 'GET', '/api/providers', undefined, { authorization: 'Bearer bfst-demo-123' })).status).toBe(200);
    // Public routes stay public.
    expect((await call(gw, 'GET', '/health')).status).toBe(200);
    const st = await call(gw, 'GET', '/api/session/is-auth-enabled', undefined, { authorization: 'Bearer bfst-demo-123' });
    expect(st.json).toMatchObject({ is_auth_enabled: true, has_valid_token: true, auth_type: 'password' });
    // Unknown routes are the public dashboard's (VERSIONS.md §9), not the middleware's 401.
    expect((await call(gw, 'GET', '/api/nothing')).status).toBe(200);
  });

  it('basic: Basic header, legacy Bearer base64, login token and cookie', async () => {
    const gw = await gateway({ auth: { kind: 'basic', username: 'admin', password: 's3cret' } });
    const ok = async (h: Record<string, string>) => (await call(gw, 'GET', '/api/providers', undefined, h)).status;
    expect(await ok({})).toBe(401);
    expect(await ok({ authorization: basic('admin', 'wrong') })).toBe(401);
    expect(await ok({ authorization: basic('admin', 's3cret') })).toBe(200);
    expect(await ok({ authorization: `Bearer ${Buffer.from('admin:s3cret').toString('base64')}` })).toBe(200);
    const bad = await call(gw, 'POST', '/api/session/login', { username: 'admin', password: 'nope' });
    expect(bad.status).toBe(401);
    const login = await call(gw, 'POST', '/api/session/login', { username: 'admin', password: 's3cret' });
    expect(login.json.message).toBe('Login successful');
    const token = login.json.token as string;
    expect(login.headers.get('set-cookie')).toContain(`token=${token}`);
    expect(await ok({ authorization: `Bearer ${token}` })).toBe(200);
    expect(await ok({ cookie: `theme=dark; token=${token}` })).toBe(200);
    expect((await call(gw, 'POST', '/api/session/logout', undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await ok({ authorization: `Bearer ${token}` })).toBe(401);
  });
});
