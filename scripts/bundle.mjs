/**
 * Builds dist/: the app as one CommonJS script (dist/app.cjs), so start-up
 * does not walk hundreds of modules, and the executable dist/cli.js, which
 * runs it through V8's code cache (src/launcher/launcher.ts).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { thirdPartyNotices } from './bundle/notices.mjs';
import { inkPatches, noTopLevelAwait, stringWidthPatches, stubDevtools, undiciLazyHttp2, yogaWithoutFetch } from './bundle/patches.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning', write: false };

/** Writes next to its place, then renames it in: a CLI started during a build never reads half a file. */
function writeAtomically(file, contents, mode = 0o644) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents, { mode });
  renameSync(tmp, file);
}

const app = await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/app.cjs',
  metafile: true,
  plugins: [...inkPatches, ...stringWidthPatches, yogaWithoutFetch, undiciLazyHttp2, ...noTopLevelAwait, stubDevtools],
  define: {
    'process.env.NODE_ENV': '"production"',
    __VERSION__: JSON.stringify(pkg.version),
    // Bundled ES modules (yoga's loader) read import.meta.url; give them this file's URL.
    'import.meta.url': '__bundleUrl',
  },
  // "use strict" first: esbuild's own directive comes after the banner, where it no longer counts, and
  // the code was written as ES modules, which are strict (as the tests run it).
  banner: { js: "\"use strict\";var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The launcher names its code cache by this hash, and runs the app without a cache unless the app
// starts with the same stamp: a launcher and an app from two different builds never share a cache.
const appHash = createHash('sha256').update(app.outputFiles[0].contents).digest('hex').slice(0, 16);
const stamped = Buffer.concat([Buffer.from(`// bifrost-tui build ${appHash}\n`), app.outputFiles[0].contents]);
const launcher = await build({
  ...common,
  entryPoints: ['src/launcher/launcher.ts'],
  outfile: 'dist/cli.js',
  define: { __APP_HASH__: JSON.stringify(appHash) },
  banner: { js: '#!/usr/bin/env node' },
});
// The package is ESM ("type": "module"); dist/ holds CommonJS. In place before the files that need it.
mkdirSync('dist', { recursive: true });
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
writeAtomically('dist/THIRD_PARTY_NOTICES.md', thirdPartyNotices(app.metafile));
writeAtomically('dist/app.cjs', stamped);
writeAtomically('dist/cli.js', launcher.outputFiles[0].contents, 0o755);
