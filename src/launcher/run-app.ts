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
import { cacheLocation, cacheMode, packCache, readCache, unpackCache, writeCache } from './code-cache.js';
import { argvWithoutSecrets, SECRET_ARG_WARNING } from './secret-args.js';

/**
 * Keeps `--api-key KEY` out of `ps`: on Linux, setting process.title
 * rewrites the memory /proc/PID/cmdline is read from (process.argv, a copy,
 * keeps the key for the app), up to the length of the command line it
 * replaces. `shown` is the command line as it should read there. Done
 * first, before the bundle is even read.
 */
export function hideSecretArgs(shown: readonly string[] = process.argv): void {
  const hidden = argvWithoutSecrets(shown);
  if (!hidden) return;
  process.title = hidden.join(' ');
  process.stderr.write(SECRET_ARG_WARNING);
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
  /** The app's CommonJS source; as bytes, only its main script is decoded at start (the chunks when used). */
  source: string | Buffer;
  /** Its file name (stack traces, `__filename`; `require` resolves from it). */
  filename: string;
  /** Names its code cache; undefined runs it without one. */
  cacheKey: string | undefined;
}

/**
 * The bundle's code that start-up does not run (the other screens, the subcommands, the schema
 * library...) follows its main script as chunks, in a comment (scripts/bundle.mjs): V8 does not parse
 * it at start, and a chunk is compiled when the app first asks for it (`__loadChunk`).
 */
const CHUNKS_MARKER = '\n/*@bifrost-tui chunks\n';

/** The main script, and the chunks' JSON text to read when one is first used (undefined: a bundle without chunks). */
function splitBundle(source: string | Buffer): { main: string; chunks: () => string | undefined } {
  const at = source.lastIndexOf(CHUNKS_MARKER);
  if (typeof source === 'string') {
    if (at < 0) return { main: source, chunks: () => undefined };
    return { main: source.slice(0, at), chunks: () => source.slice(at + CHUNKS_MARKER.length, source.lastIndexOf('*/')) };
  }
  if (at < 0) return { main: source.toString('utf8'), chunks: () => undefined };
  return { main: source.toString('utf8', 0, at), chunks: () => source.toString('utf8', at + CHUNKS_MARKER.length, source.lastIndexOf('*/')) };
}

/**
 * Compiles and runs the app as Node's CommonJS loader would, with this command line's code cache: one
 * file per mode holding the code of the main script and of every chunk that mode loaded.
 */
export function runBundledApp({ source, filename, cacheKey }: BundledApp): void {
  tuneV8(cacheMode(process.argv.slice(2)));
  const cache = cacheKey === undefined ? undefined : cacheLocation(process.env, process.argv.slice(2), cacheKey);
  const cached = unpackCache(cache && readCache(cache.file));
  const { main, chunks } = splitBundle(source);
  // The CommonJS wrapper, as Node's own loader would add it, and the loader of the chunks.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __loadChunk) {${main}\n})`, { filename, cachedData: cached.get('main') });
  // Scripts compiled this run, and whether V8 took their cached code.
  const compiled = new Map<string, { script: Script; fromCache: boolean }>([['main', { script, fromCache: cached.has('main') && !script.cachedDataRejected }]]);
  let chunkSources: Record<string, string> | undefined;
  const loadChunk = (name: string): unknown => {
    chunkSources ??= JSON.parse(chunks() ?? '{}') as Record<string, string>;
    const code = chunkSources[name];
    if (code === undefined) throw new Error(`bifrost-tui: the bundle has no chunk ${name}; reinstall, or run npm run bundle in a clone`);
    const chunk = new Script(`(function (exports, module, __chunk, require, __bundleUrl) {${code}\n})`, { filename: `${filename}/${name}`, cachedData: cached.get(name) });
    compiled.set(name, { script: chunk, fromCache: cached.has(name) && !chunk.cachedDataRejected });
    return chunk.runInThisContext();
  };
  if (cache && cacheKey !== undefined) {
    // Only after a run that went well, which compiled what that mode uses (not a failed connection), and
    // only when something was compiled without cached code: the file then gains what this run loaded.
    process.once('exit', (code) => {
      if (code !== 0 || [...compiled.values()].every((c) => c.fromCache)) return;
      try {
        const entries = new Map(cached);
        for (const [name, c] of compiled) if (!c.fromCache) entries.set(name, c.script.createCachedData());
        writeCache(cache.dir, cache.file, cacheKey, packCache(entries));
      } catch {
        // Only speed is lost.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, path.dirname(filename), loadChunk);
}
