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
import path from 'node:path';
import { hideSecretArgs, runBundledApp } from './run-app.js';

/** sha256 prefix of dist/app.cjs, set by scripts/bundle.mjs. */
declare const __APP_HASH__: string;

function run(): void {
  hideSecretArgs();
  const app = path.join(__dirname, 'app.cjs');
  // Bytes: the launcher decodes only the part the start runs (run-app.ts).
  let source: Buffer;
  try {
    source = readFileSync(app);
  } catch (err) {
    process.stderr.write(`bifrost-tui: cannot read ${app} (${(err as NodeJS.ErrnoException).code ?? String(err)}); reinstall, or run npm run bundle in a clone\n`);
    process.exitCode = 1;
    return;
  }
  // An app from another build (dist/ rewritten under us) runs, but without a cache.
  const stamp = `// bifrost-tui build ${__APP_HASH__}\n`;
  const sameBuild = source.toString('latin1', 0, stamp.length) === stamp;
  runBundledApp({ source, filename: app, cacheKey: sameBuild ? __APP_HASH__ : undefined });
}

run();
