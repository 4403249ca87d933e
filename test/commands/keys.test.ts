/**
 * `bifrost-tui keys ...` end to end on every Bifrost line the demo gateway
 * plays: the real client against it over loopback, asserting the exact
 * request bodies it received and the keys it stores afterwards. On v1.4 a
 * key lives inside its provider: a key write is a PUT of the provider that
 * carries every key, the others byte for byte as fetched.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../src/api/types.js';
import { runKeysCommand } from '../../src/commands/keys.js';
import type { DemoVersion, RecordedRequest } from '../../src/demo-gateway/index.js';
import { setup, type Harness } from './providers-harness.js';
import { describeEachVersion, envSecret, literalSecret, sortedJson, storedKeys } from '../helpers/gateway-versions.js';

const MASK = (v: string) => `${v.slice(0, 4)}${'*'.repeat(24)}${v.slice(-4)}`;
const PROD_ID = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';
const PROD_SECRET = 'sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA';
const BATCH_ID = 'a7c90d14-2f3b-4c5e-8d6a-1b9e0f2c4d87';
const AZURE_ID = 'e8f7a6b5-c4d3-4e2f-8a1b-0c9d8e7f6a5b';
const GROQ_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const COMPUTED = ['status', 'description', 'config_hash'];

describeEachVersion('keys commands', (version: DemoVersion) => {
  const v14 = version === '1.4';
  /** What "every model" is on this line: `[]` on v1.4, `["*"]` later. */
  const ALL = v14 ? [] : ['*'];

  let h: Harness;
  beforeEach(async () => {
    h = await setup({ command: runKeysCommand, version });
  });
  afterEach(async () => {
    await h.close();
  });

  type Key = Record<string, any>;
  const storedKey = (provider: string, id: string) => (h.gw.storedProvider(provider)!.keys as Key[]).find((k) => k.id === id)!;
  const requestLines = () => h.gw.requests.map((r) => `${r.method} ${r.url}`);
  const providerJson = async (provider: string): Promise<Key> => (await (await fetch(`${h.gw.url}/api/providers/${provider}`)).json()) as Key;
  /** The key exactly as the gateway answers GET (v1.4: inside its provider), minus the fields it computes. */
  async function fetchedBody(provider: string, id: string): Promise<Key> {
    const key = v14
      ? ((await providerJson(provider)).keys as Key[]).find((k) => k.id === id)!
      : ((await (await fetch(`${h.gw.url}/api/providers/${provider}/keys/${id}`)).json()) as Key);
    for (const f of COMPUTED) delete key[f];
    return key;
  }
  /** The writes that changed keys: key routes, or (v1.4) the provider PUTs that carry them. */
  const keyWrites = (): RecordedRequest[] => h.writes();
  /** The key a write sent: the body itself, or (v1.4) that key inside the provider's `keys` (a new one has id ""). */
  const sentKey = (req: RecordedRequest, id: string): Key => (v14 ? ((req.json as Key).keys as Key[]).find((k) => k.id === id)! : (req.json as Key));
  /** v1.4: every other key of the provider went back byte for byte as the gateway showed it. */
  async function othersAsFetched(req: RecordedRequest, before: Key, id: string): Promise<void> {
    if (!v14) return;
    expect(req.url).toBe(`/api/providers/${before.name}`);
    const others = (keys: Key[]) => keys.filter((k) => k.id !== id).map((k) => JSON.stringify(k));
    expect(others((req.json as Key).keys)).toEqual(others(before.keys));
  }

  describe('keys list / get', () => {
    it('lists keys with the value only as its source, the models in the line\'s meaning and the status with its description', async () => {
      const r = await h.run(['list', 'groq']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/groq-key\s+0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\s+yes\s+1\s+all models\s+stored ····f8Gh/);
      expect(r.stdout).toContain('groq-legacy: list_models_failed: failed to list models: 401 Unauthorized');
      expect(r.stdout).not.toContain('gsk_');
      const json = JSON.parse((await h.run(['list', 'anthropic', '--json'])).stdout);
      expect(json.keys[1]).toMatchObject({ name: 'anthropic-fallback', value_source: { type: 'reference', ref: 'env.ANTHROPIC_FALLBACK_KEY' }, enabled: false, models: ALL });
      expect(JSON.stringify(json)).not.toContain('sk-a');
      expect(h.writes()).toEqual([]);
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
    it('a weight edit sends the fetched key back unchanged (redacted value, unknown field, blacklist) plus the weight; no key is lost, the gateway keeps its credential', async () => {
      const before = await fetchedBody('openai', PROD_ID);
      const provider = await providerJson('openai');
      const stored = sortedJson(storedKeys(h.gw, 'openai').filter((k: Key) => k.id !== PROD_ID));
      const mark = h.gw.requests.length;
      const r = await h.run(['set', 'openai', 'openai-prod', 'weight=0.5', '--yes']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('~ weight: 0.7 → 0.5');
      const puts = h.puts();
      expect(puts).toHaveLength(1);
      expect(sentKey(puts[0]!, PROD_ID)).toEqual({ ...before, weight: 0.5 });
      expect(sentKey(puts[0]!, PROD_ID).value).toEqual(literalSecret(version, MASK(PROD_SECRET)));
      await othersAsFetched(puts[0]!, provider, PROD_ID);
      expect(storedKey('openai', PROD_ID).value.value).toBe(PROD_SECRET);
      expect(storedKey('openai', PROD_ID).rate_limit).toEqual({ requests_per_minute: 5000, tokens_per_minute: 2000000 });
      expect(sortedJson(storedKeys(h.gw, 'openai').filter((k: Key) => k.id !== PROD_ID))).toBe(stored);
      // list to resolve the name, GET of the key, the gateway's version before the first write (and on v2 whether its
      // dashboard auth is off: the admin-session gates), the re-check right before the write (with --yes too), the write,
      // a GET to confirm it. v1.4 has no key routes (the route answers the dashboard's HTML): its keys are the provider's.
      const key = `/api/providers/openai/keys/${PROD_ID}`;
      const expected: Record<DemoVersion, string[]> = {
        '1.4': [
          'GET /api/providers/openai/keys', 'GET /api/providers/openai', 'GET /api/providers/openai', 'GET /api/version',
          'GET /api/providers/openai', 'GET /api/providers/openai', 'PUT /api/providers/openai', 'GET /api/providers/openai',
        ],
        '1.5': ['GET /api/providers/openai/keys', `GET ${key}`, 'GET /api/version', `GET ${key}`, `PUT ${key}`, `GET ${key}`],
        '1.6': ['GET /api/providers/openai/keys', `GET ${key}`, 'GET /api/version', `GET ${key}`, `PUT ${key}`, `GET ${key}`],
        '2.2': ['GET /api/providers/openai/keys', `GET ${key}`, 'GET /api/version', 'GET /api/session/is-auth-enabled', `GET ${key}`, `PUT ${key}`, `GET ${key}`],
      };
      expect(requestLines().slice(mark)).toEqual(expected[version]);
    });

    it('an Azure key keeps its config block; aliases are edited where the line has them (v1.4 keeps deployments in the config block)', async () => {
      const before = await fetchedBody('azure', AZURE_ID);
      if (v14) {
        const refused = await h.run(['set', 'azure', 'azure-eastus', 'aliases.gpt-4o=gpt4o-canary', '--yes']);
        expect(refused.code).toBe(3);
        expect(refused.stderr).toMatch(/Bifrost v1\.4 keys have no aliases/);
        expect(h.writes()).toEqual([]);
      }
      const edits = v14 ? ['azure_key_config.api_version=2025-01-01'] : ['aliases.gpt-4o=gpt4o-canary', 'azure_key_config.api_version=2025-01-01'];
      const r = await h.run(['set', 'azure', 'azure-eastus', ...edits, '--yes']);
      expect(r.code, r.stderr).toBe(0);
      expect(sentKey(h.puts()[0]!, AZURE_ID)).toEqual({
        ...before,
        ...(v14 ? {} : { aliases: { 'gpt-4o': 'gpt4o-canary', 'gpt-4o-mini': 'gpt4o-mini-eu' } }),
        // A new value goes as the plain string every line understands (VERSIONS.md §4).
        azure_key_config: { ...(before.azure_key_config as object), api_version: '2025-01-01' },
      });
      expect(storedKey('azure', AZURE_ID).azure_key_config.api_version).toEqual(literalSecret(version, '2025-01-01'));
      expect(storedKey('azure', AZURE_ID).azure_key_config.endpoint.value).toBe('https://acme-eastus.openai.azure.com');
    });

    it('refuses an invalid allow-list before sending (exit 3) and writes each mode in the line\'s meaning', async () => {
      const mixed = await h.run(['set', 'openai', 'openai-prod', 'models=*,gpt-4o', '--yes']);
      expect(mixed.code).toBe(3);
      expect(mixed.stderr).toContain('wildcard "*" cannot be mixed with model names');
      const dup = await h.run(['set', 'openai', 'openai-prod', 'models=a,a', '--yes']);
      expect(dup.stderr).toContain('duplicate model "a"');
      expect(h.writes()).toEqual([]);
      const all = await h.run(['set', 'openai', 'openai-prod', 'models=*', '--yes']);
      expect(all.stdout).toContain('~ models: only: gpt-4o, gpt-4o-mini → all models');
      expect(sentKey(h.puts()[0]!, PROD_ID).models).toEqual(ALL);
      expect(storedKey('openai', PROD_ID).models).toEqual(ALL);
      const none = await h.run(['set', 'openai', 'openai-prod', 'models=none', '--yes']);
      if (v14) {
        // v1.4 has no list for "no models": `[]` is every model there.
        expect(none.code).toBe(3);
        expect(none.stderr).toMatch(/an empty model list means every model: a key that serves none cannot be written \(disable it instead\)/);
        expect(h.puts()).toHaveLength(1);
      } else {
        expect(none.stdout).toContain('→ no models: this key serves nothing');
        expect(sentKey(h.puts()[1]!, PROD_ID).models).toEqual([]);
      }
    });

    it('never takes a secret literal as an argument; a reference is fine', async () => {
      const r = await h.run(['set', 'openai', 'openai-prod', 'value=sk-live-123456789', '--yes']);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('sk-live-123456789');
      expect(h.writes()).toEqual([]);
      const ref = await h.run(['set', 'openai', 'openai-prod', 'value=env.OPENAI_ROTATED', '--yes']);
      expect(ref.code, ref.stderr).toBe(0);
      expect(sentKey(h.puts()[0]!, PROD_ID).value).toBe('env.OPENAI_ROTATED');
      expect(storedKey('openai', PROD_ID).value).toEqual(envSecret(version, '', 'env.OPENAI_ROTATED'));
    });

    it('a vault reference goes only to a line that reads them (v1.6 and later); never stored as text', async () => {
      const r = await h.run(['set', 'openai', 'openai-prod', 'value=vault.kv/openai/prod', '--yes']);
      if (version === '1.4' || version === '1.5') {
        expect(r.code).toBe(3);
        expect(r.stderr).toMatch(/vault\.kv\/openai\/prod is a vault reference, which Bifrost v1\.[45] does not read/);
        expect(h.writes()).toEqual([]);
        expect(storedKey('openai', PROD_ID).value.value).toBe(PROD_SECRET);
      } else {
        expect(r.code, r.stderr).toBe(0);
        expect(sentKey(h.puts()[0]!, PROD_ID).value).toBe('vault.kv/openai/prod');
      }
    });

    it('a duplicate name is shown at the Name field, exit 3 (a 409 from v1.6, a 500 before: nothing was written)', async () => {
      const r = await h.run(['set', 'openai', 'openai-prod', 'name=groq-key', '--yes']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/the gateway refused the key: name: /);
      expect(r.stderr).toMatch(version === '1.6' || version === '2.2' ? /API key names must be unique across providers/ : /a record with this name already exists/);
      expect(storedKey('openai', PROD_ID).name).toBe('openai-prod');
    });

    it('--dry-run prints the exact body with secrets masked and writes nothing', async () => {
      const r = await h.run(['set', 'openai', 'openai-prod', 'weight=0.2', '--dry-run']);
      expect(r.code).toBe(0);
      const body = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
      const expected = { ...(await fetchedBody('openai', PROD_ID)), weight: 0.2 } as any;
      const key = v14 ? (body.keys as Key[]).find((k) => k.id === PROD_ID) : body;
      expect(key).toEqual({ ...expected, value: { ...expected.value, value: '•••• (set, redacted)' } });
      if (v14) expect(r.stdout).toContain('Body of PUT /api/providers/openai (Bifrost v1.4 keeps keys inside their provider: every key is sent)');
      expect(r.stdout).not.toContain(MASK(PROD_SECRET));
      expect(h.writes()).toEqual([]);
    });
  });

  describe('keys rotate / enable / disable / remove / add', () => {
    it('rotate replaces only the value (read from stdin, never printed) with the plain string every line understands', async () => {
      const before = await fetchedBody('openai', BATCH_ID);
      const provider = await providerJson('openai');
      const secret = 'sk-proj-Rotated0123456789abcdefXYZ';
      const r = await h.run(['rotate', 'openai', 'openai-batch', '--value-stdin', '--yes'], { stdin: `${secret}\n` });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(sentKey(h.puts()[0]!, BATCH_ID)).toEqual({ ...before, value: secret });
      await othersAsFetched(h.puts()[0]!, provider, BATCH_ID);
      expect(storedKey('openai', BATCH_ID).value.value).toBe(secret);
      expect(storedKey('openai', BATCH_ID).use_for_batch_api).toBe(true);
      expect(storedKey('openai', PROD_ID).value.value).toBe(PROD_SECRET);
    });

    it('rotate from an environment variable; a value argument is refused', async () => {
      const r = await h.run(['rotate', 'groq', 'groq-key', '--value-env', 'NEW_GROQ', '--yes'], { env: { NEW_GROQ: 'gsk_from_env_0123456789abcdef' } });
      expect(r.code, r.stderr).toBe(0);
      expect(sentKey(h.puts()[0]!, GROQ_ID).value).toBe('gsk_from_env_0123456789abcdef');
      const bad = await h.run(['rotate', 'groq', 'groq-key', 'gsk_literal', '--yes']);
      expect(bad.code).toBe(2);
    });

    it('disable / enable send the full key with only enabled changed', async () => {
      const before = await fetchedBody('groq', GROQ_ID);
      expect((await h.run(['disable', 'groq', 'groq-key', '--yes'])).code).toBe(0);
      expect(sentKey(h.puts()[0]!, GROQ_ID)).toEqual({ ...before, enabled: false });
      expect((await h.run(['enable', 'groq', 'groq-key', '--yes'])).code).toBe(0);
      expect(sentKey(h.puts()[1]!, GROQ_ID)).toEqual({ ...before, enabled: true });
    });

    it('remove backs the key up; restore puts it back from history', async () => {
      const r = await h.run(['disable', 'openai', 'openai-prod', '--yes']);
      const backup = /previous version kept as (\S+)/.exec(r.stdout)![1]!;
      expect((await h.run(['history', 'openai', 'openai-prod'])).stdout).toContain(backup);
      const restored = await h.run(['restore', 'openai', 'openai-prod', '--at', backup, '--yes']);
      expect(restored.code, restored.stderr).toBe(0);
      expect(sentKey(h.puts()[1]!, PROD_ID).enabled).toBe(true);
      expect(storedKey('openai', PROD_ID).value.value).toBe(PROD_SECRET);
      const kept = sortedJson(storedKeys(h.gw, 'openai').filter((k: Key) => k.id === PROD_ID));
      const gone = await h.run(['remove', 'openai', 'openai-batch', '--yes']);
      expect(gone.code, gone.stderr).toBe(0);
      expect(gone.stdout).toContain('deleted key "openai-batch" of openai');
      // v1.4: the provider PUT without that one key.
      const last = keyWrites().at(-1)!;
      if (v14) expect([last.method, ((last.json as Key).keys as Key[]).map((k) => k.id)]).toEqual(['PUT', [PROD_ID]]);
      else expect(last.method).toBe('DELETE');
      expect(h.gw.storedProvider('openai')!.keys).toHaveLength(1);
      expect(sortedJson(storedKeys(h.gw, 'openai'))).toBe(kept);
    });

    it('add sends exactly name, value, models, weight, enabled; the id is the gateway\'s', async () => {
      const provider = await providerJson('groq');
      const r = await h.run(['add', 'groq', '--name', 'groq-new', '--value-stdin', '--models', 'llama-3.3-70b,qwen-qwq', '--weight', '0.5', '--yes'], { stdin: 'gsk_added_0123456789abcdef' });
      expect(r.code, r.stderr).toBe(0);
      const added = { name: 'groq-new', value: 'gsk_added_0123456789abcdef', models: ['llama-3.3-70b', 'qwen-qwq'], weight: 0.5, enabled: true };
      // v1.4: the provider PUT carries the new key with an empty id (the gateway gives it one) after every key as fetched.
      if (v14) expect(h.writes()[0]!.json).toMatchObject({ keys: [...(provider.keys as Key[]), { ...added, id: '' }] });
      else expect(h.writes()[0]!.json).toEqual(added);
      expect(r.stdout).toMatch(/added key "groq-new" of groq \(id [0-9a-f-]{36}\)/);
      // The review lists the new key's fields; the value only by its length.
      expect(r.stdout).toContain('  + name: "groq-new"\n  + value: new value (26 chars)\n  + models: only: llama-3.3-70b, qwen-qwq\n  + weight: 0.5\n  + enabled: true');
      const made = (h.gw.storedProvider('groq')!.keys as Key[]).find((k) => k.name === 'groq-new')!;
      expect(made.value).toEqual(literalSecret(version, 'gsk_added_0123456789abcdef'));
      expect(h.gw.storedProvider('groq')!.keys).toHaveLength(3);
      const dup = await h.run(['add', 'groq', '--name', 'openai-prod', '--value-env', 'X', '--yes'], { env: { X: 'gsk_xxxxxxxxxxxx' } });
      expect(dup.code).toBe(3);
      expect(dup.stderr).toMatch(/name: .*(API key names must be unique|a record with this name already exists)/);
      expect(h.gw.storedProvider('groq')!.keys).toHaveLength(3);
    });

    it('add without --models allows every model, in the line\'s meaning; "none" is refused where the line cannot say it', async () => {
      const r = await h.run(['add', 'groq', '--name', 'groq-all', '--value-env', 'X', '--yes'], { env: { X: 'gsk_all_models_0000000001' } });
      expect(r.code, r.stderr).toBe(0);
      expect((h.gw.storedProvider('groq')!.keys as Key[]).find((k) => k.name === 'groq-all')!.models).toEqual(ALL);
      const none = await h.run(['add', 'groq', '--name', 'groq-none', '--value-env', 'X', '--models', 'none', '--yes'], { env: { X: 'gsk_no_models_00000000001' } });
      expect(none.code).toBe(v14 ? 3 : 0);
      if (!v14) expect(none.stderr).toContain('note: models: none: this key serves no model');
    });

    it('a new key added disabled: v1.4 always enables one, and the review says so', async () => {
      const r = await h.run(['add', 'groq', '--name', 'groq-off', '--value-env', 'X', '--disabled', '--yes'], { env: { X: 'gsk_disabled_key_00000001' } });
      expect(r.code, r.stderr).toBe(0);
      const made = (h.gw.storedProvider('groq')!.keys as Key[]).find((k) => k.name === 'groq-off')!;
      if (v14) {
        expect(r.stderr).toContain('note: Bifrost v1.4 enables every new key: it is added enabled (disable it once it is there)');
        expect(made.enabled).toBe(true);
      } else {
        expect(r.stderr).not.toContain('enables every new key');
        expect(made.enabled).toBe(false);
      }
    });

    it('add to a keyless provider is refused with one line', async () => {
      await fetch(`${h.gw.url}/api/providers`, { method: 'POST', body: JSON.stringify({ provider: 'keyless-co', custom_provider_config: { base_provider_type: 'openai', is_key_less: true } }) });
      const r = await h.run(['add', 'keyless-co', '--name', 'k', '--value-env', 'X', '--yes'], { env: { X: 'abcdefghijkl' } });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('Cannot add keys to a keyless provider');
      expect(h.gw.storedProvider('keyless-co')!.keys ?? []).toEqual([]);
    });

    it('without --yes and without a terminal nothing is written (exit 1)', async () => {
      const r = await h.run(['disable', 'groq', 'groq-key']);
      expect(r.code).toBe(1);
      expect(h.writes()).toEqual([]);
    });
  });

  describe('stale reads after a write (upstream #5958)', () => {
    it('says so when a fresh GET of the key disagrees with the write', async () => {
      const stale = v14 ? await providerJson('groq') : await fetchedBody('groq', GROQ_ID);
      let wrote = false;
      // Reads after the write keep answering the old copy: a lagging cache.
      const lagging = (c: GatewayClient): GatewayClient => ({
        ...c,
        updateProvider: async (...a) => c.updateProvider(...a).finally(() => void (wrote = true)),
        updateKey: async (...a) => c.updateKey(...a).finally(() => void (wrote = true)),
        getProvider: async (...a) => (wrote && v14 ? (stale as never) : c.getProvider(...a)),
        getKey: async (...a) => (wrote && !v14 ? (stale as never) : c.getKey(...a)),
      });
      const r = await h.run(['disable', 'groq', 'groq-key', '--yes'], { wrapClient: lagging });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/(disagree on enabled|does not show the change of enabled) .*stale cache, upstream #5958/);
    });
  });
});
