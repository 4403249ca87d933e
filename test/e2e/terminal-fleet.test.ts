/**
 * The fleet screen in a real terminal (tmux) at 80x24 with ten profiles: readable columns that scroll
 * sideways, the focused cell marked in text (no colour, no styles), the baseline and the order chosen by
 * the user, a fallback said, each profile's own timeout, and a push between two arbitrary gateways that
 * says "push" and leaves no draft behind. Real clients against demo gateways over loopback.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

/** Alphabetical, as the profile store lists them; prod-us-east is the one the app runs on. */
const PROFILES = ['canary-eu', 'canary-us', 'dev', 'prod-ap-south', 'prod-eu-central', 'prod-eu-west', 'prod-us-east', 'prod-us-west', 'staging-eu', 'staging-us'];
/** canary-eu answers nothing (its profile's timeout is 1.5 s); dev is not there at all. */
const HANGS = 'canary-eu';
const DOWN = 'dev';

const gws = new Map<string, DemoGateway>();
const dirs = appDirs('bt-term-fleet-');
let session: TmuxSession | undefined;
let dir: string;

beforeAll(async () => {
  requireBuiltCli();
  for (const name of PROFILES.filter((p) => p !== DOWN)) gws.set(name, await startDemoGateway({ port: 0 }));
});
afterAll(async () => {
  await Promise.all([...gws.values()].map((g) => g.close()));
});
afterEach(async () => {
  session?.kill();
  session = undefined;
  for (const g of gws.values()) {
    g.clearFaults();
    g.requests.length = 0;
  }
  await dirs.removeAll();
});

/** Ten profiles in a temp config; the app runs on prod-us-east at 80x24. */
function start(env: Record<string, string>): TmuxSession {
  const made = dirs.create();
  dir = made.dir;
  const store = openProfileStore({ env: made.env });
  for (const name of PROFILES) {
    const url = name === DOWN ? 'http://127.0.0.1:1' : gws.get(name)!.url;
    store.upsert({ name, url, auth: 'none', refreshSeconds: 0, ...(name === HANGS ? { timeoutMs: 1500 } : {}) });
  }
  gws.get(HANGS)!.addFault({ method: 'GET', path: '/api/providers', hang: true });
  session = startTmux(`node ${CLI} --profile prod-us-east`, 80, 24, { ...made.env, ...env });
  return session;
}

const lines = (screen: string): string[] => screen.replace(/\n$/, '').split('\n');
const line = (screen: string, re: RegExp): string => lines(screen).find((l) => re.test(l)) ?? '';
const drafts = (): string[] => {
  const root = path.join(dir, 'state', 'drafts');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.json')) : [];
};

async function openFleet(s: TmuxSession): Promise<string> {
  await s.waitFor(/openai/);
  s.send('F');
  return s.waitFor(/10\/10 (gateways )?answered/);
}

describe('real terminal: the fleet screen at 80x24 with ten profiles', () => {
  it('columns scroll sideways with readable names; the focused cell is bracketed and its gateway named in full; each profile\'s timeout; baseline and order', async () => {
    const s = start({ NO_COLOR: '1' });
    const started = Date.now();
    let screen = await openFleet(s);
    // The hanging gateway gave up after its profile's 1.5 s, not the default 10 s.
    expect(Date.now() - started).toBeLessThan(9000);
    expect(lines(screen)).toHaveLength(24);
    for (const l of lines(screen)) expect([...l].length).toBeLessThanOrEqual(80);
    // The gateway the app is on comes first and is the baseline (*); five columns fit, more to the right (›).
    expect(line(screen, /^PROVIDER/)).toMatch(/^PROVIDER\s+▾\*prod-us-e…\s+canary-eu\s+canary-us\s+dev\s+prod-ap-so…\s+›$/);
    expect(line(screen, /acme-llm/)).toMatch(/^›acme-llm\s+\[=\]\s+\?\s+=\s+\?\s+=\s*$/);
    expect(screen).toContain('prod-us-east (1/10, baseline) · acme-llm: the others compare with this');

    // Sideways: the window follows the focus; the full name of the focused column is on the focus line.
    s.send('l', 'l', 'l', 'l', 'l', 'l', 'l', 'l', 'l');
    screen = await s.waitFor('staging-us (10/10) · acme-llm = vs prod-us-east');
    expect(line(screen, /^PROVIDER/)).toMatch(/^PROVIDER\s+‹ prod-eu-ce…\s+prod-eu-we…\s+prod-us-we…\s+staging-eu\s+▾staging-us\s*$/);
    expect(line(screen, /acme-llm/)).toMatch(/^›acme-llm\s+=\s+=\s+=\s+=\s+\[=\]\s*$/);

    // The profile's own timeout, said when the cell is opened.
    s.send('h', 'h', 'h', 'h', 'h', 'h', 'h', 'h');
    await s.waitFor('canary-eu (2/10) · acme-llm');
    s.send('Enter');
    await s.waitFor('canary-eu: no answer within 1500 ms');

    // The baseline is the user's: an unreachable one is said, and every row falls back (◆).
    s.send('l', 'l');
    await s.waitFor('dev (4/10)');
    s.send('b');
    screen = await s.waitFor('⚠ baseline dev is unreachable: rows fall back to the first gateway with them ◆');
    expect(line(screen, /^PROVIDER/)).toMatch(/^PROVIDER\s+‹ canary-eu\s+canary-us\s+▾\*dev\s+prod-ap-so…\s+prod-eu-ce…\s+›$/);
    expect(line(screen, /acme-llm/)).toMatch(/^›acme-llm\s+\?\s+=\s+\[\?\]\s+=\s+=\s*$/);
    expect(screen).toContain('dev (4/10, baseline) · acme-llm ? unreachable');
    expect(screen).toContain('baseline: dev, unreachable: rows fall back (◆)');
    s.send('h', 'h', 'h');
    screen = await s.waitFor('prod-us-east (1/10) · acme-llm: the others compare with this');
    expect(line(screen, /acme-llm/)).toMatch(/^›acme-llm\s+\[◆\]\s+\?\s+=\s+\?\s+=\s*$/);
    s.send('l', 'l', 'l');

    // The order is the user's too: dev moves to the front, still the baseline and focused.
    s.send('<', '<', '<');
    screen = await s.waitFor(/^PROVIDER\s+▾\*dev\s+prod-us-ea…\s+canary-eu\s+canary-us\s+prod-ap-so…\s+›$/m);
    expect(screen).toContain('dev (1/10, baseline)');
    s.send('l', 'b');
    screen = await s.waitFor('baseline: prod-us-east; every row compares with it');
    expect(line(screen, /acme-llm/)).toMatch(/^›acme-llm\s+\?\s+\[=\]\s+\?\s+=\s+=\s*$/);
    expect(line(screen, /^PROVIDER/)).toMatch(/^PROVIDER\s+dev\s+▾\*prod-us-e…/);
  });

  it('pushes between two gateways neither of which is the first: the prompts say push, the exact PUT lands on the target only, no draft is left', async () => {
    gws.get('prod-eu-west')!.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 7;
    });
    const target = gws.get('staging-us')!;
    const before = await (await fetch(`${target.url}/api/providers/openai`)).json() as Record<string, any>;
    const s = start({ TERM: 'dumb' });
    await openFleet(s);
    // prod-eu-west (7th column) becomes the baseline; openai's cell on staging-us (10th) differs in one field.
    s.send('l', 'l', 'l', 'l', 'l', 'l', 'b');
    await s.waitFor('baseline: prod-eu-west');
    s.send('l', 'l', 'l', 'j', 'j', 'j', 'j', 'j');
    let screen = await s.waitFor('staging-us (10/10) · openai ≠ 1 vs prod-eu-west');
    expect(line(screen, /openai/)).toMatch(/\[≠ 1\]\s*$/);
    s.send('Enter');
    screen = await s.waitFor('openai: 1 field differs · p prod-eu-west→staging-us · P staging-us→prod-eu-west');
    expect(screen).toMatch(/network_config\.max_retries\s+7\s+2/);

    // p opens staging-us's form with the pushed field as an edit; leaving it asks, in words of a push.
    s.send('p');
    screen = await s.waitFor('push prod-eu-west → staging-us: 1 field of openai as edits; ^S reviews the push');
    expect(lines(screen)[0]).toContain('staging-us');
    s.send('Escape');
    await s.waitFor('1 unpushed change: s push to staging-us · d discard · Esc keep editing');
    s.send('d');
    // Discarding asks yes/no (only y discards: issue 22's one convention).
    await s.waitFor('Discard 1 unpushed change to openai? [y/N]');
    s.send('y');
    // Back on the fleet, on the same cell; nothing was written and no draft is left.
    screen = await s.waitFor('staging-us (10/10) · openai ≠ 1 vs prod-eu-west');
    expect(drafts()).toEqual([]);
    expect([...gws.values()].flatMap((g) => g.requests).filter((r) => r.method !== 'GET')).toEqual([]);

    s.send('Enter');
    await s.waitFor('openai: 1 field differs');
    s.send('p');
    await s.waitFor('push prod-eu-west → staging-us');
    s.send('C-s');
    screen = await s.waitFor('Review: push openai from prod-eu-west to staging-us: 1 field changes');
    expect(screen).toContain('~ network_config.max_retries: 2 → 7');
    expect(screen).toContain('y pushes, Esc goes back · the complete object is sent to staging-us (PUT)');
    s.send('y');
    await s.waitFor(/pushed openai from prod-eu-west to staging-us at \d\d:\d\d:\d\d/);

    const puts = target.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe('/api/providers/openai');
    const { name: _n, provider_status: _s, status: _t, description: _d, config_hash: _h, keys: _k, ...writable } = before;
    expect(puts[0]!.json).toEqual({ ...writable, network_config: { ...writable.network_config, max_retries: 7 } });
    for (const [name, g] of gws) if (name !== 'staging-us') expect(g.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // Backed up in staging-us's history; no draft anywhere.
    expect(fs.readdirSync(path.join(dir, 'state', 'history', 'profile-staging-us', 'openai'))).toHaveLength(1);
    expect(drafts()).toEqual([]);

    s.send('Escape');
    screen = await s.waitFor('staging-us (10/10) · openai');
    // Pushed: the same but for the CA certificate, whose masks read alike on every demo gateway.
    await s.waitFor('staging-us (10/10) · openai ≈ vs prod-eu-west');
  });
});
