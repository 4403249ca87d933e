/**
 * The fleet screen on every Bifrost line, and on a mixed fleet (v1.4 next to
 * v2.2, both ways): a field pushed from the first gateway to the second goes
 * through the target's form review and is written in the target's dialect
 * (v1.4: its keys echoed whole as fetched). Asserts the exact PUT body and the
 * target's stored state: the one change, every key byte for byte, no mask or
 * JSON text stored as a secret.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, type DemoGateway, type DemoVersion } from '../../src/demo-gateway/index.js';
import { createProfilesService, type EdgeProfilesService } from '../../src/app/profiles-service.js';
import { draftService } from '../../src/app/local-services.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { App } from '../../src/ui/app.js';
import type { Services } from '../../src/ui/services.js';
import { writable } from '../commands/providers-harness.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { DEMO_VERSIONS, sortedJson, storedKeys, storedSecretProblems } from '../helpers/gateway-versions.js';
import { KEYS } from '../helpers/keys.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** alpha and bravo, each a demo gateway of its line, and the app on alpha. */
async function fleetOf(alphaVersion: DemoVersion, bravoVersion: DemoVersion) {
  const gws: DemoGateway[] = await Promise.all([alphaVersion, bravoVersion].map((version) => startDemoGateway({ port: 0, version })));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-fleet-versions-'));
  const store = openProfileStore({ dir: path.join(dir, 'config') });
  ['alpha', 'bravo'].forEach((name, i) => store.upsert({ name, url: gws[i]!.url, auth: 'none' }));
  const profiles: EdgeProfilesService = createProfilesService({ store, env: { PATH: process.env.PATH } });
  const history = openHistoryStore({ dir: path.join(dir, 'state') });
  const client = createClient({ baseUrl: gws[0]!.url, auth: { kind: 'none' } });
  const services: Services = {
    ...fakeServices(client, { profile: 'alpha' }),
    profiles,
    drafts: draftService(openDraftStore({ dir: path.join(dir, 'state') })),
    history: { append: (g, p, o) => history.appendHistory(g, p, o).id, remove: (g, p, id) => void history.removeHistory(g, p, id) },
  };
  const app = render(<App services={services} mono size={{ columns: 100, rows: 30 }} />);
  cleanups.push(async () => {
    app.unmount();
    await client.close();
    await profiles.close();
    await Promise.all(gws.map((g) => g.close()));
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  return { gws, frame: () => app.lastFrame() ?? '', press: (s: string) => app.stdin.write(s) };
}

const row = (frame: string, name: string): string => frame.split('\n').find((l) => l.includes(` ${name} `) || l.includes(`›${name} `)) ?? '';

/** What the gateway stores for a provider, its keys with the values GET fills in made explicit. */
function stateOf(gw: DemoGateway, name: string): Record<string, any> {
  const stored = structuredClone(gw.storedProvider(name)!) as Record<string, unknown>;
  return 'keys' in stored ? { ...stored, keys: JSON.parse(sortedJson(storedKeys(gw, name))) } : stored;
}

const PAIRS: Array<[DemoVersion, DemoVersion]> = [...DEMO_VERSIONS.map((v) => [v, v] as [DemoVersion, DemoVersion]), ['2.2', '1.4'], ['1.4', '2.2']];

describe.each(PAIRS)('fleet screen · alpha v%s, bravo v%s', (alphaVersion, bravoVersion) => {
  it('p pushes a differing field to bravo through its form review, in bravo\'s dialect; bravo keeps every key', async () => {
    const f = await fleetOf(alphaVersion, bravoVersion);
    const [alpha, bravo] = f.gws as [DemoGateway, DemoGateway];
    bravo.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 7;
    });
    const before = (await (await fetch(`${bravo.url}/api/providers/openai`)).json()) as Record<string, any>;
    const stored = stateOf(bravo, 'openai');
    const keys = sortedJson(storedKeys(bravo, 'openai'));
    await waitFor(() => expect(f.frame()).toContain('openai'));
    f.press('F');
    await waitFor(() => expect(f.frame()).toMatch(/2\/2 (gateways )?answered/));
    f.press('jjjjj');
    f.press('l');
    await waitFor(() => expect(row(f.frame(), 'openai')).toContain('›openai'));
    f.press(KEYS.enter);
    await waitFor(() => expect(f.frame()).toMatch(/network_config\.max_retries\s+2\s+7/));
    expect(f.frame()).toContain('openai: 1 field differs');
    f.press('p');
    // bravo's form opens with the pushed field as an edit (no draft on disk to restore).
    await waitFor(() => expect(f.frame()).toContain('push alpha → bravo: 1 field of openai as edits'));
    await waitFor(() => expect(f.frame()).toContain('1 changed'));
    f.press(KEYS.ctrlS);
    await waitFor(() => expect(f.frame()).toContain('~ network_config.max_retries: 7 → 2'));
    f.press('y');
    await waitFor(() => expect(bravo.requests.some((r) => r.method === 'PUT')).toBe(true));
    const puts = bravo.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    const w = writable(before, bravoVersion) as Record<string, any>;
    expect(puts[0]!.json).toEqual({ ...w, network_config: { ...w.network_config, max_retries: 2 } });
    expect(stateOf(bravo, 'openai')).toEqual({ ...stored, network_config: { ...stored.network_config, max_retries: 2 } });
    expect(sortedJson(storedKeys(bravo, 'openai'))).toBe(keys);
    expect(storedSecretProblems(bravo, 'openai')).toEqual([]);
    expect(alpha.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });
});
