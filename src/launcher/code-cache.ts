/**
 * Where the launcher keeps V8's code cache, and which cache a command line
 * uses (see src/launcher.ts). Nothing here throws: a missing, bad, foreign or
 * unwritable cache only costs speed.
 *
 * The cache is bytecode the process will run, so it is used only from a
 * directory and files owned by this user that nobody else can write.
 */
import { accessSync, closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { xdgBase, APP_DIR_NAME } from '../store/config-dir.js';

const CACHE_SUFFIX = '.v8cache';

const SUBCOMMANDS = new Set(['providers', 'profiles', 'keys', 'fleet', 'demo-gateway', 'completion', '__complete']);
const TRIVIAL = new Set(['--help', '-h', '--version', '-V', 'help', 'version']);

/**
 * Which cache a command line uses: the command (its word may follow options:
 * `--profile prod providers list`), `tui` for the editor, none for help and
 * version. A profile or URL spelled like a command only picks another cache.
 */
export function cacheMode(argv: readonly string[]): string | undefined {
  if (argv.some((a) => TRIVIAL.has(a))) return undefined;
  return argv.find((a) => SUBCOMMANDS.has(a)) ?? 'tui';
}

/** The cache file of one build and mode under this Node. */
function cacheFileName(appHash: string, mode: string): string {
  return `${appHash}-${mode}-${process.version}-${process.arch}${CACHE_SUFFIX}`;
}

/** `$BIFROST_TUI_CACHE_DIR`, else `$XDG_CACHE_HOME/bifrost-tui`, else `~/.cache/bifrost-tui`; may throw without a home. */
function codeCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.BIFROST_TUI_CACHE_DIR) return path.resolve(env.BIFROST_TUI_CACHE_DIR);
  return path.join(xdgBase(env, 'XDG_CACHE_HOME', ['.cache']), APP_DIR_NAME);
}

/** Owned by this user and not writable by group or others (on systems with uids). */
function ours(stats: Stats): boolean {
  const uid = process.getuid?.();
  return (uid === undefined || stats.uid === uid) && (stats.mode & 0o022) === 0;
}

/** The cache dir, created if missing, when it is absolute, a directory, ours and writable (a read-only one would cost a cache build at every exit); else undefined. */
function usableCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const dir = codeCacheDir(env);
    if (!path.isAbsolute(dir)) return undefined;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = statSync(dir);
    if (!stats.isDirectory() || !ours(stats)) return undefined;
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return undefined;
  }
}

/** Where this command line's cache is: none with BIFROST_TUI_CODE_CACHE=0, for help and version, or without a usable dir. */
export function cacheLocation(env: NodeJS.ProcessEnv, argv: readonly string[], appHash: string): { dir: string; file: string } | undefined {
  const mode = env.BIFROST_TUI_CODE_CACHE === '0' ? undefined : cacheMode(argv);
  const dir = mode === undefined ? undefined : usableCacheDir(env);
  return dir === undefined || mode === undefined ? undefined : { dir, file: path.join(dir, cacheFileName(appHash, mode)) };
}

/** The cache's bytes when the file is a regular file and ours; else undefined. */
export function readCache(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    return stats.isFile() && ours(stats) ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Atomically replaces the cache, and removes the caches of other builds. Never throws. */
export function writeCache(dir: string, file: string, appHash: string, data: Buffer): void {
  try {
    // Created exclusively (O_EXCL: fails on anything already there, a planted symlink included) under
    // an unguessable name in the checked directory, then renamed over the cache file.
    const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
      renameSync(tmp, file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    for (const name of readdirSync(dir)) {
      const otherBuild = !name.startsWith(`${appHash}-`);
      if (name.endsWith(CACHE_SUFFIX) && otherBuild) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Only speed is lost.
  }
}

/**
 * One cache file holds the code of every script of the app that a mode ran:
 * the main script and each lazily loaded chunk (see scripts/bundle.mjs), by
 * name. Layout: "BTC1", then per entry its name's length (u16) and name, its
 * data's length (u32) and data.
 */
const CONTAINER = Buffer.from('BTC1');

/** The entries of a cache file; empty for anything that is not one (V8 then compiles from source). */
export function unpackCache(data: Buffer | undefined): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  if (!data || data.length < CONTAINER.length || !data.subarray(0, CONTAINER.length).equals(CONTAINER)) return entries;
  let at = CONTAINER.length;
  while (at < data.length) {
    if (at + 2 > data.length) return new Map();
    const nameLength = data.readUInt16LE(at);
    at += 2;
    if (at + nameLength + 4 > data.length) return new Map();
    const name = data.toString('utf8', at, at + nameLength);
    at += nameLength;
    const length = data.readUInt32LE(at);
    at += 4;
    if (at + length > data.length) return new Map();
    entries.set(name, data.subarray(at, at + length));
    at += length;
  }
  return entries;
}

/** A cache file holding `entries`. */
export function packCache(entries: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [CONTAINER];
  for (const [name, data] of entries) {
    const head = Buffer.alloc(2 + Buffer.byteLength(name) + 4);
    head.writeUInt16LE(Buffer.byteLength(name), 0);
    head.write(name, 2, 'utf8');
    head.writeUInt32LE(data.length, 2 + Buffer.byteLength(name));
    parts.push(head, data);
  }
  return Buffer.concat(parts);
}
