/**
 * Bundle-time edits to dependencies. Each one names the exact text it
 * replaces and fails the build when that text is gone, so an upgrade makes
 * someone re-check the patch instead of silently shipping without it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * An esbuild plugin that edits the file matching `filter`. An edit is either
 * [from, to], an exact text that must occur once, or { start, end, sha, to }
 * for rewrites too long to quote: the text from `start` up to (not including)
 * `end` is replaced when it still hashes to `sha` (sha256, 16 hex digits).
 * The build fails when the text changed, and when no bundled file matched
 * (the file was renamed, or is no longer part of the bundle).
 */
function patch(name, filter, edits, loader = 'js', skip = undefined) {
  return {
    name,
    setup(b) {
      let applied = false;
      b.onStart(() => {
        applied = false;
      });
      b.onEnd((result) => {
        if (!applied && result.errors.length === 0) throw new Error(`bundle patch "${name}" matched no file: re-check it`);
      });
      b.onLoad({ filter }, async (args) => {
        // esbuild's filters have no lookbehind: `skip` leaves a same-named file of another package alone.
        if (skip?.test(args.path)) return undefined;
        let text = await readFile(args.path, 'utf8');
        const changed = () => new Error(`${args.path} changed: re-check the bundle patch "${name}"`);
        applied = true;
        for (const edit of edits) {
          if (Array.isArray(edit)) {
            const [from, to] = edit;
            if (text.split(from).length !== 2) throw changed();
            text = text.replace(from, () => to);
            continue;
          }
          const from = text.indexOf(edit.start);
          const until = from < 0 ? -1 : text.indexOf(edit.end, from);
          const region = until < 0 ? '' : text.slice(from, until);
          if (createHash('sha256').update(region).digest('hex').slice(0, 16) !== edit.sha) throw changed();
          text = text.slice(0, from) + edit.to + text.slice(until);
        }
        return { contents: text, loader };
      });
    },
  };
}

/**
 * Ink 6.8 rebuilds every row of the screen char by char on every frame (a
 * styled-char object per cell, then back to a string), though a cursor move
 * changes two rows. This keeps Ink's own per-row algorithm but runs it only
 * for rows whose writes ([x, text] after clipping and transforms, in order)
 * differ from any row it has already built (bounded, like the shared caches).
 * Upstream: the slow-render reports vadimdemedes/ink#560 and #564 (merged,
 * earlier output rework); no upstream change skips unchanged rows yet.
 */
const rowMemo = [
  {
    start: '        // Initialize output array',
    end: '        const clips = [];',
    sha: 'f8939ef36f3556b3',
    to: '        const rows = [];\n        for (let y = 0; y < this.height; y++) rows.push([]);\n',
  },
  {
    start: '                let offsetY = 0;',
    end: '//# sourceMappingURL',
    sha: 'a08073a6b125cffe',
    to: `                let offsetY = 0;
                for (let [index, line] of lines.entries()) {
                    const writes = rows[y + offsetY];
                    if (!writes) continue;
                    for (const transformer of transformers) line = transformer(line, index);
                    writes.push(x, line);
                    offsetY++;
                }
            }
        }
        const output = [];
        for (const writes of rows) {
            // One write (most rows): its x and text, no JSON escaping; several: their JSON (a key starting with "[").
            const key = writes.length === 2 ? this.width + ',' + writes[0] + ',' + writes[1] : this.width + JSON.stringify(writes);
            let row = builtRows.get(key);
            if (row === undefined) {
                if (builtRows.size > 5000) builtRows.clear();
                row = this.buildRow(writes);
                builtRows.set(key, row);
            }
            output.push(row);
        }
        return { output: output.join('\\n'), height: rows.length };
    }
    buildRow(writes) {
        const currentLine = [];
        for (let x = 0; x < this.width; x++) currentLine.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
        for (let i = 0; i < writes.length; i += 2) {
            const characters = this.caches.getStyledChars(writes[i + 1]);
            let offsetX = writes[i];
            for (const character of characters) {
                currentLine[offsetX] = character;
                const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                if (characterWidth > 1) {
                    for (let index = 1; index < characterWidth; index++) {
                        currentLine[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
                    }
                }
                offsetX += characterWidth;
            }
        }
        return styledCharsToString(currentLine.filter(item => item !== undefined)).trimEnd();
    }
}
const builtRows = new Map();
`,
  },
];

// Ink 6.8 builds a new Output (and so new tokenize/string-width caches) every
// frame, so each cursor move re-tokenizes every line of the screen: ~2/3 of
// the frame time on a full-screen app. Share the caches across frames,
// bounded so a long session does not grow without limit.
// Upstream: vadimdemedes/ink#835 ("perf: use caches to speed up output
// generation") added the per-frame caches; sharing them across frames is ours.
export const inkOutputPatch = patch('share-ink-output-caches', /ink[\\/]build[\\/]output\.js$/, [
  [
    'class OutputCaches {',
    'class OutputCaches {\n    bounded() { if (this.styledChars.size + this.widths.size > 20000) { this.widths.clear(); this.blockWidths.clear(); this.styledChars.clear(); } return this; }',
  ],
  ['export default class Output {', 'const sharedCaches = new OutputCaches();\nexport default class Output {'],
  ['caches = new OutputCaches();', 'caches = sharedCaches.bounded();'],
  ...rowMemo,
]);

/**
 * string-width 8 (Ink's measure of every text node) measures text beyond
 * printable ASCII grapheme by grapheme with Intl.Segmenter and tests each
 * grapheme against \p{RGI_Emoji}, a property-of-strings regex whose first
 * use compiles for 5-20 ms; the list's first frame has a few such symbols
 * (● › · ⚠), so every start paid that and the Segmenter's ICU set-up
 * (~8 ms, made when the module loads), which the minimal Ink program, ASCII
 * only, never does (npm run bench, start-up with and without the code
 * cache). Text made only of characters that are each a grapheme of their
 * own, none zero-width, none a combining mark and none an emoji (a list of
 * Latin, punctuation, arrow, math, box-drawing and symbol blocks, less
 * \p{Emoji_Presentation}) is measured by East Asian Width directly, which
 * is what the grapheme path gives such characters (test/bundle checks every
 * one of them); and the Segmenter and that regex are made on first use (V8
 * builds the regex's set when the literal is created: 1-15 ms when the
 * module loads). Its copy in
 * wrap-ansi (string-width 7) makes its Segmenter on first use too.
 */
const SYMBOL_TEXT = String.raw`/^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u22FF\u2500-\u27BF]*$/`;
export const stringWidthPatches = [
  patch('string-width-symbols', /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, [
    ['const segmenter = new Intl.Segmenter();', `let segmenter;\nconst symbolText = ${SYMBOL_TEXT};\nconst emojiPresentation = /\\p{Emoji_Presentation}/u;`],
    // Made on first use too: V8 builds the set of a property-of-strings regex when it creates the literal.
    ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiRegex;'],
    ['if (rgiEmojiRegex.test(segment) ||', 'if ((rgiEmojiRegex ??= /^\\p{RGI_Emoji}$/v).test(segment) ||'],
    [
      '\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n\n\tfor (const {segment} of segmenter.segment(string)) {',
      '\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};\n\n' +
        '\tif (symbolText.test(string) && !emojiPresentation.test(string)) {\n' +
        '\t\tfor (const character of string) width += eastAsianWidth(character.codePointAt(0), eastAsianWidthOptions);\n' +
        '\t\treturn width;\n\t}\n\n' +
        '\tfor (const {segment} of (segmenter ??= new Intl.Segmenter()).segment(string)) {',
    ],
  ], 'js', /wrap-ansi/),
  patch('string-width-7-lazy-segmenter', /wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index\.js$/, [
    ['const segmenter = new Intl.Segmenter();', 'let segmenter;'],
    ['for (const {segment: character} of segmenter.segment(string)) {', 'for (const {segment: character} of (segmenter ??= new Intl.Segmenter()).segment(string)) {'],
  ]),
];

/** Ink 6.8 and its helpers: fixes and hot-path savings, measured with `npm run bench`. */
export const inkPatches = [
  // Ink 6.8's incremental renderer moves the cursor up one line too few when
  // the previous frame ended in a newline (every non-fullscreen frame), so
  // each redraw lands one line lower. Upstream: the same off-by-one family as
  // vadimdemedes/ink#982 (cursor row with/without a trailing newline) and #1023.
  patch('fix-ink-incremental-cursor', /ink[\\/]build[\\/]log-update\.js$/, [
    [
      'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
      "buffer.push(ansiEscapes.cursorUp(previousVisible - (previousOutput.endsWith('\\n') ? 0 : 1)));",
    ],
  ]),
  inkOutputPatch,
  // Ink measures every text node with widest-line (string-width, Intl.Segmenter)
  // on every frame, uncached; memoize it the same bounded way. No upstream issue
  // (a hot-path saving measured with `npm run bench`, not a bug).
  patch('memo-widest-line', /[\\/]widest-line[\\/]index\.js$/, [
    [
      'export default function widestLine(string) {',
      'const memo = new Map();\nexport default function widestLine(string) {\n\tlet w = memo.get(string);\n\tif (w === undefined) {\n\t\tif (memo.size > 20000) memo.clear();\n\t\tw = measure(string);\n\t\tmemo.set(string, w);\n\t}\n\treturn w;\n}\nfunction measure(string) {',
    ],
  ]),
  // Ink strips non-SGR escapes from every text node on every frame by tokenizing
  // its ANSI codes, and styled rows are full of them; memoize it the same bounded way.
  // No upstream issue (a hot-path saving, not a bug).
  patch('memo-sanitize-ansi', /ink[\\/]build[\\/]sanitize-ansi\.js$/, [
    [
      'export default sanitizeAnsi;',
      'const sanitized = new Map();\nexport default (text) => {\n    let out = sanitized.get(text);\n    if (out === undefined) {\n        if (sanitized.size > 20000) sanitized.clear();\n        out = sanitizeAnsi(text);\n        sanitized.set(text, out);\n    }\n    return out;\n};',
    ],
  ]),
  // Ink turns every line of every frame back into a string char by char, diffing
  // the style lists of neighbouring chars; almost all neighbours share their
  // styles. Skip the diff when the codes are the same (it would return none).
  patch('fast-same-style-chars', /ansi-tokenize[\\/]build[\\/]styledChars\.js$/, [
    [
      'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));',
      '{ const a = chars[i - 1].styles, b = char.styles; ' +
        'if (!(a === b || (a.length === b.length && a.every((c, k) => c.code === b[k].code)))) ret += ansiCodesToString(diffAnsiCodes(a, b)); }',
    ],
  ]),
];

/**
 * undici 7's Client requires its HTTP/2 client, and with it node:http2, when
 * it loads, though it speaks HTTP/2 only with `allowH2` (never set here).
 * Require it on the first HTTP/2 connection instead: node:http2 was ~9 ms of
 * start-up (npm run bench, CPU profile of the start with the code cache).
 */
export const undiciLazyHttp2 = patch('undici-lazy-http2', /undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/, [
  ["const connectH2 = require('./client-h2.js')", "const connectH2 = (...args) => require('./client-h2.js')(...args)"],
]);

/**
 * yoga-layout's Emscripten loader sees Node's global fetch and fetches its own
 * base64 `data:` URL with it, which loads Node's internal fetch stack (~80 ms
 * of start-up on the bench machine); take the no-fetch path and decode the
 * bytes with Buffer instead. It then compiles the 70 KiB module
 * asynchronously, on V8's worker threads, where it waits behind the compile
 * jobs of everything the app just loaded: ~200 ms on 2 cores, against ~3 ms
 * compiled on the main thread. Compile it there. No upstream issue covers
 * the Node fetch path; react/yoga#1793 (open) would ship the module without
 * the base64 data: URL.
 */
export const yogaWithoutFetch = patch('yoga-wasm-without-fetch', /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, [
  ['function ya(){return w||"function"!=typeof fetch?', 'function ya(){return !0?'],
  [
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))',
  ],
  [
    'return ya().then(function(f){return WebAssembly.instantiate(f,d)})',
    'return ya().then(function(f){var m=new WebAssembly.Module(f);return{module:m,instance:new WebAssembly.Instance(m,d)}})',
  ],
]);

/**
 * The bundle is a classic script (so the launcher can run it through V8's
 * code cache), which cannot hold a top-level await. Three dependencies have one:
 * - yoga-layout awaits its WebAssembly: start it on import, export the promise,
 *   and let src/ui/yoga-ready.ts hand it to run-tui, which awaits it before Ink renders;
 * - Ink's reconciler awaits the devtools and its package.json, both only when
 *   DEV=true: the bundle has no devtools (stubbed below), so drop both.
 * Upstream: vadimdemedes/ink#787 (load Yoga without top-level await, closed),
 * react/yoga#1637 (an entry without top-level await), ink#571 and ink#886
 * (devtools not tree-shaken from bundles).
 */
export const noTopLevelAwait = [
  patch('yoga-without-top-level-await', /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, [
    [
      'const Yoga = wrapAssembly(await loadYoga());\nexport default Yoga;',
      'let Yoga;\nexport const yogaReady = loadYoga().then((module) => { Yoga = wrapAssembly(module); });\nexport { Yoga as default };',
    ],
  ]),
  patch('ink-reconciler-without-top-level-await', /ink[\\/]build[\\/]reconciler\.js$/, [
    ["await import('./devtools.js');", 'void 0;'],
    ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
  ]),
  {
    name: 'yoga-ready',
    setup(b) {
      b.onLoad({ filter: /src[\\/]ui[\\/]yoga-ready\.ts$/ }, () => ({ contents: "export { yogaReady } from 'yoga-layout';", loader: 'js' }));
    },
  },
];

/** Ink imports react-devtools-core only when DEV=true; an external import would fail at start-up, so stub it (vadimdemedes/ink#886, #603). */
export const stubDevtools = {
  name: 'stub-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'devtools-stub', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
  },
};
