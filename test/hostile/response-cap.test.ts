/** A reply larger than the cap is cut off: one line, the bad-reply exit code, and the socket is dropped. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Harness } from '../commands/providers-harness.js';

const MiB = 1024 * 1024;
let h: Harness | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  await h?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  h = undefined;
  server = undefined;
});

/** Streams `total` bytes of a JSON-looking body in 64 KiB chunks, honouring back-pressure; counts what it wrote. */
async function bigServer(total: number, withLength: boolean): Promise<{ url: string; written: () => number; closed: Promise<void> }> {
  let written = 0;
  let onClosed: () => void = () => undefined;
  const closed = new Promise<void>((r) => (onClosed = r));
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(total) } : {}) });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (written < total) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', onClosed);
    pump();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, written: () => written, closed };
}

describe('response size cap', () => {
  for (const withLength of [false, true]) {
    it(`stops reading past BIFROST_TUI_MAX_RESPONSE_BYTES (${withLength ? 'with' : 'without'} content-length): exit 7, one line`, async () => {
      h = await setup();
      const big = await bigServer(200 * MiB, withLength);
      const r = await h.run(['list', '--url', big.url], { noUrl: true, env: { PATH: process.env.PATH, BIFROST_TUI_MAX_RESPONSE_BYTES: String(MiB) } });
      expect(r.code).toBe(7);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'bifrost-tui: unexpected reply to GET /api/providers: larger than 1 MiB, stopped reading (raise the cap with BIFROST_TUI_MAX_RESPONSE_BYTES)\n',
      );
      await big.closed;
      expect(big.written()).toBeLessThan(50 * MiB);
    });
  }

  it('a cap that is not a positive whole number is a usage error', async () => {
    h = await setup();
    const r = await h.run(['list'], { env: { PATH: process.env.PATH, BIFROST_TUI_MAX_RESPONSE_BYTES: 'lots' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BIFROST_TUI_MAX_RESPONSE_BYTES');
  });
});
