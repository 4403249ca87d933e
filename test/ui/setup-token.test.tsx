/**
 * The first-run setup against a v2.2.6 gateway locked until setup: the test
 * says why in one line, the setup-token field appears, and with the token the
 * profile is saved and the list opens. A profile without the token: the
 * list's 401 says K enters it, K prompts for it, and it is used and, if asked,
 * stored in the profile. The token is never on screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { openSession, openSetupSession } from '../../src/app/session.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { App } from '../../src/ui/app.js';
import { waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

const TOKEN = 'setup-Tok-31415926';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it('a locked gateway: the token field appears after the failed test; with the token the profile saves and the list opens', async () => {
  const gw = await startDemoGateway({ port: 0, version: '2.2', setupToken: TOKEN });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bt-setup-token-'));
  const store = openProfileStore({ dir });
  const { services, close } = openSetupSession({}, { store });
  const app = render(<App services={services} mono size={{ columns: 160, rows: 22 }} />);
  cleanups.push(async () => {
    app.unmount();
    await close();
    await gw.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  const frame = (): string => app.lastFrame() ?? '';
  await waitFor(() => expect(frame()).toContain('first-run setup'));
  expect(frame()).not.toContain('Setup token');
  app.stdin.write(KEYS.tab);
  app.stdin.write(KEYS.ctrlU);
  app.stdin.write(gw.url);
  app.stdin.write(KEYS.tab);
  app.stdin.write(' '); // auth: bearer -> basic
  app.stdin.write(' '); // basic -> none
  await waitFor(() => expect(frame()).toContain('‹ none ›'));
  app.stdin.write(KEYS.ctrlS);
  await waitFor(() => expect(frame()).toMatch(/✖ 401 Unauthorized: the gateway is locked until its first admin is set up/));
  expect(store.list()).toEqual([]);
  await waitFor(() => expect(frame()).toMatch(/› Setup token\s+‹ none ›/));
  app.stdin.write(' '); // none -> stored
  await waitFor(() => expect(frame()).toMatch(/Token\s/));
  app.stdin.write(KEYS.tab);
  app.stdin.write(TOKEN);
  await waitFor(() => expect(frame()).toContain('•'.repeat(TOKEN.length)));
  app.stdin.write(KEYS.ctrlS);
  await waitFor(() => expect(frame()).toContain('6 configured'));
  await waitFor(() => expect(frame()).toContain('gateway v2.2.6'));
  expect(store.get('default')?.setupToken).toEqual({ source: 'stored', value: TOKEN });
  expect(gw.requests.at(-1)?.headers['x-bifrost-setup-token']).toBe(TOKEN);
  for (const f of app.frames) expect(f).not.toContain(TOKEN);
});

it('a profile without the token: the list says K enters it; K prompts for the token, which is used and stored in the profile when asked', async () => {
  const gw = await startDemoGateway({ port: 0, version: '2.2', setupToken: TOKEN });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bt-setup-token-'));
  const store = openProfileStore({ dir });
  store.upsert({ name: 'locked', url: gw.url, auth: 'none' });
  const env = { PATH: process.env.PATH, XDG_STATE_HOME: path.join(dir, 'state') };
  const opened = await openSession({ profile: 'locked' }, env, { store });
  if (!opened.ok) throw new Error(opened.message);
  const app = render(<App services={opened.services} mono size={{ columns: 160, rows: 22 }} />);
  cleanups.push(async () => {
    app.unmount();
    await opened.close();
    await gw.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  const frame = (): string => app.lastFrame() ?? '';
  await waitFor(() => expect(frame()).toMatch(/✖ 401 Unauthorized: the gateway is locked until its first admin is set up/));
  expect(frame()).toContain('K enters the setup token');
  app.stdin.write('K');
  await waitFor(() => expect(frame()).toContain('Enter its setup token (sent as X-Bifrost-Setup-Token)'));
  app.stdin.write(TOKEN);
  await waitFor(() => expect(frame()).toContain('•'.repeat(TOKEN.length)));
  app.stdin.write(KEYS.enter);
  await waitFor(() => expect(frame()).toContain('✔ the setup token works. Store it in profile "locked"?'));
  app.stdin.write('y');
  await waitFor(() => expect(frame()).toContain('6 configured'));
  expect(store.get('locked')?.setupToken).toEqual({ source: 'stored', value: TOKEN });
  expect(store.get('locked')?.auth).toBe('none');
  expect(gw.requests.at(-1)?.headers['x-bifrost-setup-token']).toBe(TOKEN);
  for (const f of app.frames) expect(f).not.toContain(TOKEN);
});
