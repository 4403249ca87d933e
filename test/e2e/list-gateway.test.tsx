/** The list screen with the real client against the demo gateway over loopback. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { createClient } from '../../src/api/client.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';
import type { DemoGateway } from '../../src/demo-gateway/types.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

let gw: DemoGateway;
beforeEach(async () => {
  gw = await startDemoGateway({ port: 0 });
});
afterEach(async () => {
  await gw.close();
});

function start(columns = 120, rows = 30) {
  const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, timeoutMs: 3000 });
  return render(<App services={fakeServices(client)} mono size={{ columns, rows }} />);
}

const listRequests = (): number => gw.requests.filter((r) => r.method === 'GET' && r.url === '/api/providers').length;

describe('provider list against the demo gateway', () => {
  it('lists the gateway providers with the right badges from one request', async () => {
    const { lastFrame } = start();
    await waitFor(() => expect(lastFrame()).toContain('openai'));
    const frame = lastFrame()!;
    expect(frame).toMatch(/azure\s+built-in\s+✖ error/);
    expect(frame).toMatch(/acme-llm\s+custom \(openai\)\s+● active/);
    expect(frame).toMatch(/ollama\s+built-in\s+● active.*list_models_failed/);
    expect(listRequests()).toBe(1);
    // No request per provider: the list needs only the list call.
    expect(gw.requests.filter((r) => r.url.startsWith('/api/providers/'))).toHaveLength(0);
  });

  it('filters, opens a provider (one GET of that name) and comes back', async () => {
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('openai'));
    stdin.write('/gro');
    await waitFor(() => expect(lastFrame()).toContain('1 match'));
    stdin.write(KEYS.enter);
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('Proxy type'));
    expect(gw.requests.filter((r) => r.url === '/api/providers/groq')).toHaveLength(1);
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('› groq'));
  });

  it('r shows what changed on the gateway since the last load', async () => {
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    gw.mutateProvider('azure', (p) => {
      p.provider_status = 'active';
      p.concurrency_and_buffer_size = { concurrency: 42, buffer_size: 84 };
    });
    expect(lastFrame()).toMatch(/azure\s+built-in\s+✖ error/);
    stdin.write('r');
    await waitFor(() => expect(lastFrame()).toMatch(/azure\s+built-in\s+● active\s+42\/84/));
    expect(listRequests()).toBe(2);
  });

  it('a gateway error keeps the last list and says why; r recovers', async () => {
    const { lastFrame, stdin } = start();
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    gw.addFault({ method: 'GET', path: '/api/providers', status: 500, message: 'Failed to get providers: database is locked', times: 1 });
    stdin.write('r');
    await waitFor(() => expect(lastFrame()).toContain('Failed to get providers: database is locked'));
    expect(lastFrame()).toContain('azure');
    stdin.write('r');
    await waitFor(() => expect(lastFrame()).not.toContain('database is locked'));
  });
});
