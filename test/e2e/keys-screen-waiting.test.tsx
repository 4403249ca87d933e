/**
 * Keys typed while the keys screen loads (a slow link): the key router holds them for the screen and
 * replays them, in order, once the keys are there; the keys that leave it (Esc, q, Ctrl+C) act at once.
 * The real undici client against the demo gateway on loopback; the gateway's faults slow or hang the GET.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupDemoApps, getPending, startDemoApp, type DemoApp } from '../helpers/demo-app.js';
import { waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

afterEach(cleanupDemoApps);

const PROVIDER = 'acme-llm'; // the first row of the demo list; one key, acme-eu, weight 1
const KEYS_PATH = `/api/providers/${PROVIDER}/keys`;
const start = () => startDemoApp(PROVIDER);
const keysPending = (gw: DemoApp['gw']): boolean => getPending(gw, KEYS_PATH);

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

  async function backOnTheList(h: DemoApp): Promise<void> {
    await waitFor(() => expect(h.frame()).not.toContain('loading keys'));
    h.press('?');
    await h.see('› help'); // the help's title (its 'this help' line is below the first page now)
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
