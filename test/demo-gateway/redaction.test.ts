/** Redaction and mask restoration on every line (CONTRACT.md §7; VERSIONS.md §2, §3.4, §5.1). */
import { describe, expect, it } from 'vitest';
import { DEMO_CA_PEM, mask, PROXY_SECRET_PLACEHOLDER } from '../../src/demo-gateway/index.js';
import { isRedacted } from '../../src/api/secrets.js';
import { describeEachVersion, envSecret, literalSecret, type DemoVersion } from '../helpers/gateway-versions.js';
import { bodyOf, call, gateway, type Json } from './helpers.js';

const STARS = '*'.repeat(24);
const PROXY_URL = 'http://proxy.corp.example.com:3128';
const PROXY_PASSWORD = 'Pr0xy-S3cret-2024!';

describe('demo gateway: masks', () => {
  it('masks 4 + 24 * + 4 for long values and all * for 8 or fewer', () => {
    expect(mask('sk-proj-abcdefghijkl')).toBe(`sk-p${STARS}ijkl`);
    expect(mask('12345678')).toBe('********');
    expect(mask('abc')).toBe('***');
    expect(isRedacted(mask('a much longer secret value'))).toBe(true);
  });
});

/** The groq proxy as each line shows it: env-backed url and password, literal username, a literal CA added by the test. */
const PROXY_SHOWN: Record<DemoVersion, Json> = {
  '1.4': { url: PROXY_URL, username: 'svc-bifrost', password: PROXY_SECRET_PLACEHOLDER, ca_cert_pem: PROXY_SECRET_PLACEHOLDER },
  '1.5': {
    url: envSecret('1.5', mask(PROXY_URL), 'env.GROQ_PROXY_URL'), username: literalSecret('1.5', 'svc-bifrost'),
    password: envSecret('1.5', mask(PROXY_PASSWORD), 'env.GROQ_PROXY_PASSWORD'), ca_cert_pem: literalSecret('1.5', PROXY_SECRET_PLACEHOLDER),
  },
  '1.6': {
    url: envSecret('1.6', mask(PROXY_URL), 'env.GROQ_PROXY_URL'), username: literalSecret('1.6', 'svc-bifrost'),
    password: envSecret('1.6', mask(PROXY_PASSWORD), 'env.GROQ_PROXY_PASSWORD'), ca_cert_pem: literalSecret('1.6', PROXY_SECRET_PLACEHOLDER),
  },
  // v2 masks url and username even when literal, and shows the placeholder for password and CA even when env-backed.
  '2.2': {
    url: envSecret('2.2', mask(PROXY_URL), 'env.GROQ_PROXY_URL'), username: literalSecret('2.2', mask('svc-bifrost')),
    password: envSecret('2.2', PROXY_SECRET_PLACEHOLDER, 'env.GROQ_PROXY_PASSWORD'), ca_cert_pem: literalSecret('2.2', PROXY_SECRET_PLACEHOLDER),
  },
};

describeEachVersion('demo gateway: redaction', (version) => {
  it('redacts network_config.ca_cert_pem: the placeholder on v1.4, else the masked PEM string', async () => {
    const gw = await gateway({ version });
    const openai = (await call(gw, 'GET', '/api/providers/openai')).json;
    expect(openai.network_config.ca_cert_pem).toBe(version === '1.4' ? PROXY_SECRET_PLACEHOLDER : mask(DEMO_CA_PEM));
    expect(openai.network_config.extra_headers).toEqual({ 'OpenAI-Organization': 'org-4fQx8ZtR2bYkL1mN9pWcVd3e', 'X-Team': 'platform' });
  });

  it('redacts the proxy as the line does', async () => {
    const gw = await gateway({ version });
    gw.mutateProvider('groq', (p) => {
      (p.proxy_config as Json).ca_cert_pem = version === '1.4' ? DEMO_CA_PEM : literalSecret(version, DEMO_CA_PEM);
    });
    const proxy = (await call(gw, 'GET', '/api/providers/groq')).json.proxy_config;
    expect(proxy).toEqual({ type: 'http', ...PROXY_SHOWN[version] });
  });

  it('never leaks a stored secret anywhere in list or get responses', async () => {
    const gw = await gateway({ version });
    const all = [(await call(gw, 'GET', '/api/providers')).text];
    if (version !== '1.4') for (const n of ['openai', 'groq', 'azure']) all.push((await call(gw, 'GET', `/api/providers/${n}/keys`)).text);
    const text = all.join('\n');
    // v2 shows an Azure endpoint plain (it is where the key dials, not a credential); earlier lines mask it.
    const secrets = ['MIIBvDCC', 'Pr0xy-S3cret', 'Xq7rT2vLm9', '3f9c2a7e1b5d', ...(version === '2.2' ? [] : ['acme-eastus.openai'])];
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('keeps the stored CA cert and proxy secrets when the masks come back unchanged', async () => {
    const gw = await gateway({ version });
    for (const name of ['openai', 'groq']) {
      const before = gw.storedProvider(name);
      const body = await bodyOf(gw, name);
      if (version === '1.4') body.keys = (await call(gw, 'GET', `/api/providers/${name}`)).json.keys;
      expect((await call(gw, 'PUT', `/api/providers/${name}`, body)).status).toBe(200);
      expect(gw.storedProvider(name)?.network_config).toEqual(before?.network_config);
      expect(gw.storedProvider(name)?.proxy_config).toEqual(before?.proxy_config);
    }
  });

  it('stores an edited mask as sent, and an empty string clears', async () => {
    const gw = await gateway({ version });
    const body = await bodyOf(gw, 'openai');
    if (version === '1.4') body.keys = (await call(gw, 'GET', '/api/providers/openai')).json.keys;
    body.network_config.ca_cert_pem = `MIIB${STARS}XXXX`; // redacted-looking but not the current mask
    await call(gw, 'PUT', '/api/providers/openai', body);
    expect(gw.storedProvider('openai')?.network_config?.ca_cert_pem).toBe(`MIIB${STARS}XXXX`);
    body.network_config.ca_cert_pem = '';
    await call(gw, 'PUT', '/api/providers/openai', body);
    expect((await call(gw, 'GET', '/api/providers/openai')).json.network_config.ca_cert_pem).toBeUndefined();
  });

  it('a new proxy user name is stored in the line\'s own shape', async () => {
    const gw = await gateway({ version });
    const groq = await bodyOf(gw, 'groq');
    if (version === '1.4') groq.keys = (await call(gw, 'GET', '/api/providers/groq')).json.keys;
    groq.proxy_config.username = 'new-user';
    expect((await call(gw, 'PUT', '/api/providers/groq', groq)).status).toBe(200);
    expect((gw.storedProvider('groq')?.proxy_config as Json).username).toEqual(version === '1.4' ? 'new-user' : literalSecret(version, 'new-user'));
  });
});

describeEachVersion('demo gateway: key redaction', (version) => {
  it('masks key values and Azure credentials; v2 shows the endpoint plain', async () => {
    const gw = await gateway({ version });
    const keys = (await call(gw, 'GET', '/api/providers/openai/keys')).json;
    expect(keys.total).toBe(2);
    expect(keys.keys[0].value).toEqual(literalSecret(version, `sk-p${STARS}1QeA`));
    expect(keys.keys[1].value).toEqual(envSecret(version, mask('sk-proj-Bt5nW8cYx2LvR6mQ9sKd4HfJ7gTz3PaE'), 'env.OPENAI_BATCH_KEY'));
    const azure = (await call(gw, 'GET', '/api/providers/azure/keys')).json.keys[0];
    expect(azure.value.value).toBe(`3f9c${STARS}1e8f`);
    const endpoint = 'https://acme-eastus.openai.azure.com';
    expect(azure.azure_key_config.endpoint).toEqual(literalSecret(version, version === '2.2' ? endpoint : mask(endpoint)));
    expect(azure.azure_key_config.api_version).toEqual(literalSecret(version, '2024-10-21'));
  });

  it('keeps a redacted key value sent back on key PUT and replaces a typed one', async () => {
    const gw = await gateway({ version });
    const key = (await call(gw, 'GET', '/api/providers/openai/keys')).json.keys[0];
    const id = key.id as string;
    const stored = () => (gw.storedProvider('openai')?.keys as Json[]).find((k) => k.id === id)!;
    const original = stored().value.value;
    expect((await call(gw, 'PUT', `/api/providers/openai/keys/${id}`, { ...key, weight: 0.5 })).status).toBe(200);
    expect(stored().value.value).toBe(original);
    expect(stored().weight).toBe(0.5);
    await call(gw, 'PUT', `/api/providers/openai/keys/${id}`, { ...key, value: 'sk-new-typed-value-123' });
    expect(stored().value).toEqual(literalSecret(version, 'sk-new-typed-value-123'));
  });
}, ['1.5', '1.6', '2.2']);

describe('demo gateway: v1.4 shows keys inside providers', () => {
  it('redacted as EnvVar objects, with the always-present fields; no key routes', async () => {
    const gw = await gateway({ version: '1.4' });
    const openai = (await call(gw, 'GET', '/api/providers/openai')).json;
    expect(openai.keys.map((k: Json) => k.value)).toEqual([
      literalSecret('1.4', `sk-p${STARS}1QeA`), envSecret('1.4', mask('sk-proj-Bt5nW8cYx2LvR6mQ9sKd4HfJ7gTz3PaE'), 'env.OPENAI_BATCH_KEY'),
    ]);
    expect(openai.keys[1]).toMatchObject({ blacklisted_models: [], use_for_batch_api: true, weight: 0.3 });
    const route = await call(gw, 'GET', '/api/providers/openai/keys');
    expect([route.status, route.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  });
});
