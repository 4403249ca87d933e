import { describe, expect, it } from 'vitest';
import type { Provider } from '../../../src/api/wire.js';
import { createFormState, setField, setFieldValue, type FormState } from '../../../src/state/provider/edit-model.js';
import { nextError, validateField, validateForm } from '../../../src/state/provider/validate.js';
import {
  ANTHROPIC_PROVIDER, CUSTOM_PROVIDER, OLLAMA_PROVIDER, OPENAI_PROVIDER, TEST_CA_PEM, cloneFixture,
} from '../../fixtures/providers.js';

const err = (s: FormState, id: string) => validateField(s, id);
const withText = (p: Provider, id: string, text: string) => setField(createFormState(p), id, text);

describe('validation', () => {
  it('the fixtures are valid as loaded', () => {
    for (const p of [OPENAI_PROVIDER, CUSTOM_PROVIDER, ANTHROPIC_PROVIDER, OLLAMA_PROVIDER]) {
      expect(validateForm(createFormState(p)), p.name).toEqual([]);
    }
  });

  it.each([
    ['concurrency_and_buffer_size.concurrency', '0', /Concurrency: must be 1–100,000/],
    ['concurrency_and_buffer_size.concurrency', '100001', /1–100,000/],
    ['concurrency_and_buffer_size.buffer_size', '0', /Buffer size: must be 1–100,000/],
    ['concurrency_and_buffer_size.buffer_size', '200000', /1–100,000/],
    ['network_config.default_request_timeout_in_seconds', '172801', /1–172,800 s, or 0 for the gateway default/],
    ['network_config.max_retries', '11', /Max retries: must be 0–10/],
    ['network_config.retry_backoff_initial', '99', /100–1,000,000 ms, or 0 for the gateway default/],
    ['network_config.retry_backoff_max', '1000001', /100–1,000,000 ms/],
    ['network_config.stream_idle_timeout_in_seconds', '4', /5–3,600 s/],
    ['network_config.stream_idle_timeout_in_seconds', '3601', /5–3,600 s/],
    ['network_config.max_conns_per_host', '10001', /1–10,000/],
    ['network_config.keep_alive_timeout_in_seconds', '-1', /must not be negative/],
    ['network_config.max_retries', '-2', /must not be negative/],
    ['network_config.max_retries', '1.5', /whole numbers only/],
    ['network_config.max_retries', 'lots', /not a number/],
  ])('%s = %s → error', (id, text, message) => {
    expect(err(withText(OPENAI_PROVIDER, id, text), id)).toMatch(message);
  });

  it.each([
    ['network_config.default_request_timeout_in_seconds', '0'],
    ['network_config.default_request_timeout_in_seconds', '172800'],
    ['network_config.retry_backoff_initial', '0'],
    ['network_config.retry_backoff_initial', '100'],
    ['network_config.stream_idle_timeout_in_seconds', '0'],
    ['network_config.max_conns_per_host', '0'],
    ['network_config.max_conns_per_host', '10000'],
    ['network_config.keep_alive_timeout_in_seconds', '86400'],
    ['network_config.max_retries', '10'],
  ])('%s = %s is valid', (id, text) => {
    expect(err(withText(OPENAI_PROVIDER, id, text), id)).toBeUndefined();
  });

  it('concurrency ≤ buffer size, reported on both fields', () => {
    const s = withText(OPENAI_PROVIDER, 'concurrency_and_buffer_size.concurrency', '600');
    expect(err(s, 'concurrency_and_buffer_size.concurrency')).toBe('Concurrency (600) must be ≤ buffer size (500)');
    expect(err(s, 'concurrency_and_buffer_size.buffer_size')).toBe('Concurrency (600) must be ≤ buffer size (500)');
    expect(err(setField(s, 'concurrency_and_buffer_size.buffer_size', '600'), 'concurrency_and_buffer_size.concurrency')).toBeUndefined();
  });

  it('backoff initial ≤ max when both > 0, reported on both fields', () => {
    const s = withText(OPENAI_PROVIDER, 'network_config.retry_backoff_initial', '6000');
    expect(err(s, 'network_config.retry_backoff_initial')).toMatch(/initial \(6,000 ms\) must be ≤ retry backoff max \(5,000 ms\)/);
    expect(err(s, 'network_config.retry_backoff_max')).toMatch(/must be ≤ retry backoff max/);
    expect(err(setField(s, 'network_config.retry_backoff_max', '0'), 'network_config.retry_backoff_initial')).toBeUndefined();
  });

  it('base_url: empty or http(s); required for custom providers', () => {
    expect(err(withText(OPENAI_PROVIDER, 'network_config.base_url', ''), 'network_config.base_url')).toBeUndefined();
    expect(err(withText(OPENAI_PROVIDER, 'network_config.base_url', 'ftp://x'), 'network_config.base_url')).toMatch(/http\(s\) URL/);
    expect(err(withText(OPENAI_PROVIDER, 'network_config.base_url', 'api.openai.com'), 'network_config.base_url')).toMatch(/http\(s\) URL/);
    expect(err(withText(CUSTOM_PROVIDER, 'network_config.base_url', ''), 'network_config.base_url')).toBe('Base URL: required for custom providers');
  });

  it('proxy URL required and valid for http/socks5, not for none/environment', () => {
    const none = setFieldValue(createFormState(OLLAMA_PROVIDER), 'proxy_config.type', 'http');
    expect(err(none, 'proxy_config.url')).toBe('Proxy URL: required for proxy type http');
    expect(validateForm(none)).toContainEqual({ fieldId: 'proxy_config.url', message: 'Proxy URL: required for proxy type http' });
    expect(err(setField(none, 'proxy_config.url', 'not a url'), 'proxy_config.url')).toMatch(/valid URL/);
    expect(err(setField(none, 'proxy_config.url', 'env.HTTP_PROXY'), 'proxy_config.url')).toBeUndefined();
    expect(err(setFieldValue(none, 'proxy_config.type', 'environment'), 'proxy_config.url')).toBeUndefined();
    // a redacted URL from a newer gateway stays valid
    expect(err(createFormState(ANTHROPIC_PROVIDER), 'proxy_config.url')).toBeUndefined();
  });

  it('header names are HTTP tokens and values are one line', () => {
    const id = 'network_config.extra_headers';
    expect(err(withText(OPENAI_PROVIDER, id, 'X Bad: 1'), id)).toMatch(/"X Bad" is not a valid header name/);
    expect(err(withText(OPENAI_PROVIDER, id, 'X-Ok_1.~: a, b; c=d'), id)).toBeUndefined();
    const s = setFieldValue(createFormState(OPENAI_PROVIDER), id, { 'X-Inject': 'a\r\nHost: evil' });
    expect(err(s, id)).toMatch(/"X-Inject" must be one line/);
  });

  it('request path overrides start with /', () => {
    const id = 'custom_provider_config.request_path_overrides';
    expect(err(withText(CUSTOM_PROVIDER, id, 'chat_completion: v1/chat'), id)).toMatch(/must start with \//);
    expect(err(withText(CUSTOM_PROVIDER, id, 'embedding: /v1/embed'), id)).toBeUndefined();
  });

  it('keyless is not allowed for bedrock', () => {
    const p = cloneFixture(CUSTOM_PROVIDER);
    p.custom_provider_config!.base_provider_type = 'bedrock';
    expect(err(setFieldValue(createFormState(p), 'custom_provider_config.is_key_less', true), 'custom_provider_config.is_key_less')).toMatch(/bedrock/);
  });

  it('CA PEM: a certificate, an env reference, or the untouched redaction', () => {
    const id = 'network_config.ca_cert_pem';
    expect(err(createFormState(OPENAI_PROVIDER), id)).toBeUndefined();
    expect(err(withText(OPENAI_PROVIDER, id, TEST_CA_PEM), id)).toBeUndefined();
    expect(err(withText(OPENAI_PROVIDER, id, 'env.UPSTREAM_CA'), id)).toBeUndefined();
    expect(err(withText(OPENAI_PROVIDER, id, '-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----'), id)).toMatch(/PEM/);
  });

  it('validateForm lists every error in form order; nextError wraps', () => {
    let s = createFormState(OPENAI_PROVIDER);
    s = setField(s, 'network_config.max_retries', '50');
    s = setField(s, 'concurrency_and_buffer_size.buffer_size', 'x');
    s = setField(s, 'network_config.extra_headers', 'Bad Header: 1');
    const errors = validateForm(s);
    expect(errors.map((e) => e.fieldId)).toEqual([
      'network_config.extra_headers', 'network_config.max_retries', 'concurrency_and_buffer_size.buffer_size',
    ]);
    expect(errors[2]!.message).toMatch(/^Buffer size: .*not a number/);
    expect(nextError(s)).toBe('network_config.extra_headers');
    expect(nextError(s, 'network_config.extra_headers')).toBe('network_config.max_retries');
    expect(nextError(s, 'network_config.base_url')).toBe('network_config.extra_headers');
    expect(nextError(s, 'concurrency_and_buffer_size.buffer_size')).toBe('network_config.extra_headers');
    expect(nextError(createFormState(OPENAI_PROVIDER))).toBeUndefined();
  });
});
