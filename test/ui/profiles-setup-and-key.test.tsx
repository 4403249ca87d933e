import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSetupSession } from '../../src/app/session.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { App } from '../../src/ui/app.js';
import { waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { allText, fixture, KEY_A, KEY_B, servicesFor, type Fixture } from './profiles-helpers.js';

let f: Fixture;
let frames: string[][] = [];
beforeEach(async () => {
  f = await fixture();
  frames = [];
});
afterEach(async () => {
  for (const fr of frames) {
    expect(allText(fr)).not.toContain(KEY_A);
    expect(allText(fr)).not.toContain(KEY_B);
    expect(allText(fr)).not.toContain('Secret-Key');
  }
  await f.close();
});

describe('profiles but no default', () => {
  it('opens the profiles screen to pick one, not the setup; Enter connects and lists its providers', async () => {
    f.store.clearDefault();
    const { services, close } = openSetupSession({}, { store: f.store });
    const app = render(<App services={services} mono size={{ columns: 100, rows: 20 }} />);
    frames.push(app.frames);
    await waitFor(() => expect(app.lastFrame()).toContain('alpha'));
    expect(app.lastFrame()).toContain('bravo');
    expect(app.lastFrame()).not.toContain('first-run setup');
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.lastFrame()).toContain('6 configured'));
    expect(app.lastFrame()).toContain('ALPHA');
    app.unmount();
    await close();
  });
});

describe('first-run setup', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bt-setup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

  function startSetup(width = 80, rows = 20) {
    const store = openProfileStore({ dir });
    const { services, close } = openSetupSession({}, { store });
    let exited = false;
    const app = render(<App services={services} mono size={{ columns: width, rows }} onExit={() => (exited = true)} />);
    frames.push(app.frames);
    return { ...app, store, close, exited: () => exited };
  }

  it('tests before saving: a wrong key is refused and nothing is stored; the right key saves and opens the list', async () => {
    const { lastFrame, stdin, store, close } = startSetup();
    await waitFor(() => expect(lastFrame()).toContain('first-run setup'));
    expect(lastFrame()).toContain('http://localhost:8080');
    stdin.write(KEYS.ctrlU);
    stdin.write('lab');
    stdin.write(KEYS.tab);
    stdin.write(KEYS.ctrlU);
    stdin.write(f.a.url);
    stdin.write(KEYS.tab); // auth: bearer (the default)
    stdin.write(KEYS.tab);
    stdin.write('wrong-key-0000000');
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/✖ .*401 Unauthorized/));
    expect(store.list()).toEqual([]);
    stdin.write(KEYS.ctrlU);
    stdin.write(KEY_A);
    await waitFor(() => expect(lastFrame()).toContain('•'.repeat(20)));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
    expect(lastFrame()).toContain('6 configured');
    expect(store.get('lab')).toMatchObject({ url: f.a.url, auth: 'bearer', secret: { source: 'stored', value: KEY_A } });
    expect(store.getDefaultName()).toBe('lab');
    await close();
  });

  /** The frame's lines joined (prose with a space, a cut word with nothing): text wrapped over lines reads as one. */
  const unwrapped = (frame: string | undefined, sep = ''): string => (frame ?? '').split('\n').map((l) => l.trim()).join(sep);

  it('the setup text and a field error are shown in full at 80 columns, wrapped, not cut', async () => {
    const { lastFrame, stdin, close } = startSetup(80, 20);
    await waitFor(() => expect(lastFrame()).toContain('first-run setup'));
    stdin.write(KEYS.ctrlU);
    stdin.write('lab');
    stdin.write(KEYS.tab);
    stdin.write(KEYS.ctrlU);
    stdin.write('http://user:pw@127.0.0.1:1');
    // the setup's own explanation is whole too
    expect(unwrapped(lastFrame(), ' ').replace(/\s+/g, ' ')).toContain('Esc quits without saving.');
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('✖'));
    expect(unwrapped(lastFrame(), ' ').replace(/\s+/g, ' ')).toContain('must not hold credentials (user:password@); use auth basic');
    for (const line of (lastFrame() ?? '').split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    await close();
  });

  it('Esc quits without saving', async () => {
    const { lastFrame, stdin, store, exited, close } = startSetup(60, 15);
    await waitFor(() => expect(lastFrame()).toContain('first-run setup'));
    for (const line of lastFrame()!.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    stdin.write('x');
    stdin.write(KEYS.esc);
    await waitFor(() => expect(exited()).toBe(true));
    expect(store.list()).toEqual([]);
    await close();
  });
});

describe('401 key prompt', () => {
  it('K asks for a key (masked), uses it, and stores it in the profile on y', async () => {
    f.store.upsert({ ...f.store.get('alpha')!, secret: { source: 'env', name: 'NOT_SET_ANYWHERE' } });
    const services = await servicesFor(f, 'alpha', { secret: { source: 'stored', value: 'stale-key-00000000' } });
    const app = render(<App services={services} mono size={{ columns: 100, rows: 20 }} />);
    frames.push(app.frames);
    const { lastFrame, stdin } = app;
    await waitFor(() => expect(lastFrame()).toContain('401 Unauthorized'));
    expect(lastFrame()).toContain('K enters a key');
    stdin.write('K');
    await waitFor(() => expect(lastFrame()).toContain('API key:'));
    stdin.write('bad-key-1234567');
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/✖ .*401 Unauthorized/));
    stdin.write(KEYS.ctrlU);
    stdin.write(KEY_A);
    await waitFor(() => expect(lastFrame()).toContain('•'.repeat(KEY_A.length)));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('Store it in profile "alpha" (replaces env $NOT_SET_ANYWHERE)?'));
    stdin.write('y');
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
    expect(lastFrame()).not.toContain('401 Unauthorized');
    expect(f.store.get('alpha')?.secret).toEqual({ source: 'stored', value: KEY_A });
  });

  it('without a profile the key is used for the session only', async () => {
    const services = await servicesFor(f, 'alpha', { secret: { source: 'stored', value: 'stale-key-00000000' } });
    services.session = { ...services.session, connection: { ...services.session.connection, profile: undefined, label: undefined } };
    const app = render(<App services={services} mono size={{ columns: 80, rows: 20 }} />);
    frames.push(app.frames);
    const { lastFrame, stdin } = app;
    await waitFor(() => expect(lastFrame()).toContain('401 Unauthorized'));
    stdin.write('K');
    await waitFor(() => expect(lastFrame()).toContain('API key:'));
    stdin.write(KEY_A);
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
    expect(f.store.get('alpha')?.secret).toEqual({ source: 'stored', value: KEY_A });
  });

  it('K does nothing when the list has no auth error', async () => {
    const services = await servicesFor(f, 'alpha');
    const app = render(<App services={services} mono size={{ columns: 80, rows: 20 }} />);
    frames.push(app.frames);
    await waitFor(() => expect(app.lastFrame()).toContain('acme-llm'));
    app.stdin.write('K');
    await new Promise((r) => setTimeout(r, 50));
    expect(app.lastFrame()).not.toContain('API key:');
  });
});
