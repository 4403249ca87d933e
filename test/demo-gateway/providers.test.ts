import { describe, expect, it } from 'vitest';
import { bodyOf, call, gateway } from './helpers.js';

describe('demo gateway: list and get', () => {
  it('lists stored providers sorted by name with total, JSON with trailing newline', async () => {
    const gw = await gateway();
    const res = await call(gw, 'GET', '/api/providers');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.text.endsWith('}\n')).toBe(true);
    const names = res.json.providers.map((p: { name: string }) => p.name);
    expect(names).toEqual(['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai']);
    expect(res.json.total).toBe(6);
    expect(res.json.providers.every((p: object) => !('keys' in p))).toBe(true);
  });

  it('adds bench providers in byte order', async () => {
    const gw = await gateway({ extraProviders: 250 });
    const res = await call(gw, 'GET', '/api/providers');
    expect(res.json.total).toBe(256);
    expect(res.json.providers[3].name).toBe('bench-00001');
    expect(res.json.providers[252].name).toBe('bench-00250');
  });

  it('shows statuses and descriptions', async () => {
    const gw = await gateway();
    expect((await call(gw, 'GET', '/api/providers/azure')).json.provider_status).toBe('error');
    const ollama = (await call(gw, 'GET', '/api/providers/ollama')).json;
    expect(ollama.status).toBe('list_models_failed');
    expect(ollama.description).toContain('connect: connection refused');
  });

  it('fills server defaults when stored blocks are null', async () => {
    const gw = await gateway();
    const azure = (await call(gw, 'GET', '/api/providers/azure')).json;
    expect(azure.network_config).toEqual({
      default_request_timeout_in_seconds: 300, max_retries: 0, retry_backoff_initial: 500, retry_backoff_max: 5000,
      stream_idle_timeout_in_seconds: 120, keep_alive_timeout_in_seconds: 30, max_conns_per_host: 5000,
    });
    expect(azure.concurrency_and_buffer_size).toEqual({ concurrency: 1000, buffer_size: 5000 });
    expect(azure.proxy_config).toBeNull();
    expect(gw.storedProvider('azure')?.network_config).toBeNull();
  });

  it('404s an unknown provider with the standard error body', async () => {
    const gw = await gateway();
    const res = await call(gw, 'GET', '/api/providers/nope');
    expect(res.status).toBe(404);
    expect(res.text).toBe('{"is_bifrost_error":false,"status_code":404,"error":{"message":"Provider not found: not found"},"extra_fields":{}}\n');
  });

  it('answers a GET on a route it lacks with the dashboard\'s HTML (200), any other method with 405 (VERSIONS.md §8, §9)', async () => {
    const gw = await gateway();
    const res = await call(gw, 'GET', '/api/nothing-here');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
    const put = await call(gw, 'PUT', '/api/nothing-here', {});
    expect(put.status).toBe(405);
    expect(put.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('answers /health', async () => {
    const gw = await gateway();
    expect((await call(gw, 'GET', '/health')).json).toEqual({ status: 'ok' });
  });
});

describe('demo gateway: PUT basics', () => {
  it('round-trips a provider unchanged, unknown fields included', async () => {
    const gw = await gateway();
    const before = gw.storedProvider('openai');
    const body = await bodyOf(gw, 'openai');
    const res = await call(gw, 'PUT', '/api/providers/openai', body);
    expect(res.status).toBe(200);
    expect(res.json.provider_status).toBe('active');
    const after = gw.storedProvider('openai');
    expect(after).toEqual(before);
    expect(res.json.pricing_overrides).toEqual(before?.pricing_overrides);
  });

  it('records the request', async () => {
    const gw = await gateway();
    const body = await bodyOf(gw, 'groq');
    await call(gw, 'PUT', '/api/providers/groq', body, { 'x-test': '1' });
    const last = gw.requests.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.url).toBe('/api/providers/groq');
    expect(last?.headers['x-test']).toBe('1');
    expect(last?.json).toEqual(body);
    expect(last?.body).toBe(JSON.stringify(body));
  });
});
