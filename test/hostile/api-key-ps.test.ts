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

describe('--api-key and ps', () => {
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
