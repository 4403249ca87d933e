/**
 * A lock file next to a file that is read, changed and written back, so two
 * processes changing it at once cannot lose each other's change. Synchronous
 * like the stores that use it.
 */
import fs from 'node:fs';
import { StoreError, firstLine } from './store-error.js';
import { FILE_MODE } from './fs-util.js';

/** How long a writer waits for another one (override: BIFROST_TUI_LOCK_TIMEOUT_MS). */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** A lock older than this is from a writer that hung or died on another host: taken over. */
const STALE_MS = 60_000;
const RETRY_MS = 25;

interface Holder {
  pid?: number;
  at?: string;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readHolder(lock: string): Holder | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(lock, 'utf8')) as unknown;
    return typeof value === 'object' && value !== null ? (value as Holder) : {};
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : {};
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the holder is gone: its process is dead (same host), or the lock is too old. */
function isStale(lock: string, holder: Holder): boolean {
  if (typeof holder.pid === 'number' && holder.pid !== process.pid && !alive(holder.pid)) return true;
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

/** The lock timeout from the environment, else the default. */
export function lockTimeoutMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.BIFROST_TUI_LOCK_TIMEOUT_MS);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_LOCK_TIMEOUT_MS;
}

/**
 * Runs `body` while holding `<file>.lock` (created with O_EXCL, mode 0600).
 * Waits up to `timeoutMs` for another holder; then a StoreError names the
 * lock file and its holder, and nothing was changed.
 */
export function withFileLock<T>(file: string, timeoutMs: number, body: () => T): T {
  const lock = `${file}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), { flag: 'wx', mode: FILE_MODE });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StoreError(lock, `cannot create the lock file: ${firstLine(err)}`, 'io', { cause: err });
      }
    }
    const holder = readHolder(lock);
    if (holder === undefined) continue; // released meanwhile
    if (isStale(lock, holder)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      const who = typeof holder.pid === 'number' ? `process ${holder.pid}` : 'another process';
      throw new StoreError(lock, `locked by ${who} for more than ${timeoutMs / 1000} s; nothing was changed (remove the lock file if no bifrost-tui is running)`, 'io');
    }
    sleepSync(RETRY_MS);
  }
  try {
    return body();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
