/**
 * `npm run readme-keys`: rewrites the keys tables of README.md (under `## Keys`, one after each
 * `### Title (\`scope\`)` heading) from the keymap table of src/ui/keymap.ts; the prose around them
 * stays. test/docs/readme-keys.test.ts fails while they disagree.
 */
import { readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const dir = mkdtempSync(path.join(tmpdir(), 'bt-keymap-'));
const out = path.join(dir, 'keymap.mjs');
await build({ entryPoints: ['src/ui/keymap.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error', external: ['ink'] });
const { KEYMAP, keyLabel } = await import(pathToFileURL(out).href);
rmSync(dir, { recursive: true, force: true });

const table = (scope) => [
  '| Keys | What it does |',
  '| --- | --- |',
  ...KEYMAP.filter((b) => b.scope === scope).map((b) => `| ${b.keys.map((k) => `\`${keyLabel(k)}\``).join(' ')} | ${b.help.replace(/\|/g, '\\|')} |`),
];

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('\n## Keys\n');
const end = readme.indexOf('\n## ', start + 1);
const lines = readme.slice(start, end).split('\n');
const outLines = [];
for (let i = 0; i < lines.length; i++) {
  const heading = /^### .*\(`(\w+)`\)\s*$/.exec(lines[i]);
  outLines.push(lines[i]);
  if (!heading) continue;
  // Copy the prose up to the table, then put the generated table in place of the old one.
  let j = i + 1;
  while (j < lines.length && !lines[j].startsWith('| ') && !lines[j].startsWith('### ')) outLines.push(lines[j++]);
  while (j < lines.length && lines[j].startsWith('| ')) j++;
  outLines.push(...table(heading[1]));
  i = j - 1;
}
const next = readme.slice(0, start) + outLines.join('\n') + readme.slice(end);
writeFileSync('README.md', next);
console.log(next === readme ? 'README.md keys tables already match the keymap' : 'rewrote the keys tables of README.md');
