/**
 * Provider saves from the command line on every Bifrost line the demo plays
 * (`set`, `apply NAME -f FILE`, `restore`, `apply -f DIR`): the exact body
 * each gateway received (v1.4: the provider's keys echoed whole, as fetched;
 * a cleared block sent as `null`, which v2 needs: there an omitted block is
 * kept), and what the gateway stores afterwards: every key byte for byte, no
 * mask or JSON text stored as a secret, nothing cleared the user did not clear.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fetchJson, setup, writable, type Harness } from '../commands/providers-harness.js';
import { describeEachVersion, sortedJson, storedKeys, storedSecretProblems } from '../helpers/gateway-versions.js';

const PROVIDERS = ['openai', 'anthropic', 'azure', 'groq', 'acme-llm', 'ollama'];

/** What the gateway stores for a provider, its keys with the values GET fills in made explicit (see `storedKeys`). */
function stateOf(h: Harness, name: string): Record<string, any> {
  const stored = structuredClone(h.gw.storedProvider(name)!) as Record<string, unknown>;
  return 'keys' in stored ? { ...stored, keys: JSON.parse(sortedJson(storedKeys(h.gw, name))) } : stored;
}

describeEachVersion('provider saves from the command line', (version) => {
  let h: Harness;
  /** Each provider's keys as the gateway stored them before any write. */
  let keysBefore: Record<string, string>;
  beforeEach(async () => {
    h = await setup({ version });
    keysBefore = Object.fromEntries(PROVIDERS.map((n) => [n, sortedJson(storedKeys(h.gw, n))]));
  });
  afterEach(async () => {
    // Whatever a test wrote: every key of every provider is still there, byte for byte, and no secret is a mask or JSON text.
    for (const n of PROVIDERS) {
      expect(sortedJson(storedKeys(h.gw, n)), n).toBe(keysBefore[n]);
      expect(storedSecretProblems(h.gw, n), n).toEqual([]);
    }
    await h.close();
  });

  it('set: the PUT is the provider as fetched with the one change (v1.4: its keys as fetched); nothing else changes', async () => {
    const before = await fetchJson(h.gw, 'openai');
    const stored = stateOf(h, 'openai');
    const r = await h.run(['set', 'openai', 'network_config.max_retries=7', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const puts = h.puts();
    expect(puts).toHaveLength(1);
    const w = writable(before, version) as Record<string, any>;
    expect(puts[0]!.json).toEqual({ ...w, network_config: { ...w.network_config, max_retries: 7 } });
    if (version === '1.4') expect(JSON.stringify((puts[0]!.json as Record<string, unknown>).keys)).toBe(JSON.stringify(before.keys));
    // The gateway holds the change and everything else as it was (the CA certificate too, sent as its mask).
    expect(stateOf(h, 'openai')).toEqual({ ...stored, network_config: { ...stored.network_config, max_retries: 7 } });
  });

  it('apply NAME -f FILE: the file\'s change lands; secrets shown masked stay the gateway\'s own', async () => {
    const file = path.join(h.dir, 'groq.json');
    expect((await h.run(['export', 'groq', '-o', file])).code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
    doc.concurrency_and_buffer_size = { ...doc.concurrency_and_buffer_size, concurrency: 77 };
    fs.writeFileSync(file, JSON.stringify(doc));
    const before = await fetchJson(h.gw, 'groq');
    const stored = stateOf(h, 'groq');
    const r = await h.run(['apply', 'groq', '-f', file, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const w = writable(before, version) as Record<string, any>;
    expect(h.puts().map((q) => q.json)).toEqual([{ ...w, concurrency_and_buffer_size: { ...w.concurrency_and_buffer_size, concurrency: 77 } }]);
    expect(stateOf(h, 'groq')).toEqual({ ...stored, concurrency_and_buffer_size: { ...stored.concurrency_and_buffer_size, concurrency: 77 } });
  });

  it('restore: a proxy added since the backup is cleared with null (v2 would keep an omitted one); the keys stay', async () => {
    expect(h.gw.storedProvider('anthropic')!.proxy_config ?? null).toBeNull();
    const set = await h.run(['set', 'anthropic', 'proxy_config.type=http', 'proxy_config.url=http://proxy.corp.example:3128', '--yes']);
    expect(set.code, set.stderr).toBe(0);
    expect(h.gw.storedProvider('anthropic')!.proxy_config).toBeTruthy();
    const before = await fetchJson(h.gw, 'anthropic');
    const r = await h.run(['restore', 'anthropic', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    const put = h.puts().at(-1)!;
    expect(put.json).toEqual({ ...writable(before, version), proxy_config: null });
    expect(h.gw.storedProvider('anthropic')!.proxy_config ?? null).toBeNull();
    expect((await fetchJson(h.gw, 'anthropic')).proxy_config ?? null).toBeNull();
  });

  it('apply NAME -f FILE with "proxy_config": null clears the block with null on every line; the other fields stay', async () => {
    const stored = stateOf(h, 'groq');
    const before = await fetchJson(h.gw, 'groq');
    const file = path.join(h.dir, 'no-proxy.json');
    fs.writeFileSync(file, '{"proxy_config": null}\n');
    const r = await h.run(['apply', 'groq', '-f', file, '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(h.puts().map((q) => q.json)).toEqual([{ ...writable(before, version), proxy_config: null }]);
    expect(h.gw.storedProvider('groq')!.proxy_config ?? null).toBeNull();
    expect({ ...stateOf(h, 'groq'), proxy_config: null }).toEqual({ ...stored, proxy_config: null });
  });

  it('apply -f DIR: an edited file and a file without its proxy block are written in this line\'s dialect; the rest is the same', async () => {
    const dir = path.join(h.dir, 'dir');
    expect((await h.run(['export', '--all', '--output-dir', dir])).code).toBe(0);
    const edit = (name: string, change: (doc: Record<string, any>) => void): void => {
      const file = path.join(dir, `${name}.json`);
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
      change(doc);
      fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    };
    edit('openai', (d) => (d.network_config.max_retries = 6));
    edit('groq', (d) => delete d.proxy_config);
    const openai = await fetchJson(h.gw, 'openai');
    const groq = await fetchJson(h.gw, 'groq');
    const storedGroq = stateOf(h, 'groq');
    const r = await h.run(['apply', '-f', dir, '--yes']);
    expect(r.code, `${r.stdout}${r.stderr}`).toBe(0);
    const puts = h.puts();
    expect(puts.map((q) => q.url)).toEqual(['/api/providers/groq', '/api/providers/openai']);
    const wo = writable(openai, version) as Record<string, any>;
    expect(puts[0]!.json).toEqual({ ...writable(groq, version), proxy_config: null });
    expect(puts[1]!.json).toEqual({ ...wo, network_config: { ...wo.network_config, max_retries: 6 } });
    expect(h.gw.storedProvider('groq')!.proxy_config ?? null).toBeNull();
    expect({ ...stateOf(h, 'groq'), proxy_config: null }).toEqual({ ...storedGroq, proxy_config: null });
    // Applied again: nothing to do.
    const again = await h.run(['diff', '-f', dir]);
    expect(again.code, again.stdout).toBe(0);
  });
});
