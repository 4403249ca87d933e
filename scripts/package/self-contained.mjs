/**
 * The app as one script a single executable can run: its main script can
 * load only Node's built-in modules, not files next to it.
 *
 * What this relies on from the bundle (scripts/bundle.mjs): dist/app.cjs is
 * the app's entry, CommonJS, and it loads nothing but Node's built-ins and,
 * should the bundle ever be split, files it names by a literal relative path
 * in `require()` or `import()`. Such files are merged into the one script
 * (by esbuild, which follows exactly those); a `require()` or `import()` of
 * a computed path, which esbuild cannot follow, fails the build here rather
 * than the executable later. (A file read some other way, e.g. with
 * readFileSync as dist/cli.js reads dist/app.cjs, cannot be seen here: the
 * release check, which runs the executable, is what catches that.)
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** `require(x)` or `import(x)` whose argument is not a string literal (not a method such as `a.require(`). */
const COMPUTED_LOAD = /(?<![\w$.])(require|import)\(\s*(?!["'`\s])([^)]{0,40})/g;

/** Must match CHUNKS_MARKER in src/launcher/run-app.ts and scripts/bundle.mjs. */
const CHUNKS_MARKER = '\n/*@bifrost-tui chunks\n';

/** The code of the bundle: its main script, and the chunks that follow it as JSON in a comment (scripts/bundle.mjs). */
function scripts(source) {
  const at = source.lastIndexOf(CHUNKS_MARKER);
  if (at < 0) return [source];
  const chunks = JSON.parse(source.slice(at + CHUNKS_MARKER.length, source.lastIndexOf('*/')));
  return [source.slice(0, at), ...Object.values(chunks)];
}

/** `{ source, merged }`: the entry's own bytes when it loads no other file, else all of them merged into one script. */
export async function selfContainedApp(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs);
  // Self-contained already: embed it byte for byte, the very script the tests ran.
  const alone = inputs.length === 1 && path.resolve(inputs[0]) === path.resolve(entry);
  const source = alone ? readFileSync(entry, 'utf8') : result.outputFiles[0].text;
  const computed = scripts(source).flatMap((code) => [...code.matchAll(COMPUTED_LOAD)].map((m) => `${m[1]}(${m[2]}…`));
  if (computed.length > 0) {
    throw new Error(`${entry} loads files by computed paths, which the single executable could not contain: ${computed.slice(0, 5).join(', ')}`);
  }
  return { source, merged: alone ? [] : inputs };
}
