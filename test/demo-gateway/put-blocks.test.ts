import { describe, expect, it } from 'vitest';
import { bodyOf, call, gateway } from './helpers.js';

describe('demo gateway: PUT block replacement (CONTRACT.md §4.3 table)', () => {
  it('resets an omitted network_config to the zero value (not the defaults)', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'openai');
    delete body.network_config;
    const res = await call(gw, 'PUT', '/api/providers/openai', body);
    expect(res.status).toBe(200);
    expect(res.json.network_config).toEqual({ default_request_timeout_in_seconds: 0, max_retries: 0, retry_backoff_initial: 0, retry_backoff_max: 0 });
    expect((await call(gw, 'GET', '/api/providers/openai')).json.network_config).toEqual(res.json.network_config);
  });

  it('replaces network_config as a whole: fields left out are cleared', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'openai');
    body.network_config = { base_url: 'https://api.openai.com', default_request_timeout_in_seconds: 30, max_retries: 1, retry_backoff_initial: '750ms', retry_backoff_max: '2s' };
    const res = await call(gw, 'PUT', '/api/providers/openai', body);
    expect(res.json.network_config).toEqual({ base_url: 'https://api.openai.com', default_request_timeout_in_seconds: 30, max_retries: 1, retry_backoff_initial: 750, retry_backoff_max: 2000 });
  });

  it('rejects an omitted concurrency_and_buffer_size', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'openai');
    delete body.concurrency_and_buffer_size;
    const res = await call(gw, 'PUT', '/api/providers/openai', body);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('Concurrency must be greater than 0');
  });

  it('resets omitted send_back_raw_* to false but keeps store_raw_request_response', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'groq');
    delete body.send_back_raw_request;
    delete body.store_raw_request_response;
    gw.mutateProvider('groq', (p) => { p.store_raw_request_response = true; });
    const res = await call(gw, 'PUT', '/api/providers/groq', body);
    expect(res.json.send_back_raw_request).toBe(false);
    expect(res.json.store_raw_request_response).toBe(true);
  });

  it('keeps proxy_config, openai_config and prompt_cache when omitted; null clears them', async () => {
    const gw = await gateway();
    gw.mutateProvider('groq', (p) => { p.prompt_cache = { enabled: true, breakpoints: 2 }; });
    const body = await bodyOf(gw, 'groq');
    const kept = { ...body };
    delete kept.proxy_config;
    delete kept.prompt_cache;
    const res = await call(gw, 'PUT', '/api/providers/groq', kept);
    expect(res.json.proxy_config.type).toBe('http');
    expect(res.json.prompt_cache).toEqual({ enabled: true, breakpoints: 2 });
    const cleared = await call(gw, 'PUT', '/api/providers/groq', { ...body, proxy_config: null, prompt_cache: null });
    expect(cleared.json.proxy_config).toBeNull();
    expect(cleared.json).not.toHaveProperty('prompt_cache');

    const openai = await bodyOf(gw, 'openai');
    delete openai.openai_config;
    expect((await call(gw, 'PUT', '/api/providers/openai', openai)).json.openai_config).toEqual({ disable_store: true });
    expect((await call(gw, 'PUT', '/api/providers/openai', { ...openai, openai_config: null })).json).not.toHaveProperty('openai_config');
  });

  it('replaces custom_provider_config as a whole and keeps unknown allowed_requests flags sent back', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'acme-llm');
    body.custom_provider_config.allowed_requests.embedding = false;
    const res = await call(gw, 'PUT', '/api/providers/acme-llm', body);
    expect(res.json.custom_provider_config.allowed_requests).toMatchObject({ embedding: false, websocket_responses: true });
    const replaced = await call(gw, 'PUT', '/api/providers/acme-llm', { ...body, custom_provider_config: { base_provider_type: 'openai' } });
    expect(replaced.json.custom_provider_config).toEqual({ base_provider_type: 'openai' });
  });

  it('accepts absent, null and empty keys; rejects non-empty keys with the exact message', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'anthropic');
    for (const keys of [undefined, null, []]) {
      expect((await call(gw, 'PUT', '/api/providers/anthropic', { ...body, keys })).status).toBe(200);
    }
    const res = await call(gw, 'PUT', '/api/providers/anthropic', { ...body, keys: [{ value: 'x' }] });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('keys are not accepted on this endpoint; use POST/PUT /api/providers/{provider}/keys[/{key_id}] to manage keys');
    expect(gw.storedProvider('anthropic')?.keys).toHaveLength(2);
  });

  it('ignores read-only fields and stores unknown ones (round trip)', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'anthropic');
    const res = await call(gw, 'PUT', '/api/providers/anthropic', {
      ...body, name: 'other', provider_status: 'error', status: 'x', config_hash: 'y', future_field: { a: [1, 2] },
      network_config: { ...body.network_config, stream_throughput_guard: { min_bytes_per_second: 10 } },
    });
    expect(res.json.name).toBe('anthropic');
    expect(res.json.provider_status).toBe('active');
    expect(res.json).not.toHaveProperty('status');
    expect(res.json.future_field).toEqual({ a: [1, 2] });
    expect(res.json.network_config.stream_throughput_guard).toEqual({ min_bytes_per_second: 10 });
    const again = (await call(gw, 'GET', '/api/providers/anthropic')).json;
    expect(again.future_field).toEqual({ a: [1, 2] });
  });

  it('answers provider_status active on PUT while GET keeps the runtime status', async () => {
    const gw = await gateway();
    const res = await call(gw, 'PUT', '/api/providers/azure', await bodyOf(gw, 'azure'));
    expect(res.json.provider_status).toBe('active');
    expect((await call(gw, 'GET', '/api/providers/azure')).json.provider_status).toBe('error');
  });

  it('upserts: PUT on an unknown name creates it', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'anthropic');
    expect((await call(gw, 'PUT', '/api/providers/mistral', body)).status).toBe(200);
    expect((await call(gw, 'GET', '/api/providers/mistral')).json.provider_status).toBe('active');
    // A mistyped name is created too, and the runtime cannot load it.
    expect((await call(gw, 'PUT', '/api/providers/opneai', body)).json.provider_status).toBe('active');
    expect((await call(gw, 'GET', '/api/providers/opneai')).json.provider_status).toBe('error');
    expect((await call(gw, 'GET', '/api/providers')).json.total).toBe(8);
  });

  it('URL-decodes the provider segment', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'anthropic');
    await call(gw, 'PUT', '/api/providers/my%20llm', { ...body, custom_provider_config: { base_provider_type: 'anthropic' } });
    expect(gw.storedProvider('my llm')?.name).toBe('my llm');
    const bad = await call(gw, 'GET', '/api/providers/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^Invalid provider: /);
    // A write to a malformed name gets the same answer, and is recorded like any request.
    const badPut = await call(gw, 'PUT', '/api/providers/%E0%A4%A', body);
    expect(badPut.status).toBe(400);
    expect(gw.requests.at(-1)).toMatchObject({ method: 'PUT', url: '/api/providers/%E0%A4%A', status: 400 });
    expect(gw.requests.at(-1)).not.toHaveProperty('previous');
  });

  it('waits saveDelayMs before answering a save', async () => {
    const gw = await gateway({ saveDelayMs: 150 });
    const body = await bodyOf(gw, 'anthropic');
    const t0 = Date.now();
    await call(gw, 'PUT', '/api/providers/anthropic', body);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });
});
