/**
 * Every fault switch of the demo gateway crossed with every action, through
 * the real client: the user sees the exact one-line message, and the app
 * stays up (the next key works once the fault is gone).
 */
import { PassThrough, Readable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runProfilesCommand } from '../../src/commands/profiles.js';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { FAULTS, renderApp, startTlsServer, timeoutFor, TLS_MESSAGE, type FaultCase } from './harness.js';

const WAIT = 30_000;
let gw: DemoGateway;
let cleanup: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  gw = await startDemoGateway({ port: 0 });
});
afterAll(() => gw.close());
afterEach(async () => {
  gw.clearFaults();
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The one screen line holding `message` (which must fit on it whole). */
function lineWith(frame: string, message: string | RegExp): string {
  const line = frame.split('\n').find((l) => (typeof message === 'string' ? l.includes(message) : message.test(l)));
  if (!line) throw new Error(`no line with ${String(message)} in:\n${frame}`);
  return line;
}

function start(url: string, fault?: FaultCase['fault']) {
  const app = renderApp(url, undefined, timeoutFor(fault));
  cleanup.push(async () => {
    app.unmount();
    await app.client.close();
    fs.rmSync(app.dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  return app;
}

describe('start / list', () => {
  it.each(FAULTS)('$name', async ({ fault, message }: FaultCase) => {
    gw.addFault({ ...fault, method: 'GET', path: '/api/providers' });
    const { lastFrame, stdin } = start(gw.url, fault);
    if (!message) {
      await waitFor(() => expect(lastFrame()).toContain('6 configured'), WAIT);
    } else {
      const want = message(gw.url, 'GET', '/api/providers');
      await waitFor(() => expect(lineWith(lastFrame()!, want)).toMatch(/✖ /), WAIT);
      expect(lastFrame()).toContain('r retries');
      gw.clearFaults();
    }
    stdin.write('r');
    await waitFor(() => expect(lastFrame()).toContain('6 configured'), WAIT);
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('› anthropic'), WAIT);
  });

  it('TLS with an unknown CA', async () => {
    const tls = await startTlsServer();
    cleanup.push(tls.close);
    const { lastFrame, stdin } = start(tls.url);
    await waitFor(() => expect(lineWith(lastFrame()!, TLS_MESSAGE(tls.url))).toMatch(/^✖ /), WAIT);
    stdin.write('?');
    await waitFor(() => expect(lastFrame()).toContain('Provider list'), WAIT);
  });
});

describe('open a provider', () => {
  it.each(FAULTS)('$name', async ({ fault, message }: FaultCase) => {
    const { lastFrame, stdin } = start(gw.url, fault);
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'), WAIT);
    gw.addFault({ ...fault, method: 'GET', path: '/api/providers/anthropic' });
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('› anthropic'), WAIT);
    stdin.write(KEYS.enter);
    if (!message) {
      await waitFor(() => expect(lastFrame()).toMatch(/Max retries +3|network_config\.max_retries +3/), WAIT);
    } else {
      const want = message(gw.url, 'GET', '/api/providers/anthropic');
      await waitFor(() => expect(lineWith(lastFrame()!, want)).toContain('✖ '), WAIT);
      gw.clearFaults();
    }
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('6 configured'), WAIT);
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('› azure'), WAIT);
  });
});

/** Statuses where the gateway answered and refused: nothing was written. */
const refused = (fault: FaultCase['fault']): boolean => fault.status !== undefined && fault.status < 500 && fault.rawBody === undefined;

describe('save (real draft store and history)', () => {
  it.each(FAULTS)('$name', async ({ fault, message }: FaultCase) => {
    gw.mutateProvider('anthropic', (p) => {
      p.network_config = { ...p.network_config, default_request_timeout_in_seconds: 300 };
    });
    const { lastFrame, stdin, drafts, history } = start(gw.url, fault);
    const before = gw.storedProvider('anthropic');
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'), WAIT);
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('› anthropic'), WAIT);
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/Request timeout +300 s/), WAIT);
    const loaded = await (await fetch(`${gw.url}/api/providers/anthropic`)).json();
    stdin.write('jjj');
    await waitFor(() => expect(lastFrame()).toMatch(/› +Request timeout/), WAIT);
    stdin.write(KEYS.enter);
    stdin.write(KEYS.ctrlU);
    stdin.write('301');
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toMatch(/Request timeout +301 s/), WAIT);
    gw.addFault({ ...fault, method: 'PUT', path: '/api/providers/anthropic' });
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('300 → 301'), WAIT);
    stdin.write('y');
    const stored = () => gw.storedProvider('anthropic')?.network_config?.default_request_timeout_in_seconds;
    const draftEdits = () => drafts.listDrafts('test', 'anthropic').map((d) => d.draft.fields?.['network_config.default_request_timeout_in_seconds']?.text);
    const backups = () => history.listHistory('test', 'anthropic').map((e) => e.object);
    if (!message) {
      await waitFor(() => expect(stored()).toBe(301), WAIT);
      // the version before the write is in the history; the draft is gone
      await waitFor(() => expect(backups()).toEqual([loaded]), WAIT);
      await waitFor(() => expect(draftEdits()).toEqual([]), WAIT);
      return;
    }
    const want = message(gw.url, 'PUT', '/api/providers/anthropic');
    let line = '';
    await waitFor(() => {
      line = lineWith(lastFrame()!, want);
    }, WAIT);
    expect(line).toContain(`save failed, nothing lost: ${String(want)}`);
    // Nothing typed is lost, and the app still takes keys: the same save goes through once the fault is gone.
    expect(lastFrame()).toMatch(/Request timeout +301 s/);
    // A truncated reply comes after the gateway applied the PUT (hence "may have been applied").
    expect(stored()).toBe(fault.truncate ? 301 : 300);
    // The draft on disk still holds the edit, whatever the failure.
    expect(draftEdits()).toEqual(['301']);
    // History holds the version before a write that happened or may have (no answer, a 5xx, a reply cut off);
    // a write the gateway refused (4xx) leaves none.
    expect(backups()).toEqual(refused(fault) ? [] : [loaded]);
    if (fault.hang) expect(before).toEqual(gw.storedProvider('anthropic')); // the timed-out write never landed here
    gw.clearFaults();
    if (fault.truncate) {
      stdin.write('j');
      await waitFor(() => expect(lastFrame()).toMatch(/› +Max retries/), WAIT);
      return;
    }
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('300 → 301'), WAIT);
    stdin.write('y');
    await waitFor(() => expect(stored()).toBe(301), WAIT);
  });
});

describe('profiles test', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-faults-profiles-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

  async function test(url: string, timeoutMs = timeoutFor(undefined)): Promise<{ code: number; stdout: string; stderr: string }> {
    const store = openProfileStore({ dir: fs.mkdtempSync(path.join(dir, 's-')) });
    const sink = () => {
      const stream = new PassThrough();
      let text = '';
      stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
      return { stream, text: () => text };
    };
    const run = async (argv: string[]) => {
      const out = sink();
      const err = sink();
      const io = { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]), env: { PATH: process.env.PATH }, isTTY: false };
      const code = await runProfilesCommand(argv, io, { store, createClient: (o) => createClient({ ...o, timeoutMs }) });
      return { code, stdout: out.text(), stderr: err.text() };
    };
    expect((await run(['add', 'gw', '--url', url])).code).toBe(0);
    return run(['test', 'gw']);
  }

  it.each(FAULTS)('$name', async ({ fault, message }: FaultCase) => {
    gw.addFault({ ...fault, method: 'GET', path: '/api/providers' });
    const r = await test(gw.url, timeoutFor(fault));
    if (!message) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ok: .*6 providers/);
      return;
    }
    const want = message(gw.url, 'GET', '/api/providers');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    const rest = r.stderr.trimEnd().replace(/^bifrost-tui profiles: profile "gw": /, '');
    if (typeof want === 'string') expect(rest).toBe(want);
    else expect(rest).toMatch(want);
  });

  it('TLS with an unknown CA', async () => {
    const tls = await startTlsServer();
    cleanup.push(tls.close);
    const r = await test(tls.url);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(TLS_MESSAGE(tls.url));
  });
});
