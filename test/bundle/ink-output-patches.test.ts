/**
 * The bundle patches Ink's Output (shared caches, per-row memo). Whatever
 * they save, the screen must be exactly the one Ink's own code builds: the
 * same ops, fed to the stock and the patched Output, give the same text, on
 * fresh instances and on instances that reuse what earlier frames built.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Chalk } from 'chalk';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper of the build script, no types
import { inkOutputPatch } from '../../scripts/bundle/patches.mjs';
import { seededRandom } from '../helpers/seeded-random.js';

type Clip = { x1?: number; x2?: number; y1?: number; y2?: number };
interface OutputLike {
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: Clip): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputClass = (new (o: { width: number; height: number }) => OutputLike) & { prototype: { buildRow?: (writes: unknown[]) => string } };

const OUTPUT_JS = path.resolve(__dirname, '../../node_modules/ink/build/output.js');

async function bundleOutput(plugins: unknown[], dir: string, name: string): Promise<OutputClass> {
  const outfile = path.join(dir, `${name}.mjs`);
  await build({ entryPoints: [OUTPUT_JS], outfile, bundle: true, platform: 'node', format: 'esm', plugins: plugins as never, logLevel: 'silent' });
  return ((await import(pathToFileURL(outfile).href)) as { default: OutputClass }).default;
}

let Stock: OutputClass;
let Patched: OutputClass;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ink-output-'));
  Stock = await bundleOutput([], dir, 'stock');
  Patched = await bundleOutput([inkOutputPatch], dir, 'patched');
});


// Colours on, whatever the test runner's stdout is.
const chalk = new Chalk({ level: 3 });

const WORDS = ['acme-llm', 'openai', '● active', '✖ error', '⚠', '漢字', '🙂', 'x', '', '  ', 'ümlaut', 'https://api.example.com/v1', '›'];
const STYLES = [(s: string) => s, chalk.bold, chalk.red, chalk.inverse, (s: string) => chalk.bgBlue(chalk.white(s)), chalk.dim.italic];

type Op = { kind: 'write'; x: number; y: number; text: string; upper: boolean } | { kind: 'clip'; clip: Clip } | { kind: 'unclip' };

function randomOps(next: () => number, width: number, height: number): Op[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const ops: Op[] = [];
  let depth = 0;
  for (let i = int(1, 25); i > 0; i--) {
    const r = next();
    if (r < 0.12) {
      const clip: Clip = next() < 0.7 ? { x1: int(-1, width), x2: int(0, width + 2) } : {};
      if (next() < 0.6) Object.assign(clip, { y1: int(-1, height), y2: int(0, height + 2) });
      ops.push({ kind: 'clip', clip });
      depth++;
    } else if (r < 0.18 && depth > 0) {
      ops.push({ kind: 'unclip' });
      depth--;
    } else {
      const lines = Array.from({ length: int(1, 3) }, () =>
        Array.from({ length: int(0, 4) }, () => pick(STYLES)(pick(WORDS))).join(pick([' ', '', '  '])),
      );
      ops.push({ kind: 'write', x: int(-2, width + 1), y: int(-2, height + 1), text: lines.join('\n'), upper: next() < 0.2 });
    }
  }
  return ops;
}

function render(Output: OutputClass, width: number, height: number, ops: readonly Op[]): string {
  const out = new Output({ width, height });
  for (const op of ops) {
    if (op.kind === 'clip') out.clip(op.clip);
    else if (op.kind === 'unclip') out.unclip();
    else out.write(op.x, op.y, op.text, { transformers: op.upper ? [(line, index) => `${index}:${line.toUpperCase()}`] : [] });
  }
  return out.get().output;
}

describe('patched Ink Output', () => {
  it('builds exactly the stock screen for 2,000 random frames (clips, wide chars, styles, overlaps, off-screen writes)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = seededRandom(seed);
      const width = 1 + Math.floor(next() * 40);
      const height = 1 + Math.floor(next() * 8);
      const ops = randomOps(next, width, height);
      const stock = render(Stock, width, height, ops);
      expect(render(Patched, width, height, ops), `seed ${seed}`).toBe(stock);
      // Again: now every row comes from the memo.
      expect(render(Patched, width, height, ops), `seed ${seed} (memoised)`).toBe(stock);
    }
  }, 180_000); // CPU-bound: on a loaded 2-core machine it took 26 s; the limit is only there to stop a hang

  it('a cursor move rebuilds only the rows that changed; the others come from the memo', () => {
    const original = Patched.prototype.buildRow;
    expect(original, 'the patch is not in the bundle').toBeTypeOf('function');
    const built: unknown[][] = [];
    Patched.prototype.buildRow = function (this: unknown, writes: unknown[]) {
      built.push(writes);
      return original!.call(this, writes);
    };
    try {
      const names = ['alpha-row-memo', 'beta-row-memo', 'gamma-row-memo', 'delta-row-memo'];
      const frame = (cursor: number): Op[] =>
        names.map((name, y) => ({ kind: 'write', x: 0, y, text: y === cursor ? chalk.inverse(`› ${name}`) : `  ${name}`, upper: false }));
      expect(render(Patched, 30, 4, frame(0))).toBe(render(Stock, 30, 4, frame(0)));
      expect(built).toHaveLength(4);
      built.length = 0;
      expect(render(Patched, 30, 4, frame(1))).toBe(render(Stock, 30, 4, frame(1)));
      // Row 0 loses the cursor, row 1 gains it; rows 2 and 3 are as before.
      expect(built.map((w) => w[1])).toEqual([`  ${names[0]}`, chalk.inverse(`› ${names[1]}`)]);
      built.length = 0;
      expect(render(Patched, 30, 4, frame(0))).toBe(render(Stock, 30, 4, frame(0)));
      expect(built).toEqual([]);
    } finally {
      Patched.prototype.buildRow = original;
    }
  });
});
