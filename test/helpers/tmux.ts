/** Drives the built CLI in a real terminal (tmux): type keys, read the screen. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CLI = path.resolve('dist/cli.js');

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run bundle` (npm test does it first)');
}

let counter = 0;

export interface TmuxSession {
  name: string;
  /** Current screen text. */
  screen(): string;
  /** Keys as tmux names them (e.g. 'j', 'Enter', 'Escape', 'C-s') or literal text with `literal`. */
  send(...keys: string[]): void;
  type(text: string): void;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  waitForExit(timeoutMs?: number): Promise<number>;
  /** Is the terminal in the alternate screen? */
  alternateOn(): boolean;
  /** The pane title (what an OSC 0/2 title write would change). */
  paneTitle(): string;
  resize(columns: number, rows: number): void;
  kill(): void;
}

const TEST_CACHE_DIR = path.join(tmpdir(), `bt-code-cache-${process.pid}`);

/**
 * Each test process has a tmux server of its own (`-L`): another run on the same
 * machine (a second clone, a developer's own tmux) can neither kill nor crash it,
 * and clipboard buffers read by a test are only this run's.
 */
export const TMUX_SOCKET = `bt-test-${process.pid}`;

/** Runs a tmux command on this process's own server. */
export function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', TMUX_SOCKET, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * `tmux new-session`, again when it met the server on its way out: when a test
 * kills the last session, the server exits, and a session started in that moment
 * gets "server exited unexpectedly" (seen in full runs); a new server then starts.
 */
function newSession(...args: string[]): void {
  for (let attempt = 1; ; attempt++) {
    try {
      tmux('new-session', ...args);
      return;
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? '');
      if (attempt >= 20 || !stderr.includes('server exited unexpectedly')) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/** Starts `command` (a shell line) in a detached tmux session of the given size. */
export function startTmux(command: string, columns = 100, rows = 30, env: Record<string, string> = {}): TmuxSession {
  const name = `bt-${process.pid}-${++counter}`;
  // The launcher's code cache goes to a per-test-run dir, not the developer's ~/.cache.
  const withCache = { BIFROST_TUI_CACHE_DIR: TEST_CACHE_DIR, ...env };
  const envArgs = Object.entries(withCache).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  // tmux's #{pane_dead_status} is not always recorded, so the command writes its own exit code.
  const statusFile = path.join(mkdtempSync(path.join(tmpdir(), 'bt-tmux-')), 'status');
  newSession('-d', '-s', name, '-x', String(columns), '-y', String(rows), ...envArgs, `${command}; echo $? > ${statusFile}`);
  tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  const s: TmuxSession = {
    name,
    screen: () => tmux('capture-pane', '-p', '-t', name),
    send: (...keys) => void tmux('send-keys', '-t', name, ...keys),
    type: (text) => void tmux('send-keys', '-t', name, '-l', text),
    async waitFor(text, timeoutMs = 30_000) {
      const start = Date.now();
      for (;;) {
        const screen = s.screen();
        if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
        if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${String(text)}; screen was:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async waitForExit(timeoutMs = 30_000) {
      const start = Date.now();
      for (;;) {
        const status = existsSync(statusFile) ? readFileSync(statusFile, 'utf8').trim() : '';
        if (status !== '') return Number(status);
        if (Date.now() - start > timeoutMs) throw new Error(`process did not exit; screen was:\n${s.screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    alternateOn: () => tmux('display-message', '-p', '-t', name, '#{alternate_on}').trim() === '1',
    paneTitle: () => tmux('display-message', '-p', '-t', name, '#{pane_title}').trim(),
    resize: (c, r) => void tmux('resize-window', '-t', name, '-x', String(c), '-y', String(r)),
    kill: () => {
      try {
        tmux('kill-session', '-t', name);
      } catch {
        // already gone
      }
    },
  };
  return s;
}
