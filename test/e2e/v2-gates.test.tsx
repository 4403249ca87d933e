/**
 * A v2.2 gateway with dashboard auth off answers some changes with 403
 * "requires an authenticated admin session" (VERSIONS.md §5.6). The form says
 * which fields need the admin session, in one line, and keeps every edit and
 * the draft; the same save of an ungated field goes through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { draftService } from '../../src/app/local-services.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openDraftStore } from '../../src/store/draft-store.js';
import { openHistoryStore } from '../../src/store/history-store.js';
import { App } from '../../src/ui/app.js';
import type { Services } from '../../src/ui/services.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(gw: DemoGateway) {
  const dir = mkdtempSync(join(tmpdir(), 'bt-gates-'));
  const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
  const drafts = openDraftStore({ dir });
  const history = openHistoryStore({ dir });
  const services: Services = {
    ...fakeServices(client),
    drafts: draftService(drafts),
    history: { append: (g, p, o) => history.appendHistory(g, p, o).id, remove: (g, p, id) => void history.removeHistory(g, p, id) },
  };
  const app = render(<App services={services} mono size={{ columns: 280, rows: 40 }} />);
  cleanups.push(async () => {
    app.unmount();
    await client.close();
    await gw.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });
  const frame = (): string => app.lastFrame() ?? '';
  const see = (text: string | RegExp): Promise<void> => waitFor(() => (typeof text === 'string' ? expect(frame()).toContain(text) : expect(frame()).toMatch(text)));
  const press = (...keys: string[]): void => {
    for (const k of keys) app.stdin.write(k);
  };
  return { drafts, frame, see, press };
}

it('a base URL change is refused with the fields named; the edit and the draft stay; a timeout change saves', async () => {
  const gw = await startDemoGateway({ port: 0, version: '2.2', authBypassed: true });
  const h = await start(gw);
  await h.see('configured');
  h.press('/groq', KEYS.enter, KEYS.enter);
  await h.see(/› groq\s+no changes/);
  h.press('1');
  await h.see(/› +Base URL /);
  h.press(KEYS.enter, KEYS.ctrlU, 'https://groq-proxy.example.com', KEYS.enter);
  await h.see('1 changed');
  h.press(KEYS.ctrlS);
  await h.see('Review: saving groq');
  h.press('y');
  const line = 'save failed, nothing lost: 403 Forbidden: changing network_config.base_url, network_config.allow_private_network needs an authenticated admin session (the gateway\'s dashboard auth is off): turn dashboard authentication on and connect as an admin';
  await h.see(line);
  expect(h.frame().split('\n').filter((l) => l.includes('needs an authenticated admin session'))).toHaveLength(1);
  expect(h.frame()).toMatch(/\*Base URL\s+https:\/\/groq-proxy\.example\.com/);
  expect(h.frame()).toContain('1 changed');
  await waitFor(() => expect(h.drafts.listDrafts('test', 'groq')).toHaveLength(1));
  expect(h.drafts.listDrafts('test', 'groq')[0]?.draft.fields?.['network_config.base_url']).toMatchObject({ text: 'https://groq-proxy.example.com' });
  expect(gw.storedProvider('groq')?.network_config?.base_url).toBeUndefined();
  expect(gw.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([403]);

  // Reverting the gated field leaves an ungated change that the same gateway takes.
  h.press('x');
  await h.see('no changes');
  h.press('j', 'j');
  await h.see(/› +Request timeout /);
  h.press(KEYS.enter, KEYS.ctrlU, '45', KEYS.enter, KEYS.ctrlS);
  await h.see('Review: saving groq');
  h.press('y');
  await h.see(/saved groq at \d\d:\d\d:\d\d/);
  expect(gw.storedProvider('groq')?.network_config?.default_request_timeout_in_seconds).toBe(45);
});
