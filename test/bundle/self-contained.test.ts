/**
 * The single executable's app script (scripts/package/self-contained.mjs):
 * the bundle byte for byte while it is one file; merged into one when it
 * loads files beside it (a split bundle); a build failure when it loads a
 * file by a path only known at run time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selfContainedApp } from '../../scripts/package/self-contained.mjs';

const tmp = mkdtempSync(path.join(tmpdir(), 'bt-self-contained-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmp, 'app-'));
  for (const [name, text] of Object.entries(entries)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('selfContainedApp', () => {
  it('embeds the built bundle unchanged: it loads only built-ins', async () => {
    const app = await selfContainedApp('dist/app.cjs');
    expect(app.merged).toEqual([]);
    expect(app.source === readFileSync('dist/app.cjs', 'utf8')).toBe(true);
  });

  it('merges chunks a split bundle loads by literal paths, eager or lazy, into one script that runs alone', async () => {
    const dir = files({
      'app.cjs': '"use strict";\nconst { a } = require("./chunk-a.cjs");\nimport("./chunk-b.cjs").then((b) => console.log(a + b.b + require("node:path").sep));\n',
      'chunk-a.cjs': 'exports.a = "A";\n',
      'chunk-b.cjs': 'exports.b = "B";\n',
    });
    const app = await selfContainedApp(path.join(dir, 'app.cjs'));
    expect(app.merged.map((f) => path.basename(f)).sort()).toEqual(['app.cjs', 'chunk-a.cjs', 'chunk-b.cjs']);
    // Run where the chunks are not: only Node's built-ins can be loaded, as in a single executable.
    const alone = path.join(mkdtempSync(path.join(tmp, 'alone-')), 'main.cjs');
    writeFileSync(alone, app.source);
    expect(execFileSync(process.execPath, [alone], { encoding: 'utf8' })).toBe('AB/\n');
  });

  it('fails the build on a file loaded by a computed path, which the executable could not find', async () => {
    const dir = files({ 'app.cjs': 'const where = process.env.CHUNK;\nrequire(where);\n' });
    await expect(selfContainedApp(path.join(dir, 'app.cjs'))).rejects.toThrow(/computed paths, which the single executable could not contain: require\(where/);
  });

  it('checks the chunks that follow the bundle\'s main script in a comment (scripts/bundle.mjs) too', async () => {
    const chunks = (code: string): string => `"use strict";\nconsole.log(1);\n/*@bifrost-tui chunks\n${JSON.stringify({ 'form-1.js': code })}\n*/\n`;
    const fine = files({ 'app.cjs': chunks('var p=require("node:path");exports.x=p.sep;') });
    await expect(selfContainedApp(path.join(fine, 'app.cjs'))).resolves.toMatchObject({ merged: [] });
    const computed = files({ 'app.cjs': chunks('var w=process.env.X;require(w);') });
    await expect(selfContainedApp(path.join(computed, 'app.cjs'))).rejects.toThrow(/computed paths.*require\(w/);
  });
});
