/**
 * Runs the bundled app's source through V8's code cache: the part shared by
 * the two executables, dist/cli.js (launcher.ts, the app read from
 * dist/app.cjs) and the single executable (single-executable.ts, the app
 * embedded in it).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { cacheLocation, cacheMode, readCache, writeCache } from './code-cache.js';
import { argvWithoutSecrets } from './secret-args.js';

/**
 * Keeps `--api-key KEY` out of `ps`: on Linux, setting process.title
 * rewrites the memory /proc/PID/cmdline is read from (process.argv, a copy,
 * keeps the key for the app), up to the length of the command line it
 * replaces. `shown` is the command line as it should read there. Done
 * first, before the bundle is even read.
 */
export function hideSecretArgs(shown: readonly string[] = process.argv): void {
  const hidden = argvWithoutSecrets(shown);
  if (hidden) process.title = hidden.join(' ');
}

/**
 * V8 settings that are read when used, not at start, so they can be set
 * here (npm run bench, peak RSS with 10,006 providers):
 * - Liftoff only for WebAssembly: V8 otherwise recompiles Yoga's hot layout
 *   code with TurboFan on its worker threads right after the first frame,
 *   ~30 MB of compiler memory for ~150 ms, for no measurable frame time;
 * - a young generation that does not grow: loading a large provider list
 *   would otherwise double it up to 32 MB, which stays resident;
 * - the interactive editor (mode `tui`) runs without TurboFan, on V8's
 *   baseline compiler: its work per key is small and spread over many
 *   functions, which TurboFan recompiled in the first minute of use for
 *   ~12 MB of compiler memory and code (peak RSS after 120 moves ~91 ->
 *   ~79 MB, keystroke p50 +0.3 ms). The subcommands keep it: a directory
 *   apply or a fleet diff runs long loops over many providers.
 * They must be set before the script is compiled: the code cache records
 * the flags it was made with (one cache per mode), and V8 rejects it under
 * others. V8 prints an error line for a flag it does not know, so only the
 * V8 versions checked to have them (those of Node 20 to 24) get them;
 * elsewhere only memory is lost.
 */
function tuneV8(mode: string | undefined): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 13) return;
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--semi-space-growth-factor=1');
  if (mode === 'tui') setFlagsFromString('--no-turbofan');
}

export interface BundledApp {
  /** The app's CommonJS source. */
  source: string;
  /** Its file name (stack traces, `__filename`; `require` resolves from it). */
  filename: string;
  /** Names its code cache; undefined runs it without one. */
  cacheKey: string | undefined;
}

/** Compiles and runs the app as Node's CommonJS loader would, with this command line's code cache. */
export function runBundledApp({ source, filename, cacheKey }: BundledApp): void {
  tuneV8(cacheMode(process.argv.slice(2)));
  const cache = cacheKey === undefined ? undefined : cacheLocation(process.env, process.argv.slice(2), cacheKey);
  const cachedData = cache && readCache(cache.file);
  // The CommonJS wrapper, as Node's own loader would add it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  if (cache && cacheKey !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    // Only after a run that went well, which compiled what that mode uses (not a failed connection).
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        writeCache(cache.dir, cache.file, cacheKey, script.createCachedData());
      } catch {
        // Only speed is lost.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, path.dirname(filename));
}
