/**
 * Builds dist/: the app as one CommonJS script (dist/app.cjs), so start-up
 * does not walk hundreds of modules, and the executable dist/cli.js, which
 * runs it through V8's code cache (src/launcher.ts).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { inkPatches, noTopLevelAwait, stubDevtools, yogaWithoutFetch } from './bundle/patches.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/app.cjs',
  plugins: [...inkPatches, yogaWithoutFetch, ...noTopLevelAwait, stubDevtools],
  define: {
    'process.env.NODE_ENV': '"production"',
    __VERSION__: JSON.stringify(pkg.version),
    // Bundled ES modules (yoga's loader) read import.meta.url; give them this file's URL.
    'import.meta.url': '__bundleUrl',
  },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

const appHash = createHash('sha256').update(readFileSync('dist/app.cjs')).digest('hex').slice(0, 16);
await build({
  ...common,
  entryPoints: ['src/launcher.ts'],
  outfile: 'dist/cli.js',
  define: { __APP_HASH__: JSON.stringify(appHash) },
  banner: { js: '#!/usr/bin/env node' },
});
// The package is ESM ("type": "module"); dist/ holds CommonJS.
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
chmodSync('dist/cli.js', 0o755);
