/**
 * Keys typed while the keys screen loads (a slow link): the key router holds them for the screen and
 * replays them, in order, once the keys are there; the keys that leave it (Esc, q, Ctrl+C) act at once.
 * The real undici client against the demo gateway on loopback; the gateway's faults slow or hang the GET.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PROVIDER = 'acme-llm'; // the first row of the demo list; one key, acme-eu, weight 1
const KEYS_PATH = `/api/providers/${PROVIDER}/keys`;

async function start() {
  const gw = await startDemoGateway({ port: 0 });
  // A read timeout longer than any wait here: a hung GET never turns into a load error.
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
  await see(`› ${PROVIDER} `);
  return { gw, app, frame, see, exited: () => exited, press: (...keys: string[]) => keys.forEach((k) => app.stdin.write(k)) };
}

/** The screen's GET of the keys has been received and not answered yet. */
function keysPending(gw: DemoGateway): boolean {
  return gw.requests.some((r) => r.method === 'GET' && r.url === KEYS_PATH && r.status === undefined);
}

describe('keys typed while the keys screen loads', () => {
  it('a burst typed while "loading keys" shows lands on the keys in order once the GET answers', async () => {
    const h = await start();
    h.gw.addFault({ method: 'GET', path: KEYS_PATH, latencyMs: 3000, times: 1 });
    h.press('y');
    await h.see(`loading keys of ${PROVIDER}`);
    await waitFor(() => expect(keysPending(h.gw)).toBe(true));
    // re-weight the key under the cursor: w, clear the prompt, 0.5, Enter; all before the keys are there
    h.press('w', KEYS.ctrlU, '0', '.', '5', KEYS.enter);
    expect(keysPending(h.gw)).toBe(true);
    await h.see('Re-weight "acme-eu"');
    expect(h.frame()).toContain('weight: 1 → 0.5');
    h.press('y');
    await h.see('✔ saved "acme-eu"');
    const puts = h.gw.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe(`${KEYS_PATH}/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a`);
    expect((puts[0]!.json as { weight: number }).weight).toBe(0.5);
  });
});

describe('leaving while the keys load (the GET never answers)', () => {
  async function loadingForever() {
    const h = await start();
    h.gw.addFault({ method: 'GET', path: KEYS_PATH, hang: true });
    h.press('y');
    await h.see(`loading keys of ${PROVIDER}`);
    h.press('w'); // for the keys screen: held while it loads, dropped when it is left
    return h;
  }

  async function backOnTheList(h: Awaited<ReturnType<typeof start>>): Promise<void> {
    await waitFor(() => expect(h.frame()).not.toContain('loading keys'));
    h.press('?');
    await h.see('this help');
    h.press(KEYS.esc);
    await h.see(`› ${PROVIDER} `);
    expect(h.frame()).not.toContain('Weight');
  }

  it('Esc goes back to the list at once', async () => {
    const h = await loadingForever();
    h.press(KEYS.esc);
    await backOnTheList(h);
  });

  it('q goes back to the list at once', async () => {
    const h = await loadingForever();
    h.press('q');
    await backOnTheList(h);
    expect(h.exited()).toBe(0);
  });

  it('Ctrl+C quits at once', async () => {
    const h = await loadingForever();
    h.press(KEYS.ctrlC);
    await waitFor(() => expect(h.exited()).toBe(1));
  });
});
