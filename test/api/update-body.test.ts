import { describe, expect, it } from 'vitest';
import { buildUpdateBody } from '../../src/api/update-body.js';
import { ProviderSchema, type Provider } from '../../src/api/wire.js';
import { READ_ONLY_FIELDS } from '../../src/api/wire-fields.js';

/** A custom provider as a GET returns it: redacted secrets, unknown fields, read-only fields. */
function fetched(): Provider {
  return ProviderSchema.parse({
    name: 'my-llm',
    network_config: {
      base_url: 'https://llm.internal',
      extra_headers: { Authorization: 'Bear************************9f3k', 'X-Team': 'ml' },
      default_request_timeout_in_seconds: 300,
      max_retries: 1,
      retry_backoff_initial: 500,
      retry_backoff_max: 5000,
      ca_cert_pem: '-----************************---\n',
      http2_ping_interval_in_seconds: 20,
    },
    concurrency_and_buffer_size: { concurrency: 100, buffer_size: 500 },
    proxy_config: {
      type: 'http',
      url: { value: 'http************************3128', env_var: '', from_env: false },
      username: 'svc',
      password: '<REDACTED>',
      ca_cert_pem: { value: 'PEM', env_var: 'PROXY_CA', from_env: true },
    },
    send_back_raw_request: false,
    send_back_raw_response: false,
    store_raw_request_response: true,
    custom_provider_config: {
      base_provider_type: 'openai',
      is_key_less: false,
      allowed_requests: { chat_completion: true, list_models: false, teleport_stream: true },
      request_path_overrides: { chat_completion: '/v2/chat' },
    },
    prompt_cache: { breakpoints: ['system'] },
    future_top_level: { any: ['thing', 1, null] },
    provider_status: 'active',
    status: 'list_models_failed',
    description: 'upstream said 401',
    config_hash: 'abc123',
    keys: [{ id: 'k1', value: 'sk-a************************zzzz' }],
  });
}

describe('buildUpdateBody', () => {
  it('drops exactly the read-only fields and keeps everything else, unknown fields included', () => {
    const original = fetched();
    const body = buildUpdateBody(original);
    for (const f of READ_ONLY_FIELDS) expect(body).not.toHaveProperty(f);
    const expected: Record<string, unknown> = JSON.parse(JSON.stringify(original));
    for (const f of READ_ONLY_FIELDS) delete expected[f];
    expect(body).toStrictEqual(expected);
    expect(body.future_top_level).toStrictEqual({ any: ['thing', 1, null] });
    expect((body.network_config as Record<string, unknown>).http2_ping_interval_in_seconds).toBe(20);
    expect((body.custom_provider_config as { allowed_requests: Record<string, boolean> }).allowed_requests.teleport_stream).toBe(true);
  });

  it('sends redacted secrets back byte for byte', () => {
    const original = fetched();
    const text = JSON.stringify(buildUpdateBody(original, [{ path: ['network_config', 'max_retries'], value: 3 }]));
    const body = JSON.parse(text) as Record<string, Record<string, unknown>>;
    expect(body.network_config!.ca_cert_pem).toBe('-----************************---\n');
    expect(body.network_config!.extra_headers).toStrictEqual({ Authorization: 'Bear************************9f3k', 'X-Team': 'ml' });
    expect(body.proxy_config).toStrictEqual(JSON.parse(JSON.stringify(original.proxy_config)));
    expect(text).toContain('"password":"<REDACTED>"');
    expect(text).toContain('"url":{"value":"http************************3128","env_var":"","from_env":false}');
  });

  it('applies edits by path, in order', () => {
    const body = buildUpdateBody(fetched(), [
      { path: ['network_config', 'max_retries'], value: 5 },
      { path: ['concurrency_and_buffer_size', 'concurrency'], value: 200 },
      { path: ['custom_provider_config', 'allowed_requests', 'list_models'], value: true },
      { path: ['network_config', 'max_retries'], value: 6 },
      { path: ['proxy_config', 'password'], value: 'typed-new-secret' },
    ]);
    const net = body.network_config as Record<string, unknown>;
    expect(net.max_retries).toBe(6);
    expect(net.base_url).toBe('https://llm.internal');
    expect(body.concurrency_and_buffer_size).toStrictEqual({ concurrency: 200, buffer_size: 500 });
    expect((body.custom_provider_config as { allowed_requests: unknown }).allowed_requests).toStrictEqual({
      chat_completion: true,
      list_models: true,
      teleport_stream: true,
    });
    expect((body.proxy_config as Record<string, unknown>).password).toBe('typed-new-secret');
    expect((body.proxy_config as Record<string, unknown>).username).toBe('svc');
  });

  it('removing allowed_requests makes it absent (everything allowed) and keeps the rest of the block', () => {
    const body = buildUpdateBody(fetched(), [{ path: ['custom_provider_config', 'allowed_requests'], remove: true }]);
    const cpc = body.custom_provider_config as Record<string, unknown>;
    expect(cpc).not.toHaveProperty('allowed_requests');
    expect(cpc).toStrictEqual({ base_provider_type: 'openai', is_key_less: false, request_path_overrides: { chat_completion: '/v2/chat' } });
    expect(JSON.stringify(body)).not.toContain('allowed_requests');
  });

  it('removing below a missing block is a no-op', () => {
    const original = ProviderSchema.parse({ name: 'openai', proxy_config: null, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 2 } });
    const body = buildUpdateBody(original, [{ path: ['custom_provider_config', 'allowed_requests'], remove: true }]);
    expect(body).toStrictEqual({ proxy_config: null, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 2 } });
  });

  it('setting into a null proxy_config creates the block', () => {
    const original = ProviderSchema.parse({ name: 'openai', proxy_config: null, send_back_raw_request: true });
    const body = buildUpdateBody(original, [
      { path: ['proxy_config', 'type'], value: 'http' },
      { path: ['proxy_config', 'url'], value: 'http://proxy:3128' },
    ]);
    expect(body).toStrictEqual({ proxy_config: { type: 'http', url: 'http://proxy:3128' }, send_back_raw_request: true });
  });

  it('keeps proxy_config: null when it is not edited', () => {
    const body = buildUpdateBody(ProviderSchema.parse({ name: 'openai', proxy_config: null }));
    expect(body).toStrictEqual({ proxy_config: null });
  });

  it('never mutates the original, nor shares objects with it', () => {
    const original = fetched();
    const snapshot = JSON.parse(JSON.stringify(original));
    const edit = { path: ['custom_provider_config', 'request_path_overrides'], value: { embedding: '/emb' } };
    const body = buildUpdateBody(original, [edit, { path: ['custom_provider_config', 'allowed_requests'], remove: true }]);
    expect(original).toStrictEqual(snapshot);
    (body.network_config as Record<string, unknown>).max_retries = 99;
    (body.custom_provider_config as { request_path_overrides: Record<string, string> }).request_path_overrides.x = '/y';
    expect(original).toStrictEqual(snapshot);
    expect(edit.value).toStrictEqual({ embedding: '/emb' });
  });

  it.each(READ_ONLY_FIELDS.map((f) => [f]))('editing read-only %s throws', (field) => {
    expect(() => buildUpdateBody(fetched(), [{ path: [field], value: 'x' }])).toThrow(/read-only/);
    expect(() => buildUpdateBody(fetched(), [{ path: [field, 'nested'], remove: true }])).toThrow(/read-only/);
  });

  it('an empty path is refused', () => {
    expect(() => buildUpdateBody(fetched(), [{ path: [], value: 1 }])).toThrow();
  });
});
