import { describe, expect, it } from 'vitest';
import {
  buildBody, createFormState, dirtyCount, dirtyFieldIds, editText, effectiveProvider, effectiveValue, fieldEdit, isDirty,
  rebase, redo, resetFieldToDefault, revertAll, revertField, setField, setFieldValue, toEdits, undo,
} from '../../../src/state/provider/edit-model.js';
import {
  ANTHROPIC_PROVIDER, CUSTOM_PROVIDER, OLLAMA_PROVIDER, OPENAI_PROVIDER, REDACTED_PEM, TEST_CA_PEM, cloneFixture,
} from '../../fixtures/providers.js';

const TIMEOUT = 'network_config.default_request_timeout_in_seconds';

describe('edits', () => {
  it('an untouched form builds the original minus read-only fields', () => {
    const body = buildBody(createFormState(OPENAI_PROVIDER));
    const expected = cloneFixture(OPENAI_PROVIDER) as Record<string, unknown>;
    for (const k of ['name', 'provider_status', 'config_hash']) delete expected[k];
    expect(body).toEqual(expected);
    expect(toEdits(createFormState(OPENAI_PROVIDER))).toEqual([]);
  });

  it('setField parses, marks dirty and lands in the body', () => {
    const s = setField(createFormState(OPENAI_PROVIDER), TIMEOUT, '600');
    expect(isDirty(s, TIMEOUT)).toBe(true);
    expect(dirtyCount(s)).toBe(1);
    expect(effectiveValue(s, TIMEOUT)).toBe(600);
    expect(toEdits(s)).toEqual([{ path: ['network_config', 'default_request_timeout_in_seconds'], value: 600 }]);
    const body = buildBody(s) as { network_config: Record<string, unknown> };
    expect(body.network_config.default_request_timeout_in_seconds).toBe(600);
    // the rest of the block goes back whole, unknown key included
    expect(body.network_config.http2_ping_interval_in_seconds).toBe(15);
    expect(body.network_config.ca_cert_pem).toBe(REDACTED_PEM);
  });

  it('typing the loaded value again is not dirty', () => {
    const s = setField(createFormState(OPENAI_PROVIDER), TIMEOUT, '120');
    expect(isDirty(s, TIMEOUT)).toBe(false);
    expect(toEdits(s)).toEqual([]);
  });

  it('an invalid value stays in the model with its error and sends nothing', () => {
    const s = setField(createFormState(OPENAI_PROVIDER), TIMEOUT, 'ten');
    expect(fieldEdit(s, TIMEOUT)).toMatchObject({ text: 'ten', parsed: false });
    expect(fieldEdit(s, TIMEOUT)?.error).toMatch(/not a number/);
    expect(isDirty(s, TIMEOUT)).toBe(true);
    expect(editText(s, TIMEOUT)).toBe('ten');
    expect(toEdits(s)).toEqual([]);
  });

  it('unknown fields survive buildBody next to edits', () => {
    let s = createFormState(CUSTOM_PROVIDER);
    s = setField(s, 'network_config.max_retries', '3');
    s = setFieldValue(s, 'send_back_raw_request', true);
    const body = buildBody(s);
    expect(body.future_setting).toEqual({ mode: 'strict' });
    expect(body.prompt_cache).toEqual({ enabled: true, breakpoints: ['system'] });
    expect(body.proxy_config).toBeNull();
    expect(body.send_back_raw_request).toBe(true);
    expect(body).not.toHaveProperty('status');
    expect(body).not.toHaveProperty('description');
  });

  it('read-only fields ignore edits', () => {
    const s0 = createFormState(CUSTOM_PROVIDER);
    expect(setField(s0, 'custom_provider_config.base_provider_type', 'anthropic')).toBe(s0);
  });

  it('maps are replaced as a whole; clearing removes the field', () => {
    let s = setField(createFormState(OPENAI_PROVIDER), 'network_config.extra_headers', 'X-Org-Team: infra');
    expect(toEdits(s)).toEqual([{ path: ['network_config', 'extra_headers'], value: { 'X-Org-Team': 'infra' } }]);
    s = setField(s, 'network_config.extra_headers', '');
    expect(toEdits(s)).toEqual([{ path: ['network_config', 'extra_headers'], remove: true }]);
    expect((buildBody(s).network_config as object)).not.toHaveProperty('extra_headers');
  });

  it('allowed_requests: set as a whole, removed for "all"', () => {
    const id = 'custom_provider_config.allowed_requests';
    let s = setFieldValue(createFormState(CUSTOM_PROVIDER), id, { chat_completion: true, quantum_completion: true });
    expect(toEdits(s)).toEqual([{ path: ['custom_provider_config', 'allowed_requests'], value: { chat_completion: true, quantum_completion: true } }]);
    s = setFieldValue(s, id, null);
    expect(toEdits(s)).toEqual([{ path: ['custom_provider_config', 'allowed_requests'], remove: true }]);
    const cpc = buildBody(s).custom_provider_config as Record<string, unknown>;
    expect(cpc).not.toHaveProperty('allowed_requests');
    expect(cpc.request_path_overrides).toEqual({ chat_completion: '/v2/chat/completions' });
  });

  it('editing a field of a null proxy block creates the block', () => {
    let s = setFieldValue(createFormState(OLLAMA_PROVIDER), 'proxy_config.type', 'http');
    s = setField(s, 'proxy_config.url', 'http://proxy:3128');
    expect(buildBody(s).proxy_config).toEqual({ type: 'http', url: 'http://proxy:3128' });
    expect(effectiveProvider(s).proxy_config?.type).toBe('http');
  });

  it('proxy type "none" on a null block is not a change', () => {
    const s = setFieldValue(createFormState(OLLAMA_PROVIDER), 'proxy_config.type', 'none');
    expect(isDirty(s, 'proxy_config.type')).toBe(false);
    expect(buildBody(s).proxy_config).toBeNull();
  });
});

describe('undo, redo, revert, reset', () => {
  it('undo and redo walk the edit history', () => {
    let s = createFormState(OPENAI_PROVIDER);
    s = setField(s, TIMEOUT, '10');
    s = setField(s, TIMEOUT, '20');
    s = setField(s, 'network_config.max_retries', '5');
    expect(dirtyFieldIds(s)).toEqual([TIMEOUT, 'network_config.max_retries']);
    s = undo(s);
    expect(isDirty(s, 'network_config.max_retries')).toBe(false);
    expect(effectiveValue(s, TIMEOUT)).toBe(20);
    s = undo(s);
    expect(effectiveValue(s, TIMEOUT)).toBe(10);
    s = redo(s);
    expect(effectiveValue(s, TIMEOUT)).toBe(20);
    s = setField(s, TIMEOUT, '30');
    expect(redo(s)).toBe(s); // a new edit clears the redo stack
    expect(undo(undo(undo(undo(s)))).edits.size).toBe(0);
  });

  it('revertField and revertAll (undoable)', () => {
    let s = setField(setField(createFormState(OPENAI_PROVIDER), TIMEOUT, '10'), 'network_config.max_retries', '5');
    s = revertField(s, TIMEOUT);
    expect(dirtyFieldIds(s)).toEqual(['network_config.max_retries']);
    s = revertAll(s);
    expect(dirtyCount(s)).toBe(0);
    s = undo(s);
    expect(dirtyCount(s)).toBe(1);
  });

  it('resetFieldToDefault: 0 = server default for network numbers, explicit for concurrency, off for toggles', () => {
    let s = createFormState(OPENAI_PROVIDER);
    s = resetFieldToDefault(s, TIMEOUT);
    s = resetFieldToDefault(s, 'network_config.max_conns_per_host');
    s = resetFieldToDefault(s, 'concurrency_and_buffer_size.concurrency');
    s = resetFieldToDefault(s, 'send_back_raw_response');
    s = resetFieldToDefault(s, 'network_config.base_url');
    const body = buildBody(s) as Record<string, Record<string, unknown>>;
    expect(body.network_config!.default_request_timeout_in_seconds).toBe(0);
    expect(body.network_config!.max_conns_per_host).toBe(0);
    expect(body.network_config).not.toHaveProperty('base_url');
    expect(body.concurrency_and_buffer_size).toEqual({ concurrency: 1000, buffer_size: 500 });
    expect(body.send_back_raw_response).toBe(false);
  });

  it('reset of allowed_requests removes it (everything allowed)', () => {
    const s = resetFieldToDefault(createFormState(CUSTOM_PROVIDER), 'custom_provider_config.allowed_requests');
    expect(buildBody(s).custom_provider_config).not.toHaveProperty('allowed_requests');
  });
});

describe('secrets', () => {
  it('an untouched redacted CA PEM and EnvVar proxy password go back byte for byte', () => {
    let s = createFormState(OPENAI_PROVIDER);
    s = setField(s, 'network_config.max_retries', '4');
    s = setFieldValue(s, 'proxy_config.type', 'socks5');
    const body = buildBody(s) as Record<string, Record<string, unknown>>;
    expect(body.network_config!.ca_cert_pem).toBe(REDACTED_PEM);
    expect(JSON.stringify(body.proxy_config!.password)).toBe(JSON.stringify(OPENAI_PROVIDER.proxy_config!.password));
    expect(JSON.stringify(body.proxy_config!.username)).toBe(JSON.stringify(OPENAI_PROVIDER.proxy_config!.username));
  });

  it('a new CA PEM replaces the redacted one as a string', () => {
    const s = setField(createFormState(OPENAI_PROVIDER), 'network_config.ca_cert_pem', TEST_CA_PEM);
    expect((buildBody(s).network_config as Record<string, unknown>).ca_cert_pem).toBe(TEST_CA_PEM.trim());
    expect(editText(createFormState(OPENAI_PROVIDER), 'network_config.ca_cert_pem')).toBe('');
  });
});

describe('EnvVar edits', () => {
  const proxy = (s: ReturnType<typeof createFormState>) => buildBody(s).proxy_config as Record<string, unknown>;

  it('old shape: a typed literal goes as a plain string, which every line reads', () => {
    const s = setField(createFormState(OPENAI_PROVIDER), 'proxy_config.password', 'n3w-pa55');
    expect(proxy(s).password).toBe('n3w-pa55');
  });

  it('old shape: env.NAME → the reference as a plain string; reference → literal', () => {
    let s = setField(createFormState(OPENAI_PROVIDER), 'proxy_config.url', 'env.HTTPS_PROXY');
    expect(proxy(s).url).toBe('env.HTTPS_PROXY');
    s = setField(s, 'proxy_config.username', 'svc-proxy');
    expect(proxy(s).username).toBe('svc-proxy');
  });

  it('re-typing the same env reference is not a change: the loaded object goes back as is', () => {
    expect(editText(createFormState(OPENAI_PROVIDER), 'proxy_config.username')).toBe('env.PROXY_USER');
    const s = setField(createFormState(OPENAI_PROVIDER), 'proxy_config.username', 'env.PROXY_USER');
    expect(isDirty(s, 'proxy_config.username')).toBe(false);
    expect(proxy(s).username).toEqual(OPENAI_PROVIDER.proxy_config!.username);
  });

  it('clearing an old-shape literal sends an empty string; clearing an unset field sends nothing', () => {
    let s = setField(createFormState(OPENAI_PROVIDER), 'proxy_config.url', '');
    expect(proxy(s).url).toBe('');
    s = setField(createFormState(ANTHROPIC_PROVIDER), 'proxy_config.username', '');
    expect(isDirty(s, 'proxy_config.username')).toBe(false);
    expect(proxy(s)).not.toHaveProperty('username');
  });

  it('new {value, ref, type} shape and bare strings are answered with bare strings', () => {
    let s = setField(createFormState(ANTHROPIC_PROVIDER), 'proxy_config.password', 'env.OTHER_PASS');
    expect(proxy(s).password).toBe('env.OTHER_PASS');
    s = setField(s, 'proxy_config.url', 'socks5://10.0.0.2:1080');
    expect(proxy(s).url).toBe('socks5://10.0.0.2:1080');
    const plain = cloneFixture(OLLAMA_PROVIDER);
    plain.proxy_config = { type: 'http', url: 'http://a:1', password: 'p' };
    expect(proxy(setField(createFormState(plain), 'proxy_config.password', 'vault.kv/proxy'))).toMatchObject({ password: 'vault.kv/proxy' });
  });
});

describe('rebase', () => {
  it('keeps user edits on the fresh copy and lists fields both sides changed', () => {
    let s = createFormState(OPENAI_PROVIDER);
    s = setField(s, TIMEOUT, '600');
    s = setField(s, 'network_config.max_retries', '3');
    const fresh = cloneFixture(OPENAI_PROVIDER);
    fresh.network_config!.max_retries = 5; // server changed a field the user also changed
    fresh.concurrency_and_buffer_size = { concurrency: 200, buffer_size: 500 }; // server-only change
    fresh.config_hash = 'new';
    const r = rebase(s, fresh);
    expect(r.overlaps).toEqual(['network_config.max_retries']);
    expect(r.serverChanged).toEqual(['network_config.max_retries', 'concurrency_and_buffer_size.concurrency']);
    const body = buildBody(r.state) as Record<string, Record<string, unknown>>;
    expect(body.network_config!.max_retries).toBe(3);
    expect(body.network_config!.default_request_timeout_in_seconds).toBe(600);
    expect(body.concurrency_and_buffer_size!.concurrency).toBe(200);
  });

  it('every change by the server counts: to a default, an unset field, a 0, a false (issue 21: the one conflict rule)', () => {
    const fresh = cloneFixture(CUSTOM_PROVIDER);
    fresh.network_config!.retry_backoff_initial = 500; // from 0 (unset) to the default
    delete fresh.network_config!.retry_backoff_max;
    fresh.network_config!.insecure_skip_verify = false;
    expect(rebase(createFormState(CUSTOM_PROVIDER), fresh).serverChanged).toEqual([
      'network_config.retry_backoff_initial', 'network_config.retry_backoff_max', 'network_config.insecure_skip_verify',
    ]);
  });

  it('a map is re-applied entry by entry: an entry the user did not touch keeps the server\'s value', () => {
    let s = createFormState(OPENAI_PROVIDER);
    const headers = OPENAI_PROVIDER.network_config!.extra_headers as Record<string, string>;
    s = setFieldValue(s, 'network_config.extra_headers', { ...headers, 'X-Env': 'prod' });
    const fresh = cloneFixture(OPENAI_PROVIDER);
    const theirs = { ...headers, [Object.keys(headers)[0]!]: 'changed-by-them', 'X-Their': 'new' };
    fresh.network_config!.extra_headers = theirs;
    const r = rebase(s, fresh);
    expect(r.overlaps).toEqual([]);
    expect((buildBody(r.state).network_config as Record<string, unknown>).extra_headers).toEqual({ ...theirs, 'X-Env': 'prod' });
  });

  it('an entry both sides changed is an overlap; the user\'s value wins there and the others keep theirs', () => {
    let s = createFormState(OPENAI_PROVIDER);
    const headers = OPENAI_PROVIDER.network_config!.extra_headers as Record<string, string>;
    const [first] = Object.keys(headers);
    s = setFieldValue(s, 'network_config.extra_headers', { ...headers, [first!]: 'mine' });
    const fresh = cloneFixture(OPENAI_PROVIDER);
    fresh.network_config!.extra_headers = { ...headers, [first!]: 'theirs', 'X-Their': 'new' };
    const r = rebase(s, fresh);
    expect(r.overlaps).toEqual(['network_config.extra_headers']);
    expect((buildBody(r.state).network_config as Record<string, unknown>).extra_headers).toEqual({ ...headers, [first!]: 'mine', 'X-Their': 'new' });
  });
});
