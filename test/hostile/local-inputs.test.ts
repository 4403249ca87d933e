/**
 * Local files as a careless script or a second user could hand them over: /dev/zero, a FIFO, an
 * endless stdin, a history entry that is a symlink to a device, an export target that is a device or a
 * FIFO. Each read is capped and type-checked, each write goes only where a file may be replaced; the
 * built CLI is used so a hang or a runaway read is a killed child, not a stuck test worker.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';

let gw: DemoGateway | undefined;
let dir: string;
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  await gw?.close();
  gw = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI; `stdin` is text, a file to open as stdin, or 'pipe' (kept open). A child still
 * running after `timeoutMs` is killed (SIGKILL) and reported as killed, so a hang fails the test.
 */
function cli(args: string[], opts: { stdin?: { text: string } | { file: string }; env?: Record<string, string>; timeoutMs?: number; onSpawn?: (pid: number) => void } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const stdinFd = opts.stdin && 'file' in opts.stdin ? fs.openSync(opts.stdin.file, 'r') : undefined;
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, BIFROST_TUI_CONFIG_DIR: path.join(dir, 'config'), BIFROST_TUI_STATE_DIR: path.join(dir, 'state'), BIFROST_TUI_CODE_CACHE: '0', ...opts.env },
      stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'],
    });
    if (stdinFd !== undefined) fs.closeSync(stdinFd);
    else child.stdin!.end(opts.stdin && 'text' in opts.stdin ? opts.stdin.text : '');
    opts.onSpawn?.(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Polls until a thread of `pid` waits in the kernel for the other end of a FIFO (Linux: wchan `wait_for_partner`). */
async function waitUntilOpeningFifo(pid: number, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      // not started yet, or gone
    }
    if (tasks.some((t) => { try { return fs.readFileSync(`/proc/${pid}/task/${t}/wchan`, 'utf8') === 'wait_for_partner'; } catch { return false; } })) return;
    if (Date.now() - start > timeoutMs) throw new Error(`process ${pid} never waited on the FIFO`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function withGateway(): Promise<string> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-local-'));
  gw = await startDemoGateway({ port: 0 });
  return gw.url;
}

describe('local inputs are capped, type-checked and interruptible', () => {
  it('apply -f /dev/zero is refused in one line at once; nothing is sent', async () => {
    const url = await withGateway();
    const r = await cli(['providers', 'apply', 'openai', '-f', '/dev/zero', '--yes', '--url', url]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bifrost-tui: cannot read /dev/zero: not a regular file (a character device) (see --help)\n');
    expect(gw!.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('apply -f - with /dev/zero on stdin stops at the 16 MiB cap', async () => {
    const url = await withGateway();
    const r = await cli(['providers', 'apply', 'openai', '-f', '-', '--yes', '--url', url], { stdin: { file: '/dev/zero' } });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('bifrost-tui: cannot read stdin: larger than 16 MiB (see --help)\n');
  });

  it('apply -f FIFO waits for its writer without blocking signals, and reads what it writes (process substitution)', async () => {
    const url = await withGateway();
    const fifo = path.join(dir, 'doc.fifo');
    execFileSync('mkfifo', [fifo]);
    // Nobody writes: SIGTERM ends the command at once.
    let pid = 0;
    const waiting = cli(['providers', 'apply', 'openai', '-f', fifo, '--yes', '--url', url], { onSpawn: (p) => (pid = p) });
    await waitUntilOpeningFifo(pid);
    process.kill(pid, 'SIGTERM');
    const stopped = await waiting;
    expect(stopped.signal).toBe('SIGTERM');
    // A writer: the document is read and applied.
    const applying = cli(['providers', 'apply', 'openai', '-f', fifo, '--yes', '--url', url]);
    fs.writeFileSync(fifo, '{"network_config":{"max_retries":4}}');
    const r = await applying;
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const put = gw!.requests.find((q) => q.method === 'PUT')!;
    expect((put.json as { network_config: { max_retries: number } }).network_config.max_retries).toBe(4);
  });

  it('a profile whose --ca-file is /dev/zero fails in one line (exit 7), at once', async () => {
    const url = await withGateway();
    expect((await cli(['profiles', 'add', 'p', '--url', url, '--ca-file', '/dev/zero'])).code).toBe(0);
    const r = await cli(['providers', 'list', '--profile', 'p']);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(7);
    expect(r.stderr).toBe('bifrost-tui: cannot read CA file /dev/zero (not a regular file (a character device))\n');
  });

  it('a history entry that is a symlink to /dev/zero is skipped with a warning; the others are listed', async () => {
    const url = await withGateway();
    // One real entry through the CLI, so the gateway's folder name is the CLI's own.
    expect((await cli(['providers', 'set', 'openai', 'network_config.max_retries=5', '--yes', '--url', url])).code).toBe(0);
    const historyRoot = path.join(dir, 'state', 'history');
    const [gwDir] = fs.readdirSync(historyRoot);
    const providerDir = path.join(historyRoot, gwDir!, 'openai');
    const [real] = fs.readdirSync(providerDir);
    fs.symlinkSync('/dev/zero', path.join(providerDir, '20000101T000000000Z.json'));
    const r = await cli(['providers', 'history', 'openai', '--url', url]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(real!.slice(0, -'.json'.length));
    expect(r.stderr).toContain('warning: skipped a corrupt history entry');
    expect(r.stderr).toContain('20000101T000000000Z.json: not a regular file (a character device)');
  });
});

describe('export --output-file writes only where a file may be replaced', () => {
  it('a FIFO is written to as a stream and stays a FIFO', async () => {
    const url = await withGateway();
    const fifo = path.join(dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    // A non-blocking reader, so the CLI's open for writing finds one and never waits.
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const r = await cli(['providers', 'export', 'openai', '--output-file', fifo, '--url', url]);
      expect(r.stderr).toBe(`exported openai to ${fifo}\n`);
      expect(r.code).toBe(0);
      expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
      const buf = Buffer.alloc(64 * 1024);
      const n = fs.readSync(reader, buf);
      expect(JSON.parse(buf.subarray(0, n).toString()).network_config.base_url).toBe('https://api.openai.com');
    } finally {
      fs.closeSync(reader);
    }
  });

  it('a symlink to a character device is written through (/dev/stdout style), not replaced', async () => {
    const url = await withGateway();
    const link = path.join(dir, 'null');
    fs.symlinkSync('/dev/null', link);
    const r = await cli(['providers', 'export', 'openai', '--output-file', link, '--url', url]);
    expect(r.code).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('/dev/full: the failed write is one line (exit 1) and the device stays a device', async () => {
    const url = await withGateway();
    const link = path.join(dir, 'full');
    fs.symlinkSync('/dev/full', link);
    const r = await cli(['providers', 'export', 'openai', '--output-file', link, '--url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`bifrost-tui: cannot write ${link}: ENOSPC\n`);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a directory is refused, nothing written', async () => {
    const url = await withGateway();
    const target = path.join(dir, 'adir');
    fs.mkdirSync(target);
    const r = await cli(['providers', 'export', 'openai', '--output-file', target, '--url', url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`bifrost-tui: cannot write ${target}: it is a directory; nothing was written\n`);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
