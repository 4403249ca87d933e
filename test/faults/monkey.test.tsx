/**
 * Seeded random keystrokes (escape sequences, Ctrl keys, long and non-ASCII
 * pastes, resizes) against the app on the real client and the demo gateway,
 * with random faults switched on. The app must never crash, never reject
 * unhandled, never show a stored secret, and every PUT it sends must be a
 * whole, well-formed object: exactly the gateway's copy with the changes the
 * review screen listed, and nothing else. Replay a failure with MONKEY_SEED=<seed>;
 * MONKEY_LONG=1 runs ten times longer.
 */
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway, type DemoFault, type DemoGateway } from '../../src/demo-gateway/index.js';
import { BUILTIN_PROVIDERS } from '../../src/state/provider-catalog.js';
import { App } from '../../src/ui/app.js';
import { fakeServices } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { seededSecrets } from './harness.js';
import { checkSaveAgainstReview, type ReviewFrame } from './review-check.js';

const LONG = process.env.MONKEY_LONG === '1';
const KEY_COUNT = LONG ? 200_000 : 20_000;
// A fixed seed in `npm test` keeps CI reproducible; the long run explores a fresh one each time.
const DEFAULT_SEED = 20261126;
const SEED = Number(process.env.MONKEY_SEED ?? (process.env.MONKEY_LONG ? Math.floor(Math.random() * 2 ** 31) : DEFAULT_SEED));
/** Keys written between two yields to the event loop (renders, network). */
const BATCH = 25;
const NAMES = ['openai', 'anthropic', 'azure', 'ollama', 'groq', 'acme-llm'];
const READ_ONLY = ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys'];

/** mulberry32: small, fast, good enough for fuzzing, and replayable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAV = [KEYS.up, KEYS.down, KEYS.left, KEYS.right, KEYS.pageUp, KEYS.pageDown, KEYS.home, KEYS.end, 'j', 'k', 'h', 'l', 'g', 'G'];
const ACTIONS = [KEYS.enter, KEYS.esc, KEYS.tab, KEYS.shiftTab, KEYS.backspace, KEYS.space, KEYS.ctrlS, KEYS.ctrlR, KEYS.ctrlZ, KEYS.ctrlY, KEYS.ctrlU, '\x05', '\x17', '\x01', '\x7f', '\x1b[3~', '/', '?', 'r', 'a', 'u', 'x', 'y', 'n', 'o', 'e', 'd', 'i', 'c', 'K', 'P', ':', '1', '2', '5', '0', '-', '.'];
const PASTES = [
  'x'.repeat(300),
  'héllo wörld — naïve café 日本語のテキスト 🚀🔥 Ω≈ç√ ',
  '\u202eevil-bidi\u202c zero\u200bwidth',
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  'http://127.0.0.1:1/very/long/' + 'path/'.repeat(40),
  '99999999999999999999',
];
const SIZES = [{ columns: 100, rows: 30 }, { columns: 60, rows: 15 }, { columns: 200, rows: 50 }, { columns: 50, rows: 10 }, { columns: 80, rows: 24 }, { columns: 61, rows: 16 }];

function randomFault(r: () => number): DemoFault {
  const paths: Array<[string, string]> = [['GET', '/api/providers'], ['GET', `/api/providers/${NAMES[Math.floor(r() * NAMES.length)]}`], ['PUT', '/api/providers/']];
  const [method, path] = paths[Math.floor(r() * paths.length)]!;
  const kinds: DemoFault[] = [
    { latencyMs: Math.floor(r() * 400) },
    { status: [400, 401, 403, 404, 409, 500, 502, 503][Math.floor(r() * 8)]! },
    { status: 200, rawBody: '<html>not json</html>' },
    { truncate: true },
    { reset: true },
    // Writes wait 30 s before giving up: a hang there would stall the run, not test more.
    ...(method === 'GET' ? [{ hang: true }] : []),
  ];
  return { method, path, times: 1 + Math.floor(r() * 3), ...kinds[Math.floor(r() * kinds.length)] };
}

let gw: DemoGateway;
beforeAll(async () => {
  gw = await startDemoGateway({ port: 0 });
});
afterAll(() => gw.close());

describe('monkey', () => {
  it(`survives ${KEY_COUNT} random keys (seed from MONKEY_SEED, fixed unless MONKEY_LONG)`, { timeout: LONG ? 900_000 : 120_000 }, async () => {
    const r = rng(SEED);
    const secrets = seededSecrets(gw, NAMES);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    const rejections: unknown[] = [];
    const onRejection = (e: unknown): void => void rejections.push(e);
    process.on('unhandledRejection', onRejection);
    const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, timeoutMs: 800, getRetries: 1 });
    const services = fakeServices(client);
    let size = SIZES[0]!;
    const app = render(<App services={services} mono={r() < 0.5} size={size} />);
    // Every review screen drawn, with when: each accepted PUT is checked against the last one before it.
    const reviews: ReviewFrame[] = [];
    const writeFrame = app.stdout.write;
    app.stdout.write = (frame: string) => {
      if (frame.includes('Review: saving ')) reviews.push({ at: performance.now(), text: stripVTControlCharacters(frame) });
      writeFrame(frame);
    };
    let checked = 0;
    const firstPut = gw.requests.length;
    try {
      for (let sent = 0; sent < KEY_COUNT; ) {
        if (size.columns < 60 || size.rows < 15) {
          // A too-small terminal ignores most keys: give it one batch, then a usable size again.
          size = SIZES[0]!;
          app.rerender(<App services={services} mono={false} size={size} />);
        }
        for (let b = 0; b < BATCH && sent < KEY_COUNT; b++, sent++) {
          const x = r();
          if (x < 0.55) app.stdin.write(NAV[Math.floor(r() * NAV.length)]!);
          else if (x < 0.9) app.stdin.write(ACTIONS[Math.floor(r() * ACTIONS.length)]!);
          else if (x < 0.97) app.stdin.write(String.fromCharCode(32 + Math.floor(r() * 95)));
          else if (x < 0.985) app.stdin.write(PASTES[Math.floor(r() * PASTES.length)]!);
          else if (x < 0.992) {
            // A plausible edit-and-save, so saves (and faults on them) happen often enough: back to the list,
            // open a provider, set Request timeout (3rd row of Network) or Max retries (4th) to a valid value, save.
            const retries = r() < 0.5;
            const value = retries ? Math.floor(r() * 11) : 1 + Math.floor(r() * 900);
            const provider = 'j'.repeat(Math.floor(r() * NAMES.length));
            const field = 'j'.repeat(retries ? 4 : 3);
            const keys = [KEYS.esc, 'n', KEYS.esc, 'd', KEYS.esc, 'd', KEYS.esc, 'g', ...provider, KEYS.enter, '1', ...field, KEYS.enter, KEYS.ctrlU, String(value), KEYS.enter, KEYS.ctrlS];
            for (const k of keys) {
              app.stdin.write(k);
              // A lone Esc is only an Escape once the next read is a separate one (Esc then a key in one read is Alt+key).
              if (k === KEYS.esc) await new Promise((res) => setImmediate(res));
            }
            sent += keys.length;
            // Confirm only once the diff is up, as a person would (the re-GET comes first).
            for (let w = 0; w < 10 && !/ → /.test(app.lastFrame() ?? ''); w++) await new Promise((res) => setTimeout(res, 20));
            app.stdin.write('y');
          } else {
            size = SIZES[Math.floor(r() * SIZES.length)]!;
            app.rerender(<App services={services} mono={false} size={size} />);
          }
        }
        if (r() < 0.08) gw.addFault(randomFault(r));
        await new Promise((res) => setImmediate(res));
        if (r() < 0.05) await new Promise((res) => setTimeout(res, 5));
        const frames = app.frames;
        for (; checked < frames.length; checked++) {
          const frame = frames[checked]!;
          for (const s of secrets) if (frame.includes(s)) throw new Error(`secret shown on screen: ${s.slice(0, 6)}…`);
          if (/^\s*ERROR\s/m.test(frame)) throw new Error(`the app crashed:\n${frame}`);
        }
        // Old frames are checked; drop them so a long run stays small.
        if (frames.length > 2000) {
          frames.splice(0, frames.length - 1);
          checked = frames.length;
        }
      }
      gw.clearFaults();
      await new Promise((res) => setTimeout(res, 1200));
      expect(app.lastFrame()?.trim()).toBeTruthy();
      expect(rejections).toEqual([]);

      // Every PUT is a whole object: no read-only field, unknown fields kept, no masked text sent as a value.
      const allPuts = gw.requests.slice(firstPut).filter((q) => q.method === 'PUT');
      // Key writes (the keys screen, `y`): the full key, never a computed field or masked text, only for listed providers.
      const keyPut = /^\/api\/providers\/([^/]+)\/keys\/[^/]+$/;
      for (const put of allPuts.filter((q) => keyPut.test(q.url))) {
        expect(NAMES, `key PUT under a provider that is not listed: ${put.url}`).toContain(decodeURIComponent(keyPut.exec(put.url)![1]!));
        for (const f of ['status', 'description', 'config_hash']) expect(put.json, `${put.url} sends computed ${f}`).not.toHaveProperty(f);
        expect(put.body, `${put.url} sends masked text`).not.toMatch(/•/);
        expect((put.json as Record<string, unknown>).id, `${put.url} without the key's id`).toBeTypeOf('string');
      }
      const puts = allPuts.filter((q) => !keyPut.test(q.url));
      for (const put of puts) {
        const body = put.json as Record<string, unknown>;
        expect(body, put.url).toBeTypeOf('object');
        // PUT upserts upstream: only names that came from the gateway, or a built-in configured on purpose
        // from the "not set up" rows (CONTRACT §4.4: built-ins are created by PUT). Never anything typed.
        const putName = decodeURIComponent(put.url.replace('/api/providers/', ''));
        expect([...NAMES, ...BUILTIN_PROVIDERS], `PUT to a name that is neither listed nor built-in: ${put.url}`).toContain(putName);
        for (const f of READ_ONLY) expect(body, `${put.url} sends read-only ${f}`).not.toHaveProperty(f);
        expect(put.body, `${put.url} sends masked text`).not.toMatch(/•/);
        if (put.url === '/api/providers/openai') {
          expect(body.pricing_overrides, 'unknown field dropped').toEqual([{ model: 'gpt-4o', input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001 }]);
        }
      }
      // Every save the gateway accepted is exactly what the review showed: its copy plus the listed changes.
      const accepted = puts.filter((q) => q.status === 200);
      let complete = 0;
      for (const put of accepted) {
        const name = decodeURIComponent(put.url.replace('/api/providers/', ''));
        const review = reviews.filter((v) => v.at < put.at && v.text.includes(`Review: saving ${name} `)).at(-1);
        expect(review, `PUT ${name} without a review screen before it`).toBeDefined();
        const check = checkSaveAgainstReview(review!, name, put.previous, put.json);
        expect(check.problems, `PUT ${name}`).toEqual([]);
        if (check.complete) complete++;
      }
      // A review cut short (a small terminal) is checked line by line only; enough saves must be checked whole.
      expect(complete, 'too few saves were checked against a complete review: the check proved little').toBeGreaterThan(3);
      console.log(`monkey seed ${SEED}: ${KEY_COUNT} keys, ${puts.length} PUTs (${accepted.length} accepted, ${complete} checked whole), ${gw.requests.length} requests`);
    } catch (err) {
      throw new Error(`monkey failed with MONKEY_SEED=${SEED}: ${(err as Error).message}`, { cause: err });
    } finally {
      process.off('unhandledRejection', onRejection);
      app.unmount();
      gw.clearFaults();
      await client.close();
    }
  });
});
