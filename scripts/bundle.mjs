/**
 * Builds dist/: the app as one CommonJS script (dist/app.cjs), so start-up
 * does not walk hundreds of modules, and the executable dist/cli.js, which
 * runs it through V8's code cache (src/launcher/launcher.ts).
 *
 * The app is split (esbuild's code splitting, at every dynamic import) into
 * chunks. Those the editor's first frame runs are functions of the main
 * script; the others (the other screens, the subcommands, the schema and
 * YAML libraries...) follow it as text in a comment, which V8 skips at start
 * and the launcher compiles when the app first asks for one (run-app.ts):
 * parsing the whole bundle was ~15% of a start without the code cache
 * (npm run bench). app.cjs stays one file, as the single executable needs.
 */
import { build, transform } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { thirdPartyNotices } from './bundle/notices.mjs';
import { startInputs } from './bundle/start-modules.mjs';
import { inkPatches, noTopLevelAwait, stringWidthPatches, stubDevtools, undiciLazyHttp2, yogaWithoutFetch } from './bundle/patches.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Must match CHUNKS_MARKER in src/launcher/run-app.ts. */
const CHUNKS_MARKER = '\n/*@bifrost-tui chunks\n';
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning', write: false };

/** Writes next to its place, then renames it in: a CLI started during a build never reads half a file. */
function writeAtomically(file, contents, mode = 0o644) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents, { mode });
  renameSync(tmp, file);
}

const split = await build({
  ...common,
  format: 'esm',
  splitting: true,
  entryPoints: ['src/cli.ts'],
  outdir: 'dist/chunks',
  metafile: true,
  plugins: [...inkPatches, ...stringWidthPatches, yogaWithoutFetch, undiciLazyHttp2, ...noTopLevelAwait, stubDevtools],
  define: {
    'process.env.NODE_ENV': '"production"',
    __VERSION__: JSON.stringify(pkg.version),
    // Bundled ES modules (yoga's loader) read import.meta.url; give them this file's URL.
    'import.meta.url': '__bundleUrl',
  },
});

/**
 * Each chunk as a CommonJS function body: `require("./chunk.js")` (esbuild's form of an import between
 * chunks) becomes `__chunk("chunk.js")`, and Node's built-ins are still `require`d.
 */
async function chunkBody(text) {
  // A dynamic import becomes a require in a promise: the chunks are not ES modules to the launcher.
  const cjs = await transform(text, { format: 'cjs', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning', supported: { 'dynamic-import': false } });
  return cjs.code.replace(/\brequire\("\.\/([\w.-]+\.js)"\)/g, '__chunk("$1")');
}
const name = (file) => file.slice(file.lastIndexOf('/') + 1);
// The chunks the start runs: those of the start modules and every chunk they import statically.
const eager = startInputs(split.metafile).chunks;
const mainDefs = [];
const lazyChunks = {};
for (const file of split.outputFiles) {
  const relative = file.path.slice(file.path.lastIndexOf('/dist/chunks/') + 1);
  const body = await chunkBody(file.text);
  if (eager.has(relative)) mainDefs.push(`${JSON.stringify(name(relative))}:function(exports,module,__chunk,require,__bundleUrl){${body}\n}`);
  else lazyChunks[name(relative)] = body;
}
// "use strict" first: the code was written as ES modules, which are strict (as the tests run it).
const main =
  '"use strict";var __bundleUrl=require("node:url").pathToFileURL(__filename).href;' +
  `var __chunks={${mainDefs.join(',')}},__loaded={};` +
  // A chunk's module, evaluated on first use (a chunk not in the main script from the launcher).
  'function __chunk(n){var m=__loaded[n];if(m)return m.exports;var f=__chunks[n];if(!f){' +
  'if(typeof __loadChunk!=="function")throw new Error("bifrost-tui: run dist/cli.js, not dist/app.cjs ("+n+" is loaded by it)");f=__loadChunk(n)}' +
  'm=__loaded[n]={exports:{}};f(m.exports,m,__chunk,require,__bundleUrl);return m.exports}' +
  '__chunk("cli.js");';
// The other chunks as JSON in a comment; "*/" inside their code is written as an escape so the comment holds.
const lazy = `${CHUNKS_MARKER}${JSON.stringify(lazyChunks).replaceAll('*/', '*\\u002f')}\n*/\n`;
const app = { metafile: split.metafile, outputFiles: [{ contents: Buffer.from(main + lazy) }] };

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
