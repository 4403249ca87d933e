/**
 * The app end to end for write tests: the real undici client against a demo
 * gateway on loopback, drafts and history in a temp dir, keys typed through
 * ink-testing-library, frames waited for (never slept on).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { expect } from 'vitest';
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import { draftService } from '../../src/app/local-services.js';
import { startDemoGateway, type DemoGateway, type DemoGatewayOptions, type RecordedRequest } from '../../src/demo-gateway/index.js';
import { openDraftStore, type DraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore, type HistoryStore } from '../../src/store/history-store.js';
import { App } from '../../src/ui/app.js';
import type { Services } from '../../src/ui/services.js';
import { fakeServices, waitFor } from './fake-client.js';
import { KEYS } from './keys.js';

/** The gateway key `fakeServices` uses: drafts and history are filed under it. */
export const APP_GW = 'test';
const SIZE = { columns: 120, rows: 45 };

export interface AppHarness {
  gw: DemoGateway;
  client: GatewayClient;
  services: Services;
  drafts: DraftStore;
  history: HistoryStore;
  frame(): string;
  see(text: string | RegExp, timeoutMs?: number): Promise<void>;
  press(...keys: string[]): void;
  /** The provider exactly as GET answers now (raw JSON). */
  get(name: string): Promise<Record<string, any>>;
  /** The app's requests other than GETs, from `since` (an index into gw.requests). */
  writes(since?: number): RecordedRequest[];
  close(): Promise<void>;
}

export async function startApp(opts: DemoGatewayOptions & { services?: (s: Services) => Services } = {}): Promise<AppHarness> {
  const gw = await startDemoGateway({ port: 0, ...opts });
  const dir = mkdtempSync(join(tmpdir(), 'bt-app-'));
  const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
  const drafts = openDraftStore({ dir });
  const history = openHistoryStore({ dir });
  const base: Services = {
    ...fakeServices(client),
    drafts: draftService(drafts),
    history: { append: (g, p, o) => history.appendHistory(g, p, o).id, remove: (g, p, id) => void history.removeHistory(g, p, id) },
  };
  const services = opts.services ? opts.services(base) : base;
  const app = render(<App services={services} mono size={SIZE} />);
  const h: AppHarness = {
    gw, client, services, drafts, history,
    frame: () => app.lastFrame() ?? '',
    see: (text, timeoutMs = 30_000) => waitFor(() => {
      const f = h.frame();
      if (typeof text === 'string') expect(f).toContain(text);
      else expect(f).toMatch(text);
    }, timeoutMs),
    press: (...keys) => {
      for (const k of keys) app.stdin.write(k);
    },
    get: async (name) => (await (await fetch(`${gw.url}/api/providers/${encodeURIComponent(name)}`)).json()) as Record<string, any>,
    writes: (since = 0) => gw.requests.slice(since).filter((r) => r.method !== 'GET'),
    close: async () => {
      app.unmount();
      await client.close();
      await gw.close();
      rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    },
  };
  return h;
}

/** Opens a provider from the list through the filter; waits for its form. */
export async function openProvider(h: AppHarness, name: string, expectForm = true): Promise<void> {
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

/** Moves to section `n`, then to row `row` of it, and checks the focused row's label. */
export async function goToField(h: AppHarness, section: number, row: number, label: string): Promise<void> {
  h.press(String(section));
  for (let i = 1; i < row; i++) h.press('j');
  await h.see(new RegExp(`› +\\*?${label.replace(/[()/]/g, '\\$&')} `));
}

/** Replaces the text of the focused text/number field. */
export function typeValue(h: AppHarness, text: string): void {
  h.press(KEYS.enter, KEYS.end, KEYS.ctrlU, text, KEYS.enter);
}
