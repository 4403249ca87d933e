/** The app on replies a hostile gateway can send: nesting past the bound is one clear line; `__proto__` members are shown and sent back. */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { MAX_JSON_DEPTH } from '../../src/api/json-limits.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { nested, startHostileGateway, type HostileGateway } from './hostile-gateway.js';

let gw: HostileGateway | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await gw?.close();
  gw = stop = undefined;
});

async function app(g: HostileGateway) {
  const client = createClient({ baseUrl: g.url, auth: { kind: 'none' }, timeoutMs: 600_000 });
  const a = render(<App services={fakeServices(client)} mono size={{ columns: 120, rows: 30 }} />);
  stop = async () => {
    a.unmount();
    await client.close();
  };
  const frame = (): string => a.lastFrame() ?? '';
  return { frame, see: (text: string | RegExp) => waitFor(() => (typeof text === 'string' ? expect(frame()).toContain(text) : expect(frame()).toMatch(text))), press: (...k: string[]) => k.forEach((x) => a.stdin.write(x)) };
}

describe('hostile replies in the app', () => {
  it(`a list nested deeper than ${MAX_JSON_DEPTH} levels: one line saying so, and the app stays up (r retries)`, async () => {
    gw = await startHostileGateway();
    gw.setProvider('openai', `{"name":"openai","x_deep":${nested(5000)}}`);
    const h = await app(gw);
    await h.see(`✖ unexpected reply to GET /api/providers: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    gw.setProvider('openai', '{"name":"openai","network_config":{"base_url":"https://api.openai.com"}}');
    h.press('r');
    await h.see('› openai');
  });

  it('__proto__ members: shown under Other fields, and a save sends them back', async () => {
    gw = await startHostileGateway();
    gw.setProvider('openai', '{"name":"openai","network_config":{"base_url":"https://api.openai.com","max_retries":1,"__proto__":{"pinned":true}},"__proto__":{"x_owner":"team-a"}}');
    const h = await app(gw);
    await h.see('› openai');
    h.press(KEYS.enter);
    await h.see('Concurrency');
    h.press('G');
    await h.see(/__proto__\s+\{"x_owner":"team-a"\}/);
    expect(h.frame()).toMatch(/network_config\.__proto__\s+\{"pinned":true\}/);
    h.press('g', 'j', 'j', 'j', 'j', KEYS.enter, KEYS.ctrlU, '3', KEYS.enter);
    await h.see('1 changed');
    h.press(KEYS.ctrlS);
    await h.see('Review: saving openai');
    h.press('y');
    await waitFor(() => expect(gw!.requests.some((r) => r.method === 'PUT')).toBe(true));
    const body = gw.requests.find((r) => r.method === 'PUT')!.body;
    expect(body).toContain('"__proto__":{"x_owner":"team-a"}');
    expect(body).toContain('"__proto__":{"pinned":true}');
    expect(body).toContain('"max_retries":3');
  });
});
