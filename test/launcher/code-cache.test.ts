/**
 * The executable (dist/cli.js) runs the bundle through V8's code cache. What a
 * user depends on: the cache is private to them, a bad or unwritable cache
 * never changes what the program does, and help/version leave nothing behind.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { cacheMode, packCache, unpackCache } from '../../src/launcher/code-cache.js';

const CLI = path.resolve(__dirname, '../../dist/cli.js');
const built = fs.existsSync(CLI) && fs.existsSync(path.resolve(__dirname, '../../dist/app.cjs'));

let gw: DemoGateway;
let tmp: string;
beforeAll(async () => {
  gw = await startDemoGateway({ port: 0 });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
});
afterAll(async () => {
  await gw.close();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string>, cwd?: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...argv], {
      env: { PATH: process.env.PATH, HOME: tmp, ...env },
      ...(cwd ? { cwd } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const cacheFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

describe('cacheMode', () => {
  it('one cache for the editor, one per subcommand, none for help and version', () => {
    expect(cacheMode([])).toBe('tui');
    expect(cacheMode(['--url', 'http://x', '--profile', 'prod'])).toBe('tui');
    expect(cacheMode(['providers', 'list'])).toBe('providers');
    expect(cacheMode(['profiles', 'add', 'x'])).toBe('profiles');
    expect(cacheMode(['demo-gateway', '--port', '0'])).toBe('demo-gateway');
    // The command word may follow the connection options; every command has its own cache.
    expect(cacheMode(['--profile', 'prod', 'providers', 'list'])).toBe('providers');
    expect(cacheMode(['--url', 'http://x', 'keys', 'list', 'openai'])).toBe('keys');
    expect(cacheMode(['fleet', 'diff'])).toBe('fleet');
    expect(cacheMode(['version'])).toBeUndefined();
    expect(cacheMode(['--version'])).toBeUndefined();
    expect(cacheMode(['providers', 'list', '--help'])).toBeUndefined();
    expect(cacheMode(['help'])).toBeUndefined();
  });
});

describe('one cache file, the code of every script of the app', () => {
  it('holds the main script and each chunk by name; anything else is an empty cache, never an error', () => {
    const entries = new Map([['main', Buffer.from('abc')], ['form-screen-X1.js', Buffer.alloc(70_000, 1)], ['é.js', Buffer.alloc(0)]]);
    expect(unpackCache(packCache(entries))).toEqual(entries);
    for (const bad of [undefined, Buffer.alloc(0), Buffer.from('BTC'), Buffer.alloc(4096, 7), packCache(entries).subarray(0, 20)]) {
      expect(unpackCache(bad)).toEqual(new Map());
    }
  });
});

describe.skipIf(!built)('the code cache of dist/cli.js', () => {
  it('the first run writes a private cache; later runs, a corrupt cache and another build\'s cache all give the same output', async () => {
    const dir = path.join(tmp, 'cache-a');
    const env = { BIFROST_TUI_CACHE_DIR: dir };
    const first = await run(['providers', 'list', '--url', gw.url], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('acme-llm');
    const [file] = cacheFiles(dir);
    expect(file).toMatch(/^[0-9a-f]{16}-providers-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    const full = path.join(dir, file!);
    expect(fs.statSync(full).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(full).size).toBeGreaterThan(10_000);
    // The main script and the chunks the command loaded (the subcommands are not in the main script).
    const entries = unpackCache(fs.readFileSync(full));
    expect(entries.has('main')).toBe(true);
    expect(entries.size).toBeGreaterThan(1);

    // The second run uses it: V8 accepted it (same build, Node and flags), so it is not rewritten.
    const written = fs.statSync(full);
    expect(await run(['providers', 'list', '--url', gw.url], env)).toEqual(first);
    expect(fs.statSync(full)).toMatchObject({ ino: written.ino, mtimeMs: written.mtimeMs });

    // Garbage in the cache: V8 rejects it, the program runs as before and writes a good one.
    fs.writeFileSync(full, Buffer.alloc(4096, 7));
    expect(await run(['providers', 'list', '--url', gw.url], env)).toEqual(first);
    expect(fs.readFileSync(full).equals(Buffer.alloc(4096, 7))).toBe(false);

    // A cache left by an older build is removed when this build writes its own.
    const stale = path.join(dir, '0123456789abcdef-providers-v20.0.0-x64.v8cache');
    fs.writeFileSync(stale, 'old');
    expect(await run(['profiles', 'list'], env)).toMatchObject({ code: 0 });
    expect(fs.existsSync(stale)).toBe(false);
    expect(cacheFiles(dir).sort()).toEqual([file, file!.replace('-providers-', '-profiles-')].sort());
  });

  it('an app from another build (dist/ rewritten under a running launcher) runs without a cache', async () => {
    const dist = path.join(tmp, 'dist-mixed');
    fs.mkdirSync(dist);
    for (const f of ['cli.js', 'package.json']) fs.copyFileSync(path.resolve(__dirname, '../../dist', f), path.join(dist, f));
    const app = fs.readFileSync(path.resolve(__dirname, '../../dist/app.cjs'), 'utf8');
    fs.writeFileSync(path.join(dist, 'app.cjs'), app.replace(/^\/\/ bifrost-tui build [0-9a-f]{16}\n/, '// bifrost-tui build 0000000000000000\n'));
    const dir = path.join(tmp, 'cache-mixed');
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(dist, 'cli.js'), 'providers', 'list', '--url', gw.url], {
      env: { PATH: process.env.PATH, HOME: tmp, BIFROST_TUI_CACHE_DIR: dir },
    });
    expect(stdout).toContain('acme-llm');
    expect(cacheFiles(dir)).toEqual([]);
  });

  it('a broken install without dist/app.cjs says so in one line and exits 1', async () => {
    const dist = path.join(tmp, 'dist-broken');
    fs.mkdirSync(dist);
    for (const f of ['cli.js', 'package.json']) fs.copyFileSync(path.resolve(__dirname, '../../dist', f), path.join(dist, f));
    const r = await promisify(execFile)(process.execPath, [path.join(dist, 'cli.js'), '--version']).catch((e: Run) => e);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: `bifrost-tui: cannot read ${path.join(dist, 'app.cjs')} (ENOENT); reinstall, or run npm run bundle in a clone\n` });
  });

  it('a cache others can write to is never used, and one with loose modes is replaced', async () => {
    const shared = path.join(tmp, 'cache-shared');
    fs.mkdirSync(shared, { mode: 0o777 });
    fs.chmodSync(shared, 0o777);
    const planted = path.join(shared, 'planted.v8cache');
    fs.writeFileSync(planted, 'not from us');
    const first = await run(['providers', 'list', '--url', gw.url], { BIFROST_TUI_CACHE_DIR: shared });
    expect(first.code).toBe(0);
    expect(fs.readdirSync(shared)).toEqual(['planted.v8cache']);

    const dir = path.join(tmp, 'cache-loose');
    expect((await run(['providers', 'list', '--url', gw.url], { BIFROST_TUI_CACHE_DIR: dir })).code).toBe(0);
    const [file] = cacheFiles(dir);
    const full = path.join(dir, file!);
    fs.chmodSync(full, 0o666);
    const loose = fs.statSync(full);
    expect(await run(['providers', 'list', '--url', gw.url], { BIFROST_TUI_CACHE_DIR: dir })).toEqual(first);
    // Not read: rewritten, privately.
    expect(fs.statSync(full).ino).not.toBe(loose.ino);
    expect(fs.statSync(full).mode & 0o777).toBe(0o600);
  });

  it('only a run that exits 0 writes the cache; an empty HOME never puts it under the working directory', async () => {
    const dir = path.join(tmp, 'cache-failed');
    const down = await run(['providers', 'list', '--url', 'http://127.0.0.1:1'], { BIFROST_TUI_CACHE_DIR: dir });
    expect(down.code).toBe(7);
    expect(cacheFiles(dir)).toEqual([]);
    const cwd = path.join(tmp, 'cwd');
    fs.mkdirSync(cwd);
    expect((await run(['providers', 'list', '--url', gw.url], { HOME: '' }, cwd)).code).toBe(0);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('a cache dir that cannot be created only costs speed', async () => {
    const blocker = path.join(tmp, 'not-a-dir');
    fs.writeFileSync(blocker, '');
    const r = await run(['providers', 'list', '--url', gw.url], { BIFROST_TUI_CACHE_DIR: path.join(blocker, 'cache') });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('acme-llm');
  });

  it('help, version and BIFROST_TUI_CODE_CACHE=0 write nothing; XDG_CACHE_HOME is honoured', async () => {
    const xdg = path.join(tmp, 'xdg-cache');
    for (const argv of [['--version'], ['--help'], ['providers', '--help']]) {
      expect((await run(argv, { XDG_CACHE_HOME: xdg })).code).toBe(0);
    }
    expect(cacheFiles(path.join(xdg, 'bifrost-tui'))).toEqual([]);
    expect((await run(['providers', 'list', '--url', gw.url], { XDG_CACHE_HOME: xdg, BIFROST_TUI_CODE_CACHE: '0' })).code).toBe(0);
    expect(cacheFiles(path.join(xdg, 'bifrost-tui'))).toEqual([]);
    expect((await run(['providers', 'list', '--url', gw.url], { XDG_CACHE_HOME: xdg })).code).toBe(0);
    expect(cacheFiles(path.join(xdg, 'bifrost-tui'))).toHaveLength(1);
  });
});
