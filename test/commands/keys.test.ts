/**
 * `bifrost-tui keys ...` end to end: the real client against the demo gateway
 * over loopback, asserting the exact request bodies the gateway received.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKeysCommand } from '../../src/commands/keys.js';
import { setup, type Harness } from './providers-harness.js';
import { envSecret, literalSecret } from '../helpers/gateway-versions.js';

const MASK = (v: string) => `${v.slice(0, 4)}${'*'.repeat(24)}${v.slice(-4)}`;
const PROD_ID = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';
const PROD_SECRET = 'sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA';
const BATCH_ID = 'a7c90d14-2f3b-4c5e-8d6a-1b9e0f2c4d87';
const AZURE_ID = 'e8f7a6b5-c4d3-4e2f-8a1b-0c9d8e7f6a5b';

let h: Harness;
beforeEach(async () => {
  h = await setup({ command: runKeysCommand });
});
afterEach(async () => {
  await h.close();
});

const storedKey = (provider: string, id: string) => (h.gw.storedProvider(provider)!.keys as Record<string, any>[]).find((k) => k.id === id)!;
const requestLines = () => h.gw.requests.map((r) => `${r.method} ${r.url}`);
/** The key exactly as the gateway answers GET, minus the fields it computes. */
async function fetchedBody(provider: string, id: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.gw.url}/api/providers/${provider}/keys/${id}`);
  const key = (await res.json()) as Record<string, unknown>;
  for (const f of ['status', 'description', 'config_hash']) delete key[f];
  return key;
}

describe('keys list / get', () => {
  it('lists keys with the value only as its source and the status with its description', async () => {
    const r = await h.run(['list', 'groq']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/groq-key\s+0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\s+yes\s+1\s+all models\s+stored ····f8Gh/);
    expect(r.stdout).toContain('groq-legacy: list_models_failed: failed to list models: 401 Unauthorized');
    expect(r.stdout).not.toContain('gsk_');
    const json = JSON.parse((await h.run(['list', 'anthropic', '--json'])).stdout);
    expect(json.keys[1]).toMatchObject({ name: 'anthropic-fallback', value_source: { type: 'reference', ref: 'env.ANTHROPIC_FALLBACK_KEY' }, enabled: false, models: ['*'] });
    expect(JSON.stringify(json)).not.toContain('sk-a');
  });

  it('gets a key by name or id; an unknown key is exit 5', async () => {
    const byName = await h.run(['get', 'openai', 'openai-prod']);
    expect(byName.stdout).toContain('models: only: gpt-4o, gpt-4o-mini');
    expect(byName.stdout).toContain('value: stored ····1QeA');
    expect(byName.stdout).toContain('rate_limit.requests_per_minute: 5000');
    expect((await h.run(['get', 'openai', PROD_ID])).stdout).toContain('openai-prod');
    const missing = await h.run(['get', 'openai', 'nope']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('no key "nope"');
  });
});

describe('keys set', () => {
  it('a weight edit sends the fetched key back unchanged (redacted value, unknown field, blacklist) plus the weight; the gateway keeps its credential', async () => {
    const before = await fetchedBody('openai', PROD_ID);
    const mark = h.gw.requests.length;
    const r = await h.run(['set', 'openai', 'openai-prod', 'weight=0.5', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('~ weight: 0.7 → 0.5');
    const puts = h.puts();
    expect(puts).toHaveLength(1);
    expect(puts[0]!.json).toEqual({ ...before, weight: 0.5 });
    expect((puts[0]!.json as any).value).toEqual(literalSecret(h.gw.version, MASK(PROD_SECRET)));
    expect(storedKey('openai', PROD_ID).value.value).toBe(PROD_SECRET);
    expect(storedKey('openai', PROD_ID).rate_limit).toEqual({ requests_per_minute: 5000, tokens_per_minute: 2000000 });
    // list to resolve the name, GET of the key, the gateway's version (and on v2 whether its dashboard auth is off: the
    // admin-session gates) before the first write, the re-check right before the write (with --yes too), PUT, GET to confirm it
    expect(requestLines().slice(mark)).toEqual([
      'GET /api/providers/openai/keys', `GET /api/providers/openai/keys/${PROD_ID}`, 'GET /api/version', 'GET /api/session/is-auth-enabled',
      `GET /api/providers/openai/keys/${PROD_ID}`,
      `PUT /api/providers/openai/keys/${PROD_ID}`, `GET /api/providers/openai/keys/${PROD_ID}`,
    ]);
  });

  it('an Azure key keeps its config block and aliases; one alias is edited', async () => {
    const before = await fetchedBody('azure', AZURE_ID);
    const r = await h.run(['set', 'azure', 'azure-eastus', 'aliases.gpt-4o=gpt4o-canary', 'azure_key_config.api_version=2025-01-01', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const body = h.puts()[0]!.json as any;
    expect(body).toEqual({
      ...before,
      aliases: { 'gpt-4o': 'gpt4o-canary', 'gpt-4o-mini': 'gpt4o-mini-eu' },
      // A new value goes as the plain string every line understands (VERSIONS.md §4) to a {value, ref, type} gateway.
      azure_key_config: { ...(before.azure_key_config as object), api_version: '2025-01-01' },
    });
    expect(storedKey('azure', AZURE_ID).azure_key_config.api_version).toEqual(literalSecret(h.gw.version, '2025-01-01'));
    expect(storedKey('azure', AZURE_ID).azure_key_config.endpoint.value).toBe('https://acme-eastus.openai.azure.com');
  });

  it('refuses an invalid allow-list before sending (exit 3) and switches modes explicitly', async () => {
    const mixed = await h.run(['set', 'openai', 'openai-prod', 'models=*,gpt-4o', '--yes']);
    expect(mixed.code).toBe(3);
    expect(mixed.stderr).toContain('wildcard "*" cannot be mixed with model names');
    const dup = await h.run(['set', 'openai', 'openai-prod', 'models=a,a', '--yes']);
    expect(dup.stderr).toContain('duplicate model "a"');
    expect(h.writes()).toEqual([]);
    const all = await h.run(['set', 'openai', 'openai-prod', 'models=*', '--yes']);
    expect(all.stdout).toContain('~ models: only: gpt-4o, gpt-4o-mini → all models');
    expect((h.puts()[0]!.json as any).models).toEqual(['*']);
    const none = await h.run(['set', 'openai', 'openai-prod', 'models=none', '--yes']);
    expect(none.stdout).toContain('→ no models: this key serves nothing');
    expect((h.puts()[1]!.json as any).models).toEqual([]);
  });

  it('never takes a secret literal as an argument; a reference is fine', async () => {
    const r = await h.run(['set', 'openai', 'openai-prod', 'value=sk-live-123456789', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('sk-live-123456789');
    expect(h.writes()).toEqual([]);
    const ref = await h.run(['set', 'openai', 'openai-prod', 'value=env.OPENAI_ROTATED', '--yes']);
    expect(ref.code, ref.stderr).toBe(0);
    expect((h.puts()[0]!.json as any).value).toBe('env.OPENAI_ROTATED');
    expect(storedKey('openai', PROD_ID).value).toEqual(envSecret(h.gw.version, '', 'env.OPENAI_ROTATED'));
  });

  it('a duplicate name is the gateway 409 shown at the field, exit 3', async () => {
    const r = await h.run(['set', 'openai', 'openai-prod', 'name=groq-key', '--yes']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the gateway refused the key: name: API key names must be unique across providers');
  });

  it('--dry-run prints the exact body with secrets masked and writes nothing', async () => {
    const r = await h.run(['set', 'openai', 'openai-prod', 'weight=0.2', '--dry-run']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    const expected = { ...(await fetchedBody('openai', PROD_ID)), weight: 0.2 } as any;
    expect(body).toEqual({ ...expected, value: { ...expected.value, value: '•••• (set, redacted)' } });
    expect(r.stdout).not.toContain(MASK(PROD_SECRET));
    expect(h.writes()).toEqual([]);
  });
});

describe('keys rotate / enable / disable / remove / add', () => {
  it('rotate replaces only the value (read from stdin, never printed) with the plain string every line understands', async () => {
    const before = await fetchedBody('openai', BATCH_ID);
    const secret = 'sk-proj-Rotated0123456789abcdefXYZ';
    const r = await h.run(['rotate', 'openai', 'openai-batch', '--value-stdin', '--yes'], { stdin: `${secret}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(h.puts()[0]!.json).toEqual({ ...before, value: secret });
    expect(storedKey('openai', BATCH_ID).value.value).toBe(secret);
    expect(storedKey('openai', BATCH_ID).use_for_batch_api).toBe(true);
  });

  it('rotate from an environment variable; a value argument is refused', async () => {
    const r = await h.run(['rotate', 'groq', 'groq-key', '--value-env', 'NEW_GROQ', '--yes'], { env: { NEW_GROQ: 'gsk_from_env_0123456789abcdef' } });
    expect(r.code, r.stderr).toBe(0);
    expect((h.puts()[0]!.json as any).value).toBe('gsk_from_env_0123456789abcdef');
    const bad = await h.run(['rotate', 'groq', 'groq-key', 'gsk_literal', '--yes']);
    expect(bad.code).toBe(2);
  });

  it('disable / enable send the full key with only enabled changed', async () => {
    const before = await fetchedBody('groq', '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
    expect((await h.run(['disable', 'groq', 'groq-key', '--yes'])).code).toBe(0);
    expect(h.puts()[0]!.json).toEqual({ ...before, enabled: false });
    expect((await h.run(['enable', 'groq', 'groq-key', '--yes'])).code).toBe(0);
    expect(h.puts()[1]!.json).toEqual({ ...before, enabled: true });
  });

  it('remove backs the key up; restore puts it back from history', async () => {
    const r = await h.run(['disable', 'openai', 'openai-prod', '--yes']);
    const backup = /previous version kept as (\S+)/.exec(r.stdout)![1]!;
    expect((await h.run(['history', 'openai', 'openai-prod'])).stdout).toContain(backup);
    const restored = await h.run(['restore', 'openai', 'openai-prod', '--at', backup, '--yes']);
    expect(restored.code, restored.stderr).toBe(0);
    expect((h.puts()[1]!.json as any).enabled).toBe(true);
    expect(storedKey('openai', PROD_ID).value.value).toBe(PROD_SECRET);
    const gone = await h.run(['remove', 'openai', 'openai-batch', '--yes']);
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain('deleted key "openai-batch" of openai');
    expect(h.writes().at(-1)!.method).toBe('DELETE');
    expect(h.gw.storedProvider('openai')!.keys).toHaveLength(1);
  });

  it('add posts exactly name, value, models, weight, enabled; the id is the gateway\'s', async () => {
    const r = await h.run(['add', 'groq', '--name', 'groq-new', '--value-stdin', '--models', 'llama-3.3-70b,qwen-qwq', '--weight', '0.5', '--yes'], { stdin: 'gsk_added_0123456789abcdef' });
    expect(r.code, r.stderr).toBe(0);
    expect(h.writes()[0]!.json).toEqual({ name: 'groq-new', value: 'gsk_added_0123456789abcdef', models: ['llama-3.3-70b', 'qwen-qwq'], weight: 0.5, enabled: true });
    expect(r.stdout).toMatch(/added key "groq-new" of groq \(id [0-9a-f-]{36}\)/);
    // The review lists the new key's fields; the value only by its length.
    expect(r.stdout).toContain('  + name: "groq-new"\n  + value: new value (26 chars)\n  + models: only: llama-3.3-70b, qwen-qwq\n  + weight: 0.5\n  + enabled: true');
    const dup = await h.run(['add', 'groq', '--name', 'openai-prod', '--value-env', 'X', '--yes'], { env: { X: 'gsk_xxxxxxxxxxxx' } });
    expect(dup.code).toBe(3);
    expect(dup.stderr).toContain('name: API key names must be unique');
  });

  it('add to a keyless provider is refused with the gateway\'s line', async () => {
    await fetch(`${h.gw.url}/api/providers`, { method: 'POST', body: JSON.stringify({ provider: 'keyless-co', custom_provider_config: { base_provider_type: 'openai', is_key_less: true } }) });
    const r = await h.run(['add', 'keyless-co', '--name', 'k', '--value-env', 'X', '--yes'], { env: { X: 'abcdefghijkl' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Cannot add keys to a keyless provider');
  });

  it('without --yes and without a terminal nothing is written (exit 1)', async () => {
    const r = await h.run(['disable', 'groq', 'groq-key']);
    expect(r.code).toBe(1);
    expect(h.writes()).toEqual([]);
  });
});

describe('stale reads after a write (upstream #5958)', () => {
  it('says so when a fresh GET of the key disagrees with the write', async () => {
    // The key GET keeps answering the old copy after the write: a lagging cache (the read, the re-check and the confirming read).
    const stale = await fetchedBody('groq', '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
    h.gw.addFault({ method: 'GET', path: '/api/providers/groq/keys/0f1e2d3c', status: 200, rawBody: JSON.stringify(stale), times: 3 });
    const r = await h.run(['disable', 'groq', 'groq-key', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/disagree on enabled .*stale cache, upstream #5958/);
  });
});
