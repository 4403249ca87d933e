/**
 * The `bifrost-tui` executable (dist/cli.js): runs the bundled app,
 * dist/app.cjs, through V8's code cache.
 *
 * Node 20 has no compile cache for modules (Node 22 has
 * `module.enableCompileCache`), so every start would parse the whole bundle
 * and compile again every function that the first frame needs. The cache is
 * written once per build and Node version, when the first run exits, so the
 * functions that run used are compiled and in it too.
 *
 * There is one cache per mode (the editor, and each subcommand), each made by
 * a run of that mode, so a first `providers list` does not leave the editor a
 * cache without the editor in it; `--help` and `--version` use none. It lives
 * in $BIFROST_TUI_CACHE_DIR, else $XDG_CACHE_HOME/bifrost-tui, else
 * ~/.cache/bifrost-tui, and is used only when that directory and the file
 * are owned by this user and writable by nobody else. The file name carries a
 * hash of the bundle and the Node version, so a new build or Node never meets
 * an old cache, and V8 itself rejects a cache made with other flags. It is
 * written at the end of a run that exited 0. A cache that cannot be read or
 * written only costs speed. `BIFROST_TUI_CODE_CACHE=0` turns it off.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { cacheLocation, readCache, writeCache } from './code-cache.js';
import { argvWithoutSecrets, SECRET_ARG_WARNING } from './secret-args.js';

/** sha256 prefix of dist/app.cjs, set by scripts/bundle.mjs. */
declare const __APP_HASH__: string;

/**
 * Two V8 settings that are read when used, not at start, so they can be set
 * here (npm run bench, peak RSS with 10,000 providers: ~145 MB -> ~100 MB):
 * - Liftoff only for WebAssembly: V8 otherwise recompiles Yoga's hot layout
 *   code with TurboFan on its worker threads right after the first frame,
 *   ~30 MB of compiler memory for ~150 ms, for no measurable frame time;
 * - a young generation that does not grow: loading a large provider list
 *   would otherwise double it up to 32 MB, which stays resident.
 * They must be set before the script is compiled: the code cache records
 * the flags it was made with, and V8 rejects it under others. V8 prints an
 * error line for a flag it does not know, so only the V8 versions checked to
 * have both (those of Node 20 to 24) get them; elsewhere only memory is lost.
 */
function tuneV8(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major < 11 || major > 13) return;
  setFlagsFromString('--liftoff-only');
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Keeps `--api-key KEY` out of `ps`: on Linux, setting process.title
 * rewrites the memory /proc/PID/cmdline is read from (process.argv, a copy,
 * keeps the key for the app). Done first, before the bundle is even read.
 */
function hideSecretArgs(): void {
  const hidden = argvWithoutSecrets(process.argv);
  if (!hidden) return;
  process.title = hidden.join(' ');
  process.stderr.write(SECRET_ARG_WARNING);
}

function run(): void {
  hideSecretArgs();
  tuneV8();
  const app = path.join(__dirname, 'app.cjs');
  let source: string;
  try {
    source = readFileSync(app, 'utf8');
  } catch (err) {
    process.stderr.write(`bifrost-tui: cannot read ${app} (${(err as NodeJS.ErrnoException).code ?? String(err)}); reinstall, or run npm run bundle in a clone\n`);
    process.exitCode = 1;
    return;
  }
  // An app from another build (dist/ rewritten under us) runs, but without a cache.
  const sameBuild = source.startsWith(`// bifrost-tui build ${__APP_HASH__}\n`);
  const cache = sameBuild ? cacheLocation(process.env, process.argv.slice(2), __APP_HASH__) : undefined;
  const cachedData = cache && readCache(cache.file);
  // The CommonJS wrapper, as Node's own loader would add it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: app, cachedData });
  if (cache && (cachedData === undefined || script.cachedDataRejected)) {
    // Only after a run that went well, which compiled what that mode uses (not a failed connection).
    process.once('exit', (code) => {
      if (code !== 0) return;
      try {
        writeCache(cache.dir, cache.file, __APP_HASH__, script.createCachedData());
      } catch {
        // Only speed is lost.
      }
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(app), module, app, __dirname);
}

run();
