/**
 * A pseudo-terminal around a command, via util-linux `script` (no native
 * build needed). We write keys to script's stdin and read the terminal output
 * from its stdout as it arrives; `-f` flushes every chunk, so arrival times
 * are what a terminal emulator would see (plus one pipe hop, the same for
 * every program measured).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78ME]/g;

/** Terminal output without escape sequences. */
export function plain(text) {
  return text.replace(ANSI, '');
}

/**
 * Starts `argv` in a pty of the given size. `t0` is taken just before spawn,
 * so "time to first frame" includes process start.
 */
export function startPty(argv, { cols = 100, rows = 30, env = {} } = {}) {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const t0 = performance.now();
  const proc = spawn('script', ['-qfec', `stty cols ${cols} rows ${rows}; exec ${quoted}`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: { ...process.env, TERM: 'xterm-256color', COLORTERM: 'truecolor', ...env },
  });
  const chunks = []; // [time, Buffer]
  let bytes = 0;
  const waiters = new Set();
  proc.stdout.on('data', (buf) => {
    chunks.push([performance.now(), buf]);
    bytes += buf.length;
    for (const w of [...waiters]) w();
  });
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));

  const pty = {
    t0,
    proc,
    exited,
    /** Total bytes written to the terminal so far. */
    get bytes() {
      return bytes;
    },
    get chunkCount() {
      return chunks.length;
    },
    /** Output since chunk index `from`, as text. */
    textSince(from = 0) {
      return Buffer.concat(chunks.slice(from).map(([, b]) => b)).toString('utf8');
    },
    /**
     * Resolves with the arrival time of the first chunk (at or after index
     * `from`) by which the output since `from`, stripped of escapes, contains `needle`.
     */
    waitFor(needle, from = 0, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = from; i < chunks.length; i++) {
            if (plain(Buffer.concat(chunks.slice(from, i + 1).map(([, b]) => b)).toString('utf8')).includes(needle)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(chunks[i][0]);
              return true;
            }
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`pty: timed out waiting for ${JSON.stringify(needle)}; tail: ${JSON.stringify(plain(pty.textSince(Math.max(0, chunks.length - 5))).slice(-300))}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    write(data) {
      proc.stdin.write(data);
    },
    /** The pid of the program itself (script's child, after `exec`). */
    childPid() {
      try {
        const kids = readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim().split(/\s+/);
        return Number(kids[0]) || undefined;
      } catch {
        return undefined;
      }
    },
    /** Quits with `keys` (or SIGTERM after a grace period) and waits for the exit. */
    async close(keys = 'q') {
      if (keys) pty.write(keys);
      const t = setTimeout(() => proc.kill('SIGTERM'), 3000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
  return pty;
}

/** Reads a `/proc/<pid>/status` field in kB (e.g. VmHWM), or undefined. */
export function procStatusKb(pid, field) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
