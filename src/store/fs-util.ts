/** Small synchronous file helpers shared by the stores: private modes and atomic writes. */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StoreError, firstLine } from './store-error.js';
import { parseJsonBounded } from '../api/json-limits.js';
import { LOCAL_LIMITS, LocalFileError, readRegularFileSync } from '../api/local-file.js';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Creates `dir` (and parents) with mode 0700 when missing. */
export function ensurePrivateDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  } catch (err) {
    throw new StoreError(dir, `cannot create directory: ${firstLine(err)}`, 'io', { cause: err });
  }
}

/**
 * Why a directory of ours must not be used, or undefined: another user owns
 * it, or group/others may write to it (either could plant a draft, a history
 * entry or a profile in it). Root's own directories are fine.
 */
function foreignDirProblem(st: fs.Stats): string | undefined {
  if (!st.isDirectory()) return 'is not a directory';
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return `belongs to another user (uid ${st.uid}, you are ${uid}); not used (set BIFROST_TUI_CONFIG_DIR or BIFROST_TUI_STATE_DIR to a directory of yours)`;
  if ((st.mode & 0o022) !== 0) return `is writable by ${st.mode & 0o002 ? 'everyone' : 'its group'} (mode ${(st.mode & 0o777).toString(8)}); not used (chmod 700 it)`;
  return undefined;
}

/**
 * Checks `root` and every directory from it down to `inner` that exists:
 * each must be a directory of this user that nobody else can write to
 * (StoreError 'invalid' naming the first that is not). Directories already
 * checked in `checked` are skipped, so a hot path pays once.
 */
export function assertOwnDirs(root: string, inner: string = root, checked?: Set<string>): void {
  const rel = path.relative(root, inner);
  const parts = rel === '' ? [] : rel.split(path.sep);
  if (parts[0] === '..' || path.isAbsolute(rel)) throw new Error(`${inner} is not inside ${root}`);
  let dir = root;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) dir = path.join(dir, parts[i - 1]!);
    if (checked?.has(dir)) continue;
    let st: fs.Stats;
    try {
      st = fs.statSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StoreError(dir, `cannot check the directory: ${firstLine(err)}`, 'io', { cause: err });
    }
    const problem = foreignDirProblem(st);
    if (problem) throw new StoreError(dir, problem, 'invalid');
    checked?.add(dir);
  }
}

/** Creates `inner` (below `root`) with mode 0700 where missing, after checking what exists (assertOwnDirs). */
export function ensureOwnDir(root: string, inner: string, checked?: Set<string>): void {
  assertOwnDirs(root, inner, checked);
  ensurePrivateDir(inner);
  assertOwnDirs(root, inner, checked);
}

/**
 * Tightens a file that is readable by group/others to 0600.
 * Returns true when the mode was changed, false when already private or missing.
 */
export function tightenFileMode(file: string): boolean {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return false;
  }
  if ((st.mode & 0o077) === 0) return false;
  try {
    fs.chmodSync(file, FILE_MODE);
  } catch (err) {
    throw new StoreError(file, `file mode is ${(st.mode & 0o777).toString(8)} and cannot be set to 600: ${firstLine(err)}`);
  }
  return true;
}

/** Name of a temp file next to `file`, unique per process and call. */
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `file` atomically (temp file with mode 0600, then rename).
 * No fsync: this protects against a crashed or killed process, which is what
 * drafts need, and keeps a write per keystroke-commit cheap.
 */
export function writeFileAtomic(file: string, data: string): void {
  const tmp = tempName(file);
  try {
    fs.writeFileSync(tmp, data, { mode: FILE_MODE, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (err) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // best effort: the temp file is harmless
    }
    throw new StoreError(file, `cannot write: ${firstLine(err)}`, 'io', { cause: err });
  }
}

/**
 * Writes `data` to `file` atomically but only if `file` does not exist yet
 * (link(2) fails with EEXIST instead of replacing). Returns false on EEXIST.
 */
export function writeFileAtomicExclusive(file: string, data: string): boolean {
  const tmp = tempName(file);
  try {
    fs.writeFileSync(tmp, data, { mode: FILE_MODE, flag: 'wx' });
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreError(file, `cannot write: ${firstLine(err)}`, 'io', { cause: err });
  } finally {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // best effort
    }
  }
}

/**
 * Reads a file of the state dir: a regular file of at most `maxBytes` (a
 * symlink to /dev/zero or a FIFO is refused, not read), undefined when
 * missing; StoreError naming the file otherwise ('corrupt' for a file that
 * is not regular or too large, so lists skip it like a broken one).
 */
export function readStateBytes(file: string, maxBytes: number = LOCAL_LIMITS.state): Buffer | undefined {
  try {
    return readRegularFileSync(file, maxBytes, { missingOk: true });
  } catch (err) {
    if (err instanceof LocalFileError && err.problem !== 'io') throw new StoreError(file, `${err.reason}; left unchanged`, 'corrupt', { cause: err });
    throw new StoreError(file, `cannot read: ${err instanceof LocalFileError ? err.reason : firstLine(err)}`, 'io', { cause: err });
  }
}

/** Parses JSON from a local file, nested at most MAX_JSON_DEPTH levels; StoreError ('corrupt') naming the file otherwise. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return parseJsonBounded(text);
  } catch (err) {
    throw new StoreError(file, `invalid JSON (${firstLine(err)}); fix or move the file, it was left unchanged`, 'corrupt', { cause: err });
  }
}

/** Reads and parses a JSON file of the state dir (see readStateBytes); undefined when missing. */
export function readJsonFile(file: string): unknown {
  const bytes = readStateBytes(file);
  return bytes === undefined ? undefined : parseJsonFile(file, bytes.toString('utf8'));
}

/** Removes a file: true when it was there, false when it was already gone; StoreError naming the file otherwise. */
export function removeFile(file: string): boolean {
  try {
    fs.unlinkSync(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new StoreError(file, `cannot remove: ${firstLine(err)}`, 'io', { cause: err });
  }
}
