// Bundles the CLI into one ESM file so start-up does not walk hundreds of modules.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  // Ink imports react-devtools-core only when DEV=true; an external import would be
  // hoisted to the top of the bundle and fail at start-up, so stub it instead.
  plugins: [
    {
      // Ink 6.8's incremental renderer moves the cursor up one line too few when
      // the previous frame ended in a newline (every non-fullscreen frame), so
      // each redraw lands one line lower. Fix it at bundle time; fail loudly if
      // the code changed so the patch is re-checked on upgrade.
      name: 'fix-ink-incremental-cursor',
      setup(b) {
        b.onLoad({ filter: /ink[\\/]build[\\/]log-update\.js$/ }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          const text = await readFile(args.path, 'utf8');
          const from = 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));';
          if (!text.includes(from)) throw new Error('ink log-update.js changed: re-check the incremental cursor patch');
          const to = "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));";
          return { contents: text.replace(from, to), loader: 'js' };
        });
      },
    },
    {
      name: 'stub-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools-stub', namespace: 'stub' }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
          contents: 'export default { initialize() {}, connectToDevTools() {} };',
          loader: 'js',
        }));
      },
    },
  ],
  define: { 'process.env.NODE_ENV': '"production"', __VERSION__: JSON.stringify(pkg.version) },
  banner: {
    // Some bundled CommonJS dependencies call require(); give ESM output one.
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
});
chmodSync('dist/cli.js', 0o755);
