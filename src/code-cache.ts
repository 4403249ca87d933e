/**
 * Where the launcher keeps V8's code cache, and which cache a command line
 * uses (see src/launcher.ts). Reading or writing it never throws: a missing,
 * bad or unwritable cache only costs speed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { xdgBase, APP_DIR_NAME } from './store/config-dir.js';

const CACHE_SUFFIX = '.v8cache';

const SUBCOMMANDS = new Set(['providers', 'profiles', 'demo-gateway']);
const TRIVIAL = new Set(['--help', '-h', '--version', '-V', 'help']);

/** Which cache a command line uses: the subcommand, `tui` for the editor, none for help and version. */
export function cacheMode(argv: readonly string[]): string | undefined {
  if (argv.some((a) => TRIVIAL.has(a))) return undefined;
  return argv[0] !== undefined && SUBCOMMANDS.has(argv[0]) ? argv[0] : 'tui';
}

/** The cache file of one build and mode under this Node. */
export function cacheFileName(appHash: string, mode: string): string {
  return `${appHash}-${mode}-${process.version}-${process.arch}${CACHE_SUFFIX}`;
}

export function codeCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.BIFROST_TUI_CACHE_DIR) return path.resolve(env.BIFROST_TUI_CACHE_DIR);
  return path.join(xdgBase(env, 'XDG_CACHE_HOME', ['.cache']), APP_DIR_NAME);
}

export function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Atomically replaces the cache, and removes the caches of other builds. Never throws. */
export function writeCache(dir: string, file: string, appHash: string, data: Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, file);
    for (const name of readdirSync(dir)) {
      const otherBuild = !name.startsWith(`${appHash}-`);
      if (name.endsWith(CACHE_SUFFIX) && otherBuild) rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    // Only speed is lost.
  }
}

