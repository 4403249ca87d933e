/**
 * The write pipeline's own suite (issue 21): every writer, the app's screens
 * and the subcommands, is driven through the same table of concurrent
 * changes, landing between the writer's read and its write: another field,
 * the same field, back to a default, an unset field, a 0, a null, a rotated
 * secret, a map entry, a deleted provider (key). The outcome must be the same
 * for each: the conflict is shown (exit 6), nothing of the other writer's is
 * lost (nothing is written; the gateway still holds their change), and where
 * the writer goes again the body sent is exactly their copy plus its edit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import { createProfilesService } from '../../src/app/profiles-service.js';
import { runFleetCommand } from '../../src/commands/fleet.js';
import { runKeysCommand } from '../../src/commands/keys.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { goToField, openProvider, startApp, typeValue, type AppHarness } from '../helpers/app-harness.js';
import { setup, writable, type Harness } from '../commands/providers-harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Stored = Record<string, any>;
const PROD = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';

/** openai with every kind of field the table touches: a timeout, backoffs, a stream idle timeout, headers, a literal proxy. */
function rich(gw: DemoGateway): void {
  gw.mutateProvider('openai', (p: Stored) => {
    Object.assign(p.network_config, {
      default_request_timeout_in_seconds: 60, retry_backoff_initial: 1000, retry_backoff_max: 10000, stream_idle_timeout_in_seconds: 120,
      extra_headers: { 'X-Team': 'platform', 'X-Org': 'acme' },
    });
    p.proxy_config = { type: 'http', url: { value: 'http://proxy.example:3128', env_var: '', from_env: false }, username: { value: 'svc-user-one', env_var: '', from_env: false } };
    const key = p.keys.find((k: Stored) => k.id === PROD);
    Object.assign(key, { use_for_batch_api: true, aliases: { 'gpt-4o': 'gpt4o-prod' } });
  });
}

/** The table of concurrent changes, for a provider and for a key (same rows). */
interface Change {
  name: string;
  provider: (p: Stored) => void;
  key: (k: Stored, p: Stored) => void;
  deleted?: boolean;
}
const key = (p: Stored): Stored => p.keys.find((k: Stored) => k.id === PROD);
const CHANGES: Change[] = [
  { name: 'another field', provider: (p) => void (p.concurrency_and_buffer_size.concurrency = 800), key: (k) => void (k.models = ['gpt-4.1']) },
  { name: 'the same field', provider: (p) => void (p.network_config.max_retries = 7), key: (k) => void (k.weight = 0.9) },
  { name: 'back to the default', provider: (p) => void (p.network_config.default_request_timeout_in_seconds = 300), key: (k) => void (k.use_for_batch_api = false) },
  { name: 'an unset field', provider: (p) => void delete p.network_config.stream_idle_timeout_in_seconds, key: (k) => void delete k.blacklisted_models },
  { name: 'a 0', provider: (p) => void (p.network_config.retry_backoff_initial = 0), key: (k) => void (k.rate_limit.requests_per_minute = 0) },
  { name: 'a null', provider: (p) => void (p.proxy_config = null), key: (k) => void (k.aliases = null) },
  { name: 'a rotated secret', provider: (p) => void (p.proxy_config.username = { value: 'svc-user-two', env_var: '', from_env: false }), key: (k) => void (k.value = { value: 'sk-proj-rotated-by-someone-else-0002', env_var: '', from_env: false }) },
  { name: 'a map entry', provider: (p) => void (p.network_config.extra_headers['X-Team'] = 'infra'), key: (k) => void (k.aliases['gpt-4o'] = 'gpt4o-canary') },
  { name: 'a deleted provider (key)', provider: () => undefined, key: () => undefined, deleted: true },
];

/** The other writer's requests are marked, so they are never taken for the app's. */
const OTHER = { authorization: 'Bearer other-writer' };

/** Lands `c` on `gw` (the provider, or its key): the other writer. */
async function land(gw: DemoGateway, c: Change, on: 'provider' | 'key'): Promise<void> {
  if (c.deleted && on === 'provider') {
    await fetch(`${gw.url}/api/providers/openai`, { method: 'DELETE', headers: OTHER });
    return;
  }
  gw.mutateProvider('openai', (p: Stored) => {
    if (on === 'provider') c.provider(p);
    else if (c.deleted) p.keys = p.keys.filter((k: Stored) => k.id !== PROD);
    else c.key(key(p), p);
  });
}

const getJson = async (gw: DemoGateway, url: string): Promise<Stored | undefined> => {
  const res = await fetch(`${gw.url}${url}`);
  return res.status === 404 ? undefined : ((await res.json()) as Stored);
};
const theirProvider = (gw: DemoGateway) => getJson(gw, '/api/providers/openai');
const theirKey = (gw: DemoGateway) => getJson(gw, `/api/providers/openai/keys/${PROD}`);
const appWrites = (gw: DemoGateway, since: number) => gw.requests.slice(since).filter((r) => r.method !== 'GET' && r.headers.authorization !== OTHER.authorization);
const keyBody = (k: Stored): Stored => Object.fromEntries(Object.entries(k).filter(([f]) => !['status', 'description', 'config_hash'].includes(f)));

/** What every cell asserts once the writer has met the change: nothing written since, their copy still there. */
async function nothingLost(gw: DemoGateway, since: number, theirs: Stored | undefined, on: 'provider' | 'key'): Promise<void> {
  expect(appWrites(gw, since)).toEqual([]);
  expect(await (on === 'provider' ? theirProvider(gw) : theirKey(gw))).toEqual(theirs);
}

/** A client that lets the other writer land right after the writer's `n`th read of the target (provider or key). */
function landAfterRead(gw: DemoGateway, c: Change, on: 'provider' | 'key', after: 'getProvider' | 'getKey' | 'listProviders'): (client: GatewayClient) => GatewayClient {
  let done = false;
  return (client) => {
    const once = async <T,>(p: Promise<T>): Promise<T> => {
      const r = await p;
      if (!done) {
        done = true;
        await land(gw, c, on);
      }
      return r;
    };
    return {
      ...client,
      ...(after === 'getProvider' ? { getProvider: (n, o) => once(client.getProvider(n, o)) } : {}),
      ...(after === 'getKey' ? { getKey: (p, id, o) => once(client.getKey(p, id, o)) } : {}),
      ...(after === 'listProviders' ? { listProviders: (o) => once(client.listProviders(o)) } : {}),
    };
  };
}

async function cli(): Promise<Harness> {
  const h = await setup();
  rich(h.gw);
  cleanups.push(() => h.close());
  return h;
}

async function app(): Promise<AppHarness> {
  const h = await startApp();
  rich(h.gw);
  cleanups.push(() => h.close());
  return h;
}

/** Every provider writer: drive it into the change, assert the outcome; then go again (undefined: nothing to retry). */
interface ProviderWriter {
  name: string;
  /** Runs the write with `c` landing between its read and its write; returns the index of the first request after their change. */
  meet(c: Change): Promise<{ gw: DemoGateway; since: number; retry?: () => Promise<Stored | undefined> }>;
}

const MY_RETRIES = 5;
/** The body a writer whose edit is max_retries=5 must send when it goes again: their copy plus that edit. */
const withMyEdit = (theirs: Stored): Stored => ({ ...writable(theirs), network_config: { ...theirs.network_config, max_retries: MY_RETRIES } });

const providerWriters: ProviderWriter[] = [
  {
    name: 'TUI form (conflict at the re-check after y; r re-applies)',
    async meet(c) {
      const h = await app();
      await openProvider(h, 'openai');
      await goToField(h, 1, 4, 'Max retries');
      typeValue(h, String(MY_RETRIES));
      h.press(KEYS.ctrlS);
      await h.see('Review: saving openai');
      await land(h.gw, c, 'provider');
      const since = h.gw.requests.length;
      h.press('y');
      await h.see(/saved openai at|changed on the gateway|deleted on the gateway/);
      expect(h.frame()).toMatch(c.deleted ? /openai was deleted on the gateway since the review: nothing was written/ : /openai changed on the gateway/);
      return {
        gw: h.gw, since,
        retry: c.deleted ? undefined : async () => {
          h.press('r');
          await h.see('Review: saving openai');
          const mark = h.gw.requests.length;
          h.press('y');
          await h.see(/saved openai at/);
          return appWrites(h.gw, mark)[0]?.json as Stored;
        },
      };
    },
  },
  ...(['set', 'apply FILE'] as const).map((kind): ProviderWriter => ({
    name: `providers ${kind} --yes (conflict at the re-check right before the write)`,
    async meet(c) {
      const h = await cli();
      const file = path.join(h.dir, 'edit.json');
      fs.writeFileSync(file, JSON.stringify({ network_config: { max_retries: MY_RETRIES } }));
      const argv = kind === 'set' ? ['set', 'openai', `network_config.max_retries=${MY_RETRIES}`, '--yes'] : ['apply', 'openai', '-f', file, '--yes'];
      const since = h.gw.requests.length;
      const r = await h.run(argv, { wrapClient: landAfterRead(h.gw, c, 'provider', 'getProvider') });
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toMatch(c.deleted ? /openai was deleted on the gateway since it was read: nothing was written/ : /openai changed on the gateway since it was read \(.+\): nothing was written/);
      return { gw: h.gw, since, retry: c.deleted ? undefined : async () => (await h.run(argv), h.puts().at(-1)?.json as Stored) };
    },
  })),
  {
    name: 'providers restore --yes',
    async meet(c) {
      const h = await cli();
      expect((await h.run(['set', 'openai', `network_config.max_retries=${MY_RETRIES}`, '--yes'])).code).toBe(0);
      const since = h.gw.requests.length;
      const r = await h.run(['restore', 'openai', '--yes'], { wrapClient: landAfterRead(h.gw, c, 'provider', 'getProvider') });
      expect(r.code, r.stderr).toBe(6);
      return { gw: h.gw, since };
    },
  },
  {
    name: 'providers apply -f DIR --yes (conflict at the re-check right before each write)',
    async meet(c) {
      const h = await cli();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-matrix-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      expect((await h.run(['export', 'openai', '-o', path.join(dir, 'openai.json')])).code).toBe(0);
      const doc = JSON.parse(fs.readFileSync(path.join(dir, 'openai.json'), 'utf8'));
      doc.network_config.max_retries = MY_RETRIES;
      fs.writeFileSync(path.join(dir, 'openai.json'), JSON.stringify(doc));
      const since = h.gw.requests.length;
      const r = await h.run(['apply', '-f', dir, '--yes'], { wrapClient: landAfterRead(h.gw, c, 'provider', 'listProviders') });
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toMatch(/openai: openai (changed|was deleted) on the gateway since the plan/);
      return { gw: h.gw, since };
    },
  },
  {
    name: 'fleet push --yes (conflict at the re-check right before the write to the target)',
    async meet(c) {
      const h = await cli();
      const source = await startDemoGateway({ port: 0 });
      cleanups.push(() => source.close());
      rich(source);
      source.mutateProvider('openai', (p: Stored) => void (p.network_config.max_retries = MY_RETRIES));
      h.store.upsert({ name: 'src', url: source.url, auth: 'none' });
      h.store.upsert({ name: 'dst', url: h.gw.url, auth: 'none' });
      const since = h.gw.requests.length;
      const out = new PassThrough();
      let stderr = '';
      const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
      const wrap = landAfterRead(h.gw, c, 'provider', 'getProvider');
      // The target's client lets the other writer land after its first read (the plan); the source is read as it is.
      const code = await runFleetCommand(['push', 'openai', '--from', 'src', '--to', 'dst', '--yes'], { stdout: out, stderr: err, stdin: Readable.from([]), env: { PATH: process.env.PATH }, isTTY: false }, {
        store: h.store, historyDir: path.join(h.dir, 'state'),
        createClient: (o) => (o.baseUrl === h.gw.url ? wrap(createClient(o)) : createClient(o)),
      });
      expect(code, stderr).toBe(6);
      expect(stderr).toMatch(/dst: openai (changed|was deleted) on the gateway since the plan/);
      return { gw: h.gw, since };
    },
  },
  {
    name: 'fleet screen direct push (y, then the re-check right before the write)',
    async meet(c) {
      const alpha = await startDemoGateway({ port: 0 });
      const bravo = await startDemoGateway({ port: 0 });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-matrix-fleet-'));
      rich(alpha);
      rich(bravo);
      // A field the editor does not edit differs: the push is the screen's own direct write.
      bravo.mutateProvider('openai', (p: Stored) => void (p.pricing_overrides = [{ model: 'gpt-4o', input_cost_per_token: 1, output_cost_per_token: 2 }]));
      const { openProfileStore } = await import('../../src/store/profile-store.js');
      const store = openProfileStore({ dir: path.join(dir, 'config') });
      store.upsert({ name: 'alpha', url: alpha.url, auth: 'none' });
      store.upsert({ name: 'bravo', url: bravo.url, auth: 'none' });
      const profiles = createProfilesService({ store, env: { PATH: process.env.PATH } });
      const history = openHistoryStore({ dir: path.join(dir, 'state') });
      const client = createClient({ baseUrl: alpha.url, auth: { kind: 'none' } });
      const services = {
        ...fakeServices(client, { profile: 'alpha' }), profiles,
        history: { append: (g: string, p: string, o: Record<string, unknown>) => history.appendHistory(g, p, o).id, remove: (g: string, p: string, id: string) => void history.removeHistory(g, p, id) },
      };
      const ui = render(<App services={services} mono size={{ columns: 120, rows: 30 }} />);
      cleanups.push(async () => {
        ui.unmount();
        await profiles.close();
        await client.close();
        await Promise.all([alpha.close(), bravo.close()]);
        fs.rmSync(dir, { recursive: true, force: true });
      });
      const frame = () => ui.lastFrame() ?? '';
      await waitFor(() => expect(frame()).toContain('openai'));
      ui.stdin.write('F');
      await waitFor(() => expect(frame()).toMatch(/2\/2/));
      ui.stdin.write('jjjjj');
      ui.stdin.write('l');
      await waitFor(() => expect(frame()).toMatch(/›openai/));
      ui.stdin.write(KEYS.enter);
      await waitFor(() => expect(frame()).toContain('pricing_overrides'));
      ui.stdin.write('p');
      await waitFor(() => expect(frame()).toContain('Push it to bravo? [y/N]'));
      await land(bravo, c, 'provider');
      const since = bravo.requests.length;
      ui.stdin.write('y');
      await waitFor(() => expect(frame()).toMatch(/updated openai on bravo|bravo: openai (changed|was deleted) on the gateway since the push was planned/));
      expect(frame()).toMatch(/bravo: openai (changed|was deleted) on the gateway since the push was planned/);
      return { gw: bravo, since };
    },
  },
];

describe('every provider writer meets every concurrent change the same way: conflict shown (exit 6), nothing of theirs lost, exact bodies', () => {
  for (const w of providerWriters) {
    describe(w.name, () => {
      it.each(CHANGES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
        const { gw, since, retry } = await w.meet(c);
        const theirs = await theirProvider(gw);
        if (c.deleted) expect(theirs).toBeUndefined();
        await nothingLost(gw, since, theirs, 'provider');
        if (retry && theirs) expect(await retry()).toEqual(withMyEdit(theirs));
      });
    });
  }
});

/** Key writers: my edit is weight 0.5. */
interface KeyWriter {
  name: string;
  meet(c: Change): Promise<{ gw: DemoGateway; since: number; retry?: () => Promise<Stored | undefined> }>;
}

const keyWriters: KeyWriter[] = [
  {
    name: 'keys set --yes (the key is re-read right before the write)',
    async meet(c) {
      const h = await setup({ command: runKeysCommand });
      rich(h.gw);
      cleanups.push(() => h.close());
      const argv = ['set', 'openai', 'openai-prod', 'weight=0.5', '--yes'];
      const since = h.gw.requests.length;
      const r = await h.run(argv, { wrapClient: landAfterRead(h.gw, c, 'key', 'getKey') });
      expect(r.code, r.stderr).toBe(6);
      expect(r.stderr).toMatch(c.deleted ? /key "openai-prod" of openai was deleted on the gateway/ : /key "openai-prod" of openai changed on the gateway since it was read/);
      return { gw: h.gw, since, retry: c.deleted ? undefined : async () => (await h.run(argv), h.puts().at(-1)?.json as Stored) };
    },
  },
  {
    name: 'keys screen (y re-reads the key; r re-applies)',
    async meet(c) {
      const h = await app();
      await h.see('configured');
      h.press('/', 'openai', KEYS.enter);
      await h.see(/\d+ match/);
      for (let i = 0; i < 6 && !/› openai /.test(h.frame()); i++) {
        const before = h.frame();
        h.press('j');
        await waitFor(() => expect(h.frame()).not.toBe(before), 1000).catch(() => undefined);
      }
      h.press('y');
      await h.see('openai-prod');
      h.press('w', KEYS.ctrlU, '0.5', KEYS.enter);
      await h.see('~ weight: 0.7 → 0.5');
      await land(h.gw, c, 'key');
      const since = h.gw.requests.length;
      h.press('y');
      await h.see(c.deleted ? /deleted on the gateway since it was read|not on the gateway/ : /changed on the gateway since it was read/);
      return {
        gw: h.gw, since,
        retry: c.deleted ? undefined : async () => {
          h.press('r');
          await h.see('~ weight:');
          const mark = h.gw.requests.length;
          h.press('y');
          await h.see(/saved/);
          return appWrites(h.gw, mark)[0]?.json as Stored;
        },
      };
    },
  },
];

describe('every key writer meets every concurrent change the same way', () => {
  for (const w of keyWriters) {
    describe(w.name, () => {
      it.each(CHANGES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
        const { gw, since, retry } = await w.meet(c);
        const theirs = await theirKey(gw);
        if (c.deleted) expect(theirs).toBeUndefined();
        await nothingLost(gw, since, theirs, 'key');
        if (retry && theirs) expect(await retry()).toEqual({ ...keyBody(theirs), weight: 0.5 });
      });
    });
  }
});

