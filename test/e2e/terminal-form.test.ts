/** The provider form in a real terminal (tmux) against the built CLI's embedded demo gateway. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
let dir: string | undefined;
beforeAll(() => requireBuiltCli());
afterEach(() => {
  session?.kill();
  session = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  dir = undefined;
});

/** Config and state (drafts, history) in a temp dir, never the user's. */
function isolatedEnv(): Record<string, string> {
  dir = mkdtempSync(join(tmpdir(), 'bt-term-form-'));
  return { BIFROST_TUI_CONFIG_DIR: join(dir, 'config'), BIFROST_TUI_STATE_DIR: join(dir, 'state') };
}

describe('real terminal: provider form', () => {
  it('edits a field, reviews, saves; a second process sees the value; quitting restores the terminal', async () => {
    const env = isolatedEnv();
    session = startTmux(`node ${CLI} --demo`, 100, 30, env);
    const list = await session.waitFor('6 configured');
    const url = /DEMO\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(list)?.[1];
    expect(url).toBeDefined();

    session.send('Enter'); // acme-llm is the first row
    await session.waitFor('› ▾ 1 Network'); // loaded (keys during the load are ignored)
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

  it('Ctrl+C on a dirty form asks first; d quits without saving and restores the terminal', async () => {
    session = startTmux(`node ${CLI} --demo`, 100, 30, isolatedEnv());
    await session.waitFor('6 configured');
    session.send('Enter');
    await session.waitFor('› ▾ 1 Network'); // loaded (keys during the load are ignored)
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
    expect(await session.waitForExit()).toBe(0);
    expect(session.alternateOn()).toBe(false);
    expect(drafts()).toEqual([]);
  });
});
