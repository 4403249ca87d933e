/** The built CLI in a real terminal against a gateway holding hostile text: nothing acts on the terminal, the escapes show. */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../src/api/wire.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession, TMUX_SOCKET } from '../helpers/tmux.js';
import { seedHostile } from './hostile-seed.js';

let session: TmuxSession | undefined;
let gw: DemoGateway | undefined;
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  session?.kill();
  await gw?.close();
  session = undefined;
  gw = undefined;
});

/** True when any tmux paste buffer holds the payload the OSC 52 write carries. */
function clipboardWritten(): boolean {
  try {
    const names = execFileSync('tmux', ['-L', TMUX_SOCKET, 'list-buffers', '-F', '#{buffer_name}'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    return names.some((n) => execFileSync('tmux', ['-L', TMUX_SOCKET, 'show-buffer', '-b', n], { encoding: 'utf8' }).includes('rm -rf ~'));
  } catch {
    return false;
  }
}

describe('real terminal: hostile gateway text', () => {
  it('list, detail pane and form show escapes visibly; the pane title and clipboard stay untouched', async () => {
    gw = await startDemoGateway({ port: 0 });
    await seedHostile(gw.url);
    session = startTmux(`node ${CLI} --url ${gw.url}`, 120, 30);
    const titleBefore = session.paneTitle();
    const list = await session.waitFor('7 configured');
    expect(session.paneTitle()).toBe(titleBefore);
    expect(list).toContain('evil^[]0;PWNED^G');
    session.send('G');
    await session.waitFor('› openai');
    const detail = await session.waitFor('upstream said');
    expect(detail).toContain('^[]0;PWNED^G^[]52;c;');
    expect(detail).toContain('^[[2J^G^[]8;;https://evil.example/');
    expect(detail).toContain('ok^H^H^HXX \\x9b31mred');
    expect(session.paneTitle()).toBe(titleBefore);
    session.send('Enter');
    await session.waitFor('Concurrency');
    session.send('G');
    const form = await session.waitFor('x_hostile');
    expect(form).toContain('x_hostile^[]0;PWNED^G');
    expect(session.paneTitle()).toBe(titleBefore);
    expect(session.paneTitle()).not.toContain('PWNED');
    expect(clipboardWritten()).toBe(false);
  });
});

describe('real terminal: hostile key text on the keys screen', () => {
  it('a key whose name, status, description and models write a title and the clipboard: shown as text, nothing acts', async () => {
    const OSC = '\x1b]0;PWNED\x07\x1b]52;c;cm0gLXJmIH4K\x07';
    gw = await startDemoGateway({
      port: 0,
      seed: [
        {
          name: 'openai',
          network_config: { base_url: 'https://api.openai.com' },
          provider_status: 'active',
          keys: [{ id: 'k1', name: `key${OSC}`, value: { value: 'sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA', env_var: '', from_env: false }, models: [`gpt${OSC}`], weight: 1, enabled: true, status: `bad${OSC}`, description: `said${OSC}` }],
        } as Provider,
      ],
    });
    session = startTmux(`node ${CLI} --url ${gw.url}`, 120, 30);
    const titleBefore = session.paneTitle();
    await session.waitFor('1 configured');
    session.send('y');
    const keys = await session.waitFor('said^[]0;PWNED^G');
    expect(keys).toContain('key^[]0;PWNED^G');
    expect(keys).toContain('bad^[]0;PWNED^G');
    expect(keys).toContain('gpt^[]0;PWNED^G');
    session.send('Enter');
    await session.waitFor('Key key^[]0;PWNED^G');
    expect(session.paneTitle()).toBe(titleBefore);
    expect(session.paneTitle()).not.toContain('PWNED');
    expect(clipboardWritten()).toBe(false);
  });
});

describe('real terminal: a provider named ..', () => {
  it('opening it is refused on screen and nothing is requested for it', async () => {
    gw = await startDemoGateway({ port: 0 });
    const res = await fetch(`${gw.url}/api/providers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: '..', custom_provider_config: { base_provider_type: 'openai' } }),
    });
    expect(res.ok).toBe(true);
    session = startTmux(`node ${CLI} --url ${gw.url}`, 120, 30);
    await session.waitFor('7 configured');
    session.send('g');
    await session.waitFor(/› \.\.\s/);
    const before = gw.requests.length;
    session.send('Enter');
    await session.waitFor('invalid provider name ".."');
    // The list's one GET /api/keys (the KEYS column) and the header's one GET /api/version may land after `before`:
    // neither is a request for "..".
    expect(gw.requests.slice(before).filter((r) => !['/api/providers', '/api/keys', '/api/version'].includes(r.url))).toEqual([]);
  });
});
