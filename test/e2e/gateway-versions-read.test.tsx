/**
 * The read side on every line the demo gateway plays (VERSIONS.md §1, §2): the
 * real client lists and reads providers, finds the version (reported, and by
 * probing a dev build), and the app shows it in the header after the list.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { createClient } from '../../src/api/client.js';
import type { GatewayClient } from '../../src/api/types.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { App } from '../../src/ui/app.js';
import { fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { describeEachVersion, REPORTED } from '../helpers/gateway-versions.js';

const LINES = { '1.4': 'v1.4', '1.5': 'v1.5', '1.6': 'v1.6', '2.2': 'v2' } as const;

describeEachVersion('reading a gateway', (version) => {
  let gw: DemoGateway;
  let client: GatewayClient;
  beforeEach(async () => {
    gw = await startDemoGateway({ version });
    client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, timeoutMs: 5000 });
  });
  afterEach(async () => {
    await client.close();
    await gw.close();
  });

  it('lists and gets providers: the same names and settings on every line; keys inside them on v1.4 only', async () => {
    const list = await client.listProviders();
    expect(list.map((p) => p.name)).toEqual(['acme-llm', 'anthropic', 'azure', 'groq', 'ollama', 'openai']);
    const openai = await client.getProvider('openai');
    expect(openai.network_config).toMatchObject({ base_url: 'https://api.openai.com', max_retries: 2, default_request_timeout_in_seconds: 60 });
    expect(openai.custom_provider_config).toBeUndefined();
    expect(Array.isArray((openai as Record<string, unknown>).keys)).toBe(version === '1.4');
    expect('ignore_provider_cost' in openai).toBe(version === '2.2');
  });

  it('finds the version with one request when the gateway reports it', async () => {
    const before = gw.requests.length;
    expect(await client.version()).toMatchObject({ line: LINES[version], reported: REPORTED[version], via: 'reported' });
    // Kept per client: asking again sends nothing.
    await client.version();
    expect(gw.requests.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/version']);
  });

  it('probes a dev build (v1.0.0) without a single write, reusing a list already read', async () => {
    await gw.close();
    gw = await startDemoGateway({ version, reportedVersion: 'v1.0.0' });
    await client.close();
    client = createClient({ baseUrl: gw.url, auth: { kind: 'none' }, timeoutMs: 5000 });
    await client.listProviders();
    const v = await client.version();
    expect(v).toMatchObject({ line: LINES[version], via: 'probed', reported: 'v1.0.0' });
    expect(gw.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(gw.requests.filter((r) => r.url === '/api/providers')).toHaveLength(1);
  });

  it('shows the version in the header once the list is there; a provider opens', async () => {
    const app = render(<App services={fakeServices(client)} mono size={{ columns: 120, rows: 30 }} />);
    await waitFor(() => expect(app.lastFrame()).toContain(`· gateway ${REPORTED[version]} · auth none`));
    expect(app.lastFrame()).toMatch(/azure\s+built-in\s+✖ error/);
    const urls = gw.requests.map((r) => r.url);
    expect(urls.indexOf('/api/version')).toBeGreaterThan(urls.indexOf('/api/providers'));
    app.stdin.write('/groq');
    await waitFor(() => expect(app.lastFrame()).toContain('1 match'));
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.lastFrame()).toMatch(/Max retries\s+1/));
    expect(app.lastFrame()).toMatch(/Proxy type\s+http/);
    expect(app.lastFrame()).toContain(`gateway ${REPORTED[version]}`);
    app.unmount();
  });
});
