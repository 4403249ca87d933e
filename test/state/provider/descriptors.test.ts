import { describe, expect, it } from 'vitest';
import type { $ZodType } from 'zod/v4/core';
import { ProviderSchema } from '../../../src/api/wire.js';
import { READ_ONLY_FIELDS } from '../../../src/api/wire-fields.js';
import { DESCRIPTORS, SECTIONS, descriptor, isVisible } from '../../../src/state/provider/descriptors.js';
import { otherFields } from '../../../src/state/provider/other-fields.js';
import { isParseError } from '../../../src/state/provider/types.js';
import { ANTHROPIC_PROVIDER, CUSTOM_PROVIDER, OLLAMA_PROVIDER, OPENAI_PROVIDER, cloneFixture } from '../../fixtures/providers.js';

type Def = { type: string; innerType?: $ZodType; options?: $ZodType[]; shape?: Record<string, $ZodType> };
const defOf = (schema: $ZodType): Def => schema._zod.def as unknown as Def;

/** Strips optional/nullable wrappers; returns the object members of a union. */
function unwrap(schema: $ZodType): $ZodType[] {
  const def = defOf(schema);
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return unwrap(def.innerType);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

const shapeOf = (schema: $ZodType): Record<string, $ZodType> | undefined => (defOf(schema).type === 'object' ? defOf(schema).shape : undefined);

/** The schema at `path`, or undefined when some segment does not exist. */
function schemaAt(root: $ZodType, path: readonly string[]): $ZodType | undefined {
  let candidates = unwrap(root);
  for (const key of path) {
    const next = candidates.map((s) => shapeOf(s)?.[key]).filter((s): s is $ZodType => s !== undefined);
    if (next.length === 0) return undefined;
    candidates = next.flatMap(unwrap);
  }
  return candidates[0];
}

/** Writable leaf paths of the schema: top-level fields, and the members of object blocks. */
function writableSchemaPaths(): string[][] {
  const out: string[][] = [];
  for (const [key, member] of Object.entries(ProviderSchema.shape)) {
    if ((READ_ONLY_FIELDS as readonly string[]).includes(key)) continue;
    const shapes = unwrap(member).map(shapeOf).filter((shape) => shape !== undefined);
    if (shapes.length === 0) out.push([key]);
    for (const shape of shapes) for (const sub of Object.keys(shape)) out.push([key, sub]);
  }
  return out;
}

describe('field descriptors', () => {
  it('every descriptor path exists in the wire schema', () => {
    for (const d of DESCRIPTORS) expect(schemaAt(ProviderSchema, d.path), d.id).toBeDefined();
  });

  it('every writable wire field has a descriptor or is listed by otherFields', () => {
    const ids = new Set(DESCRIPTORS.map((d) => d.id));
    const paths = writableSchemaPaths();
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      if (ids.has(path.join('.'))) continue;
      const p: Record<string, unknown> = { name: 'openai' };
      if (path.length === 1) p[path[0]!] = { probe: 1 };
      else p[path[0]!] = { [path[1]!]: 'probe' };
      expect(otherFields(p as never).map((f) => f.path.join('.')), path.join('.')).toContain(path.join('.'));
    }
  });

  it('ids are unique dotted paths and sections follow the display order', () => {
    expect(new Set(DESCRIPTORS.map((d) => d.id)).size).toBe(DESCRIPTORS.length);
    for (const d of DESCRIPTORS) expect(d.id).toBe(d.path.join('.'));
    const order = SECTIONS.map((s) => s.id);
    const idx = DESCRIPTORS.map((d) => order.indexOf(d.section));
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    expect(order).toEqual(['network', 'concurrency', 'proxy', 'raw', 'custom', 'openai', 'other']);
  });

  it('every field has a one-line help text', () => {
    for (const d of DESCRIPTORS) {
      expect(d.help.length, d.id).toBeGreaterThan(10);
      expect(d.help).not.toContain('\n');
    }
  });

  it('lists the CONTRACT §5.1–5.3 fields', () => {
    expect(DESCRIPTORS.map((d) => d.id)).toEqual([
      'network_config.base_url', 'network_config.extra_headers', 'network_config.default_request_timeout_in_seconds',
      'network_config.max_retries', 'network_config.retry_backoff_initial', 'network_config.retry_backoff_max',
      'network_config.insecure_skip_verify', 'network_config.ca_cert_pem', 'network_config.allow_private_network',
      'network_config.stream_idle_timeout_in_seconds', 'network_config.keep_alive_timeout_in_seconds',
      'network_config.max_conns_per_host', 'network_config.enforce_http2', 'network_config.beta_header_overrides',
      'concurrency_and_buffer_size.concurrency', 'concurrency_and_buffer_size.buffer_size',
      'proxy_config.type', 'proxy_config.url', 'proxy_config.username', 'proxy_config.password', 'proxy_config.ca_cert_pem',
      'send_back_raw_request', 'send_back_raw_response', 'store_raw_request_response',
      'custom_provider_config.base_provider_type', 'custom_provider_config.is_key_less',
      'custom_provider_config.allowed_requests', 'custom_provider_config.request_path_overrides',
      'openai_config.disable_store',
    ]);
  });
});

describe('visibility rules', () => {
  const visible = (p: typeof OPENAI_PROVIDER) => DESCRIPTORS.filter((d) => isVisible(d, p)).map((d) => d.id);

  it('hides base_url for ollama unless set', () => {
    expect(visible(OLLAMA_PROVIDER)).not.toContain('network_config.base_url');
    const withUrl = cloneFixture(OLLAMA_PROVIDER);
    withUrl.network_config!.base_url = 'http://ollama:11434';
    expect(visible(withUrl)).toContain('network_config.base_url');
  });

  it('shows custom and openai sections only where they apply', () => {
    expect(visible(OPENAI_PROVIDER)).toContain('openai_config.disable_store');
    expect(visible(OPENAI_PROVIDER)).not.toContain('custom_provider_config.allowed_requests');
    expect(visible(CUSTOM_PROVIDER)).toContain('custom_provider_config.allowed_requests');
    expect(visible(CUSTOM_PROVIDER)).not.toContain('openai_config.disable_store');
  });

  it('shows beta headers for the anthropic family or when present', () => {
    expect(visible(ANTHROPIC_PROVIDER)).toContain('network_config.beta_header_overrides');
    expect(visible(OPENAI_PROVIDER)).not.toContain('network_config.beta_header_overrides');
  });

  it('hides proxy subfields for type none/environment unless set', () => {
    expect(visible(OLLAMA_PROVIDER)).not.toContain('proxy_config.url');
    expect(visible(OPENAI_PROVIDER)).toContain('proxy_config.password');
    const env = cloneFixture(OLLAMA_PROVIDER);
    env.proxy_config = { type: 'environment' };
    expect(visible(env)).not.toContain('proxy_config.url');
    env.proxy_config = { type: 'environment', username: 'bob' };
    expect(visible(env)).toContain('proxy_config.username');
    expect(visible(env)).not.toContain('proxy_config.password');
  });

  it('hides request_path_overrides for bedrock/gemini bases unless set', () => {
    const gem = cloneFixture(CUSTOM_PROVIDER);
    gem.custom_provider_config!.base_provider_type = 'gemini';
    expect(visible(gem)).toContain('custom_provider_config.request_path_overrides');
    delete gem.custom_provider_config!.request_path_overrides;
    expect(visible(gem)).not.toContain('custom_provider_config.request_path_overrides');
  });

  it('base_provider_type is read-only', () => {
    expect(descriptor('custom_provider_config.base_provider_type').readOnly?.(CUSTOM_PROVIDER)).toBe(true);
  });
});

describe('parse and format', () => {
  it('numbers: grouping, durations for ms fields, 0 for "default"', () => {
    const backoff = descriptor('network_config.retry_backoff_initial');
    expect(backoff.parse('1,500')).toEqual({ value: 1500 });
    expect(backoff.parse('2s')).toEqual({ value: 2000 });
    expect(backoff.parse('1m30s')).toEqual({ value: 90_000 });
    expect(backoff.parse('default')).toEqual({ value: 0 });
    expect(isParseError(backoff.parse('soon'))).toBe(true);
    expect(isParseError(descriptor('concurrency_and_buffer_size.concurrency').parse(''))).toBe(true);
  });

  it('toggles and enums', () => {
    const t = descriptor('network_config.enforce_http2');
    expect(t.parse('yes')).toEqual({ value: true });
    expect(t.parse('off')).toEqual({ value: false });
    expect(isParseError(t.parse('maybe'))).toBe(true);
    const e = descriptor('proxy_config.type');
    expect(e.parse('SOCKS5')).toEqual({ value: 'socks5' });
    expect(isParseError(e.parse('ftp'))).toBe(true);
  });

  it('maps: one "name: value" per line; bool maps', () => {
    const h = descriptor('network_config.extra_headers');
    expect(h.parse('X-A: 1\nX-B: http://x:1\n')).toEqual({ value: { 'X-A': '1', 'X-B': 'http://x:1' } });
    expect(h.format({ 'X-A': '1' })).toBe('X-A: 1');
    expect(isParseError(h.parse('novalue'))).toBe(true);
    expect(isParseError(h.parse('X-A: 1\nX-A: 2'))).toBe(true);
    const b = descriptor('network_config.beta_header_overrides');
    expect(b.parse('context-1m-: on')).toEqual({ value: { 'context-1m-': true } });
    expect(isParseError(b.parse('context-1m-: sometimes'))).toBe(true);
  });

  it('secret fields never pre-fill an editor with a literal', () => {
    expect(descriptor('proxy_config.password').format({ value: 'hunter2', env_var: '', from_env: false })).toBe('');
    expect(descriptor('proxy_config.password').format({ value: 'x', env_var: 'env.P', from_env: true })).toBe('env.P');
    expect(descriptor('proxy_config.url').format({ value: 'http://p:1', env_var: '', from_env: false })).toBe('http://p:1');
  });
});
