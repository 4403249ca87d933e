/**
 * Keys over a real pty (tmux), as they arrive over SSH: several keys in one
 * read (tmux writes one send-keys call in one write), Esc followed at once by
 * a key, and a paste the terminal brackets (tmux paste-buffer -p brackets it
 * only while the app has bracketed paste mode on).
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession, TMUX_SOCKET } from '../helpers/tmux.js';

let session: TmuxSession | undefined;
const dirs = appDirs('bt-term-keys-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  session?.kill();
  session = undefined;
  await dirs.removeAll();
});

/** Sends bytes in one write to the pty (tmux send-keys -H). */
const burst = (s: TmuxSession, bytes: string): void =>
  void execFileSync('tmux', ['-L', TMUX_SOCKET, 'send-keys', '-t', s.name, '-H', ...Buffer.from(bytes).toString('hex').match(/../g)!]);

/** Pastes text the way a terminal does (bracketed when the app asked for it). */
function paste(s: TmuxSession, text: string): void {
  const buffer = `${s.name}-paste`;
  execFileSync('tmux', ['-L', TMUX_SOCKET, 'set-buffer', '-b', buffer, text]);
  execFileSync('tmux', ['-L', TMUX_SOCKET, 'paste-buffer', '-p', '-d', '-b', buffer, '-t', s.name]);
}

async function start(command = `node ${CLI} --demo`): Promise<TmuxSession> {
  session = startTmux(command, 100, 30, dirs.create().env);
  await session.waitFor('6 configured');
  return session;
}

async function editMaxRetries(s: TmuxSession): Promise<void> {
  s.send('Enter'); // acme-llm
  await s.waitFor('› ▾ 1 Network');
  s.send('j', 'j', 'j', 'j');
  await s.waitFor(/› +Max retries\s+2/);
  s.send('Enter');
  s.send('C-u');
  await s.waitFor(/Esc cancel/);
}

describe('real terminal: keys in one read', () => {
  it('5 Enter ^S in one read sets 5, leaves edit mode and starts the save', async () => {
    const s = await start();
    await editMaxRetries(s);
    burst(s, '5\r\x13');
    const review = await s.waitFor('Review: saving acme-llm');
    expect(review).toContain('network_config.max_retries: 2 → 5');
  });

  it('8 Enter j in one read sets 8, then moves down', async () => {
    const s = await start();
    await editMaxRetries(s);
    burst(s, '8\rj');
    const screen = await s.waitFor(/› +Retry backoff initial/);
    expect(screen).toMatch(/\*Max retries\s+8/);
  });

  it('in the / filter, "a" Enter "j" in one read filters for "a", then moves', async () => {
    const s = await start();
    s.send('/');
    await s.waitFor('Enter keep');
    burst(s, 'a\rj');
    // "a" is in every name or status (active) of the demo's six: wait for the filter line once it is kept.
    const screen = await s.waitFor(/6 matches\s+Esc clears/);
    expect(screen).not.toContain('Enter keep');
    expect(screen.split('\n').filter((l) => l.startsWith('›'))).toHaveLength(1);
    expect(screen).not.toMatch(/^› acme-llm/m); // j moved off the first match
  });

  it('Esc then j in one read cancels the edit, then moves down', async () => {
    const s = await start();
    await editMaxRetries(s);
    s.type('7');
    burst(s, '\x1bj');
    const screen = await s.waitFor(/› +Retry backoff initial/);
    expect(screen).toMatch(/ Max retries\s+2/);
  });

  it('a bracketed paste is text: its line break does not commit the field', async () => {
    const s = await start();
    await editMaxRetries(s);
    paste(s, '7\n');
    await s.waitFor(/Max retries\s+7/);
    s.send('Escape');
    const screen = await s.waitFor(/› +Max retries\s+2/);
    expect(screen).not.toContain('*Max retries');
  });

  it('bracketed paste mode is off again after quitting', async () => {
    const s = await start(`node ${CLI} --demo; cat -v`);
    s.send('q');
    for (let i = 0; i < 100 && s.alternateOn(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(s.alternateOn()).toBe(false);
    paste(s, 'after');
    const screen = await s.waitFor('after');
    expect(screen).not.toContain('[200~');
  });
});
