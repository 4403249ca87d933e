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
      // Ink 6.8 builds a new Output (and so new tokenize/string-width caches) every
      // frame, so each cursor move re-tokenizes every line of the screen: ~2/3 of
      // the frame time on a full-screen app (npm run bench). Share the caches
      // across frames, bounded so a long session does not grow without limit.
      name: 'share-ink-output-caches',
      setup(b) {
        b.onLoad({ filter: /ink[\\/]build[\\/]output\.js$/ }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          let text = await readFile(args.path, 'utf8');
          const edits = [
            ['class OutputCaches {', 'class OutputCaches {\n    bounded() { if (this.styledChars.size + this.widths.size > 20000) { this.widths.clear(); this.blockWidths.clear(); this.styledChars.clear(); } return this; }'],
            ['export default class Output {', 'const sharedCaches = new OutputCaches();\nexport default class Output {'],
            ['caches = new OutputCaches();', 'caches = sharedCaches.bounded();'],
          ];
          for (const [from, to] of edits) {
            if (!text.includes(from)) throw new Error('ink output.js changed: re-check the shared-caches patch');
            text = text.replace(from, to);
          }
          return { contents: text, loader: 'js' };
        });
        // Ink measures every text node with widest-line (string-width, Intl.Segmenter)
        // on every frame, uncached; memoize it the same bounded way.
        b.onLoad({ filter: /[\\/]widest-line[\\/]index\.js$/ }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          const text = await readFile(args.path, 'utf8');
          const from = 'export default function widestLine(string) {';
          if (!text.includes(from)) throw new Error('widest-line changed: re-check the memo patch');
          const memo = 'const memo = new Map();\nexport default function widestLine(string) {\n\tlet w = memo.get(string);\n\tif (w === undefined) {\n\t\tif (memo.size > 20000) memo.clear();\n\t\tw = measure(string);\n\t\tmemo.set(string, w);\n\t}\n\treturn w;\n}\nfunction measure(string) {';
          return { contents: text.replace(from, memo), loader: 'js' };
        });
      },
    },
    {
      // Ink turns every line of every frame back into a string char by char, diffing
      // the style lists of neighbouring chars; almost all neighbours share their
      // styles. Skip the diff when the codes are the same (it would return none).
      name: 'fast-same-style-chars',
      setup(b) {
        b.onLoad({ filter: /ansi-tokenize[\\/]build[\\/]styledChars\.js$/ }, async (args) => {
          const { readFile } = await import('node:fs/promises');
          const text = await readFile(args.path, 'utf8');
          const from = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';
          if (!text.includes(from)) throw new Error('ansi-tokenize styledChars.js changed: re-check the same-style patch');
          const to =
            '{ const a = chars[i - 1].styles, b = char.styles; ' +
            'if (!(a === b || (a.length === b.length && a.every((c, k) => c.code === b[k].code)))) ret += ansiCodesToString(diffAnsiCodes(a, b)); }';
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
