/** Pure key logic: allow-list words and parsing, value sources, the key PUT body, diffs. */
import { describe, expect, it } from 'vitest';
import { buildKeyBody } from '../../../src/api/key-body.js';
import { describeAllowList, formatModelList, parseModelList } from '../../../src/state/keys/allow-list.js';
import { diffKeys, formatKeyDiffEntry } from '../../../src/state/keys/key-diff.js';
import { rotateEdit } from '../../../src/state/keys/key-edits.js';
import { keyErrorField } from '../../../src/state/keys/key-errors.js';
import { findKey, keyValueSource } from '../../../src/state/keys/key-view.js';

const MASK = `sk-p${'*'.repeat(24)}0001`;

describe('allow-lists (CONTRACT 4.6.1)', () => {
  it('says what the gateway means', () => {
    expect(describeAllowList(['*'])).toBe('all models');
    expect(describeAllowList([])).toBe('no models: this key serves nothing');
    expect(describeAllowList(undefined)).toBe('no models: this key serves nothing');
    expect(describeAllowList(['a', 'b', 'c', 'd'])).toBe('only: a, b, c (+1)');
  });
  it('parses explicit modes and refuses what the gateway refuses', () => {
    expect(parseModelList('*')).toEqual({ value: ['*'] });
    expect(parseModelList('none')).toEqual({ value: [] });
    expect(parseModelList(' a, b ')).toEqual({ value: ['a', 'b'] });
    expect(parseModelList('*, a')).toEqual({ error: 'wildcard "*" cannot be mixed with model names' });
    expect(parseModelList('a,a')).toEqual({ error: 'duplicate model "a"' });
    expect(formatModelList([])).toBe('none');
    expect(formatModelList(['*'])).toBe('*');
  });
});

describe('key values', () => {
  it('shows only the source, never more than the mask shows', () => {
    expect(keyValueSource({ value: MASK, env_var: '', from_env: false })).toBe('stored ····0001');
    expect(keyValueSource({ value: 'x', ref: 'env.K', type: 'env' })).toBe('env.K');
    expect(keyValueSource('vault.secret/openai')).toBe('vault.secret/openai');
    expect(keyValueSource('********')).toBe('stored ····');
    // A 32-character real value is not a mask: its tail is not shown.
    expect(keyValueSource('sk-live-abcdefghijklmnopqrstuvwx')).toBe('stored ····');
  });
  it('finds a key by id, then by name; a shared name is ambiguous', () => {
    const keys = [{ id: '1', name: 'a' }, { id: '2', name: 'b' }, { id: '3', name: 'b' }];
    expect(findKey(keys, '2')).toBe(keys[1]);
    expect(findKey(keys, 'a')).toBe(keys[0]);
    expect(findKey(keys, 'b')).toBe('ambiguous');
  });
});

describe('key PUT body', () => {
  const fetched = {
    id: 'k1', name: 'n', value: { value: MASK, env_var: '', from_env: false }, models: ['*'], weight: 1, enabled: true,
    azure_key_config: { endpoint: { value: MASK, env_var: '', from_env: false } }, future_field: { x: 1 },
    status: 'success', description: '', config_hash: 'abc',
  };
  it('sends back everything fetched minus computed fields, plus exactly the edits', () => {
    expect(buildKeyBody(fetched, [{ path: ['weight'], value: 0.5 }])).toEqual({
      id: 'k1', name: 'n', value: fetched.value, models: ['*'], weight: 0.5, enabled: true,
      azure_key_config: fetched.azure_key_config, future_field: { x: 1 },
    });
    expect(() => buildKeyBody(fetched, [{ path: ['status'], value: 'x' }])).toThrow(/read-only/);
  });
  it('rotate sends the new value as a plain string, which every line reads (whatever shape the old one had)', () => {
    expect(rotateEdit(fetched, 'sk-new')).toEqual({ path: ['value'], value: 'sk-new' });
    expect(rotateEdit({ value: 'old' }, 'env.NEW')).toEqual({ path: ['value'], value: 'env.NEW' });
  });
  it('diffs a rotated value as one field by source, never the text', () => {
    const body = buildKeyBody(fetched, [rotateEdit(fetched, 'sk-brand-new-secret')]);
    const lines = diffKeys(buildKeyBody(fetched), body).map((e) => formatKeyDiffEntry(e));
    expect(lines).toEqual(['~ value: stored ····0001 → new value (19 chars)']);
  });
  it('maps gateway refusals to the field concerned', () => {
    expect(keyErrorField('API key names must be unique across providers. Choose a different name')).toBe('name');
    expect(keyErrorField('Invalid blacklisted_models: duplicate')).toBe('blacklisted_models');
  });
});

describe('key form descriptors', () => {
  it('aliases are edited on one line: "name: id" entries apart by commas', async () => {
    const { findKeyField } = await import('../../../src/state/keys/key-fields.js');
    const d = findKeyField('aliases')!;
    expect(d.parse('gpt-4o: dep-a, gpt-4o-mini: dep-b')).toEqual({ value: { 'gpt-4o': 'dep-a', 'gpt-4o-mini': 'dep-b' } });
    expect(d.format({ a: 'x', b: 'y' })).toBe('a: x, b: y');
  });
});

describe('the review of a new key', () => {
  it('lists its fields one by one and shows the typed value only by its length', async () => {
    const { reviewLines } = await import('../../../src/state/keys-screen/keys-review.js');
    const lines = reviewLines('groq', [{ kind: 'create', body: { name: 'new', value: 'sk-typed-secret', models: ['a', 'b'], weight: 1, enabled: true } }]);
    expect(lines).toEqual([
      '+ new key "new"', '  + name: "new"', '  + value: new value (15 chars)', '  + models: only: a, b', '  + weight: 1', '  + enabled: true',
    ]);
    expect(reviewLines('groq', [{ kind: 'create', body: { name: 'n', value: 'env.GROQ_KEY', models: ['*'] } }])).toContain('  + value: env.GROQ_KEY');
  });
});

describe('aliases in words', () => {
  it('show as "model → target" pairs, in the key form and the review', async () => {
    const { formatKeyValue } = await import('../../../src/state/keys/key-diff.js');
    expect(formatKeyValue(['aliases'], { 'gpt-4o': 'gpt4o-prod', 'gpt-4o-mini': 'gpt4o-mini-eu' })).toBe('gpt-4o → gpt4o-prod, gpt-4o-mini → gpt4o-mini-eu');
    expect(formatKeyValue(['aliases'], {})).toBe('none');
  });
});
