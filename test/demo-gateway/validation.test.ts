import { beforeEach, describe, expect, it } from 'vitest';
import type { DemoGateway } from '../../src/demo-gateway/index.js';
import { bodyOf, call, gateway, type Json } from './helpers.js';

let current: DemoGateway | undefined;
beforeEach(() => {
  current = undefined;
});

/** PUT a mutated copy of the provider on one gateway per test (failed PUTs leave the store unchanged). */
async function put(name: string, mutate: (b: Json) => void, raw?: string): Promise<{ status: number; message: string }> {
  const gw = (current ??= await gateway());
  const body = name === 'new-custom' ? await bodyOf(gw, 'anthropic') : await bodyOf(gw, name);
  mutate(body);
  const res = await call(gw, 'PUT', `/api/providers/${name}`, raw ?? body);
  return { status: res.status, message: res.json.error?.message ?? '' };
}

const bad = (message: string) => ({ status: 400, message });

describe('demo gateway: PUT validation, exact messages', () => {
  it('2: a body that is not a JSON object, or does not decode', async () => {
    expect(await put('openai', () => {}, '{not json')).toEqual(bad('Invalid request payload'));
    expect(await put('openai', () => {}, '[1,2]')).toEqual(bad('Invalid request payload'));
    expect(await put('openai', (b) => { b.concurrency_and_buffer_size.concurrency = 'many'; })).toEqual(bad('Invalid request payload'));
    expect(await put('openai', (b) => { b.network_config.retry_backoff_max = '5 parsecs'; })).toEqual(bad('Invalid request payload'));
    // Payload errors come before the keys check.
    expect(await put('openai', (b) => { b.keys = [{}]; b.send_back_raw_request = 'yes'; })).toEqual(bad('Invalid request payload'));
  });

  it('3: keys before concurrency', async () => {
    expect(await put('openai', (b) => { b.keys = [{ value: 'k' }]; delete b.concurrency_and_buffer_size; }))
      .toEqual(bad('keys are not accepted on this endpoint; use POST/PUT /api/providers/{provider}/keys[/{key_id}] to manage keys'));
  });

  it('5: concurrency, then buffer size, then concurrency <= buffer size; negatives pass', async () => {
    expect(await put('openai', (b) => { b.concurrency_and_buffer_size = { concurrency: 0, buffer_size: 0 }; })).toEqual(bad('Concurrency must be greater than 0'));
    expect(await put('openai', (b) => { b.concurrency_and_buffer_size = { concurrency: 5, buffer_size: 0 }; })).toEqual(bad('Buffer size must be greater than 0'));
    expect(await put('openai', (b) => { b.concurrency_and_buffer_size = { concurrency: 50, buffer_size: 10 }; })).toEqual(bad('Concurrency must be less than or equal to buffer size'));
    expect((await put('openai', (b) => { b.concurrency_and_buffer_size = { concurrency: -5, buffer_size: 10 }; })).status).toBe(200);
  });

  it('6: custom provider rules, after concurrency', async () => {
    const p = 'Invalid custom provider config: ';
    expect(await put('acme-llm', (b) => { delete b.custom_provider_config; b.concurrency_and_buffer_size.concurrency = 0; })).toEqual(bad('Concurrency must be greater than 0'));
    expect(await put('acme-llm', (b) => { delete b.custom_provider_config; })).toEqual(bad(`${p}custom_provider_config cannot be removed after creation for provider acme-llm`));
    expect(await put('acme-llm', (b) => { b.custom_provider_config = null; })).toEqual(bad(`${p}custom_provider_config cannot be removed after creation for provider acme-llm`));
    expect(await put('acme-llm', (b) => { b.custom_provider_config.base_provider_type = 'anthropic'; }))
      .toEqual(bad(`${p}provider acme-llm: base_provider_type cannot be changed from openai to anthropic after creation`));
    expect(await put('openai', (b) => { b.custom_provider_config = { base_provider_type: 'openai' }; }))
      .toEqual(bad(`${p}custom provider validation failed: cannot be created on standard providers: openai`));
    expect(await put('new-custom', (b) => { b.custom_provider_config = { base_provider_type: '' }; }))
      .toEqual(bad(`${p}custom provider validation failed: base_provider_type is required`));
    expect(await put('new-custom', (b) => { b.custom_provider_config = { base_provider_type: 'groq' }; }))
      .toEqual(bad(`${p}custom provider validation failed: unsupported base_provider_type: groq`));
    expect((await put('new-custom', (b) => { b.custom_provider_config = { base_provider_type: 'gemini' }; })).status).toBe(200);
  });

  it('8: retry backoff bounds and order, after custom rules', async () => {
    const p = 'Invalid retry backoff: ';
    const nc = (initial: unknown, max: unknown) => (b: Json) => { b.network_config.retry_backoff_initial = initial; b.network_config.retry_backoff_max = max; };
    expect(await put('openai', nc(50, 5000))).toEqual(bad(`${p}retry backoff initial must be at least 100ms`));
    expect(await put('openai', nc(1_000_001, 5000))).toEqual(bad(`${p}retry backoff initial must be at most 16m40s`));
    expect(await put('openai', nc(500, 99))).toEqual(bad(`${p}retry backoff max must be at least 100ms`));
    expect(await put('openai', nc(500, '17m'))).toEqual(bad(`${p}retry backoff max must be at most 16m40s`));
    expect(await put('openai', nc(6000, 5000))).toEqual(bad(`${p}retry backoff initial must be less than or equal to retry backoff max`));
    expect((await put('openai', nc(0, 0))).status).toBe(200);
    expect((await put('openai', nc(0, 50_000))).status).toBe(200);
    expect((await put('openai', nc('100ms', '16m40s'))).status).toBe(200);
    expect(await put('acme-llm', (b) => { nc(1, 1)(b); b.custom_provider_config.base_provider_type = 'cohere'; }))
      .toEqual(bad('Invalid custom provider config: provider acme-llm: base_provider_type cannot be changed from openai to cohere after creation'));
  });

  it('9: base URL check, after backoff', async () => {
    const url = (u: string, allow = false) => (b: Json) => { b.network_config.base_url = u; b.network_config.allow_private_network = allow; };
    const p = 'Invalid base URL: ';
    expect((await put('openai', url('ftp://files.example.com'))).message).toMatch(new RegExp(`^${p}unsupported URL scheme "ftp"`));
    // v2.2 checks the URL's shape first and answers with Go's raw error (VERSIONS.md §3.3 step 10).
    expect((await put('openai', url('not a url'))).message).toBe('invalid base URL: parse "not a url": invalid URI for request');
    expect((await put('openai', url('https://user:pw@api.example.com'))).message).toBe('base URL must not contain credentials, a query, or a fragment');
    expect((await put('openai', url('http://10.1.2.3:8000'))).message).toMatch(new RegExp(`^${p}private network address 10.1.2.3`));
    expect((await put('openai', url('http://192.168.1.10'))).status).toBe(400);
    expect((await put('openai', url('http://172.20.0.1'))).status).toBe(400);
    expect((await put('openai', url('http://172.32.0.1'))).status).toBe(200);
    expect((await put('openai', url('http://10.1.2.3:8000', true))).status).toBe(200);
    expect((await put('openai', url('http://169.254.169.254/latest', true))).message).toBe(`${p}link-local address 169.254.169.254 is not allowed`);
    expect((await put('openai', url('http://[fe80::1]/', true))).status).toBe(400);
    expect((await put('openai', url('http://127.0.0.1:11434'))).status).toBe(200);
    expect((await put('openai', url('http://[::1]:8000'))).status).toBe(200);
    expect((await put('openai', url('http://localhost:8000'))).status).toBe(200);
    expect((await put('openai', url('https://internal.example.com'))).status).toBe(200); // no DNS
    expect((await put('openai', (b) => { url('http://10.0.0.1')(b); b.network_config.retry_backoff_initial = 5; })).message)
      .toBe('Invalid retry backoff: retry backoff initial must be at least 100ms');
  });

  it('a failed PUT leaves the stored provider unchanged', async () => {
    const gw = await gateway();
    const before = gw.storedProvider('openai');
    const body = await bodyOf(gw, 'openai');
    body.network_config.base_url = 'http://169.254.1.1';
    body.max_retries = 9;
    expect((await call(gw, 'PUT', '/api/providers/openai', body)).status).toBe(400);
    expect(gw.storedProvider('openai')).toEqual(before);
  });
});

describe('demo gateway: POST and DELETE', () => {
  const custom = { provider: 'acme-two', custom_provider_config: { base_provider_type: 'anthropic', is_key_less: true } };

  it('creates a custom provider; omitted blocks read back as server defaults', async () => {
    const gw = await gateway();
    const res = await call(gw, 'POST', '/api/providers', custom);
    expect(res.status).toBe(200);
    expect(res.json.name).toBe('acme-two');
    expect(res.json.provider_status).toBe('active');
    expect(res.json.concurrency_and_buffer_size).toEqual({ concurrency: 1000, buffer_size: 5000 });
    expect(res.json.network_config.default_request_timeout_in_seconds).toBe(300);
    expect(res.json).not.toHaveProperty('provider');
  });

  it('answers the POST 400s with their exact messages', async () => {
    const gw = await gateway();
    const post = async (b: unknown) => (await call(gw, 'POST', '/api/providers', b)).json.error?.message;
    expect(await post('{')).toBe('Invalid request payload');
    expect(await post({ network_config: {} })).toBe('Missing provider');
    expect(await post({ provider: 'groq', custom_provider_config: { base_provider_type: 'openai' } })).toBe('Custom provider cannot be same as a standard provider');
    expect(await post({ provider: 'x1', custom_provider_config: { base_provider_type: '' } })).toBe('BaseProviderType is required when CustomProviderConfig is provided');
    expect(await post({ provider: 'x1', custom_provider_config: { base_provider_type: 'acme' } })).toBe('BaseProviderType must be a standard provider');
    expect(await post({ ...custom, concurrency_and_buffer_size: { concurrency: 10, buffer_size: 5 } })).toBe('Concurrency must be less than or equal to buffer size');
    expect(await post({ ...custom, network_config: { retry_backoff_max: 10 } })).toBe('Invalid retry backoff: retry backoff max must be at least 100ms');
    expect(await post({ ...custom, network_config: { base_url: 'http://192.168.0.9' } })).toMatch(/^Invalid base URL: /);
    expect((await call(gw, 'GET', '/api/providers')).json.total).toBe(6);
  });

  it('409s an existing provider', async () => {
    const gw = await gateway();
    const res = await call(gw, 'POST', '/api/providers', { provider: 'openai' });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe('Provider openai already exists');
    expect((await call(gw, 'POST', '/api/providers', custom)).status).toBe(200);
    expect((await call(gw, 'POST', '/api/providers', custom)).json.error.message).toBe('Provider acme-two already exists');
  });

  it('creates a built-in with POST; an unknown non-custom name fails to initialise and is rolled back', async () => {
    const gw = await gateway();
    expect((await call(gw, 'POST', '/api/providers', { provider: 'mistral' })).status).toBe(200);
    const res = await call(gw, 'POST', '/api/providers', { provider: 'nonesuch' });
    expect(res.status).toBe(500);
    expect(res.json.error.message).toMatch(/^Failed to initialize provider after add: /);
    expect(gw.storedProvider('nonesuch')).toBeUndefined();
  });

  it('DELETE answers 200 with a zero-valued provider, even when unknown', async () => {
    const gw = await gateway();
    const res = await call(gw, 'DELETE', '/api/providers/groq');
    expect(res.status).toBe(200);
    expect(res.json.name).toBe('groq');
    expect(res.json.concurrency_and_buffer_size).toEqual({ concurrency: 0, buffer_size: 0 });
    expect((await call(gw, 'GET', '/api/providers/groq')).status).toBe(404);
    expect((await call(gw, 'DELETE', '/api/providers/never-was')).status).toBe(200);
  });
});
