/**
 * Below 60x15 the screen is covered, not gone: keys typed into a field keep going into it, and quitting
 * from the notice writes the draft with the half-typed value, like every other way out. Real terminal.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

let sessions: TmuxSession[] = [];
const dirs = appDirs('bt-small-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  for (const s of sessions) s.kill();
  sessions = [];
  await dirs.removeAll();
});

/** The demo app with acme-llm open and Max retries being typed into ("1" so far). */
async function typingMaxRetries(env: Record<string, string>): Promise<TmuxSession> {
  const s = startTmux(`node ${CLI} --demo`, 100, 30, env);
  sessions.push(s);
  await s.waitFor('6 configured');
  s.send('Enter');
  await s.waitFor('› ▾ 1 Network');
  s.send('j', 'j', 'j', 'j');
  await s.waitFor(/› +Max retries\s+2/);
  s.send('Enter', 'C-u');
  s.type('1');
  await s.waitFor(/Max retries\s+1\b/);
  return s;
}

describe('real terminal: below the minimum size', () => {
  it('keys typed into a field while the terminal is too small land in the field', async () => {
    const s = await typingMaxRetries(dirs.create().env);
    s.resize(50, 10);
    await s.waitFor('typing goes on into the field');
    s.type('23');
    s.send('BSpace');
    s.type('4');
    s.resize(100, 30);
    await s.waitFor(/Max retries\s+124/);
    s.send('Enter');
    await s.waitFor(/\*Max retries\s+✖ 124/); // kept as typed (above the range of 0-10)
  });

  it('^C there asks, y quits and the draft keeps the half-typed value; reopening offers it', async () => {
    const { env } = dirs.create();
    const s = await typingMaxRetries(env);
    s.resize(50, 10);
    await s.waitFor('typing goes on into the field');
    s.type('9');
    s.send('C-c');
    await s.waitFor('quit anyway?');
    s.send('y');
    expect(await s.waitForExit()).toBe(0);

    const again = startTmux(`node ${CLI} --demo`, 100, 30, env);
    sessions.push(again);
    await again.waitFor('6 configured');
    again.send('Enter');
    await again.waitFor('Unsaved edits to acme-llm');
    again.send('r');
    await again.waitFor(/Max retries\s+19/);
  });
});
