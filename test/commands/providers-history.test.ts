import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatewayKey } from '../../src/store/state-dir.js';
import { fetchJson, setup, writable, type Harness } from './providers-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await setup();
});
afterEach(async () => {
  await h.close();
});

const key = (): string => gatewayKey(undefined, h.gw.url);

describe('providers history', () => {
  it('lists the versions saved before each write, newest first (no request made)', async () => {
    const empty = await h.run(['history', 'openai']);
    expect(empty).toEqual({ code: 0, stdout: 'no saved versions of openai for this gateway\n', stderr: '' });
    await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    await h.run(['set', 'openai', 'network_config.max_retries=4', '--yes']);
    h.gw.requests.length = 0;
    const r = await h.run(['history', 'openai']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SAVED AT$/);
    expect(lines).toHaveLength(3);
    const ids = lines.slice(1).map((l) => l.split(/\s+/)[0]!);
    expect([...ids].sort().reverse()).toEqual(ids);
    const j = JSON.parse((await h.run(['history', 'openai', '--json'])).stdout);
    expect(j.provider).toBe('openai');
    expect(j.versions.map((v: { id: string }) => v.id)).toEqual(ids);
    expect(h.gw.requests).toEqual([]);
    const saved = h.history.listHistory(key(), 'openai');
    expect((saved[0]!.object.network_config as { max_retries: number }).max_retries).toBe(3);
    expect((saved[1]!.object.network_config as { max_retries: number }).max_retries).toBe(2);
  });
});

describe('providers restore', () => {
  it('a version of a provider deleted since creates it again with POST (masked secrets left out, said so), after a backup that it did not exist', async () => {
    const before = await fetchJson(h.gw, 'openai');
    // The history entry a delete keeps (the pipeline backs up the copy it deletes), then the delete.
    const kept = h.history.appendHistory(key(), 'openai', before);
    await fetch(`${h.gw.url}/api/providers/openai`, { method: 'DELETE' });
    h.gw.requests.length = 0;
    const r = await h.run(['restore', 'openai', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe([
      // The demo gateway plays v2.2 with dashboard auth off: creating it sets its base URL, said to need an admin session.
      "note: the gateway's dashboard auth is off: changing network_config.base_url needs an authenticated admin session, and Bifrost v2 will refuse it (403)",
      'note: left out network_config.ca_cert_pem: a masked value cannot be sent (set the real value on the gateway)',
      '',
    ].join('\n'));
    expect(r.stdout.split('\n')[0]).toBe(`Changes to openai on ${h.gw.url}:`);
    expect(r.stdout).toMatch(new RegExp(`\\ncreated openai as saved in ${kept.id}; previous version kept as (\\d{8}T\\d{9}Z(-\\d{3})?) \\(undo: bifrost-tui providers restore openai --at \\1 --url ${h.gw.url}\\)\\n$`));
    const { ca_cert_pem: _mask, ...network } = before.network_config as Record<string, unknown>;
    expect(h.writes().map((w) => [w.method, w.url, w.json])).toEqual([['POST', '/api/providers', { ...writable(before), network_config: network, provider: 'openai' }]]);
    // Restoring the backup the create took deletes it again.
    const [newest] = h.history.listHistory(key(), 'openai');
    const again = await h.run(['restore', 'openai', '--at', newest!.id, '--yes']);
    expect(again.code).toBe(0);
    expect(h.writes().map((w) => w.method)).toEqual(['POST', 'DELETE']);
  });

  it('restores the newest saved version through the diff, with a backup of its own', async () => {
    const original = await fetchJson(h.gw, 'acme-llm');
    await h.run(['set', 'acme-llm', 'network_config.max_retries=7', 'custom_provider_config.allowed_requests.rerank=true', '--yes']);
    h.gw.requests.length = 0;
    const r = await h.run(['restore', 'acme-llm', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  ~ network_config.max_retries: 7 → 2\n');
    expect(r.stdout).toContain('  - custom_provider_config.allowed_requests.rerank: true\n');
    expect(h.puts()).toHaveLength(1);
    expect(h.puts()[0]!.json).toEqual(writable(original));
    expect(await fetchJson(h.gw, 'acme-llm')).toEqual(original);
    expect(h.history.listHistory(key(), 'acme-llm')).toHaveLength(2);
  });

  it('--at picks a version; redacted secrets go back as saved and the gateway keeps them', async () => {
    const stored = structuredClone(h.gw.storedProvider('groq'));
    await h.run(['set', 'groq', 'network_config.max_retries=2', '--yes']);
    await h.run(['set', 'groq', 'network_config.max_retries=3', '--yes']);
    const [, oldest] = h.history.listHistory(key(), 'groq');
    const j = await h.run(['restore', 'groq', '--at', oldest!.id, '--yes', '--json']);
    expect(j.code).toBe(0);
    const json = JSON.parse(j.stdout);
    expect(json).toMatchObject({ provider: 'groq', restoredFrom: oldest!.id, saved: true, changes: [{ path: 'network_config.max_retries', before: 3, after: 1 }] });
    const put = h.puts()[2]!.json as Record<string, unknown>;
    expect(put.proxy_config).toEqual(oldest!.object.proxy_config);
    expect(h.gw.storedProvider('groq')!.proxy_config).toEqual(stored!.proxy_config);
  });

  it('keeps the current secret when the saved mask no longer matches (a mask cannot be restored)', async () => {
    await h.run(['set', 'groq', 'network_config.max_retries=2', '--yes']);
    h.gw.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).username = { value: 'svc-rotated-user', env_var: '', from_env: false };
    });
    const current = await fetchJson(h.gw, 'groq');
    const r = await h.run(['restore', 'groq', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: kept the gateway\'s current secret at proxy_config.username: a masked value that is not its current one cannot be sent');
    const put = h.puts()[1]!.json as { proxy_config: Record<string, unknown>; network_config: Record<string, unknown> };
    expect(put.proxy_config.username).toEqual((current.proxy_config as Record<string, unknown>).username);
    expect(put.network_config.max_retries).toBe(1);
    expect(h.gw.storedProvider('groq')!.proxy_config!.username).toMatchObject({ value: 'svc-rotated-user' });
  });

  it('clears a block added since the saved version with null (omitting it would keep it)', async () => {
    expect((await h.run(['set', 'anthropic', 'openai_config.disable_store=true', '--yes'])).code).toBe(0);
    expect(h.gw.storedProvider('anthropic')!.openai_config).toEqual({ disable_store: true });
    const r = await h.run(['restore', 'anthropic', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  - openai_config.disable_store: true\n');
    expect((h.puts()[1]!.json as Record<string, unknown>).openai_config).toBeNull();
    expect(h.gw.storedProvider('anthropic')!.openai_config).toBeUndefined();
  });

  it('unknown versions and providers without history are exit 5; --dry-run writes nothing', async () => {
    const none = await h.run(['restore', 'openai', '--yes']);
    expect(none.code).toBe(5);
    expect(none.stderr).toBe('bifrost-tui: no saved versions of openai for this gateway\n');
    await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    const bad = await h.run(['restore', 'openai', '--at', '20200101T000000000Z', '--yes']);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain('no saved version "20200101T000000000Z" of openai');
    const dry = await h.run(['restore', 'openai', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('~ network_config.max_retries: 3 → 2');
    expect(h.puts()).toHaveLength(1);
  });
});

describe('a corrupt history entry', () => {
  it('history and restore skip it with a one-line note each and use the rest', async () => {
    await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    await h.run(['set', 'openai', 'network_config.max_retries=4', '--yes']);
    const [newest, older] = h.history.listHistory(key(), 'openai');
    const dir = path.join(h.dir, 'state', 'history');
    const file = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(`${newest!.id}.json`))!;
    fs.writeFileSync(path.join(dir, file), '{"id": "trunc');
    const r = await h.run(['history', 'openai']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual([older!.id]);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`skipped a corrupt history entry ${path.join(dir, file)}`);
    const j = JSON.parse((await h.run(['history', 'openai', '--json'])).stdout);
    expect(j.versions.map((v: { id: string }) => v.id)).toEqual([older!.id]);
    expect(j.skipped).toHaveLength(1);
    const restore = await h.run(['restore', 'openai', '--yes']);
    expect(restore.code).toBe(0);
    expect(restore.stderr).toContain('skipped a corrupt history entry');
    expect((h.puts()[2]!.json as { network_config: { max_retries: number } }).network_config.max_retries).toBe(2);
  });
});
