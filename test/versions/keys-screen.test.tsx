/**
 * The keys screen on every Bifrost line the demo plays: the app on the real
 * client against the demo gateway. A key write is a key-route request on
 * v1.5+, and on v1.4 (no key routes) a provider PUT carrying every key of the
 * provider as fetched with the one change. Asserts the exact requests and the
 * gateway's stored keys afterwards: the one change, every other key and field
 * byte for byte, no mask or JSON text stored as a secret.
 */
import { afterEach, expect, it } from 'vitest';
import { writable } from '../commands/providers-harness.js';
import { cleanupDemoApps, startDemoApp, type DemoApp } from '../helpers/demo-app.js';
import { waitFor } from '../helpers/fake-client.js';
import { describeEachVersion, storedKeys, storedSecretProblems, sortedJson } from '../helpers/gateway-versions.js';
import { KEYS } from '../helpers/keys.js';

afterEach(cleanupDemoApps);

const PROD = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';
const BATCH = 'a7c90d14-2f3b-4c5e-8d6a-1b9e0f2c4d87';

/** The list filtered to openai, and its keys screen open. */
async function openaiKeys(h: DemoApp): Promise<void> {
  h.press('/', 'openai', KEYS.enter);
  await h.see(/\d+ match/);
  for (let i = 0; i < 6 && !/› openai /.test(h.frame()); i++) {
    const before = h.frame();
    h.press('j');
    await waitFor(() => expect(h.frame()).not.toBe(before), 1000).catch(() => undefined);
  }
  await h.see(/› openai /);
  h.press('y');
  await h.see('openai-batch');
}

const get = async (h: DemoApp): Promise<Record<string, any>> => (await (await fetch(`${h.gw.url}/api/providers/openai`)).json()) as Record<string, any>;
const writes = (h: DemoApp) => h.gw.requests.filter((r) => r.method !== 'GET');

describeEachVersion('keys screen', (version) => {
  it('re-weight one key: the write in this line\'s dialect; the gateway keeps every other key and field byte for byte', async () => {
    const h = await startDemoApp('acme-llm', { version });
    const provider = await get(h);
    const before = storedKeys(h.gw, 'openai');
    await openaiKeys(h);
    h.press('w', KEYS.ctrlU, '0', '.', '5', KEYS.enter);
    await h.see('Re-weight "openai-prod"');
    h.press('y');
    await h.see('✔ saved "openai-prod"');
    const sent = writes(h);
    expect(sent).toHaveLength(1);
    if (version === '1.4') {
      // The provider PUT carries both keys as fetched, the one weight changed (its read-only fields, which v1.4
      // carries over from its store, left out as in any key write).
      expect(sent[0]).toMatchObject({ method: 'PUT', url: '/api/providers/openai' });
      const w = writable(provider, version) as Record<string, any>;
      const edited = (k: Record<string, unknown>): Record<string, unknown> => {
        const { status: _s, config_hash: _c, description: _d, ...rest } = k;
        return { ...rest, weight: 0.5 };
      };
      expect(sent[0]!.json).toEqual({ ...w, keys: w.keys.map((k: Record<string, unknown>) => (k.id === PROD ? edited(k) : k)) });
    } else {
      expect(sent[0]).toMatchObject({ method: 'PUT', url: `/api/providers/openai/keys/${PROD}` });
      expect(sent[0]!.json).toMatchObject({ weight: 0.5 });
    }
    const after = before.map((k) => (k.id === PROD ? { ...k, weight: 0.5 } : k));
    expect(sortedJson(storedKeys(h.gw, 'openai'))).toBe(sortedJson(after));
    expect(storedSecretProblems(h.gw, 'openai')).toEqual([]);
  });

  it('delete one key: the other is kept byte for byte (v1.4: a PUT carrying it alone)', async () => {
    const h = await startDemoApp('acme-llm', { version });
    const provider = await get(h);
    const before = storedKeys(h.gw, 'openai');
    await openaiKeys(h);
    h.press('j');
    await h.see(/› .*openai-batch/);
    h.press('d');
    await h.see('openai-batch');
    h.press('y');
    await waitFor(() => expect(writes(h)).toHaveLength(1), 30_000);
    await waitFor(() => expect(h.frame()).not.toMatch(/openai-batch\s/), 30_000);
    const sent = writes(h);
    if (version === '1.4') {
      expect(sent[0]).toMatchObject({ method: 'PUT', url: '/api/providers/openai' });
      const w = writable(provider, version) as Record<string, any>;
      expect(sent[0]!.json).toEqual({ ...w, keys: w.keys.filter((k: Record<string, unknown>) => k.id !== BATCH) });
    } else {
      expect(sent[0]).toMatchObject({ method: 'DELETE', url: `/api/providers/openai/keys/${BATCH}` });
    }
    expect(sortedJson(storedKeys(h.gw, 'openai'))).toBe(sortedJson(before.filter((k) => k.id !== BATCH)));
    expect(storedSecretProblems(h.gw, 'openai')).toEqual([]);
  });

  it('add with a name another key has: refused at the Name field with what was typed kept (409 from v1.6, the store\'s 500 before); nothing stored', async () => {
    const h = await startDemoApp('acme-llm', { version });
    const before = sortedJson(storedKeys(h.gw, 'openai'));
    await openaiKeys(h);
    h.press('a');
    await h.see('Name of the new key: ');
    h.press('acme-eu', KEYS.enter);
    await h.see('Value (typed masked');
    h.press('sk-Typed-0123456789', KEYS.enter);
    await h.see('Models (* = all');
    h.press(KEYS.enter);
    await h.see('Add key "acme-eu" to openai');
    h.press('y');
    await h.see(/Name of the new key: acme-eu/);
    await h.see(/name: [\s\S]*(must be unique|already exists)/);
    expect(h.frame()).not.toContain('sk-Typed');
    expect(writes(h)).toHaveLength(1);
    expect(sortedJson(storedKeys(h.gw, 'openai'))).toBe(before);
    expect(storedSecretProblems(h.gw, 'openai')).toEqual([]);
  });
});
