/**
 * Keys while the form waits on the gateway. While a provider loads (a slow link), the key router holds
 * them for the form and replays them, in order, once the form is there; Esc, q and Ctrl+C leave at once.
 * While a save is in flight, Esc and Ctrl+C are bound in the keymap's `savingPrompt` scope. The real
 * undici client against the demo gateway on loopback; the gateway's own faults slow or hang a request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildUpdateBody } from '../../src/api/update-body.js';
import { cleanupDemoApps, getPending as pending, startDemoApp, type DemoApp } from '../helpers/demo-app.js';
import { waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

afterEach(cleanupDemoApps);

const PROVIDER = 'acme-llm'; // the first row of the demo list
const PROVIDER_PATH = `/api/providers/${PROVIDER}`;

async function start() {
  const h = await startDemoApp(PROVIDER);
  // the provider as GET returns it before any edit (raw JSON), for the expected PUT body
  const before = (await (await fetch(`${h.gw.url}${PROVIDER_PATH}`)).json()) as Record<string, unknown>;
  return { ...h, before };
}

/** The form's GET of the provider has been received and not answered yet. */
const getPending = (gw: DemoApp['gw']): boolean => pending(gw, PROVIDER_PATH);

async function savedBody(h: Awaited<ReturnType<typeof start>>, retries: number): Promise<void> {
  await h.see(`network_config.max_retries: 2 → ${retries}`);
  h.press('y');
  await h.see(/saved acme-llm at/);
  const puts = h.gw.requests.filter((r) => r.method === 'PUT');
  expect(puts).toHaveLength(1);
  expect(puts[0]!.json).toEqual(buildUpdateBody(h.before as never, [{ path: ['network_config', 'max_retries'], value: retries }]));
}

describe('keys typed while the provider loads', () => {
  it('Enter and a burst in one read: every key lands in the form, in order, once the GET answers', async () => {
    const h = await start();
    h.gw.addFault({ method: 'GET', path: PROVIDER_PATH, latencyMs: 1500, times: 1 });
    // open, four fields down to Max retries, edit, clear, 7, keep, save: all before the form exists
    h.press(`${KEYS.enter}jjjj${KEYS.enter}${KEYS.ctrlU}7${KEYS.enter}${KEYS.ctrlS}`);
    await h.see(`Loading ${PROVIDER}`);
    await savedBody(h, 7);
  });

  it('a burst typed while "Loading" shows (the GET slowed by the latency fault) lands in the form in order', async () => {
    const h = await start();
    h.gw.addFault({ method: 'GET', path: PROVIDER_PATH, latencyMs: 3000, times: 1 });
    h.press(KEYS.enter);
    await h.see(`Loading ${PROVIDER}`);
    await waitFor(() => expect(getPending(h.gw)).toBe(true));
    h.press('j', 'j', 'j', 'j', KEYS.enter, KEYS.ctrlU, '1', '0', KEYS.enter, KEYS.ctrlS);
    // the keys went in before the answer: the test is about the hold, not about a fast gateway
    expect(getPending(h.gw)).toBe(true);
    await savedBody(h, 10);
  });
});

describe('leaving while the provider loads (the GET never answers)', () => {
  async function loadingForever() {
    const h = await start();
    h.gw.addFault({ method: 'GET', path: PROVIDER_PATH, hang: true });
    h.press(KEYS.enter);
    await h.see(`Loading ${PROVIDER}`);
    // keys for the form: held while it loads, dropped when it is left
    h.press('j', 'j');
    return h;
  }

  /** The list is back, its cursor where it was (the held j's did not move it). */
  async function backOnTheList(h: Awaited<ReturnType<typeof start>>): Promise<void> {
    await waitFor(() => expect(h.frame()).not.toContain('Loading'));
    // a key after them: by the time help is up, any key before it has been handled
    h.press('?');
    await h.see('› help'); // the help's title (its 'this help' line is below the first page now)
    h.press(KEYS.esc);
    await h.see(`› ${PROVIDER} `);
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

describe('keys while a save is in flight (the PUT never answers)', () => {
  async function saving() {
    const h = await start();
    h.gw.addFault({ method: 'PUT', path: PROVIDER_PATH, hang: true });
    h.press(KEYS.enter);
    await h.see('› ▾ 1 Network');
    h.press('jjjj', KEYS.enter, KEYS.ctrlU, '3', KEYS.enter, KEYS.ctrlS);
    await h.see('network_config.max_retries: 2 → 3');
    h.press('y');
    await h.see('saving… ');
    return h;
  }
  const WARNING = 'a save in flight cannot be cancelled · ^C again quits (the draft is kept)';

  it('the footer names the way out; Esc and a first ^C explain; a second ^C quits', async () => {
    const h = await saving();
    expect(h.frame()).toMatch(/\^C quit \(twice\)\s*$/); // the footer, the last line
    h.press(KEYS.esc);
    await h.see(WARNING);
    expect(h.exited()).toBe(0);
    h.press(KEYS.ctrlC);
    await waitFor(() => expect(h.exited()).toBe(1));
  });

  it('a first ^C only explains: the save goes on', async () => {
    const h = await saving();
    h.press(KEYS.ctrlC);
    await h.see(WARNING);
    expect(h.frame()).toContain('saving… ');
    expect(h.exited()).toBe(0);
  });

  it("the form's help lists the saving keys beside the other prompts", async () => {
    const h = await start();
    h.press(KEYS.enter);
    await h.see('› ▾ 1 Network');
    h.press('?');
    await h.see('Esc close');
    h.press('G'); // the end of the help: the prompts come last, before the keys of every screen
    await h.see('Everywhere');
    expect(h.frame()).toContain('While a save is in flight');
    expect(h.frame()).toContain('quit without waiting for the answer (press twice; the draft stays on disk)');
  });
});
