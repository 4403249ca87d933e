/** The fleet screen at 80x24 with 5 profiles: real clients against demo gateways over loopback. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { createProfilesService, type EdgeProfilesService } from '../../src/app/profiles-service.js';
import { draftService } from '../../src/app/local-services.js';
import { isRedacted } from '../../src/api/secrets.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { App } from '../../src/ui/app.js';
import type { Services } from '../../src/ui/services.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

let gws: DemoGateway[];
let dir: string;
let profiles: EdgeProfilesService;
let store: ReturnType<typeof openProfileStore>;
beforeEach(async () => {
  gws = await Promise.all([0, 1, 2, 3].map(() => startDemoGateway({ port: 0 })));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-fleet-ui-'));
  store = openProfileStore({ dir: path.join(dir, 'config') });
  ['alpha', 'bravo', 'charlie', 'echo'].forEach((name, i) => store.upsert({ name, url: gws[i]!.url, auth: 'none' }));
  store.upsert({ name: 'delta', url: 'http://127.0.0.1:1', auth: 'none' });
  profiles = createProfilesService({ store, env: { PATH: process.env.PATH } });
});
afterEach(async () => {
  await profiles.close();
  await Promise.all(gws.map((g) => g.close()));
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

function start() {
  const drafts = openDraftStore({ dir: path.join(dir, 'state') });
  const history = openHistoryStore({ dir: path.join(dir, 'state') });
  const client = createClient({ baseUrl: gws[0]!.url, auth: { kind: 'none' }, timeoutMs: 3000 });
  const services: Services = {
    ...fakeServices(client, { profile: 'alpha' }),
    profiles,
    drafts: draftService(drafts),
    history: { append: (g, p, o) => history.appendHistory(g, p, o).id, remove: (g, p, id) => void history.removeHistory(g, p, id) },
  };
  return render(<App services={services} mono size={{ columns: 80, rows: 24 }} />);
}

const lines = (frame: string | undefined): string[] => (frame ?? '').split('\n');
const row = (frame: string | undefined, name: string): string => lines(frame).find((l) => l.includes(` ${name} `) || l.includes(`›${name} `)) ?? '';

describe('fleet screen', () => {
  it('fills cells in as gateways answer; = / ≠ N / - / ? at 80x24 with 5 profiles', async () => {
    gws[1]!.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 7;
      p.concurrency_and_buffer_size = { concurrency: 10, buffer_size: 20 };
    });
    await fetch(`${gws[3]!.url}/api/providers/ollama`, { method: 'DELETE' });
    // Long enough that the other four answer first even on a loaded machine, short of the 10 s deadline.
    gws[2]!.addFault({ method: 'GET', path: '/api/providers', latencyMs: 8000 });
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('openai'));
    stdin.write('F');
    // Everyone but charlie has answered: its column still waits, the others are filled in.
    await waitFor(() => expect(lastFrame()).toMatch(/4\/5 (gateways )?answered/));
    // Every demo gateway has the same CA certificate mask: the same as far as can be seen (≈), never "=".
    expect(row(lastFrame(), 'openai')).toMatch(/openai\s+=\s+≠ 3\s+…\s+\?\s+≈/);
    await waitFor(() => expect(lastFrame()).toMatch(/5\/5 (gateways )?answered/));
    const frame = lastFrame()!;
    expect(lines(frame)).toHaveLength(24);
    for (const l of lines(frame)) expect([...l].length).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/PROVIDER\s+▾\*alpha\s+bravo\s+charlie\s+delta\s+echo/);
    expect(row(frame, 'openai')).toMatch(/openai\s+=\s+≠ 3\s+≈\s+\?\s+≈/);
    expect(row(frame, 'ollama')).toMatch(/ollama\s+=\s+=\s+=\s+\?\s+-/);
  });

  it('G, g, End, Home and the page keys move over the providers like every other list (issue 22)', async () => {
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('openai'));
    stdin.write('F');
    await waitFor(() => expect(lastFrame()).toMatch(/5\/5 (gateways )?answered/));
    const focused = (): string => lines(lastFrame()).find((l) => l.startsWith('›')) ?? '';
    const first = focused();
    stdin.write('G');
    await waitFor(() => expect(focused()).toMatch(/^›openai /));
    stdin.write('g');
    await waitFor(() => expect(focused()).toBe(first));
    stdin.write(KEYS.end);
    await waitFor(() => expect(focused()).toMatch(/^›openai /));
    stdin.write(KEYS.home);
    await waitFor(() => expect(focused()).toBe(first));
    stdin.write(KEYS.pageDown);
    await waitFor(() => expect(focused()).toMatch(/^›openai /));
  });

  it('Enter shows the field diff; p pushes through the target form\'s review: exact PUT body, no mask', async () => {
    gws[1]!.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 7;
    });
    gws[1]!.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).username = 'svc-bravo-other';
    });
    const before = await (await fetch(`${gws[1]!.url}/api/providers/openai`)).json() as Record<string, any>;
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('openai'));
    stdin.write('F');
    await waitFor(() => expect(lastFrame()).toMatch(/5\/5 (gateways )?answered/));
    // groq: only a plain secret differs; it cannot be copied, nothing is pushed.
    stdin.write('jjj');
    stdin.write('l');
    await waitFor(() => expect(row(lastFrame(), 'groq')).toContain('›groq'));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('groq: 1 field differs · p alpha→bravo · P bravo→alpha'));
    expect(lastFrame()).toMatch(/proxy_config\.username\s+•••• \(set, redact…\s+•••• \(set, redacte…/);
    stdin.write('p');
    await waitFor(() => expect(lastFrame()).toContain('nothing the editor can push: proxy_config.username differs and cannot be copied'));
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('PROVIDER'));
    stdin.write('jj');
    await waitFor(() => expect(row(lastFrame(), 'openai')).toContain('›openai'));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/network_config\.max_retries\s+2\s+7/));
    stdin.write('p');
    await waitFor(() => expect(lastFrame()).toContain('push alpha → bravo: 1 field of openai as edits'));
    await waitFor(() => expect(lastFrame()).toContain('1 changed'));
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('~ network_config.max_retries: 7 → 2'));
    expect(lastFrame()).toContain('Review: push openai from alpha to bravo: 1 field changes');
    stdin.write('y');
    await waitFor(() => expect(gws[1]!.requests.some((r) => r.method === 'PUT')).toBe(true));
    const puts = gws[1]!.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe('/api/providers/openai');
    const { name: _n, provider_status: _s, status: _t, description: _d, config_hash: _h, keys: _k, ...writable } = before;
    expect(puts[0]!.json).toEqual({ ...writable, network_config: { ...writable.network_config, max_retries: 2 } });
    // The CA certificate went back as bravo's own mask, which the gateway keeps.
    expect((puts[0]!.json as any).network_config.ca_cert_pem).toBe(before.network_config.ca_cert_pem);
    expect(gws[1]!.storedProvider('openai')!.network_config!.ca_cert_pem).toBe(gws[0]!.storedProvider('openai')!.network_config!.ca_cert_pem);
    for (const r of gws.flatMap((g) => g.requests).filter((q) => q.method !== 'GET')) {
      expect(r.url).toBe('/api/providers/openai');
    }
  });

  it('P pushes the other way: this gateway -> the first column, through the first gateway\'s review: exact PUT body', async () => {
    gws[1]!.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 7;
    });
    const before = await (await fetch(`${gws[0]!.url}/api/providers/openai`)).json() as Record<string, any>;
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('openai'));
    stdin.write('F');
    await waitFor(() => expect(lastFrame()).toMatch(/ 5\/5/));
    stdin.write('jjjjj');
    stdin.write('l');
    await waitFor(() => expect(row(lastFrame(), 'openai')).toContain('›openai'));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/network_config\.max_retries\s+2\s+7/));
    expect(lastFrame()).toContain('p alpha→bravo');
    expect(lastFrame()).toContain('P bravo→alpha');
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('push bravo → alpha: 1 field of openai as edits'));
    await waitFor(() => expect(lastFrame()).toContain('1 changed'));
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('~ network_config.max_retries: 2 → 7'));
    stdin.write('y');
    await waitFor(() => expect(gws[0]!.requests.some((r) => r.method === 'PUT')).toBe(true));
    const puts = gws[0]!.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe('/api/providers/openai');
    const { name: _n, provider_status: _s, status: _t, description: _d, config_hash: _h, keys: _k, ...writable } = before;
    expect(puts[0]!.json).toEqual({ ...writable, network_config: { ...writable.network_config, max_retries: 7 } });
    expect(gws[1]!.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  const READ_ONLY = ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys'];
  const writableOf = (p: Record<string, any>): Record<string, any> => Object.fromEntries(Object.entries(p).filter(([k]) => !READ_ONLY.includes(k)));
  const strings = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : []);
  const openCell = async (frame: () => string | undefined, stdin: { write: (s: string) => void }, down: number, right: number, name: string): Promise<void> => {
    await waitFor(() => expect(frame()).toContain('openai'));
    stdin.write('F');
    await waitFor(() => expect(frame()).toMatch(/ 5\/5/));
    stdin.write('j'.repeat(down));
    stdin.write('l'.repeat(right));
    await waitFor(() => expect(row(frame(), name)).toContain(`›${name}`));
    stdin.write(KEYS.enter);
  };

  it('a field the editor does not edit (pricing_overrides) is pushed by a reviewed direct write: exact PUT body, no mask', async () => {
    gws[1]!.mutateProvider('openai', (p) => {
      (p as Record<string, unknown>).pricing_overrides = [{ model: 'gpt-4o', input_cost_per_token: 0.000009, output_cost_per_token: 0.00002 }];
    });
    const alpha = await (await fetch(`${gws[0]!.url}/api/providers/openai`)).json() as Record<string, any>;
    const before = await (await fetch(`${gws[1]!.url}/api/providers/openai`)).json() as Record<string, any>;
    const { lastFrame, stdin } = start();
    await openCell(lastFrame, stdin, 5, 1, 'openai');
    await waitFor(() => expect(lastFrame()).toContain('pricing_overrides'));
    stdin.write('p');
    await waitFor(() => expect(lastFrame()).toContain('Push openai from alpha to bravo: 1 change'));
    expect(lastFrame()).toContain('~ pricing_overrides');
    expect(lastFrame()).toContain('Push it to bravo? [y/N]');
    expect(gws[1]!.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    stdin.write('y');
    await waitFor(() => expect(lastFrame()).toContain('pushed openai from alpha to bravo'));
    const puts = gws[1]!.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe('/api/providers/openai');
    expect(puts[0]!.json).toEqual({ ...writableOf(before), pricing_overrides: alpha.pricing_overrides });
    // The only redacted value sent is bravo's own CA certificate mask, which the gateway keeps.
    expect(strings(puts[0]!.json).filter(isRedacted)).toEqual([before.network_config.ca_cert_pem]);
    expect(gws[1]!.storedProvider('openai')!.network_config!.ca_cert_pem).toBe(gws[0]!.storedProvider('openai')!.network_config!.ca_cert_pem);
    // The re-read before the write and the backup: a GET of openai right before the PUT.
    const i = gws[1]!.requests.findIndex((r) => r.method === 'PUT');
    expect(gws[1]!.requests[i - 1]).toMatchObject({ method: 'GET', url: '/api/providers/openai' });
  });

  it('a provider missing on the target is created by a reviewed direct write: exact POST body, no mask', async () => {
    await fetch(`${gws[3]!.url}/api/providers/openai`, { method: 'DELETE' });
    const alpha = await (await fetch(`${gws[0]!.url}/api/providers/openai`)).json() as Record<string, any>;
    const { lastFrame, stdin } = start();
    await openCell(lastFrame, stdin, 5, 4, 'openai');
    await waitFor(() => expect(lastFrame()).toContain('p alpha→echo'));
    // Every field of alpha's openai, echo's not configured (not only what differs between other gateways).
    expect(lastFrame()).toMatch(/network_config\.base_url\s+"https:\/\/api\.open…\s+\(not configured\)/);
    expect(lastFrame()).toMatch(/openai: \d{2} fields differ/);
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('openai is not configured on echo: nothing to push'));
    stdin.write('p');
    await waitFor(() => expect(lastFrame()).toContain('Push openai from alpha to echo, creating it there'));
    expect(gws[3]!.requests.filter((r) => r.method === 'POST' || r.method === 'PUT')).toEqual([]);
    stdin.write('n');
    await waitFor(() => expect(lastFrame()).toContain('p alpha→echo'));
    stdin.write('p');
    await waitFor(() => expect(lastFrame()).toContain('Push openai from alpha to echo, creating it there'));
    stdin.write('y');
    await waitFor(() => expect(lastFrame()).toContain('pushed openai from alpha to echo (created there)'));
    const posts = gws[3]!.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    const { ca_cert_pem: _ca, ...network } = alpha.network_config;
    expect(posts[0]!.json).toEqual({ ...writableOf(alpha), network_config: network, provider: 'openai' });
    for (const v of strings(posts[0]!.json)) expect(isRedacted(v)).toBe(false);
    expect(gws.flatMap((g) => g.requests).filter((r) => r.method !== 'GET')).toHaveLength(2);
    await waitFor(() => expect(row(lastFrame(), 'openai')).toMatch(/openai\s+=\s+≈\s+≈\s+\?\s+\[≠/));
  });
});
