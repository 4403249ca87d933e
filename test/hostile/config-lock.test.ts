/** Twenty `profiles add` at once: every one that says "added" is in the file, the others fail loudly. */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openProfileStore } from '../../src/store/profile-store.js';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';

const run = promisify(execFile);
let dir: string | undefined;
beforeAll(() => requireBuiltCli());
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('config lock', () => {
  it('20 parallel profiles add all land or fail loudly', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-lock-'));
    const env = { PATH: process.env.PATH, BIFROST_TUI_CONFIG_DIR: dir, BIFROST_TUI_CODE_CACHE: '0' };
    await run(process.execPath, [CLI, 'profiles', 'add', 'base', '--url', 'http://base:8080'], { env });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run(process.execPath, [CLI, 'profiles', 'add', `p${i}`, '--url', `http://gw${i}:8080`], { env }).then(
          (r) => ({ i, code: 0, stdout: r.stdout, stderr: r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({ i, code: e.code, stdout: e.stdout, stderr: e.stderr }),
        ),
      ),
    );
    const stored = openProfileStore({ dir }).list().map((p) => p.name).filter((n) => n !== 'base');
    for (const r of results) {
      if (r.code === 0) {
        expect(r.stdout).toContain(`added profile p${r.i}`);
        expect(stored).toContain(`p${r.i}`);
      } else {
        expect(r.stderr).toMatch(/locked/);
        expect(stored).not.toContain(`p${r.i}`);
      }
    }
    // With a lock wait of seconds, twenty short writers all get their turn.
    expect(stored).toHaveLength(20);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 60_000);

  it('a stale lock left by a dead process, taken over by 20 parallel profiles add (twice): every one lands', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-lock-'));
    const env = { PATH: process.env.PATH, BIFROST_TUI_CONFIG_DIR: dir, BIFROST_TUI_CODE_CACHE: '0' };
    await run(process.execPath, [CLI, 'profiles', 'add', 'base', '--url', 'http://base:8080'], { env });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const trial of [1, 2]) {
      fs.writeFileSync(path.join(dir, 'config.json.lock'), JSON.stringify({ pid: dead, at: new Date().toISOString() }));
      const codes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          run(process.execPath, [CLI, 'profiles', 'add', `t${trial}-${i}`, '--url', `http://gw${i}:8080`], { env }).then(() => 0, (e: { code: number }) => e.code),
        ),
      );
      expect(codes.every((c) => c === 0)).toBe(true);
      const stored = openProfileStore({ dir }).list().map((p) => p.name).filter((n) => n.startsWith(`t${trial}-`));
      expect(stored).toHaveLength(20);
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
  }, 120_000);

  it('a lock held by someone else times out with a clear message and leaves the file alone', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-lock-'));
    openProfileStore({ dir }).upsert({ name: 'a', url: 'http://a:1', auth: 'none' });
    const file = path.join(dir, 'config.json');
    const before = fs.readFileSync(file, 'utf8');
    // A live process (this one) holds the lock.
    fs.writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
    const env = { PATH: process.env.PATH, BIFROST_TUI_CONFIG_DIR: dir, BIFROST_TUI_CODE_CACHE: '0', BIFROST_TUI_LOCK_TIMEOUT_MS: '300' };
    const r = await run(process.execPath, [CLI, 'profiles', 'add', 'b', '--url', 'http://b:1'], { env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${file}.lock`);
    expect(r.stderr).toMatch(/locked by process \d+/);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });
});
