import { describe, expect, it } from 'vitest';
import { createFormState, setField } from '../../../src/state/provider/edit-model.js';
import { descriptor } from '../../../src/state/provider/descriptors.js';
import { visibleRows, type FieldRow, type FormRow } from '../../../src/state/form-screen/form-view.js';
import { CUSTOM_PROVIDER, OLLAMA_PROVIDER, OPENAI_PROVIDER } from '../../fixtures/providers.js';

const field = (rows: FormRow[], id: string) => rows.find((r): r is FieldRow => r.type === 'field' && r.fieldId === id);

describe('visibleRows', () => {
  it('sections in order; custom/openai only where they apply; other fields listed read-only', () => {
    const rows = visibleRows(createFormState(OPENAI_PROVIDER));
    expect(rows.filter((r) => r.type === 'section').map((r) => r.type === 'section' && r.title)).toEqual([
      'Network', 'Concurrency', 'Proxy', 'Raw data', 'OpenAI', 'Other fields',
    ]);
    const other = rows.filter((r) => r.type === 'other');
    expect(other.map((r) => r.label)).toEqual(['network_config.http2_ping_interval_in_seconds', 'provider_request_id']);
    expect(visibleRows(createFormState(OLLAMA_PROVIDER)).some((r) => r.type === 'section' && r.section === 'other')).toBe(false);
  });

  it('masks secrets in display text', () => {
    const rows = visibleRows(createFormState(OPENAI_PROVIDER));
    const text = JSON.stringify(rows);
    expect(text).not.toContain('sk-upstream-override');
    expect(field(rows, 'network_config.extra_headers')!.display).toBe('X-Org-Team: platform, Authorization: •••• (set, 38 chars)');
    expect(field(rows, 'network_config.ca_cert_pem')!.display).toBe('set, redacted');
    expect(field(rows, 'proxy_config.password')!.display).toBe('•••• (set, redacted)');
    expect(field(rows, 'proxy_config.username')!.display).toBe('env.PROXY_USER');
    expect(field(rows, 'proxy_config.url')!.display).toBe('•••• (set, 26 chars)');
    const revealed = visibleRows(createFormState(OPENAI_PROVIDER), new Set(), { reveal: new Set(['proxy_config.url']) });
    expect(field(revealed, 'proxy_config.url')!.display).toBe('http://proxy.internal:3128');
  });

  it('shows units, defaults for 0, flag counts', () => {
    const rows = visibleRows(createFormState(CUSTOM_PROVIDER));
    expect(field(rows, 'network_config.default_request_timeout_in_seconds')!.display).toBe('300 s');
    expect(field(rows, 'network_config.retry_backoff_initial')!.display).toBe('default (500 ms)');
    expect(field(rows, 'network_config.max_conns_per_host')!.display).toBe('default (5000)');
    expect(field(rows, 'custom_provider_config.allowed_requests')!.display).toMatch(/^4\/\d+ allowed$/);
    expect(field(rows, 'custom_provider_config.base_provider_type')).toMatchObject({ display: 'openai', readOnly: true });
  });

  it('one wording for an unset value: "default (…)" wherever the gateway has a default, "(not set)" only where it has none', () => {
    const p = structuredClone(CUSTOM_PROVIDER) as any;
    delete p.network_config.max_retries;
    delete p.network_config.retry_backoff_initial;
    const rows = visibleRows(createFormState(p));
    expect(field(rows, 'network_config.max_retries')!.display).toBe('default (0)');
    expect(field(rows, 'network_config.retry_backoff_initial')!.display).toBe('default (500 ms)');
    // every field with a gateway default that is unset says "default (…)", none says "(not set)"
    const empty = visibleRows(createFormState({ name: 'x', network_config: {}, concurrency_and_buffer_size: {} } as any));
    for (const r of empty) if (r.type === 'field' && r.display === '(not set)') expect(descriptor(r.fieldId).default).toBeUndefined();
  });

  it('dirty markers, errors, collapsed sections', () => {
    let s = setField(createFormState(OPENAI_PROVIDER), 'network_config.max_retries', '99');
    s = setField(s, 'concurrency_and_buffer_size.buffer_size', 'lots');
    const rows = visibleRows(s, new Set(['concurrency']));
    expect(field(rows, 'network_config.max_retries')).toMatchObject({ dirty: true, display: '99', error: 'Max retries: must be 0–10 (got 99)' });
    expect(field(rows, 'concurrency_and_buffer_size.buffer_size')).toBeUndefined();
    expect(rows.find((r) => r.type === 'section' && r.section === 'concurrency')).toMatchObject({ collapsed: true, dirtyCount: 1, errorCount: 1 });
    const open = visibleRows(s);
    expect(field(open, 'concurrency_and_buffer_size.buffer_size')).toMatchObject({ display: 'lots', dirty: true });
  });
});
