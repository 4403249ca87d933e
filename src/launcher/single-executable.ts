/**
 * The main script of the single executable (`npm run package`,
 * scripts/package.mjs): the app is embedded in the executable as the asset
 * `app.cjs`, and runs as from dist/cli.js: secrets hidden from `ps`, V8
 * tuned, through the same code cache (launcher.ts says where it lives). A
 * single executable's main script can load only Node's built-in modules, so
 * the app is one self-contained script; its cache key is set at build time.
 */
import { getAsset } from 'node:sea';
import { hideSecretArgs, runBundledApp } from './run-app.js';

/** The embedded app's build hash, set by scripts/package.mjs. */
declare const __APP_HASH__: string;

// argv[0] is the executable's full path and argv[1] the command as typed: ps shows that and the arguments.
hideSecretArgs(process.argv.slice(1));
runBundledApp({ source: getAsset('app.cjs', 'utf8'), filename: process.execPath, cacheKey: __APP_HASH__ });
