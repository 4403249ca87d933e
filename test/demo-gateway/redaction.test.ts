import { describe, expect, it } from 'vitest';
import { DEMO_CA_PEM, mask, PROXY_SECRET_PLACEHOLDER } from '../../src/demo-gateway/index.js';
import { isRedacted } from '../../src/api/secrets.js';
import { bodyOf, call, gateway } from './helpers.js';

const STARS = '*'.repeat(24);

describe('demo gateway: redaction (CONTRACT.md §7)', () => {
  it('masks 4 + 24 * + 4 for long values and all * for 8 or fewer', () => {
    expect(mask('sk-proj-abcdefghijkl')).toBe(`sk-p${STARS}ijkl`);
    expect(mask('12345678')).toBe('********');
    expect(mask('abc')).toBe('***');
    expect(isRedacted(mask('a much longer secret value'))).toBe(true);
  });

  it('redacts network_config.ca_cert_pem as a masked string', async () => {
    const gw = await gateway();
    const openai = (await call(gw, 'GET', '/api/providers/openai')).json;
    expect(openai.network_config.ca_cert_pem).toBe(mask(DEMO_CA_PEM));
    expect(openai.network_config.ca_cert_pem).toHaveLength(32);
    expect(openai.network_config.extra_headers).toEqual({ 'OpenAI-Organization': 'org-4fQx8ZtR2bYkL1mN9pWcVd3e', 'X-Team': 'platform' });
  });

  it('redacts proxy url/username with the mask and password with the placeholder unless env-backed', async () => {
    const gw = await gateway();
    gw.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).ca_cert_pem = { value: DEMO_CA_PEM, env_var: '', from_env: false };
    });
    const proxy = (await call(gw, 'GET', '/api/providers/groq')).json.proxy_config;
    expect(proxy.type).toBe('http');
    expect(proxy.url).toEqual({ value: `http${STARS}3128`, env_var: 'env.GROQ_PROXY_URL', from_env: true });
    expect(proxy.username).toEqual({ value: `svc-${STARS}rost`, env_var: '', from_env: false });
    expect(proxy.password).toEqual({ value: `Pr0x${STARS}024!`, env_var: 'env.GROQ_PROXY_PASSWORD', from_env: true });
    expect(proxy.ca_cert_pem).toEqual({ value: PROXY_SECRET_PLACEHOLDER, env_var: '', from_env: false });
  });

  it('redacts key values and Azure credentials on the key endpoints', async () => {
    const gw = await gateway();
    const keys = (await call(gw, 'GET', '/api/providers/openai/keys')).json;
    expect(keys.total).toBe(2);
    expect(keys.keys[0].value).toEqual({ value: `sk-p${STARS}1QeA`, env_var: '', from_env: false });
    expect(keys.keys[1].value.env_var).toBe('env.OPENAI_BATCH_KEY');
    const azure = (await call(gw, 'GET', '/api/providers/azure/keys')).json.keys[0];
    expect(azure.value.value).toBe(`3f9c${STARS}1e8f`);
    expect(azure.azure_key_config.endpoint.value).toBe(`http${STARS}.com`);
    expect(azure.azure_key_config.api_version).toEqual({ value: '2024-10-21', env_var: '', from_env: false });
  });

  it('never leaks a stored secret anywhere in list or get responses', async () => {
    const gw = await gateway();
    const all = [(await call(gw, 'GET', '/api/providers')).text];
    for (const n of ['openai', 'groq', 'azure']) all.push((await call(gw, 'GET', `/api/providers/${n}/keys`)).text);
    const text = all.join('\n');
    for (const secret of ['MIIBvDCC', 'proxy.corp.example.com', 'Pr0xy-S3cret', 'svc-bifrost', 'Xq7rT2vLm9', 'acme-eastus.openai']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('demo gateway: mask restoration on PUT', () => {
  it('keeps the stored CA cert and proxy secrets when the masks come back unchanged', async () => {
    const gw = await gateway();
    for (const name of ['openai', 'groq']) {
      const before = gw.storedProvider(name);
      expect((await call(gw, 'PUT', `/api/providers/${name}`, await bodyOf(gw, name))).status).toBe(200);
      expect(gw.storedProvider(name)?.network_config).toEqual(before?.network_config);
      expect(gw.storedProvider(name)?.proxy_config).toEqual(before?.proxy_config);
    }
  });

  it('keeps a proxy placeholder sent back unchanged', async () => {
    const gw = await gateway();
    gw.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).password = { value: 'plain-password-1', env_var: '', from_env: false };
    });
    const body = await bodyOf(gw, 'groq');
    expect(body.proxy_config.password.value).toBe(PROXY_SECRET_PLACEHOLDER);
    await call(gw, 'PUT', '/api/providers/groq', body);
    expect((gw.storedProvider('groq')?.proxy_config as Record<string, any>).password.value).toBe('plain-password-1');
  });

  it('overwrites with an edited mask, a new value or an empty string', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'openai');
    body.network_config.ca_cert_pem = `MIIB${STARS}XXXX`; // redacted-looking but not the current mask
    await call(gw, 'PUT', '/api/providers/openai', body);
    expect(gw.storedProvider('openai')?.network_config?.ca_cert_pem).toBe(`MIIB${STARS}XXXX`);

    body.network_config.ca_cert_pem = '';
    await call(gw, 'PUT', '/api/providers/openai', body);
    expect((await call(gw, 'GET', '/api/providers/openai')).json.network_config.ca_cert_pem).toBeUndefined();

    const groq = await bodyOf(gw, 'groq');
    groq.proxy_config.username = 'new-user';
    await call(gw, 'PUT', '/api/providers/groq', groq);
    expect((gw.storedProvider('groq')?.proxy_config as Record<string, any>).username).toEqual({ value: 'new-user', env_var: '', from_env: false });
  });

  it('keeps a redacted key value on key PUT and replaces a typed one', async () => {
    const gw = await gateway();
    const key = (await call(gw, 'GET', '/api/providers/openai/keys')).json.keys[0];
    const id = key.id as string;
    const stored = () => (gw.storedProvider('openai')?.keys as any[]).find((k) => k.id === id);
    const original = stored().value.value;
    expect((await call(gw, 'PUT', `/api/providers/openai/keys/${id}`, { ...key, weight: 0.5 })).status).toBe(200);
    expect(stored().value.value).toBe(original);
    expect(stored().weight).toBe(0.5);
    await call(gw, 'PUT', `/api/providers/openai/keys/${id}`, { ...key, value: 'sk-new-typed-value-123' });
    expect(stored().value).toEqual({ value: 'sk-new-typed-value-123', env_var: '', from_env: false });
  });
});
