import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { ApiError } from '../../src/api/api-error.js';
import type { Provider } from '../../src/api/wire.js';
import { summarizeProvider } from '../../src/api/provider-summary.js';
import { App } from '../../src/ui/app.js';
import { fakeClient, fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

const PROVIDERS: Provider[] = [
  { name: 'acme-llm', provider_status: 'active', custom_provider_config: { base_provider_type: 'openai' }, concurrency_and_buffer_size: { concurrency: 10, buffer_size: 50 }, network_config: { base_url: 'https://llm.acme.internal/v1' } },
  { name: 'anthropic', provider_status: 'active', concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 } },
  { name: 'azure', provider_status: 'error', concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 } },
  { name: 'ollama', provider_status: 'active', status: 'list_models_failed', description: 'failed to list models: connection refused', concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 } },
];

function start(width: number, rows = 20, providers = PROVIDERS) {
  const client = fakeClient(providers);
  const app = render(<App services={fakeServices(client)} mono size={{ columns: width, rows }} />);
  return { client, ...app };
}

describe.each([60, 80, 120])('list screen at %i columns', (width) => {
  it('shows every provider with a text badge and the connection in the header', async () => {
    const { lastFrame } = start(width);
    await waitFor(() => expect(lastFrame()).toContain('ollama'));
    const frame = lastFrame()!;
    expect(frame).toContain('http://gw.test:8080');
    expect(frame).toContain('● active');
    expect(frame).toContain('✖ error');
    expect(frame).toMatch(/custom \(openai\)|custom \(open/);
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
  });

  it('shows a loading indicator without animation while the first load is pending', async () => {
    const client = fakeClient(PROVIDERS);
    client.hang = true;
    const { lastFrame, frames } = render(<App services={fakeServices(client)} mono size={{ columns: width, rows: 20 }} />);
    await waitFor(() => expect(lastFrame()).toContain('Loading providers'));
    const n = frames.length;
    await new Promise((r) => setTimeout(r, 1500));
    // No animation: a spinner would repaint ~15 times here. At most the one-off activity mark a request
    // shows after 1 s, and a layout settle; a loaded machine only makes it fewer.
    expect(frames.length - n).toBeLessThanOrEqual(2);
  });

  it('says how to give a key on 401, and r retries', async () => {
    const client = fakeClient(PROVIDERS);
    client.failNext = new ApiError('http', '401 Unauthorized: the gateway needs a management API key', 401);
    const { lastFrame, stdin } = render(<App services={fakeServices(client)} mono size={{ columns: width, rows: 20 }} />);
    await waitFor(() => expect(lastFrame()).toContain('401 Unauthorized'));
    expect(lastFrame()).toContain('--api-key');
    stdin.write('r');
    await waitFor(() => expect(lastFrame()).toContain('anthropic'));
    expect(lastFrame()).not.toContain('401 Unauthorized');
  });

  it('shows an unreachable gateway in one line and stays up', async () => {
    const client = fakeClient(PROVIDERS);
    client.failNext = new ApiError('refused', 'cannot connect to http://gw.test:8080: connection refused');
    const { lastFrame } = render(<App services={fakeServices(client)} mono size={{ columns: width, rows: 20 }} />);
    await waitFor(() => expect(lastFrame()).toContain('connection refused'));
    expect(lastFrame()).toContain('r retries');
  });

  it('shows an empty gateway with a way forward', async () => {
    const { lastFrame } = start(width, 20, []);
    await waitFor(() => expect(lastFrame()).toContain('no providers configured'));
  });
});

describe('list screen keys', () => {
  it('j/k and arrows move the cursor; the detail line follows', async () => {
    const { lastFrame, stdin } = start(100);
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'));
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('› anthropic'));
    stdin.write(KEYS.down);
    stdin.write(KEYS.down);
    await waitFor(() => expect(lastFrame()).toContain('› ollama'));
    expect(lastFrame()).toContain('failed to list models: connection refused');
    stdin.write('g');
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'));
    stdin.write('G');
    await waitFor(() => expect(lastFrame()).toContain('› ollama'));
  });

  it('/ filters incrementally and Esc clears', async () => {
    const { lastFrame, stdin } = start(100);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    stdin.write('/');
    stdin.write('an');
    await waitFor(() => expect(lastFrame()).toContain('1 match'));
    expect(lastFrame()).toContain('anthropic');
    expect(lastFrame()).not.toContain('azure');
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
  });

  it('a shows built-ins that are not configured', async () => {
    const { lastFrame, stdin } = start(100, 40);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    expect(lastFrame()).not.toContain('not set up');
    stdin.write('a');
    await waitFor(() => expect(lastFrame()).toContain('○ not set up'));
  });

  it('? opens help built from the keymap, Esc closes it', async () => {
    const { lastFrame, stdin } = start(100, 40);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    stdin.write('?');
    await waitFor(() => expect(lastFrame()).toContain('Provider list'));
    expect(lastFrame()).toContain('filter by name');
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
  });

  it('Enter opens the provider; Esc returns to the list at the same row', async () => {
    const { lastFrame, stdin, client } = start(100, 30);
    await waitFor(() => expect(lastFrame()).toContain('azure'));
    stdin.write('j');
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('› azure'));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(client.calls).toContain('get azure'));
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('› azure'));
  });

  it('below the minimum size it says so', async () => {
    const { lastFrame } = start(50, 10);
    await waitFor(() => expect(lastFrame()).toContain('terminal too small (50x10, need 60x15)'));
  });
});

describe('keys arriving in one read (fast typing, tmux, paste)', () => {
  it('"jjj" moves three rows and "/an" filters', async () => {
    const { lastFrame, stdin } = start(100);
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'));
    stdin.write('jjj');
    await waitFor(() => expect(lastFrame()).toContain('› ollama'));
    stdin.write('/an\r');
    await waitFor(() => expect(lastFrame()).toContain('1 match'));
    expect(lastFrame()).toContain('Esc clears');
  });

  it('in the / filter, "gr" Enter "j" in one read filters for "gr", then moves', async () => {
    const { lastFrame, stdin } = start(100, 20, [...PROVIDERS, { name: 'groq', provider_status: 'active' }, { name: 'gryphon', provider_status: 'active' }]);
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'));
    stdin.write('/');
    await waitFor(() => expect(lastFrame()).toContain('Enter keep'));
    stdin.write('gr\rj');
    await waitFor(() => expect(lastFrame()).toContain('› gryphon'));
    expect(lastFrame()).toContain('2 matches');
  });

  it('a key right after Enter reaches the opened screen, not the list', async () => {
    const { lastFrame, stdin, client } = start(100, 30);
    await waitFor(() => expect(lastFrame()).toContain('› acme-llm'));
    // "q" in the provider view means back; had it reached the list, the app would have quit.
    stdin.write('j\rq');
    await waitFor(() => expect(client.calls).toContain('get anthropic'));
    await waitFor(() => expect(client.calls.filter((c) => c === 'list')).toHaveLength(2));
    expect(lastFrame()).toContain('› anthropic');
  });
});

describe('start-up prefetch', () => {
  it('the first load uses the list requested during start-up; r asks the gateway again', async () => {
    const client = fakeClient(PROVIDERS);
    const services = fakeServices(client);
    let taken = 0;
    const prefetched = { promise: Promise.resolve(PROVIDERS.slice(0, 2).map((p) => summarizeProvider(p))) };
    services.session.takePrefetchedList = () => (taken++ === 0 ? prefetched : undefined);
    const { lastFrame, stdin } = render(<App services={services} mono size={{ columns: 100, rows: 20 }} />);
    await waitFor(() => expect(lastFrame()).toContain('2 configured'));
    expect(client.calls).not.toContain('list');
    stdin.write('r');
    await waitFor(() => expect(lastFrame()).toContain('4 configured'));
    expect(client.calls.filter((c) => c === 'list')).toHaveLength(1);
  });

  it('a list that arrives between the first render and the first load still shows (the prefetch is read once)', async () => {
    const client = fakeClient(PROVIDERS);
    const services = fakeServices(client);
    const providers = PROVIDERS.slice(0, 3).map((p) => summarizeProvider(p));
    // The session fills `providers` in when the gateway answers, which may fall between the first
    // render and the effect that loads the list: the first look sees nothing, any later one the list.
    let looks = 0;
    const live = {
      promise: Promise.resolve(providers),
      get providers() {
        return looks++ === 0 ? undefined : providers;
      },
    };
    services.session.takePrefetchedList = () => live;
    const { lastFrame } = render(<App services={services} mono size={{ columns: 100, rows: 20 }} />);
    await waitFor(() => expect(lastFrame()).toContain('3 configured'));
    expect(client.calls).not.toContain('list');
  });

  it('a list that arrived before the first render is in the first frame, with no loading frame and no second request', async () => {
    const client = fakeClient(PROVIDERS);
    const services = fakeServices(client);
    const providers = PROVIDERS.slice(0, 3).map((p) => summarizeProvider(p));
    services.session.takePrefetchedList = () => ({ promise: Promise.resolve(providers), providers });
    const { frames, lastFrame, stdin } = render(<App services={services} mono size={{ columns: 100, rows: 20 }} />);
    expect(frames[0]).toContain('3 configured');
    expect(frames.some((f) => /loading/i.test(f))).toBe(false);
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain(`› ${providers[1]!.name}`));
    expect(client.calls).not.toContain('list');
  });
});
