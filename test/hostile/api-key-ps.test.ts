/** `--api-key KEY` is replaced in the process's command line (what `ps` shows) right at start. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli } from '../helpers/tmux.js';

const KEY = 'bfst-PsVisibleKey-0042';
let child: ChildProcess | undefined;
let server: http.Server | undefined;
beforeAll(() => requireBuiltCli());
afterEach(async () => {
  child?.kill('SIGKILL');
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
});

/** A gateway that takes the request and never answers, so the CLI stays alive while /proc is read. */
async function hangingGateway(): Promise<{ url: string; gotRequest: Promise<void> }> {
  let got: () => void = () => undefined;
  const gotRequest = new Promise<void>((r) => (got = r));
  server = http.createServer(() => got());
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, gotRequest };
}

/**
 * How long /proc/PID/cmdline shows the key: from the first read that shows it to the first that does
 * not (a lower bound: the key is there from exec on), and from spawn to that (an upper bound).
 */
function measureWindow(pid: number, startedAt: number): { shown: number; sinceSpawn: number } {
  let firstSeen: number | undefined;
  for (;;) {
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      // not there yet
    }
    const now = performance.now();
    if (cmdline.includes(KEY)) firstSeen ??= now;
    else if (firstSeen !== undefined || cmdline.includes('***')) return { shown: now - (firstSeen ?? now), sinceSpawn: now - startedAt };
    if (now - startedAt > 10_000) throw new Error('the key stayed in the command line for 10 s');
  }
}

describe('--api-key and ps', () => {
  it('the key is visible only while Node starts (well under a second), and the CLI warns that it was', async () => {
    const gw = await hangingGateway();
    const figures: string[] = [];
    for (let i = 0; i < 3; i++) {
      const startedAt = performance.now();
      let stderr = '';
      child = spawn(process.execPath, [CLI, 'providers', 'list', '--url', gw.url, '--api-key', KEY], { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH, BIFROST_TUI_CODE_CACHE: '0' } });
      const firstLine = new Promise<void>((resolve) =>
        child!.stderr!.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (stderr.includes('\n')) resolve();
        }),
      );
      const w = measureWindow(child.pid!, startedAt);
      figures.push(`${w.shown.toFixed(0)}/${w.sinceSpawn.toFixed(0)} ms`);
      expect(w.sinceSpawn).toBeLessThan(2000);
      await Promise.race([firstLine, new Promise((r) => child!.once('exit', r))]);
      expect(stderr).toBe('bifrost-tui: warning: --api-key was visible to other users (ps, /proc) while Node started (about 0.1-0.3 s) and stays in your shell history; prefer BIFROST_API_KEY, a profile (profiles add NAME --api-key-stdin) or the key prompt\n');
      child.kill('SIGKILL');
    }
    // Shown, then since spawn, per run: the figures README "Quick start" quotes (noisy on a busy machine).
    console.log(`--api-key visible in /proc/PID/cmdline: ${figures.join(', ')}`);
  });


  for (const form of [['--api-key', KEY], [`--api-key=${KEY}`]]) {
    it(`${form.join(' ').replace(KEY, 'KEY')}: /proc/PID/cmdline of the running CLI does not hold the key`, async () => {
      const gw = await hangingGateway();
      child = spawn(process.execPath, [CLI, 'providers', 'list', '--url', gw.url, ...form], { stdio: 'ignore', env: { PATH: process.env.PATH, BIFROST_TUI_CODE_CACHE: '0' } });
      await gw.gotRequest;
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8');
      expect(cmdline).toContain('providers list');
      expect(cmdline).toContain('--api-key');
      expect(cmdline).not.toContain(KEY);
      expect(cmdline).not.toContain('PsVisibleKey');
    });
  }
});
