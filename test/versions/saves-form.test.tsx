/**
 * The provider form on every Bifrost line the demo plays: the app on the real
 * client against the demo gateway, one edit per case saved through the
 * review. Asserts the exact PUT body (v1.4: the provider's keys echoed whole
 * as fetched) and the gateway's stored state afterwards: the one change, every
 * key byte for byte, no mask or JSON text stored as a secret.
 */
import { afterEach, expect, it } from 'vitest';
import { applyEdit, type Edit } from '../../src/api/update-body.js';
import type { DemoGateway, DemoVersion } from '../../src/demo-gateway/index.js';
import { goToField, openProvider, startApp, typeValue, type AppHarness } from '../helpers/app-harness.js';
import { KEYS } from '../helpers/keys.js';
import { writable } from '../commands/providers-harness.js';
import { describeEachVersion, sortedJson, storedKeys, storedSecretProblems } from '../helpers/gateway-versions.js';

type Harness = AppHarness;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(version: DemoVersion): Promise<Harness> {
  const h = await startApp({ version });
  cleanups.push(() => h.close());
  return h;
}

/** What the gateway stores for a provider, its keys with the values GET fills in made explicit. */
function stateOf(gw: DemoGateway, name: string): Record<string, unknown> {
  const stored = structuredClone(gw.storedProvider(name)!) as Record<string, unknown>;
  return 'keys' in stored ? { ...stored, keys: JSON.parse(sortedJson(storedKeys(gw, name))) } : stored;
}

interface Case {
  title: string;
  provider: string;
  act(h: Harness): Promise<void>;
  /** The change in terms of the object as fetched, which is also the change to the stored state. */
  edits: Edit[];
}

const CASES: Case[] = [
  {
    title: 'openai: max retries (a CA certificate shown masked goes back as the mask and is kept)',
    provider: 'openai',
    act: async (h) => {
      await goToField(h, 1, 4, 'Max retries');
      typeValue(h, '7');
      await h.see(/\*Max retries\s+7/);
    },
    edits: [{ path: ['network_config', 'max_retries'], value: 7 }],
  },
  {
    title: 'groq: proxy http → socks5 (the proxy password shown masked is kept; v1.4 plain strings)',
    provider: 'groq',
    act: async (h) => {
      await goToField(h, 3, 1, 'Proxy type');
      h.press(KEYS.enter);
      await h.see(/\*Proxy type\s+socks5/);
    },
    edits: [{ path: ['proxy_config', 'type'], value: 'socks5' }],
  },
  {
    title: 'acme-llm: concurrency (a custom provider with keys)',
    provider: 'acme-llm',
    act: async (h) => {
      await goToField(h, 2, 1, 'Concurrency');
      typeValue(h, '40');
      await h.see(/\*Concurrency\s+40/);
    },
    edits: [{ path: ['concurrency_and_buffer_size', 'concurrency'], value: 40 }],
  },
];

describeEachVersion('form save', (version) => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s: the exact body; the gateway stores the one change and keeps every key', async (_t, c) => {
    const h = await start(version);
    const got = await h.get(c.provider);
    const stored = stateOf(h.gw, c.provider);
    const keys = sortedJson(storedKeys(h.gw, c.provider));
    await openProvider(h, c.provider);
    await c.act(h);
    h.press(KEYS.ctrlS);
    await h.see(`Review: saving ${c.provider} changes 1 field`);
    // v1.4 takes the PUT's keys as the full list: the review says they go back as the gateway has them.
    const keyCount = Array.isArray(got.keys) ? got.keys.length : 0;
    if (version === '1.4') await h.see(`The complete object is sent (PUT), with its ${keyCount} key${keyCount === 1 ? '' : 's'} as the gateway has them;`);
    else expect(h.frame()).toContain('The complete object is sent (PUT); fields not listed go back unchanged.');
    h.press('y');
    await h.see(new RegExp(`saved ${c.provider} at \\d\\d:\\d\\d:\\d\\d`));
    const puts = h.gw.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    const expected = writable(got, version);
    for (const e of c.edits) applyEdit(expected, e);
    expect(puts[0]!.json).toEqual(expected);
    if (version === '1.4') expect(JSON.stringify((puts[0]!.json as Record<string, unknown>).keys)).toBe(JSON.stringify(got.keys));
    const after = structuredClone(stored);
    for (const e of c.edits) applyEdit(after, e);
    expect(stateOf(h.gw, c.provider)).toEqual(after);
    expect(sortedJson(storedKeys(h.gw, c.provider))).toBe(keys);
    expect(storedSecretProblems(h.gw, c.provider)).toEqual([]);
  });
});

describeEachVersion('form: the line\'s own defaults', (version) => {
  it('an unset request timeout shows this line\'s default (30 s before v2, 300 s on v2); the row is not an edit', async () => {
    const h = await start(version);
    h.gw.mutateProvider('ollama', (p) => {
      p.network_config = { ...p.network_config!, default_request_timeout_in_seconds: 0 };
    });
    await openProvider(h, 'ollama');
    await h.see(new RegExp(`Request timeout\\s+default \\(${version === '2.2' ? 300 : 30} s\\)`));
    expect(h.frame()).toMatch(/› ollama\s+no changes/);
  });
});
