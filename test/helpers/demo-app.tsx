/**
 * The app on the real undici client against a demo gateway on loopback, for tests that drive it key by
 * key and read its frames. Call `cleanupDemoApps` in afterEach.
 */
import { render } from 'ink-testing-library';
import { expect } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, type DemoGateway, type DemoVersion } from '../../src/demo-gateway/index.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from './fake-client.js';

const cleanups: Array<() => Promise<void>> = [];

export async function cleanupDemoApps(): Promise<void> {
  for (const c of cleanups.splice(0).reverse()) await c();
}

/** Starts a demo gateway (of `version`; default the newest) and the app on it (100x30, mono), and waits until the list shows `firstRow`. */
export async function startDemoApp(firstRow: string, opts: { version?: DemoVersion } = {}) {
  const gw = await startDemoGateway({ port: 0, ...(opts.version ? { version: opts.version } : {}) });
  // A read timeout longer than any wait in a test: a hung GET never turns into a load error (which would
  // also end a wait), so only a key takes the app off a loading screen.
  const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, timeoutMs: 600_000 });
  let exited = 0;
  const app = render(<App services={fakeServices(client)} mono size={{ columns: 100, rows: 30 }} onExit={() => void exited++} />);
  cleanups.push(async () => {
    app.unmount();
    await client.close();
    await gw.close();
  });
  const frame = (): string => app.lastFrame() ?? '';
  const see = (text: string | RegExp) => waitFor(() => (typeof text === 'string' ? expect(frame()).toContain(text) : expect(frame()).toMatch(text)));
  await see(`› ${firstRow} `);
  return { gw, app, frame, see, exited: () => exited, press: (...keys: string[]) => keys.forEach((k) => app.stdin.write(k)) };
}

export type DemoApp = Awaited<ReturnType<typeof startDemoApp>>;

/** A GET of `url` has been received and not answered yet. */
export function getPending(gw: DemoGateway, url: string): boolean {
  return gw.requests.some((r) => r.method === 'GET' && r.url === url && r.status === undefined);
}
