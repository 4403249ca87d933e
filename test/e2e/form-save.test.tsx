/**
 * The provider form end to end: the app on the real undici client against the
 * demo gateway on loopback, drafts and history in a temp dir. Every save
 * asserts the exact PUT body the gateway received.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import { buildUpdateBody, type Edit } from '../../src/api/update-body.js';
import { startDemoGateway, type DemoGateway, type DemoGatewayOptions, type RecordedRequest } from '../../src/demo-gateway/index.js';
import { openDraftStore, type DraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore, type HistoryStore } from '../../src/store/history-store.js';
import { App } from '../../src/ui/app.js';
import { draftService } from '../../src/app/local-services.js';
import type { Services } from '../../src/ui/services.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { checkSaveAgainstReview } from '../faults/review-check.js';

const GW = 'test'; // the gateway key fakeServices uses
const SIZE = { columns: 100, rows: 40 };
const WAIT = 30_000;

interface Harness {
  gw: DemoGateway;
  client: GatewayClient;
  services: Services;
  drafts: DraftStore;
  history: HistoryStore;
  dir: string;
  app: ReturnType<typeof render>;
  frame(): string;
  see(text: string | RegExp, timeoutMs?: number): Promise<void>;
  press(...keys: string[]): void;
  /** Rendering the app again on the same gateway and stores (a restart). */
  restart(): void;
  /** The provider exactly as GET returns it now (raw JSON, not parsed by the client). */
  get(name: string): Promise<Record<string, unknown>>;
  puts(): RecordedRequest[];
  /** Flushes registered with services.onBeforeExit (a SIGHUP). */
  exitFlushes: Set<() => void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(opts: DemoGatewayOptions = {}): Promise<Harness> {
  const gw = await startDemoGateway({ port: 0, ...opts });
  const dir = mkdtempSync(join(tmpdir(), 'bt-form-'));
  const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
  const drafts = openDraftStore({ dir });
  const history = openHistoryStore({ dir });
  const exitFlushes = new Set<() => void>();
  const services: Services = {
    ...fakeServices(client),
    drafts: draftService(drafts),
    history: { append: (g, p, o) => history.appendHistory(g, p, o).id, remove: (g, p, id) => void history.removeHistory(g, p, id) },
    onBeforeExit: (flush) => {
      exitFlushes.add(flush);
      return () => exitFlushes.delete(flush);
    },
  };
  const h: Harness = {
    gw, client, services, drafts, history, dir, exitFlushes,
    app: render(<App services={services} mono size={SIZE} />),
    frame: () => h.app.lastFrame() ?? '',
    see: (text, timeoutMs = WAIT) => waitFor(() => {
      const f = h.frame();
      if (typeof text === 'string') expect(f).toContain(text);
      else expect(f).toMatch(text);
    }, timeoutMs),
    press: (...keys) => {
      for (const k of keys) h.app.stdin.write(k);
    },
    restart: () => {
      h.app.unmount();
      h.app = render(<App services={services} mono size={SIZE} />);
    },
    get: async (name) => (await (await fetch(`${gw.url}/api/providers/${encodeURIComponent(name)}`)).json()) as Record<string, unknown>,
    puts: () => gw.requests.filter((r) => r.method === 'PUT'),
  };
  cleanups.push(async () => {
    h.app.unmount();
    await client.close();
    await gw.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  return h;
}

/** Opens a provider from the list through the filter. */
async function open(h: Harness, name: string, expectForm = true): Promise<void> {
  await h.see('configured');
  h.press('/', name, KEYS.enter);
  await h.see(/\d+ match/);
  // the filter also matches base types (openai → acme-llm first): walk down to the row
  for (let i = 0; i < 6 && !new RegExp(`› ${name} `).test(h.frame()); i++) {
    const before = h.frame();
    h.press('j');
    await waitFor(() => expect(h.frame()).not.toBe(before), 1000).catch(() => undefined);
  }
  await h.see(new RegExp(`› ${name} `));
  h.press(KEYS.enter);
  if (!expectForm) return;
  await h.see(new RegExp(`› ${name}\\s+no changes`));
  await h.see('▾ 1 Network');
}

/** Moves to section `n` (its fixed number key; the cursor lands on its first field, row 1) then to row `row`, and checks the focused row's label. */
async function goTo(h: Harness, section: number, row: number, label: string): Promise<void> {
  h.press(String(section));
  for (let i = 1; i < row; i++) h.press('j');
  await h.see(new RegExp(`› +\\*?${label.replace(/[()/]/g, '\\$&')} `));
}

/** Replaces the text of the focused text/number field. */
function typeValue(h: Harness, text: string): void {
  h.press(KEYS.enter, KEYS.end, KEYS.ctrlU, text, KEYS.enter);
}

async function saveAndConfirm(h: Harness, name: string): Promise<void> {
  h.press(KEYS.ctrlS);
  await h.see(`Review: saving ${name} changes`);
  h.press('y');
  await h.see(new RegExp(`saved ${name} at \\d\\d:\\d\\d:\\d\\d`));
}

function lastPut(h: Harness): RecordedRequest {
  const puts = h.puts();
  expect(puts.length).toBeGreaterThan(0);
  return puts[puts.length - 1]!;
}

interface SectionCase {
  title: string;
  provider: string;
  /** Keystrokes that make the change (after the form is open). */
  act: (h: Harness) => Promise<void>;
  /** The change, in terms of the object as GET returned it. */
  edits: (got: Record<string, any>) => Edit[];
  /** Review lines that must appear. */
  review: RegExp[];
  /** Fields changed (default 1). */
  changed?: number;
}

const CASES: SectionCase[] = [
  {
    title: 'Network: max retries (openai: unknown fields, redacted CA PEM, EnvVar-less headers)',
    provider: 'openai',
    act: async (h) => {
      await goTo(h, 1, 4, 'Max retries');
      typeValue(h, '7');
      await h.see(/\*Max retries\s+7/);
    },
    edits: () => [{ path: ['network_config', 'max_retries'], value: 7 }],
    review: [/~ network_config\.max_retries: 2 → 7/],
  },
  {
    title: 'Network: an extra header added in the map editor',
    provider: 'openai',
    act: async (h) => {
      await goTo(h, 1, 2, 'Extra headers');
      h.press(KEYS.enter);
      await h.see('Extra headers · 2 entries');
      h.press('a');
      h.press('X-Trace-Id');
      h.press(KEYS.enter);
      h.press('bifrost-tui');
      h.press(KEYS.enter);
      await h.see('Extra headers · 3 entries');
      h.press(KEYS.esc);
      await h.see(/\*Extra headers /);
    },
    edits: (got) => [{ path: ['network_config', 'extra_headers'], value: { ...got.network_config.extra_headers, 'X-Trace-Id': 'bifrost-tui' } }],
    review: [/\+ network_config\.extra_headers\.X-Trace-Id: "bifrost-tui"/],
  },
  {
    title: 'Concurrency (anthropic: beta header overrides kept)',
    provider: 'anthropic',
    act: async (h) => {
      await goTo(h, 2, 1, 'Concurrency');
      typeValue(h, '250');
      await h.see(/\*Concurrency\s+250/);
    },
    edits: () => [{ path: ['concurrency_and_buffer_size', 'concurrency'], value: 250 }],
    review: [/~ concurrency_and_buffer_size\.concurrency: 500 → 250/],
  },
  {
    title: 'Proxy: none → http with a URL (anthropic: proxy_config was null)',
    provider: 'anthropic',
    act: async (h) => {
      await goTo(h, 3, 1, 'Proxy type');
      h.press(KEYS.enter);
      await h.see(/\*Proxy type\s+http/);
      h.press('j');
      await h.see(/› +\*?Proxy URL /);
      typeValue(h, 'http://proxy.corp.example:3128');
      await h.see(/\*Proxy URL\s+/);
    },
    edits: () => [
      { path: ['proxy_config', 'type'], value: 'http' },
      { path: ['proxy_config', 'url'], value: 'http://proxy.corp.example:3128' },
    ],
    review: [/\+ proxy_config\.type: "http"/, /\+ proxy_config\.url: /],
    changed: 2,
  },
  {
    title: 'Proxy: http → socks5 (groq: env-backed URL and password go back as received)',
    provider: 'groq',
    act: async (h) => {
      await goTo(h, 3, 1, 'Proxy type');
      h.press(KEYS.enter);
      await h.see(/\*Proxy type\s+socks5/);
    },
    edits: () => [{ path: ['proxy_config', 'type'], value: 'socks5' }],
    review: [/~ proxy_config\.type: "http" → "socks5"/],
  },
  {
    title: 'Raw data: send back raw request (ollama: status and description dropped)',
    provider: 'ollama',
    act: async (h) => {
      await goTo(h, 4, 1, 'Send back raw request');
      h.press(KEYS.enter);
      await h.see(/\*Send back raw request\s+on/);
    },
    edits: () => [{ path: ['send_back_raw_request'], value: true }],
    review: [/~ send_back_raw_request: false → true/],
  },
  {
    title: 'Custom provider: one allowed_requests toggle (unknown flag kept)',
    provider: 'acme-llm',
    act: async (h) => {
      await goTo(h, 5, 3, 'Allowed requests');
      h.press(KEYS.enter);
      await h.see('Allowed requests 5/60 allowed');
      h.press(KEYS.space); // list_models: on → off
      await h.see('Allowed requests 4/60 allowed');
      h.press(KEYS.esc);
      await h.see(/\*Allowed requests\s+4\/60 allowed/);
    },
    edits: (got) => [{ path: ['custom_provider_config', 'allowed_requests'], value: { ...got.custom_provider_config.allowed_requests, list_models: false } }],
    review: [/~ custom_provider_config\.allowed_requests\.list_models: true → false/],
  },
  {
    title: 'Custom provider: a request path override added',
    provider: 'acme-llm',
    act: async (h) => {
      await goTo(h, 5, 4, 'Request path overrides');
      h.press(KEYS.enter);
      await h.see('Request path overrides · 1 entry');
      h.press('a', 'embedding', KEYS.enter, '/v2/embed', KEYS.enter);
      await h.see('Request path overrides · 2 entries');
      h.press(KEYS.esc);
      await h.see(/\*Request path overrides .*embedding: \/v2\/embed/);
    },
    edits: (got) => [{ path: ['custom_provider_config', 'request_path_overrides'], value: { ...got.custom_provider_config.request_path_overrides, embedding: '/v2/embed' } }],
    review: [/\+ custom_provider_config\.request_path_overrides\.embedding: "\/v2\/embed"/],
  },
  {
    title: 'OpenAI: disable_store off',
    provider: 'openai',
    act: async (h) => {
      await goTo(h, 6, 1, 'Disable store');
      h.press(KEYS.enter);
      await h.see(/\*Disable store\s+off/);
    },
    edits: () => [{ path: ['openai_config', 'disable_store'], value: false }],
    review: [/~ openai_config\.disable_store: true → false/],
  },
];

describe('form save: one change per section, exact PUT body', () => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const h = await start();
    const got = await h.get(c.provider);
    await open(h, c.provider);
    await c.act(h);
    await h.see(`${c.changed ?? 1} changed`);
    h.press(KEYS.ctrlS);
    await h.see(`Review: saving ${c.provider} changes ${c.changed ?? 1} field`);
    for (const line of c.review) expect(h.frame()).toMatch(line);
    h.press('y');
    await h.see(new RegExp(`saved ${c.provider} at \\d\\d:\\d\\d:\\d\\d`));
    const put = lastPut(h);
    expect(put.url).toBe(`/api/providers/${c.provider}`);
    expect(put.json).toEqual(buildUpdateBody(got, c.edits(got)));
    expect(h.puts()).toHaveLength(1);
    // the status refresh after the save, and the form is clean again
    await h.see(/· status active/);
    await h.see('no changes');
    // nothing left on disk once saved; the backup is what the gateway had
    expect(h.drafts.listDrafts(GW, c.provider)).toEqual([]);
    expect(h.history.listHistory(GW, c.provider).map((e) => e.object)).toEqual([got]);
  });

  it('the PUT keeps unknown fields, EnvVar objects and redacted secrets byte for byte', async () => {
    const h = await start();
    const got = await h.get('groq');
    await open(h, 'groq');
    await goTo(h, 2, 1, 'Concurrency');
    typeValue(h, '50');
    await saveAndConfirm(h, 'groq');
    const body = lastPut(h).body;
    const proxy = got.proxy_config as Record<string, unknown>;
    // the exact JSON text of each untouched EnvVar appears in the body
    for (const k of ['url', 'username', 'password']) expect(body).toContain(JSON.stringify(proxy[k]));
    expect(JSON.stringify(proxy.password)).toMatch(/\*{24}|REDACTED|\*{8}/i);
    // and the gateway still has the real secret (the redacted echo was not stored)
    expect(JSON.stringify(h.gw.storedProvider('groq')?.proxy_config)).toContain('Pr0xy-S3cret-2024!');
    const openai = await start();
    const o = await openai.get('openai');
    await open(openai, 'openai');
    await goTo(openai, 2, 1, 'Concurrency');
    typeValue(openai, '900');
    await saveAndConfirm(openai, 'openai');
    const sent = lastPut(openai).json as Record<string, any>;
    expect(sent.pricing_overrides).toEqual(o.pricing_overrides);
    expect(sent.network_config.ca_cert_pem).toBe((o.network_config as Record<string, unknown>).ca_cert_pem);
    for (const k of ['name', 'provider_status', 'config_hash', 'keys']) expect(sent).not.toHaveProperty(k);
    expect(openai.gw.storedProvider('openai')?.network_config?.ca_cert_pem).toContain('BEGIN CERTIFICATE');
  });
});

describe('form save: someone else changed the provider', () => {
  async function editThenMutate(): Promise<{ h: Harness; got: Record<string, unknown> }> {
    const h = await start();
    const got = await h.get('openai');
    await open(h, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    await h.see('1 changed');
    h.gw.mutateProvider('openai', (p) => {
      p.network_config!.default_request_timeout_in_seconds = 600;
    });
    h.press(KEYS.ctrlS);
    await h.see('⚠ openai changed on the gateway since you opened it (1 field):');
    expect(h.frame()).toMatch(/~ network_config\.default_request_timeout_in_seconds: 60 → 600/);
    expect(h.frame()).toContain('None of these is a field you edited');
    expect(h.puts()).toHaveLength(0);
    return { h, got };
  }

  it('r reloads and re-applies: the PUT has both changes', async () => {
    const { h } = await editThenMutate();
    const fresh = await h.get('openai');
    h.press('r');
    await h.see('Review: saving openai changes 1 field');
    expect(h.frame()).toMatch(/~ network_config\.max_retries: 2 → 7/);
    h.press('y');
    await h.see(/saved openai at/);
    expect(lastPut(h).json).toEqual(buildUpdateBody(fresh, [{ path: ['network_config', 'max_retries'], value: 7 }]));
    expect(h.gw.storedProvider('openai')?.network_config).toMatchObject({ max_retries: 7, default_request_timeout_in_seconds: 600 });
  });

  it('o overwrites knowingly: the review shows their change reverted, the backup keeps their version', async () => {
    const { h, got } = await editThenMutate();
    const fresh = await h.get('openai');
    h.press('o');
    await h.see('Review: saving openai changes 2 fields');
    expect(h.frame()).toContain('You chose to overwrite');
    expect(h.frame()).toMatch(/~ network_config\.default_request_timeout_in_seconds: 600 → 60/);
    h.press('y');
    await h.see(/saved openai at/);
    expect(lastPut(h).json).toEqual(buildUpdateBody(got, [{ path: ['network_config', 'max_retries'], value: 7 }]));
    expect(h.gw.storedProvider('openai')?.network_config).toMatchObject({ max_retries: 7, default_request_timeout_in_seconds: 60 });
    // what was overwritten is recoverable from the history
    expect(h.history.listHistory(GW, 'openai')[0]?.object).toEqual(fresh);
  });

  it('Esc on the conflict sends nothing and keeps the edit', async () => {
    const { h } = await editThenMutate();
    h.press(KEYS.esc);
    await h.see(/\*Max retries\s+7/);
    expect(h.puts()).toHaveLength(0);
  });
});

/** A second writer on the same gateway (another operator, a script): GET, change, PUT the complete body over HTTP. */
async function otherWriter(h: Harness, name: string, edits: Edit[]): Promise<void> {
  const other = createClient({ baseUrl: h.gw.url, auth: { kind: 'none' } });
  try {
    const got = await other.getProvider(name);
    await other.updateProvider(name, buildUpdateBody(got, edits));
  } finally {
    await other.close();
  }
}

describe('form save: a concurrent writer', () => {
  it('a change landing while the review is open is not reverted: y shows the conflict again and writes nothing', async () => {
    const h = await start();
    await open(h, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    h.press(KEYS.ctrlS);
    await h.see('Review: saving openai changes 1 field');
    await otherWriter(h, 'openai', [{ path: ['network_config', 'retry_backoff_initial'], value: 2000 }]);
    expect(h.puts()).toHaveLength(1);
    h.press('y');
    await h.see('openai changed on the gateway while you reviewed: nothing was written');
    expect(h.frame()).toMatch(/~ network_config\.retry_backoff_initial: 500 → 2000/);
    expect(h.puts()).toHaveLength(1);
    expect(h.history.listHistory(GW, 'openai')).toEqual([]);
    h.press('r');
    await h.see('Review: saving openai changes 1 field');
    h.press('y');
    await h.see(/saved openai at/);
    expect(h.gw.storedProvider('openai')?.network_config).toMatchObject({ max_retries: 7, retry_backoff_initial: 2000 });
  });

  it('overwrite after someone rotated a secret keeps their secret (never the old mask) and the review says so; the PUT is the reviewed body', async () => {
    const h = await start();
    await open(h, 'groq');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    await otherWriter(h, 'groq', [{ path: ['proxy_config', 'username'], value: 'svc-rotated-user' }]);
    h.press(KEYS.ctrlS);
    await h.see('⚠ groq changed on the gateway since you opened it');
    h.press('o');
    await h.see('Review: saving groq changes 1 field');
    await h.see('Kept the gateway’s current secret: proxy_config.username');
    const review = { at: performance.now(), text: h.frame() };
    h.press('y');
    await h.see(/saved groq at/);
    const put = lastPut(h);
    expect(checkSaveAgainstReview(review, 'groq', put.previous, put.json)).toEqual({ problems: [], complete: true });
    const stored = h.gw.storedProvider('groq')?.proxy_config as Record<string, any>;
    expect(stored.username.value).toBe('svc-rotated-user');
    expect(stored.password.value).toBe('Pr0xy-S3cret-2024!');
    expect(h.gw.storedProvider('groq')?.network_config?.max_retries).toBe(7);
  });
});

describe('form: nulls from the gateway', () => {
  it('a provider with a null flag, header value and number opens, and a save carries the nulls through as received', async () => {
    const h = await start();
    h.gw.mutateProvider('acme-llm', (p: Record<string, any>) => {
      p.custom_provider_config.allowed_requests.some_future_flag = null;
      p.network_config.stream_idle_timeout_in_seconds = null;
      p.network_config.extra_headers = { ...p.network_config.extra_headers, 'X-Null': null };
    });
    const got = await h.get('acme-llm');
    await open(h, 'acme-llm');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '3');
    await saveAndConfirm(h, 'acme-llm');
    expect(lastPut(h).json).toEqual(buildUpdateBody(got, [{ path: ['network_config', 'max_retries'], value: 3 }]));
    const body = lastPut(h).json as Record<string, any>;
    expect(body.custom_provider_config.allowed_requests.some_future_flag).toBeNull();
    expect(body.network_config.extra_headers['X-Null']).toBeNull();
  });
});

describe('form save: failures and slow saves', () => {
  it('a 400 shows the gateway message in one line, keeps the edit and the draft; a retry succeeds', async () => {
    const h = await start();
    const got = await h.get('anthropic');
    await open(h, 'anthropic');
    await goTo(h, 2, 1, 'Concurrency');
    typeValue(h, '250');
    await h.see('1 changed');
    h.gw.addFault({ method: 'PUT', status: 400, message: 'Concurrency must be greater than 0', times: 1 });
    h.press(KEYS.ctrlS);
    await h.see('Review: saving anthropic');
    h.press('y');
    await h.see('save failed, nothing lost: 400 Bad Request: Concurrency must be greater than 0');
    const frame = h.frame();
    expect(frame).toMatch(/\*Concurrency\s+250/);
    expect(frame).toContain('1 changed');
    expect(frame.split('\n').filter((l) => l.includes('Concurrency must be greater than 0'))).toHaveLength(1);
    const draft = h.drafts.listDrafts(GW, 'anthropic')[0]?.draft;
    expect(draft?.fields?.['concurrency_and_buffer_size.concurrency']).toMatchObject({ text: '250', parsed: true });
    expect(h.drafts.listDrafts(GW, 'anthropic')).toHaveLength(1);
    expect(h.gw.storedProvider('anthropic')?.concurrency_and_buffer_size?.concurrency).toBe(500);
    // nothing was written, so there is no "version before the write" to keep
    expect(h.history.listHistory(GW, 'anthropic')).toEqual([]);

    await saveAndConfirm(h, 'anthropic');
    expect(h.history.listHistory(GW, 'anthropic').map((e) => e.object)).toEqual([got]);
    expect(h.puts()).toHaveLength(2);
    expect(lastPut(h).json).toEqual(buildUpdateBody(got, [{ path: ['concurrency_and_buffer_size', 'concurrency'], value: 250 }]));
    expect(h.gw.storedProvider('anthropic')?.concurrency_and_buffer_size?.concurrency).toBe(250);
    expect(h.drafts.listDrafts(GW, 'anthropic')).toEqual([]);
  });

  it('a slow save shows a ticking elapsed counter, keeps the keyboard alive and completes', async () => {
    const h = await start({ saveDelayMs: 1600 });
    await open(h, 'ollama');
    await goTo(h, 4, 1, 'Send back raw request');
    h.press(KEYS.enter);
    await h.see('1 changed');
    h.press(KEYS.ctrlS);
    await h.see('Review: saving ollama');
    h.press('y');
    await h.see('saving… 0 s');
    await h.see('saving… 1 s');
    // keys during the save neither crash nor act on the form, and the screen still answers
    h.press('j', 'x', KEYS.enter);
    await h.see(/saved ollama at/);
    await h.see(/\s+Send back raw request\s+on/);
    expect(h.puts()).toHaveLength(1);
    expect((lastPut(h).json as Record<string, unknown>).send_back_raw_request).toBe(true);
  });
});

describe('form: leaving, drafts, new providers', () => {
  it('leaving a dirty form asks; d discards (no PUT, no draft left)', async () => {
    const h = await start();
    await open(h, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    await h.see('1 changed');
    await waitFor(() => expect(h.drafts.listDrafts(GW, 'openai')).toHaveLength(1));
    h.press(KEYS.esc);
    await h.see('1 unsaved change: s save · d discard · Esc keep editing');
    h.press(KEYS.esc);
    await waitFor(() => expect(h.frame()).not.toContain('unsaved change'));
    expect(h.frame()).toMatch(/\*Max retries\s+7/);
    h.press(KEYS.esc);
    await h.see('1 unsaved change:');
    h.press('d');
    await h.see('configured');
    await h.see(/› openai/);
    expect(h.puts()).toHaveLength(0);
    expect(h.drafts.listDrafts(GW, 'openai')).toEqual([]);
    // reopening shows the gateway's value and no draft offer
    h.press(KEYS.enter);
    await h.see(/Max retries\s+2/);
    expect(h.frame()).not.toContain('Unsaved edits');
  });

  it('? shows the help over the form and closing it returns to the same edits and field', async () => {
    const h = await start();
    await open(h, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    h.press(KEYS.enter, KEYS.end, KEYS.ctrlU, '8');
    await h.see(/Max retries\s+8/);
    h.press(KEYS.enter, '?');
    await h.see('jump to the next error');
    expect(h.frame()).not.toContain('Max retries');
    h.press(KEYS.esc);
    await h.see(/› \*Max retries\s+8/);
    expect(h.frame()).toContain('1 changed');
  });

  it('a clean form leaves without asking', async () => {
    const h = await start();
    await open(h, 'openai');
    h.press(KEYS.esc);
    await h.see('configured');
  });

  it('after a crash the draft is offered on reopen; r restores it, including the text being typed', async () => {
    const h = await start();
    const got = await h.get('openai');
    await open(h, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    await h.see('1 changed');
    await goTo(h, 1, 3, 'Request timeout');
    h.press(KEYS.enter, KEYS.end, KEYS.ctrlU, '45'); // typing, not committed
    await h.see(/Request timeout\s+45/);
    for (const flush of h.exitFlushes) flush(); // SIGHUP: the app writes the draft with the pending text
    h.restart(); // the process died; a new one starts
    await open(h, 'openai', false);
    await h.see('Unsaved edits to openai from');
    expect(h.frame()).toContain('r restore them · d discard them');
    h.press('r');
    await h.see('draft restored');
    await h.see(/\*Max retries\s+7/);
    // back in the field that was being typed into
    h.press('0', KEYS.enter);
    await h.see(/\*Request timeout\s+450 s/);
    await saveAndConfirm(h, 'openai');
    expect(lastPut(h).json).toEqual(buildUpdateBody(got, [
      { path: ['network_config', 'default_request_timeout_in_seconds'], value: 450 },
      { path: ['network_config', 'max_retries'], value: 7 },
    ]));
  });

  it('a dropped session while in the map editor or the flags grid keeps what was changed there', async () => {
    const h = await start();
    const got = await h.get('acme-llm');
    await open(h, 'acme-llm');
    await goTo(h, 5, 3, 'Allowed requests');
    h.press(KEYS.enter);
    await h.see('Allowed requests 5/60 allowed');
    h.press(KEYS.space);
    await h.see('Allowed requests 4/60 allowed');
    for (const flush of h.exitFlushes) flush(); // SIGHUP with the grid open
    h.restart();
    await open(h, 'acme-llm', false);
    await h.see('Unsaved edits to acme-llm from');
    h.press('r');
    await h.see(/\*Allowed requests\s+4\/60 allowed/);

    // the same for the map editor
    await goTo(h, 1, 2, 'Extra headers');
    h.press(KEYS.enter);
    await h.see('Extra headers · 1 entry');
    h.press('a', 'X-Trace-Id', KEYS.enter, 'abc', KEYS.enter);
    await h.see('Extra headers · 2 entries');
    for (const flush of h.exitFlushes) flush();
    h.restart();
    await open(h, 'acme-llm', false);
    await h.see('Unsaved edits to acme-llm from');
    h.press('r');
    await h.see(/\*Extra headers .*X-Trace-Id: abc/);
    await saveAndConfirm(h, 'acme-llm');
    const g = got as Record<string, any>;
    expect(lastPut(h).json).toEqual(buildUpdateBody(got, [
      { path: ['network_config', 'extra_headers'], value: { ...g.network_config.extra_headers, 'X-Trace-Id': 'abc' } },
      { path: ['custom_provider_config', 'allowed_requests'], value: { ...g.custom_provider_config.allowed_requests, list_models: false } },
    ]));
  });

  it('a draft left by a crash without a flush is offered too, and d discards it', async () => {
    const h = await start();
    await open(h, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    await h.see('1 changed');
    h.restart(); // no flush: only committed edits were on disk
    await open(h, 'openai', false);
    await h.see('Unsaved edits to openai from');
    h.press('d');
    await h.see('draft discarded');
    await h.see(/ Max retries\s+2/);
    await waitFor(() => expect(h.drafts.listDrafts(GW, 'openai')).toEqual([]));
  });

  it('two editors of one provider keep a draft each; on reopen every unrecovered draft is offered, one after the other', async () => {
    const h = await start();
    // a second editor of the same provider on the same machine and stores (another terminal)
    const second: Harness = { ...h, app: render(<App services={h.services} mono size={SIZE} />) };
    second.frame = () => second.app.lastFrame() ?? '';
    second.see = (text, timeoutMs = WAIT) => waitFor(() => expect(second.frame()).toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text), timeoutMs);
    second.press = (...keys) => keys.forEach((k) => second.app.stdin.write(k));
    cleanups.push(() => second.app.unmount());
    await open(h, 'openai');
    await open(second, 'openai');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '7');
    await h.see('1 changed');
    await goTo(second, 1, 3, 'Request timeout');
    typeValue(second, '600');
    await second.see('1 changed');
    // while both run, neither draft is offered to a third editor (both are held)
    expect(h.services.drafts!.unrecovered(GW, 'openai')).toEqual([]);
    second.app.unmount();
    h.restart(); // both gone without saving: two unrecovered drafts
    await open(h, 'openai', false);
    await h.see('Unsaved edits to openai from');
    h.press('d');
    await h.see('draft discarded; 1 more to look at');
    await h.see('Unsaved edits to openai from');
    h.press('r');
    await h.see('draft restored (1 changed field)');
    // the two drafts held different edits: the first offered was the newest (timeout), the restored one is the other
    await h.see(/\*Max retries\s+7/);
    expect(h.frame()).toMatch(/ Request timeout\s+60 s/);
  });

  it('an unconfigured built-in (a shows them) is created with one POST of that name only (never an upsert PUT)', async () => {
    const h = await start();
    await h.see('configured');
    h.press('a');
    await h.see('mistral');
    h.press('/', 'mistral');
    await h.see(/› mistral/);
    h.press(KEYS.enter, KEYS.enter);
    await h.see('mistral is not configured on this gateway yet: saving creates it');
    await goTo(h, 1, 4, 'Max retries');
    typeValue(h, '3');
    await h.see('1 changed');
    h.press(KEYS.ctrlS);
    await h.see('Review: saving mistral');
    h.press('y');
    await h.see(/saved mistral at/);
    const writes = h.gw.requests.filter((r) => r.method !== 'GET');
    expect(writes.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/providers']);
    expect(writes[0]!.json).toEqual({
      provider: 'mistral',
      network_config: { max_retries: 3 },
      concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 },
      proxy_config: null,
      send_back_raw_request: false,
      send_back_raw_response: false,
      store_raw_request_response: false,
    });
    expect(h.gw.storedProvider('mistral')).toBeDefined();
    // the backup says it did not exist (restoring it deletes the provider)
    expect(h.history.listHistory(GW, 'mistral').map((e) => e.object)).toEqual([{ name: 'mistral', _bifrost_tui: { absent: true, note: expect.any(String) } }]);
  });
});
