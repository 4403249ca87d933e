/**
 * A profile's key command (`--api-key-command`) runs in its own process group, which ^C in the
 * terminal does not reach: when the app ends (^C, SIGTERM) while it runs, the command and everything
 * it started are killed too, and the app still ends as the signal says.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, startTmux, type TmuxSession, TMUX_SOCKET } from '../helpers/tmux.js';

let dir: string | undefined;
let child: ChildProcess | undefined;
let session: TmuxSession | undefined;
let leftover: number | undefined;
beforeAll(() => requireBuiltCli());
afterEach(() => {
  session?.kill();
  child?.kill('SIGKILL');
  if (leftover !== undefined) {
    try {
      process.kill(leftover, 'SIGKILL');
    } catch {
      // gone, as it should be
    }
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  session = child = leftover = dir = undefined;
});

function paneDead(s: TmuxSession): boolean {
  try {
    return execFileSync('tmux', ['-L', TMUX_SOCKET, 'display-message', '-p', '-t', s.name, '#{pane_dead}'], { encoding: 'utf8' }).trim() === '1';
  } catch {
    return true; // the session is gone with its pane
  }
}

/** Running, and not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function poll<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A profile whose key command starts a long `sleep` in the background, writes its PID and waits. */
function profileWithSlowKeyCommand(): { env: Record<string, string>; pidFile: string } {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-keycmd-'));
  const pidFile = path.join(dir, 'sleep.pid');
  const env = { BIFROST_TUI_CONFIG_DIR: path.join(dir, 'config'), BIFROST_TUI_STATE_DIR: path.join(dir, 'state'), BIFROST_TUI_CODE_CACHE: '0' };
  fs.mkdirSync(env.BIFROST_TUI_CONFIG_DIR, { mode: 0o700 });
  fs.writeFileSync(
    path.join(env.BIFROST_TUI_CONFIG_DIR, 'config.json'),
    JSON.stringify({ version: 1, defaultProfile: 'p', profiles: { p: { name: 'p', url: 'http://127.0.0.1:9', auth: 'bearer', secret: { source: 'command', command: `sleep 300 & echo $! > ${pidFile}; wait` } } } }),
    { mode: 0o600 },
  );
  return { env, pidFile };
}

const sleepPid = (pidFile: string): number | undefined => {
  const text = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').trim() : '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
};

describe('the key command ends with the app', () => {
  it('SIGTERM to a subcommand waiting for the key: the command\'s process group is killed, exit by SIGTERM', async () => {
    const { env, pidFile } = profileWithSlowKeyCommand();
    child = spawn(process.execPath, [CLI, 'providers', 'list', '--profile', 'p'], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child!.once('exit', (_code, signal) => r(signal)));
    leftover = await poll('the key command to start', () => sleepPid(pidFile));
    expect(running(leftover)).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    await poll('the key command to be killed', () => (running(leftover!) ? undefined : true));
  });

  it('^C in the terminal while the app waits for the key: the command is killed too (real terminal)', async () => {
    const { env, pidFile } = profileWithSlowKeyCommand();
    session = startTmux(`node ${CLI} --profile p`, 100, 30, env);
    leftover = await poll('the key command to start', () => sleepPid(pidFile));
    session.send('C-c');
    // Not yet in raw mode, so ^C is the kernel's SIGINT: the app ends by it, and the shell around it too.
    await poll('the app to end', () => (paneDead(session!) ? true : undefined));
    await poll('the key command to be killed', () => (running(leftover!) ? undefined : true));
  });
});
