/** Live status on the list: the quiet background refresh against the demo gateway over loopback. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';
import type { DemoGateway } from '../../src/demo-gateway/types.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

let gw: DemoGateway;
let unmount: (() => void) | undefined;
beforeEach(async () => {
  gw = await startDemoGateway({ port: 0 });
});
afterEach(async () => {
  unmount?.();
  await gw.close();
});

/** The app with a refresh every `seconds` (short, so the tests wait for refreshes, not for the clock). */
function start(seconds: number) {
  const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, timeoutMs: 3000 });
  const app = render(<App services={{ ...fakeServices(client), refreshSeconds: seconds }} mono size={{ columns: 120, rows: 30 }} />);
  unmount = app.unmount;
  return app;
}

const listRequests = (): number => gw.requests.filter((r) => r.method === 'GET' && r.url === '/api/providers').length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('live status on the list', () => {
  it('shows a status change without a key, marks the row for one cycle, and keeps the cursor and the filter', async () => {
    const { lastFrame, stdin } = start(0.05);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    stdin.write('/a');
    stdin.write(KEYS.enter);
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toMatch(/› +anthropic/));
    const matches = /\d+ matches/.exec(lastFrame()!)![0];
    gw.mutateProvider('azure', (p) => {
      p.provider_status = 'active';
    });
    await waitFor(() => expect(lastFrame()).toMatch(/ •azure\s+built-in\s+● active/));
    expect(lastFrame()).toContain('1 changed status');
    expect(lastFrame()).toMatch(/› +anthropic/);
    expect(lastFrame()).toContain(matches);
    // the next refresh (same answer) clears the mark
    await waitFor(() => expect(lastFrame()).toMatch(/ {2}azure\s+built-in\s+● active/));
  });

  it('an unchanged answer draws nothing: no new frame however many refreshes', async () => {
    const { lastFrame, frames } = start(0.05);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    const before = listRequests();
    await waitFor(() => expect(listRequests()).toBeGreaterThanOrEqual(before + 2));
    const count = frames.length;
    await waitFor(() => expect(listRequests()).toBeGreaterThanOrEqual(before + 6));
    expect(frames.length).toBe(count);
  });

  it('never sends a second request while one is out, and shows an activity mark while it is', async () => {
    const { lastFrame } = start(0.05);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    gw.addFault({ method: 'GET', path: '/api/providers', hang: true, times: 1 });
    const at = listRequests();
    await waitFor(() => expect(lastFrame()).toContain('↻'));
    await pause(300); // six intervals
    expect(listRequests()).toBe(at + 1);
  });

  it('backs off on errors and says so in the header; recovers by itself', async () => {
    const { lastFrame } = start(0.05);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    gw.addFault({ method: 'GET', path: '/api/providers', status: 500, message: 'database is locked', times: 2 });
    await waitFor(() => expect(lastFrame()).toMatch(/refresh failed, retry in 0\.[1-9]/));
    await waitFor(() => expect(lastFrame()).not.toContain('refresh failed'));
    expect(lastFrame()).toContain('azure');
  });

  it('waits while the filter is being typed, and 0 turns it off', async () => {
    const typing = start(0.05);
    await waitFor(() => expect(typing.lastFrame()).toContain('azure'));
    typing.stdin.write('/');
    await waitFor(() => expect(typing.lastFrame()).toContain('Enter keep'));
    const at = listRequests();
    await pause(300);
    expect(listRequests()).toBeLessThanOrEqual(at + 1);
    typing.stdin.write(KEYS.enter);
    await waitFor(() => expect(listRequests()).toBeGreaterThan(at + 1));
    typing.unmount();

    const off = start(0);
    await waitFor(() => expect(off.lastFrame()).toContain('azure'));
    const once = listRequests();
    await pause(300);
    expect(listRequests()).toBe(once);
  });
});
