/**
 * Every screen drawn with hostile text in every field a gateway (or the config file) sends: names,
 * URLs, headers, unknown fields, status texts, key names/models/status/descriptions, error messages,
 * profile labels. Real clients against demo gateways on loopback; every frame the app writes is
 * checked: apart from Ink's own style codes (SGR), no control character reaches the terminal, and the
 * hostile text shows, made visible (`^[]0;PWNED^G`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { Provider } from '../../src/api/wire.js';
import { draftService } from '../../src/app/local-services.js';
import { createProfilesService, type EdgeProfilesService } from '../../src/app/profiles-service.js';
import { openSetupSession } from '../../src/app/session.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { App } from '../../src/ui/app.js';
import type { Services } from '../../src/ui/services.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

/** A window title (OSC 0), a clipboard write (OSC 52), a screen clear (CSI), BEL, NUL, a C1 CSI, a bidi override, a backspace. */
const H = '\x1b]0;PWNED\x07\x1b]52;c;cm0gLXJmIH4K\x07\x1b[2J\x00\x9b31m\u202eRTL\u202c\b';
/** How H reads on screen: the title write made visible. */
const SHOWN = '^[]0;PWNED^G';
const EVIL = `evil${H}`;
/** A name the request path takes (no controls) that still reorders text: shown as `\u202e`. */
const BIDI = 'bidi\u202eLIVE\u202c\u2066x\u2069';
const BIDI_SHOWN = 'bidi\\u202eLIVE\\u202c\\u2066x\\u2069';

const plain = (value: string) => ({ value, env_var: '', from_env: false });

function hostileProvider(name: string, variant: string): Provider {
  return {
    name,
    network_config: {
      base_url: `https://llm.example/${variant}${H}`,
      extra_headers: { "X-Team": variant },
      max_retries: 1,
    },
    concurrency_and_buffer_size: { concurrency: 10, buffer_size: 20 },
    provider_status: 'active',
    status: `list_models_failed`,
    description: `upstream said ${variant}${H}`,
    [`x_${H}`]: `${variant}${H}`,
    keys: [
      {
        id: 'k1',
        name: `key${H}`,
        value: plain('sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA'),
        models: [`model${H}`],
        blacklisted_models: [`black${H}`],
        aliases: { [`alias${H}`]: `target${H}` },
        weight: 1,
        enabled: true,
        status: `status${H}`,
        description: `said${H}`,
        [`x_key${H}`]: `kv${H}`,
      },
    ],
  } as Provider;
}

const bare = (name: string): Provider => ({ name, custom_provider_config: { base_provider_type: 'openai' }, network_config: { base_url: `https://evil.example/${H}` }, provider_status: 'active', keys: [] }) as Provider;
const seed = (variant: string): Provider[] => [hostileProvider('openai', variant), bare(EVIL), bare(BIDI)];

let gws: DemoGateway[] = [];
let dir: string | undefined;
let profiles: EdgeProfilesService | undefined;
afterEach(async () => {
  await profiles?.close();
  await Promise.all(gws.map((g) => g.close()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  gws = [];
  dir = profiles = undefined;
});

/** Every character that would act on a terminal, once Ink's own style codes are taken out. */
const SGR = /\x1b\[[0-9;]*m/g;
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

function expectNothingRaw(frames: readonly string[]): void {
  frames.forEach((frame, i) => {
    const raw = RAW.exec(frame.replace(SGR, ''));
    if (raw) throw new Error(`frame ${i} holds a raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')}:\n${frame}`);
  });
}

describe('hostile text on every screen', () => {
  it('list, detail, form, conflict, review, keys, key form, key write error, loading lines, fleet, profiles, help', async () => {
    gws = await Promise.all([startDemoGateway({ port: 0, seed: seed('A') }), startDemoGateway({ port: 0, seed: seed('B') })]);
    const [a, b] = gws as [DemoGateway, DemoGateway];
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-every-'));
    const store = openProfileStore({ dir: path.join(dir, 'config') });
    store.upsert({ name: 'alpha', url: a.url, auth: 'none', label: `LBL${H}` });
    store.upsert({ name: 'bravo', url: b.url, auth: 'none', label: `OTHER${H}` });
    profiles = createProfilesService({ store, env: { PATH: process.env.PATH } });
    const client = createClient({ baseUrl: a.url, auth: { kind: 'none' }, timeoutMs: 600_000 });
    const services: Services = {
      ...fakeServices(client, { profile: 'alpha', label: `LBL${H}` }),
      profiles,
      drafts: draftService(openDraftStore({ dir: path.join(dir, 'state') })),
    };
    const app = render(<App services={services} mono size={{ columns: 120, rows: 32 }} />);
    const frame = (): string => app.lastFrame() ?? '';
    const see = (text: string | RegExp) => waitFor(() => (typeof text === 'string' ? expect(frame()).toContain(text) : expect(frame()).toMatch(text)));
    const press = (...keys: string[]) => keys.forEach((k) => app.stdin.write(k));
    try {
      // List, header label, detail pane (the status text of the focused provider).
      await see(`evil${SHOWN}`);
      expect(frame()).toContain(BIDI_SHOWN);
      expect(frame()).toContain(`LBL${SHOWN}`);
      press('G');
      await see('› openai');
      await see(`upstream said A${SHOWN}`);

      // The form: base URL, an unknown field; an edit, then someone else changes the hostile field:
      // the conflict screen, then the review of an overwrite.
      press(KEYS.enter);
      await see('Concurrency');
      press('G');
      await see(`x_${SHOWN}`);
      press('g', 'j', 'j', 'j', 'j', KEYS.enter, KEYS.ctrlU, '3', KEYS.enter);
      await see('1 changed');
      a.mutateProvider('openai', (p) => void ((p as Record<string, unknown>)[`x_${H}`] = `changed${H}`));
      press(KEYS.ctrlS);
      // Values are shown as JSON (its escapes), names made visible.
      await see('now: "changed\\u001b]0;PWNED\\u0007');
      expect(frame()).toContain(`~ x_${SHOWN}`);
      press('o');
      await see('Review: saving openai changes 2 fields');
      expect(frame()).toContain(`~ x_${SHOWN}`);
      press(KEYS.esc);
      await see('1 changed');
      press(KEYS.esc, 'd');
      await see('› openai');

      // A name that reorders text: the form's "Loading …" line, then its keys: "loading keys of …", "no keys on …".
      a.addFault({ method: 'GET', path: `/api/providers/${encodeURIComponent(BIDI)}`, latencyMs: 1500, times: 1 });
      press('g', KEYS.enter);
      await see(`Loading ${BIDI_SHOWN}`);
      await see('Network');
      press(KEYS.esc);
      await see("› bidi\\u202eLIVE");
      a.addFault({ method: 'GET', path: `/api/providers/${encodeURIComponent(BIDI)}/keys`, latencyMs: 1500, times: 1 });
      press('y');
      await see(`loading keys of ${BIDI_SHOWN}`);
      await see(`no keys on ${BIDI_SHOWN}`);
      press(KEYS.esc);
      // A name with controls cannot be requested: the refusal quotes it visibly.
      await see("› bidi\\u202eLIVE");
      press('j', KEYS.enter);
      await see('invalid provider name "evil\\u001b]0;PWNED');
      press(KEYS.esc);
      await see(`evil${SHOWN}`);
      press('G');
      await see('› openai');

      // Keys of openai: name, models, blacklist, status, description; the key form; a refused write.
      press('y');
      await see(`key${SHOWN}`);
      await see(`said${SHOWN}`);
      expect(frame()).toContain(`status${SHOWN}`);
      expect(frame()).toContain(`model${SHOWN}`);
      press(KEYS.enter);
      await see(`x_key${SHOWN}`);
      expect(frame()).toContain(`alias${SHOWN}`);
      press(KEYS.esc);
      a.addFault({ method: 'PUT', path: '/api/providers/openai/keys/k1', status: 400, message: `refused${H}`, times: 1 });
      press('-');
      await see(/y\/Enter/);
      press('y');
      await see(`refused${SHOWN}`);
      press(KEYS.esc);
      await see(/keys? ·|NAME/);
      press(KEYS.esc);

      // Fleet: the grid, then one cell's field diff (the two gateways differ in hostile values).
      await see(`evil${SHOWN}`);
      press('F');
      await see(/2\/2 (gateways )?answered/);
      press('j', 'j', 'l', KEYS.enter);
      await see('openai: 3 fields differ');
      expect(frame()).toContain(`[ ]x_${SHOWN}`);
      expect(frame()).toContain('"B\\u001b]0;PWNED');
      press(KEYS.esc, KEYS.esc);

      // Profiles: hostile labels; a connection test whose gateway answers with a hostile error.
      await see(`evil${SHOWN}`);
      b.addFault({ method: 'GET', path: '/api/providers', status: 500, message: `down${H}` });
      press('P');
      await see("OTHER^[]");
      press('j', 't');
      await see(`down${SHOWN}`);
      press(KEYS.esc);

      // Help.
      await see(`evil${SHOWN}`);
      press('?');
      await see('this help');
      press(KEYS.esc);
      await see(`evil${SHOWN}`);
    } finally {
      app.unmount();
      await client.close();
    }
    expectNothingRaw(app.frames);
  }, 120_000);

  it('first-run setup: a gateway that answers the connection test with hostile text', async () => {
    gws = [await startDemoGateway({ port: 0 })];
    gws[0]!.addFault({ method: 'GET', path: '/api/providers', status: 502, message: `bad gateway${H}` });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-every-'));
    const { services, close } = openSetupSession({}, { store: openProfileStore({ dir }) });
    const app = render(<App services={services} mono size={{ columns: 100, rows: 24 }} />);
    try {
      await waitFor(() => expect(app.lastFrame()).toContain('first-run setup'));
      app.stdin.write(KEYS.tab);
      app.stdin.write(KEYS.ctrlU);
      app.stdin.write(gws[0]!.url);
      app.stdin.write(KEYS.tab);
      app.stdin.write(' ');
      app.stdin.write(' ');
      app.stdin.write(KEYS.ctrlS);
      await waitFor(() => expect(app.lastFrame()).toContain(`bad gateway${SHOWN}`));
    } finally {
      app.unmount();
      await close();
    }
    expectNothingRaw(app.frames);
  });
});
