/** Bodies and meanings in each line's dialect (VERSIONS.md §3, §4, §5.5, §5.6, §6). */
import { describe, expect, it } from 'vitest';
import { LINE_RULES, rulesForRelease } from '../../../src/api/versions/version-rules.js';
import {
  gatedChanges, keyPutBody, keysWithChange, modelListFor, modelListMeaning, providerPutBody,
} from '../../../src/api/versions/dialect.js';
import { sameSecretMeaning, secretForTarget, understoodBy } from '../../../src/api/versions/secret-dialect.js';

const V14 = rulesForRelease('v1.4', { major: 1, minor: 4, patch: 23 });
const V15 = LINE_RULES['v1.5'];
const V16 = LINE_RULES['v1.6'];
const V22 = rulesForRelease('v2', { major: 2, minor: 2, patch: 6 });

const MASK = 'sk-p************************0001';
const v14Provider = () => ({
  name: 'openai', provider_status: 'active', config_hash: 'abc',
  keys: [
    { id: 'k-1', name: 'prod', value: { value: MASK, env_var: '', from_env: false }, models: [], weight: 1 },
    { id: 'k-2', name: 'batch', value: { value: 'sk-b************************0002', env_var: 'env.BATCH', from_env: true }, models: ['gpt-4o'], weight: 0 },
  ],
  network_config: { max_retries: 1 },
  concurrency_and_buffer_size: { concurrency: 10, buffer_size: 20 },
  proxy_config: null,
  pricing_overrides: [{ model: 'gpt-4o' }],
});

describe('provider PUT body', () => {
  it('v1.4: the keys go back whole, byte for byte as fetched; read-only fields dropped; unknown fields kept', () => {
    const fetched = v14Provider();
    const out = providerPutBody(V14, 'openai', fetched, [{ path: ['network_config', 'max_retries'], value: 3 }]);
    expect(out).toEqual({
      ok: true,
      value: {
        keys: fetched.keys, network_config: { max_retries: 3 }, concurrency_and_buffer_size: { concurrency: 10, buffer_size: 20 },
        proxy_config: null, pricing_overrides: [{ model: 'gpt-4o' }],
      },
    });
  });

  it('v1.4: a provider read without its keys is refused (the PUT would delete them)', () => {
    const { keys: _k, ...noKeys } = v14Provider();
    expect(providerPutBody(V14, 'openai', noKeys)).toEqual({ ok: false, refusal: expect.stringMatching(/read without them: a save would delete them/) });
  });

  it('v1.4: a Hugging Face provider with keys is refused (GET drops huggingface_key_config, an echo would erase it)', () => {
    expect(providerPutBody(V14, 'huggingface', { ...v14Provider(), name: 'huggingface' })).toEqual({ ok: false, refusal: expect.stringMatching(/huggingface_key_config/) });
    expect(providerPutBody(V14, 'hf-custom', { ...v14Provider(), custom_provider_config: { base_provider_type: 'huggingface' } }).ok).toBe(false);
    expect(providerPutBody(V14, 'huggingface', { ...v14Provider(), keys: [] }).ok).toBe(true);
  });

  it.each([['v1.5', V15], ['v1.6', V16], ['v2.2', V22]])('%s: keys are never sent, nor the computed fields', (_l, rules) => {
    const out = providerPutBody(rules, 'openai', { ...v14Provider(), keys: undefined, status: 'success', description: 'x' });
    expect(out.ok && Object.keys(out.value).sort()).toEqual(['concurrency_and_buffer_size', 'network_config', 'pricing_overrides', 'proxy_config']);
    expect(providerPutBody(rules, 'openai', v14Provider(), [{ path: ['keys'], value: [] }])).toEqual({ ok: false, refusal: `keys is read-only on Bifrost ${rules.line}` });
  });

  it('removing an optional block sends null (an omitted block is kept on v2.1+)', () => {
    const fetched = { ...v14Provider(), keys: undefined, proxy_config: { type: 'http', url: 'http://p:3128' } };
    for (const rules of [V15, V22]) {
      const out = providerPutBody(rules, 'openai', fetched, [{ path: ['proxy_config'], remove: true }]);
      expect(out.ok && out.value.proxy_config).toBeNull();
    }
  });
});

describe('key changes', () => {
  it('v1.4: one key edited, the others untouched objects; a new key has an empty id; an unknown id is refused', () => {
    const keys = v14Provider().keys;
    const edited = keysWithChange(keys, { kind: 'update', id: 'k-2', edits: [{ path: ['weight'], value: 0.5 }] });
    expect(edited).toEqual({ ok: true, value: [keys[0], { ...keys[1], weight: 0.5 }] });
    expect(keysWithChange(keys, { kind: 'add', key: { id: 'mine', name: 'new', value: 'sk-new' } })).toEqual({ ok: true, value: [...keys, { id: '', name: 'new', value: 'sk-new' }] });
    expect(keysWithChange(keys, { kind: 'delete', id: 'k-1' })).toEqual({ ok: true, value: [keys[1]] });
    expect(keysWithChange(keys, { kind: 'delete', id: 'nope' }).ok).toBe(false);
  });

  it('key PUT: the whole key minus computed fields on every line with key routes; none on v1.4', () => {
    const key = { id: 'k', name: 'n', value: { value: MASK, ref: '', type: 'plain_text' }, models: ['*'], status: 'success', config_hash: 'h', rate_limit: { rpm: 5 } };
    for (const rules of [V15, V16, V22]) {
      expect(keyPutBody(rules, key, [{ path: ['weight'], value: 2 }])).toEqual({
        ok: true, value: { id: 'k', name: 'n', value: key.value, models: ['*'], rate_limit: { rpm: 5 }, weight: 2 },
      });
    }
    expect(keyPutBody(V14, key)).toEqual({ ok: false, refusal: expect.stringMatching(/no key routes/) });
  });
});

describe('model lists', () => {
  it('mean different things per line: [] all on v1.4 and none later; ["*"] nothing on v1.4 and all later; absent likewise', () => {
    expect(modelListMeaning(V14, [])).toEqual({ mode: 'all' });
    expect(modelListMeaning(V14, undefined)).toEqual({ mode: 'all' });
    expect(modelListMeaning(V14, ['*'])).toEqual({ mode: 'none' });
    for (const rules of [V15, V16, V22]) {
      expect(modelListMeaning(rules, [])).toEqual({ mode: 'none' });
      expect(modelListMeaning(rules, null)).toEqual({ mode: 'none' });
      expect(modelListMeaning(rules, ['*'])).toEqual({ mode: 'all' });
    }
    expect(modelListMeaning(V15, ['a', 'b'])).toEqual({ mode: 'only', names: ['a', 'b'] });
  });

  it('are written in the target\'s meaning; "none" cannot be said on v1.4', () => {
    expect(modelListFor(V14, { mode: 'all' })).toEqual({ ok: true, value: [] });
    expect(modelListFor(V22, { mode: 'all' })).toEqual({ ok: true, value: ['*'] });
    expect(modelListFor(V15, { mode: 'none' })).toEqual({ ok: true, value: [] });
    expect(modelListFor(V14, { mode: 'none' })).toEqual({ ok: false, refusal: expect.stringMatching(/empty model list means every model/) });
    expect(modelListFor(V14, { mode: 'only', names: ['gpt-4o'] })).toEqual({ ok: true, value: ['gpt-4o'] });
    // Round trip: meaning read on one line, written on the other, means the same there.
    const all14 = modelListFor(V14, modelListMeaning(V22, ['*']));
    expect(all14.ok && modelListMeaning(V14, all14.value)).toEqual({ mode: 'all' });
  });
});

describe('secrets across lines', () => {
  const envVar = { value: MASK, env_var: '', from_env: false };
  const envRef = { value: 'sk-b************************0002', env_var: 'env.BATCH', from_env: true };
  const secretVar = { value: MASK, type: 'plain_text' };
  const secretRef = { value: 'sk-b************************0002', ref: 'env.BATCH', type: 'env' };

  it('a line understands its own shapes and plain strings; v1.4/v1.5 store any other object as its JSON text', () => {
    expect(understoodBy(V15, envVar)).toBe(true);
    expect(understoodBy(V15, secretVar)).toBe(false);
    expect(understoodBy(V14, { value: 'x', from_env: false })).toBe(false);
    expect(understoodBy(V16, envVar)).toBe(true);
    expect(understoodBy(V22, secretRef)).toBe(true);
    expect(understoodBy(V15, 'vault.kv/openai')).toBe(false);
  });

  it('an echo keeps its shape; a reference crosses as its plain string; a foreign mask is refused', () => {
    expect(secretForTarget(V15, envRef)).toEqual({ ok: true, value: envRef });
    expect(secretForTarget(V14, secretRef)).toEqual({ ok: true, value: 'env.BATCH' });
    expect(secretForTarget(V14, secretVar)).toEqual({ ok: false, refusal: expect.stringMatching(/mask from another gateway/) });
    expect(secretForTarget(V15, { value: 'sk-literal-new', type: 'plain_text' })).toEqual({ ok: true, value: 'sk-literal-new' });
    expect(secretForTarget(V15, { value: '', ref: 'vault.kv/x', type: 'vault' })).toEqual({ ok: false, refusal: expect.stringMatching(/vault reference/) });
    expect(secretForTarget(V22, 'sk-new')).toEqual({ ok: true, value: 'sk-new' });
  });

  it('compare by meaning: the same reference in either shape is the same; masks prove nothing', () => {
    expect(sameSecretMeaning(envRef, secretRef)).toBe('same');
    expect(sameSecretMeaning(envRef, { value: '', ref: 'env.OTHER', type: 'env' })).toBe('different');
    expect(sameSecretMeaning(envVar, secretVar)).toBe('unverifiable');
    expect(sameSecretMeaning('sk-a', { value: 'sk-a', type: 'plain_text' })).toBe('same');
  });
});

describe('v2 gates', () => {
  it('name the gated fields a provider change touches (added, changed or removed); none before v2', () => {
    const before = { network_config: { base_url: 'https://a', max_retries: 1 }, proxy_config: { type: 'http', url: { value: 'http://p', type: 'plain_text' } } };
    const after = { network_config: { base_url: 'https://b', max_retries: 2, insecure_skip_verify: true }, proxy_config: null };
    expect(gatedChanges(V22, 'provider', before, after)).toEqual(['network_config.base_url', 'network_config.insecure_skip_verify', 'proxy_config.url']);
    expect(gatedChanges(V22, 'provider', before, { ...before, network_config: { ...before.network_config, max_retries: 5 } })).toEqual([]);
    expect(gatedChanges(V16, 'provider', before, after)).toEqual([]);
  });

  it('name the dial targets of a new key or a changed one, aliases included', () => {
    expect(gatedChanges(V22, 'key', undefined, { name: 'k', azure_key_config: { endpoint: 'https://x.openai.azure.com' }, weight: 1 })).toEqual(['azure_key_config.endpoint']);
    expect(gatedChanges(V22, 'key', { aliases: { a: { model_id: 'm', endpoint: 'https://1' } } }, { aliases: { a: { model_id: 'm', endpoint: 'https://2' } } })).toEqual(['aliases.a.endpoint']);
  });
});
