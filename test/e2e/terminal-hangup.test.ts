/** A real pty hangup (tmux kill-session) while a value is half typed: the draft keeps it, the process leaves quietly. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession, TMUX_SOCKET } from '../helpers/tmux.js';

const RECORDER = resolve('test/helpers/exit-recorder.mjs');
let sessions: TmuxSession[] = [];
const dirs = appDirs('bt-hangup-');
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  for (const s of sessions) s.kill();
  sessions = [];
  await dirs.removeAll();
});

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The demo app in tmux, its exit recorded to `ended`, with the first provider (acme-llm) open. */
async function openRecordedForm() {
  const { dir, env } = dirs.create();
  const ended = join(dir, 'ended.json');
  const first = startTmux(`node ${RECORDER} ${ended} node ${CLI} --demo`, 100, 30, env);
  sessions.push(first);
  await first.waitFor('6 configured');
  first.send('Enter'); // acme-llm
  await first.waitFor('› ▾ 1 Network');
  return { dir, env, ended, first };
}

describe('real terminal: hangup while typing', () => {
  it('writes the draft with the half-typed value, exits 129 without a word; reopening offers it', async () => {
    const { env, ended, first } = await openRecordedForm();
    first.send('j', 'j', 'j', 'j');
    await first.waitFor(/› +Max retries\s+2/);
    first.send('Enter', 'C-u');
    first.type('7');
    await first.waitFor(/Max retries\s+7/);
    first.kill(); // tmux closes the pty: stdin EOF / EIO, SIGHUP

    const result = await until(() => (existsSync(ended) ? (JSON.parse(readFileSync(ended, 'utf8')) as { status: number | null; signal: string | null; stderr: string }) : undefined), 'the process to end');
    expect(result).toEqual({ status: 129, signal: null, stderr: '' });

    const second = startTmux(`node ${CLI} --demo`, 100, 30, env);
    sessions.push(second);
    await second.waitFor('6 configured');
    second.send('Enter');
    await second.waitFor('Unsaved edits to acme-llm');
    second.send('r');
    await second.waitFor(/Max retries\s+7/);
    second.send('Enter');
    await second.waitFor(/\*Max retries\s+7/);
  });

  it('a proxy password half typed at the hangup is not in the draft file; reopening asks for it again', async () => {
    const { dir, env, ended, first } = await openRecordedForm();
    first.send('3', 'Enter'); // Proxy section (the jump lands on its first field), Proxy type: none -> http
    await first.waitFor(/› \*Proxy type\s+http/);
    first.send('j', 'j', 'j');
    await first.waitFor(/› +Proxy password/);
    first.send('Enter');
    first.type('hunter2-half');
    await first.waitFor(/Proxy password\s+•{12}/);
    first.kill();
    await until(() => (existsSync(ended) ? true : undefined), 'the process to end');

    const draftDir = join(dir, 'state', 'drafts', 'demo');
    // one draft file per editor: drafts/<gateway>/<provider>/<editor>.json
    const [file] = readdirSync(draftDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    const text = readFileSync(join(draftDir, file!), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('"withheld":[{"fieldId":"proxy_config.password"}]');

    const second = startTmux(`node ${CLI} --demo`, 100, 30, env);
    sessions.push(second);
    await second.waitFor('6 configured');
    second.send('Enter');
    await second.waitFor('restoring asks again for: Proxy password');
    second.send('r');
    const asked = await second.waitFor('type again: Proxy password');
    expect(asked).toMatch(/\*Proxy type\s+http/);
    second.type('hunter2-again');
    second.send('Enter');
    await second.waitFor(/\*Proxy password\s+•••• \(set, 13 chars\)/);
  });

  it('SIGTERM with a live terminal: the draft keeps the half-typed value and the terminal is restored', async () => {
    const { dir, env } = dirs.create();
    const s = startTmux(`node ${CLI} --demo`, 100, 30, env);
    sessions.push(s);
    await s.waitFor('6 configured');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    s.send('j', 'j', 'j', 'j');
    await s.waitFor(/› +Max retries\s+2/);
    s.send('Enter', 'C-u');
    s.type('6');
    await s.waitFor(/Max retries\s+6/);
    const shell = execFileSync('tmux', ['-L', TMUX_SOCKET, 'display-message', '-p', '-t', s.name, '#{pane_pid}'], { encoding: 'utf8' }).trim();
    const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).trim());
    process.kill(pid, 'SIGTERM');
    expect(await s.waitForExit()).toBe(143);
    expect(s.alternateOn()).toBe(false);
    const draftDir = join(dir, 'state', 'drafts', 'demo');
    const [file] = readdirSync(draftDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(JSON.parse(readFileSync(join(draftDir, file!), 'utf8')).pending).toEqual({ fieldId: 'network_config.max_retries', text: '6' });
  });
});
