/**
 * A lock file next to a file that is read, changed and written back, so two
 * processes changing it at once cannot lose each other's change. Synchronous
 * like the stores that use it.
 *
 * Taking the lock: the holder's record (PID, start time, host, a random
 * token) is written to a temp file first and then hard-linked to
 * `<file>.lock`; link(2) fails if the lock exists, so the lock appears
 * whole or not at all (a full disk leaves no empty lock behind, only a temp
 * file that is removed at once).
 *
 * Taking over a stale lock (its process is gone, or it is older than a
 * minute) is itself exclusive: the taker first creates
 * `<file>.lock.break-<id of that lock>` with O_EXCL, re-reads the lock, and
 * removes it only if it is still that same lock. Only the one process that
 * created the marker can remove that lock, and a lock that was replaced
 * never comes back (ids are random), so two takers can never both remove a
 * lock and both go on believing they hold the next one.
 */
import fs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { StoreError, firstLine } from './store-error.js';
import { FILE_MODE } from './fs-util.js';
import { ownStartTime, processAlive } from './process-identity.js';

/** How long a writer waits for another one (override: BIFROST_TUI_LOCK_TIMEOUT_MS). */
export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
/** A lock older than this is from a writer that hung or died on another host: taken over. */
const STALE_MS = 60_000;
/** A lock without a readable record (written by an older version, mid-write) gets this long to fill in. */
const UNREADABLE_GRACE_MS = 2_000;
const RETRY_MS = 25;
const MAX_LOCK_BYTES = 4096;

interface Holder {
  pid?: number;
  start?: string;
  host?: string;
  token?: string;
  at?: string;
}

/** What is at the lock path now: its record and an id naming this very lock (not a later one at the same path). */
interface Seen {
  holder: Holder;
  id: string;
  mtimeMs: number;
}

/** Steps a test can hook into, to run another locker at exactly that point. */
export type LockStep = 'link' | 'read' | 'break' | 'recheck' | 'remove';
export interface LockHooks {
  beforeStep?(step: LockStep): void;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The lock as it is now; undefined when there is none. */
function readLock(lock: string): Seen | undefined {
  let fd: number;
  try {
    fd = fs.openSync(lock, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StoreError(lock, `cannot read the lock file: ${firstLine(err)}`, 'io', { cause: err });
  }
  try {
    const st = fs.fstatSync(fd);
    const buf = Buffer.alloc(MAX_LOCK_BYTES);
    const n = st.isFile() ? fs.readSync(fd, buf, 0, MAX_LOCK_BYTES, 0) : 0;
    const text = buf.subarray(0, n).toString('utf8');
    let holder: Holder = {};
    try {
      const value = JSON.parse(text) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) holder = value as Holder;
    } catch {
      // unreadable: an empty lock of an older version, or garbage
    }
    // A record carries its own random token; an older one is named by its exact bytes and inode.
    const id = typeof holder.token === 'string' && /^[0-9a-f]{16,64}$/.test(holder.token)
      ? holder.token
      : createHash('sha256').update(`${st.ino}\0${text}`).digest('hex').slice(0, 32);
    return { holder, id, mtimeMs: st.mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the holder is gone: its process ended (same host), or the lock is too old. */
function isStale(seen: Seen): boolean {
  const { holder } = seen;
  const age = Date.now() - seen.mtimeMs;
  if (age > STALE_MS) return true;
  if (typeof holder.pid !== 'number') return age > UNREADABLE_GRACE_MS;
  if (holder.host !== undefined && holder.host !== hostname()) return false;
  if (holder.pid === process.pid && holder.start === ownStartTime()) return false; // another lock of this process
  return !processAlive(holder.pid, typeof holder.start === 'string' ? holder.start : undefined);
}

/** Removes `file`, ignoring a file that is already gone. */
function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // gone already, or not ours to remove: nothing to do
  }
}

/**
 * Removes the stale lock `seen`, unless another taker is removing it or it
 * was replaced meanwhile. Returns false when another taker holds the marker.
 */
function breakStale(lock: string, seen: Seen, hooks: LockHooks | undefined): boolean {
  const marker = `${lock}.break-${seen.id}`;
  hooks?.beforeStep?.('break');
  try {
    fs.writeFileSync(marker, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }), { flag: 'wx', mode: FILE_MODE });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    removeQuietly(marker);
    throw new StoreError(lock, `cannot take over the stale lock: ${firstLine(err)}`, 'io', { cause: err });
  }
  try {
    hooks?.beforeStep?.('recheck');
    // Only the marker's creator removes this lock; and once replaced it never comes back.
    if (readLock(lock)?.id === seen.id) {
      hooks?.beforeStep?.('remove');
      removeQuietly(lock);
    }
  } finally {
    removeQuietly(marker);
  }
  return true;
}

/** Markers of takeovers of locks that are no longer at the path: left by a taker that died. */
function removeOldMarkers(lock: string, current: string | undefined): void {
  const base = `${path.basename(lock)}.break-`;
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(lock));
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(base) && name.slice(base.length) !== current) removeQuietly(path.join(path.dirname(lock), name));
  }
}

/** The lock timeout from the environment, else the default. */
export function lockTimeoutMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.BIFROST_TUI_LOCK_TIMEOUT_MS);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_LOCK_TIMEOUT_MS;
}

/**
 * Takes `<file>.lock` (mode 0600) and returns the function that releases it.
 * Waits up to `timeoutMs` for another holder; then a StoreError names the
 * lock file and its holder, and nothing was changed.
 */
export function acquireFileLock(file: string, timeoutMs: number, hooks?: LockHooks): () => void {
  const lock = `${file}.lock`;
  const token = randomBytes(16).toString('hex');
  const record = JSON.stringify({ pid: process.pid, start: ownStartTime(), host: hostname(), token, at: new Date().toISOString() });
  const tmp = path.join(path.dirname(lock), `.${path.basename(lock)}.${token}.tmp`);
  try {
    fs.writeFileSync(tmp, record, { flag: 'wx', mode: FILE_MODE });
  } catch (err) {
    // ENOSPC and the like: the half-written temp file goes, no lock is left behind.
    removeQuietly(tmp);
    throw new StoreError(lock, `cannot create the lock file: ${firstLine(err)}; nothing was changed`, 'io', { cause: err });
  }
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      hooks?.beforeStep?.('link');
      try {
        fs.linkSync(tmp, lock);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StoreError(lock, `cannot create the lock file: ${firstLine(err)}`, 'io', { cause: err });
        }
      }
      hooks?.beforeStep?.('read');
      const seen = readLock(lock);
      if (seen === undefined) continue; // released meanwhile
      if (isStale(seen) && breakStale(lock, seen, hooks)) continue;
      if (Date.now() >= deadline) {
        const who = typeof seen.holder.pid === 'number' ? `process ${seen.holder.pid}` : 'another process';
        throw new StoreError(lock, `locked by ${who} for more than ${timeoutMs / 1000} s; nothing was changed (remove the lock file if no bifrost-tui is running)`, 'io');
      }
      sleepSync(RETRY_MS);
    }
  } finally {
    removeQuietly(tmp);
  }
  removeOldMarkers(lock, token);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // Only our own lock: if it was taken over (we hung past a minute), the new holder keeps theirs.
    if (readLock(lock)?.id === token) removeQuietly(lock);
  };
}

/** Runs `body` while holding `<file>.lock` (see acquireFileLock). */
export function withFileLock<T>(file: string, timeoutMs: number, body: () => T, hooks?: LockHooks): T {
  const release = acquireFileLock(file, timeoutMs, hooks);
  try {
    return body();
  } finally {
    release();
  }
}
