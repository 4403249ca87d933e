/** Files the app writes are created exclusively in their own directory: a planted symlink is never followed. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCache } from '../../src/launcher/code-cache.js';
import { setup, type Harness } from '../commands/providers-harness.js';

let dir: string | undefined;
let h: Harness | undefined;
afterEach(async () => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  await h?.close();
  dir = undefined;
  h = undefined;
});

describe('exclusive file creation', () => {
  it('the code cache temp file never writes through a planted symlink', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-excl-'));
    const cacheDir = path.join(dir, 'cache');
    fs.mkdirSync(cacheDir, { mode: 0o700 });
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'precious');
    const file = path.join(cacheDir, 'abc-tui-v20-x64.v8cache');
    // The temp name an attacker could predict: cache file + pid.
    fs.symlinkSync(victim, `${file}.${process.pid}.tmp`);
    writeCache(cacheDir, file, 'abc', Buffer.from('bytecode'));
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.readFileSync(file, 'utf8')).toBe('bytecode');
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
  });

  it('export -o replaces a symlink at the path instead of writing through it', async () => {
    h = await setup();
    const victim = path.join(h.dir, 'victim');
    fs.writeFileSync(victim, 'precious');
    const out = path.join(h.dir, 'openai.json');
    fs.symlinkSync(victim, out);
    const r = await h.run(['export', 'openai', '--output-file', out]);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.lstatSync(out).isSymbolicLink()).toBe(false);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).network_config).toBeDefined();
  });
});

describe('config writes', () => {
  it('a symlink planted at config.json is replaced by the write, the file it points to is untouched', async () => {
    const { openProfileStore } = await import('../../src/store/profile-store.js');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-excl-'));
    const cfg = path.join(dir, 'config');
    fs.mkdirSync(cfg, { mode: 0o700 });
    const victim = path.join(dir, 'victim.json');
    fs.writeFileSync(victim, '{}');
    fs.symlinkSync(victim, path.join(cfg, 'config.json'));
    openProfileStore({ dir: cfg }).upsert({ name: 'a', url: 'http://a:1', auth: 'none' });
    expect(fs.readFileSync(victim, 'utf8')).toBe('{}');
    expect(fs.lstatSync(path.join(cfg, 'config.json')).isSymbolicLink()).toBe(false);
    expect(openProfileStore({ dir: cfg }).list().map((p) => p.name)).toEqual(['a']);
    expect(fs.readdirSync(cfg).filter((f) => f !== 'config.json')).toEqual([]);
  });
});
