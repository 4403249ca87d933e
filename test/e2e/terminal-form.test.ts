/** The provider form in a real terminal (tmux) against the built CLI's embedded demo gateway. */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DemoFault } from '../../src/demo-gateway/index.js';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
let dir: string | undefined;
const dirs = appDirs('bt-term-form-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  session?.kill();
  session = undefined;
  dir = undefined;
  await dirs.removeAll();
});

/** Config and state (drafts, history) in a temp dir, never the user's. */
function isolatedEnv(): Record<string, string> {
  const made = dirs.create();
  dir = made.dir;
  return made.env;
}

/** Switches a fault on in the running app's embedded demo gateway (its URL is in the list's header). */
async function addDemoFault(url: string, fault: DemoFault): Promise<void> {
  const res = await fetch(`${url}/__demo/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  expect(res.status).toBe(200);
}

describe('real terminal: provider form', () => {
  it('edits a field, reviews, saves; a second process sees the value; quitting restores the terminal', async () => {
    const env = isolatedEnv();
    session = startTmux(`node ${CLI} --demo`, 100, 30, env);
    const list = await session.waitFor('6 configured');
    const url = /DEMO\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(list)?.[1];
    expect(url).toBeDefined();

    session.send('Enter'); // acme-llm is the first row
    await session.waitFor('› ▾ 1 Network'); // loaded
    session.send('j', 'j', 'j', 'j');
    await session.waitFor(/› +Max retries\s+2/);
    session.send('Enter', 'C-u');
    session.type('9');
    session.send('Enter');
    const edited = await session.waitFor(/› \*Max retries\s+9/);
    expect(edited).toContain('1 changed');
    // every line fits and the header is still the first line
    expect(edited.split('\n')[0]).toMatch(/^bifrost-tui/);
    for (const line of edited.split('\n')) expect(line.length).toBeLessThanOrEqual(100);

    session.send('C-s');
    const review = await session.waitFor('Review: saving acme-llm changes 1 field on the gateway');
    expect(review).toContain('~ network_config.max_retries: 2 → 9');
    expect(review).toContain('y saves, Esc goes back');
    session.send('y');
    const saved = await session.waitFor(/saved acme-llm at \d\d:\d\d:\d\d · status active/);
    expect(saved).toContain('no changes');
    expect(saved).toMatch(/› +Max retries\s+9/);

    // a second process reads the gateway the TUI is talking to
    const out = execFileSync('node', [CLI, 'providers', 'get', 'acme-llm', '--url', url!, '--json'], {
      encoding: 'utf8', env: { ...process.env, ...env }, timeout: 10_000,
    });
    const got = JSON.parse(out) as { network_config: Record<string, unknown>; custom_provider_config: { allowed_requests: Record<string, boolean> } };
    expect(got.network_config.max_retries).toBe(9);
    expect(got.network_config.base_url).toBe('https://llm.acme.example.com');
    expect(got.custom_provider_config.allowed_requests.websocket_responses).toBe(true);
    // the save took a backup and left no draft
    expect(readdirSync(join(dir!, 'state'), { recursive: true }).some((f) => String(f).startsWith('history'))).toBe(true);
    expect(readdirSync(join(dir!, 'state'), { recursive: true }).some((f) => String(f).includes('drafts') && String(f).endsWith('.json'))).toBe(false);

    session.send('Escape');
    await session.waitFor('6 configured');
    session.send('q');
    expect(await session.waitForExit()).toBe(0);
    expect(session.alternateOn()).toBe(false);
    expect(session.screen()).not.toContain('acme-llm');
  });

  it('Ctrl+C on a dirty form asks first; d then y quits without saving and restores the terminal', async () => {
    session = startTmux(`node ${CLI} --demo`, 100, 30, isolatedEnv());
    await session.waitFor('6 configured');
    session.send('Enter');
    await session.waitFor('› ▾ 1 Network'); // loaded
    session.send('4'); // Raw data → its first field, send back raw request
    await session.waitFor(/› +Send back raw request\s+off/);
    session.send('Enter');
    await session.waitFor(/› \*Send back raw request\s+on/);
    session.send('C-c');
    await session.waitFor('1 unsaved change: s save · d discard · Esc keep editing');
    // the committed edit is on disk as a draft until discarded
    const drafts = (): string[] => readdirSync(join(dir!, 'state'), { recursive: true }).map(String).filter((f) => f.includes('drafts') && f.endsWith('.json'));
    expect(drafts()).toHaveLength(1);
    session.send('d');
    await session.waitFor('Discard 1 unsaved change to acme-llm? [y/N]');
    session.send('y');
    expect(await session.waitForExit()).toBe(0);
    expect(session.alternateOn()).toBe(false);
    expect(drafts()).toEqual([]);
  });

  it('a slow link: Esc, q and ^C leave a loading form at once, and the keys typed for it go with it', async () => {
    // a read timeout longer than any wait here: the hung GET never ends the load with an error, only a key can
    session = startTmux(`node ${CLI} --demo --timeout 600000`, 100, 30, isolatedEnv());
    const list = await session.waitFor('6 configured');
    const url = /DEMO\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(list)![1]!;
    // the GET of acme-llm (the first row) never answers
    await addDemoFault(url, { method: 'GET', path: '/api/providers/acme-llm', hang: true });
    const backOnList = async (): Promise<void> => {
      await session!.waitFor('6 configured');
      // a key after them: once help is up, every key before it has been handled
      session!.send('?');
      await session!.waitFor('› help'); // the help's title (its 'this help' line is below the first page now)
      session!.send('Escape');
      // the j's typed for the form went with it: the list cursor has not moved
      expect(await session!.waitFor('6 configured')).toMatch(/› acme-llm /);
    };
    session.send('Enter');
    await session.waitFor('Loading acme-llm');
    session.send('j', 'j', 'Escape');
    await backOnList();
    session.send('Enter');
    await session.waitFor('Loading acme-llm');
    session.send('j', 'q');
    await backOnList();
    session.send('Enter');
    await session.waitFor('Loading acme-llm');
    session.send('j', 'C-c');
    expect(await session.waitForExit()).toBe(0);
    expect(session.alternateOn()).toBe(false);
  });

  it('a slow link: Enter and a burst in one write land in the form, in order, once the GET answers', async () => {
    session = startTmux(`node ${CLI} --demo`, 100, 30, isolatedEnv());
    const list = await session.waitFor('6 configured');
    const url = /DEMO\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(list)![1]!;
    await addDemoFault(url, { method: 'GET', path: '/api/providers/acme-llm', latencyMs: 1500, times: 1 });
    // open, four fields down to Max retries, edit, clear, 9, keep, save: one send-keys, before the form exists
    session.send('Enter', 'j', 'j', 'j', 'j', 'Enter', 'C-u', '9', 'Enter', 'C-s');
    const review = await session.waitFor('Review: saving acme-llm changes 1 field on the gateway');
    expect(review).toContain('~ network_config.max_retries: 2 → 9');
  });
});
