import { describe, expect, it } from 'vitest';
import { buildUpdateBody } from '../../../src/api/update-body.js';
import { diffObjects, formatDiffEntry, formatDiffValue, normalizeForCompare, serverChanges } from '../../../src/state/provider/diff.js';
import { buildBody, createFormState, setField, setFieldValue } from '../../../src/state/provider/edit-model.js';
import { ANTHROPIC_PROVIDER, CUSTOM_PROVIDER, OPENAI_PROVIDER, TEST_CA_PEM, cloneFixture } from '../../fixtures/providers.js';

const SECRETS = ['sk-upstream-override-0123456789', 'n3w-pa55-w0rd', 'Bearer sk-new-secret-value-999', 'MIIBvTCCAWOgAwIBAgIU'];

describe('diffObjects', () => {
  it('an untouched body differs from the original only by nothing (read-only fields ignored)', () => {
    expect(diffObjects(OPENAI_PROVIDER, buildUpdateBody(OPENAI_PROVIDER))).toEqual([]);
  });

  it('lists changed, added and removed leaves, maps and flags per key', () => {
    let s = createFormState(CUSTOM_PROVIDER);
    s = setField(s, 'network_config.max_retries', '3');
    s = setField(s, 'network_config.extra_headers', 'X-Team: ml');
    s = setFieldValue(s, 'custom_provider_config.allowed_requests', {
      ...CUSTOM_PROVIDER.custom_provider_config!.allowed_requests, embedding: true, rerank: true, quantum_completion: undefined,
    });
    const d = diffObjects(CUSTOM_PROVIDER, buildBody(s));
    expect(d).toEqual([
      { path: 'network_config.max_retries', segments: ['network_config', 'max_retries'], kind: 'changed', before: 0, after: 3 },
      { path: 'network_config.extra_headers.X-Team', segments: ['network_config', 'extra_headers', 'X-Team'], kind: 'added', after: 'ml' },
      { path: 'custom_provider_config.allowed_requests.embedding', segments: ['custom_provider_config', 'allowed_requests', 'embedding'], kind: 'changed', before: false, after: true },
      { path: 'custom_provider_config.allowed_requests.quantum_completion', segments: ['custom_provider_config', 'allowed_requests', 'quantum_completion'], kind: 'removed', before: true },
      { path: 'custom_provider_config.allowed_requests.rerank', segments: ['custom_provider_config', 'allowed_requests', 'rerank'], kind: 'added', after: true },
    ]);
  });

  it('a whole block appearing lists its leaves; a removed map lists its keys', () => {
    let s = setFieldValue(createFormState(CUSTOM_PROVIDER), 'proxy_config.type', 'http');
    s = setField(s, 'proxy_config.url', 'http://p:3128');
    s = setField(s, 'custom_provider_config.request_path_overrides', '');
    expect(diffObjects(CUSTOM_PROVIDER, buildBody(s)).map(formatDiffEntry)).toEqual([
      '+ proxy_config.type: "http"',
      '+ proxy_config.url: •••• (set, 13 chars)',
      '- custom_provider_config.request_path_overrides.chat_completion: "/v2/chat/completions"',
    ]);
  });

  it('an EnvVar object is one leaf', () => {
    const s = setField(createFormState(OPENAI_PROVIDER), 'proxy_config.username', 'env.OTHER_USER');
    const d = diffObjects(OPENAI_PROVIDER, buildBody(s));
    expect(d.map((e) => e.path)).toEqual(['proxy_config.username']);
    expect(formatDiffEntry(d[0]!)).toBe('~ proxy_config.username: env.PROXY_USER → env.OTHER_USER');
  });
});

describe('masking', () => {
  it('no secret value appears in formatted output', () => {
    let s = createFormState(OPENAI_PROVIDER);
    s = setField(s, 'network_config.extra_headers', 'X-Org-Team: platform\nAuthorization: Bearer sk-new-secret-value-999\nX-Api-Key: n3w-pa55-w0rd');
    s = setField(s, 'proxy_config.password', 'n3w-pa55-w0rd');
    s = setField(s, 'network_config.ca_cert_pem', TEST_CA_PEM);
    const lines = diffObjects(OPENAI_PROVIDER, buildBody(s)).map(formatDiffEntry);
    expect(lines).toHaveLength(4);
    const text = lines.join('\n');
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain('~ network_config.extra_headers.Authorization: •••• (set, 38 chars) → •••• (set, 30 chars)');
    expect(text).toContain('~ proxy_config.password: •••• (set, redacted) → •••• (set, 13 chars)');
    expect(text).toContain('~ network_config.ca_cert_pem: •••• (set, redacted) → ••••');
  });

  it('formatDiffValue masks secret paths, secret-named keys and redacted text; shows references', () => {
    expect(formatDiffValue('proxy_config.password', { value: '<REDACTED>', ref: 'env.P', type: 'env' })).toBe('env.P');
    expect(formatDiffValue('network_config.extra_headers.X-Auth-Token', 'abcdefghij')).toBe('•••• (set, 10 chars)');
    expect(formatDiffValue('future_setting.client_secret', 'abcdefghij')).toBe('•••• (set, 10 chars)');
    expect(formatDiffValue('future_setting.mode', `abcd${'*'.repeat(24)}wxyz`)).toBe('•••• (set, redacted)');
    expect(formatDiffValue('future_setting', { nested: { api_key: 'sk-123456789' } })).not.toContain('sk-123456789');
    expect(formatDiffValue('network_config.max_retries', 3)).toBe('3');
    expect(formatDiffValue('network_config.base_url', 'https://x')).toBe('"https://x"');
    expect(formatDiffValue('network_config.base_url', undefined)).toBe('(absent)');
  });
});

describe('normalizeForCompare (conflict view)', () => {
  it('a server default appearing where 0/absent was is not a conflict', () => {
    const fresh = cloneFixture(CUSTOM_PROVIDER) as Record<string, any>;
    fresh.network_config.retry_backoff_initial = 500;
    fresh.network_config.retry_backoff_max = 5000;
    fresh.network_config.stream_idle_timeout_in_seconds = 120;
    fresh.network_config.max_conns_per_host = 5000;
    fresh.network_config.insecure_skip_verify = false;
    fresh.openai_config = { disable_store: false };
    fresh.config_hash = 'changed';
    expect(serverChanges(CUSTOM_PROVIDER, fresh)).toEqual([]);
  });

  it('two different explicit values are a change, defaults included (300 → 30 s, 10000 → 5000 ms)', () => {
    const fresh = cloneFixture(ANTHROPIC_PROVIDER) as Record<string, any>;
    const before = cloneFixture(ANTHROPIC_PROVIDER) as Record<string, any>;
    before.network_config.default_request_timeout_in_seconds = 300;
    before.network_config.retry_backoff_max = 10000;
    fresh.network_config.default_request_timeout_in_seconds = 30;
    fresh.network_config.retry_backoff_max = 5000;
    expect(serverChanges(before, fresh).map(formatDiffEntry)).toEqual([
      '~ network_config.default_request_timeout_in_seconds: 300 → 30',
      '~ network_config.retry_backoff_max: 10000 → 5000',
    ]);
    // 0 and absent read back as the default are still the same setting
    fresh.network_config.default_request_timeout_in_seconds = 0;
    delete fresh.network_config.retry_backoff_max;
    expect(serverChanges(before, fresh)).toEqual([]);
  });

  it('real server changes still show, per field', () => {
    const fresh = cloneFixture(ANTHROPIC_PROVIDER) as Record<string, any>;
    fresh.network_config.max_retries = 4;
    fresh.network_config.beta_header_overrides['redact-thinking-'] = true;
    fresh.proxy_config.password = { value: '<REDACTED>', ref: 'env.ROTATED', type: 'env' };
    const lines = diffObjects(normalizeForCompare(ANTHROPIC_PROVIDER), normalizeForCompare(fresh)).map(formatDiffEntry);
    expect(lines).toEqual([
      '~ network_config.max_retries: 1 → 4',
      '~ network_config.beta_header_overrides.redact-thinking-: false → true',
      '~ proxy_config.password: env.PROXY_PASS → env.ROTATED',
    ]);
  });

  it('EnvVar shape changes (old → new object) are not a conflict', () => {
    const fresh = cloneFixture(OPENAI_PROVIDER) as Record<string, any>;
    fresh.proxy_config.url = { value: 'http://proxy.internal:3128', ref: '', type: 'plain_text' };
    fresh.proxy_config.username = { value: 'x', ref: 'env.PROXY_USER', type: 'env' };
    expect(diffObjects(normalizeForCompare(OPENAI_PROVIDER), normalizeForCompare(fresh))).toEqual([]);
  });
});
