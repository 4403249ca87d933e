/** Bundles minimal-ink.mjs into one minified ESM file (devtools stubbed), with stock Ink: no patches. */
import { build } from 'esbuild';
import { stubDevtools } from '../bundle/patches.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function bundleMinimalInk() {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-minimal-')), 'minimal-ink.js');
  await build({
    entryPoints: [new URL('./minimal-ink.mjs', import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    plugins: [stubDevtools],
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}
