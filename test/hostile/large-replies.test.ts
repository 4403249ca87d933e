/**
 * Megabytes of text in one reply (a status description, an unknown field, a key's description) in a
 * real terminal: every screen draws promptly, and ^C and SIGTERM end the app as usual. Text is cut to
 * what the screen can show before it is measured or wrapped.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, startTmux, type TmuxSession, TMUX_SOCKET } from '../helpers/tmux.js';
import { appDirs } from '../helpers/temp-dir.js';
import { startHostileGateway, type HostileGateway } from './hostile-gateway.js';

const MB2 = 2 * 1024 * 1024;
let session: TmuxSession | undefined;
let gw: HostileGateway | undefined;
/** The app's PID: a frozen app ignores the hangup of a killed tmux session, so it is killed by PID. */
let appPid: number | undefined;
const dirs = appDirs('bt-large-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  if (appPid !== undefined) {
    try {
      process.kill(appPid, 'SIGKILL');
    } catch {
      // ended, as it should have
    }
  }
  session?.kill();
  await gw?.close();
  await dirs.removeAll();
  session = gw = appPid = undefined;
});

/** A provider whose status text, unknown field and key description are 2 MB each (words, then one long word). */
async function largeGateway(): Promise<HostileGateway> {
  const g = await startHostileGateway();
  const words = `${'word '.repeat(MB2 / 10)}${'x'.repeat(MB2 / 2)}`;
  g.setProvider(
    'openai',
    JSON.stringify({ name: 'openai', network_config: { base_url: 'https://api.openai.com' }, provider_status: 'active', status: 'list_models_failed', description: `START ${words}`, x_big: `BIG ${words}` }),
  );
  g.setRaw('/api/providers/openai/keys', JSON.stringify({ keys: [{ id: 'k1', name: 'big-key', value: 'x', models: ['*'], weight: 1, enabled: true, status: 'list_models_failed', description: `KEYDESC ${words}` }] }));
  return g;
}

/** The app in the pane (the pane runs a shell; the app is its child), polled until it is there. */
async function appIn(s: TmuxSession): Promise<number> {
  const shell = execFileSync('tmux', ['-L', TMUX_SOCKET, 'display-message', '-p', '-t', s.name, '#{pane_pid}'], { encoding: 'utf8' }).trim();
  for (let i = 0; ; i++) {
    try {
      return Number(execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
    } catch (err) {
      if (i > 200) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('2 MB of text in a reply, in a real terminal', () => {
  it('the list, the form (the value in full) and the keys screen draw within seconds; ^C quits', async () => {
    gw = await largeGateway();
    session = startTmux(`node ${CLI} --url ${gw.url}`, 100, 30, dirs.create().env);
    appPid = await appIn(session);
    await session.waitFor('START word word', 15_000);
    session.send('Enter');
    await session.waitFor('Concurrency', 15_000);
    session.send('G');
    const form = await session.waitFor(/x_big\s+"BIG word/, 15_000);
    // The focused value below its row, cut with an ellipsis (not thousands of lines).
    expect(form).toMatch(/^ {4}"BIG word word.*…$/m);
    session.send('Escape');
    await session.waitFor('› openai', 15_000);
    session.send('y');
    await session.waitFor('KEYDESC word', 15_000);
    session.send('C-c');
    expect(await session.waitForExit(15_000)).toBe(0);
  }, 90_000);

  it('SIGTERM while the 2 MB text is on screen ends the app at once (exit 143)', async () => {
    gw = await largeGateway();
    session = startTmux(`node ${CLI} --url ${gw.url}`, 100, 30, dirs.create().env);
    appPid = await appIn(session);
    await session.waitFor('START word word', 15_000);
    process.kill(appPid, 'SIGTERM');
    expect(await session.waitForExit(15_000)).toBe(143);
  }, 60_000);
});
