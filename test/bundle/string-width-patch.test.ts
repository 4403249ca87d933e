/**
 * The bundle patches string-width (Ink's measure of every text node) to
 * measure symbol text without its grapheme segmenter and emoji regex. The
 * width must be exactly the stock one: for every character the shortcut
 * takes, alone and between others, and for text it must leave to the
 * grapheme path (emoji, combining marks, joiners, wide and control text).
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper of the build script, no types
import { stringWidthPatches } from '../../scripts/bundle/patches.mjs';
import { seededRandom } from '../helpers/seeded-random.js';

type StringWidth = (text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }) => number;

const STRING_WIDTH = path.resolve(__dirname, '../../node_modules/string-width/index.js');

async function bundle(plugins: unknown[], dir: string, name: string): Promise<StringWidth> {
  const outfile = path.join(dir, `${name}.mjs`);
  await build({ entryPoints: [STRING_WIDTH], outfile, bundle: true, platform: 'node', format: 'esm', plugins: plugins as never, logLevel: 'silent' });
  return ((await import(pathToFileURL(outfile).href)) as { default: StringWidth }).default;
}

let stock: StringWidth;
let patched: StringWidth;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'string-width-'));
  stock = await bundle([], dir, 'stock');
  // Only the string-width 8 patch applies to this entry; the other (wrap-ansi's copy) matches no file here.
  patched = await bundle([stringWidthPatches[0]], dir, 'patched');
});

/** The blocks the shortcut covers (see SYMBOL_TEXT in scripts/bundle/patches.mjs), and a margin around each. */
const BLOCKS: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x300], [0x2000, 0x2070], [0x2180, 0x2300], [0x24f0, 0x27c0]];


describe('patched string-width', () => {
  it('measures every character of the symbol blocks (and their edges) as the stock one, alone and between letters', () => {
    for (const [from, to] of BLOCKS) {
      for (let cp = from; cp <= to; cp++) {
        const c = String.fromCodePoint(cp);
        for (const text of [c, `a${c}b`, `${c}${c}`, `› ${c} ·`]) {
          for (const ambiguousIsNarrow of [true, false]) {
            expect(patched(text, { ambiguousIsNarrow }), `U+${cp.toString(16)} in ${JSON.stringify(text)}`).toBe(stock(text, { ambiguousIsNarrow }));
          }
        }
      }
    }
  });

  it('measures mixed text as the stock one: symbols next to emoji, marks, joiners, wide and control characters, colours', () => {
    const others = ['🙂', '⌚', '❌', '✅', '⚠️', '👍🏽', '🇫🇷', 'e\u0301', 'a\u200db', '\u200b', '\u00ad', '\ufe0f', '漢字', '한', '\u1100\u1161', '\u0007', '\u001b[31mred\u001b[39m', '\t', '\u2028', 'क्षि'];
    const symbols = ['●', '›', '·', '⚠', '✖', '↻', '…', '•', '▏', '○', '→', '≠', 'é', 'ß', '—', '¡', '½', 'ʼ', '│', '▲', '★', '✔', '❯', 'ascii'];
    for (let seed = 1; seed <= 3000; seed++) {
      const r = seededRandom(seed);
      const parts = Array.from({ length: 1 + Math.floor(r() * 6) }, () => (r() < 0.75 ? symbols : others)[Math.floor(r() * (r() < 0.75 ? symbols.length : others.length))]!);
      const text = parts.join(r() < 0.5 ? ' ' : '');
      expect(patched(text), `seed ${seed}: ${JSON.stringify(text)}`).toBe(stock(text));
    }
  });
});
