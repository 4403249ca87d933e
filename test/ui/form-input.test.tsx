/** How the form takes input that does not arrive one key at a time: pastes, keys during a load, Ctrl+S mid-edit. */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { Provider } from '../../src/api/wire.js';
import { App } from '../../src/ui/app.js';
import { fakeClient, fakeServices, waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';

const OPENAI: Provider = {
  name: 'openai',
  provider_status: 'active',
  network_config: { base_url: 'https://api.openai.com', max_retries: 2 },
  concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 },
};

/** A client whose GET of one provider waits until `release()` (a slow link). */
function gatedClient() {
  const client = fakeClient([structuredClone(OPENAI)]);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const get = client.getProvider.bind(client);
  client.getProvider = async (name, o) => {
    await gate;
    return get(name, o);
  };
  return { client, release };
}

function open(client = fakeClient([structuredClone(OPENAI)])) {
  const app = render(<App services={fakeServices(client)} mono size={{ columns: 100, rows: 30 }} />);
  return { client, ...app };
}

async function toMaxRetries(app: ReturnType<typeof open>) {
  await waitFor(() => expect(app.lastFrame()).toContain('› openai'));
  app.stdin.write(KEYS.enter);
  await waitFor(() => expect(app.lastFrame()).toContain('Max retries'));
  // Section header, Base URL, Extra headers, Request timeout, Max retries.
  app.stdin.write('jjjj');
  await waitFor(() => expect(app.lastFrame()).toMatch(/› \s*Max retries/));
}

describe('form input', () => {
  it('a bracketed paste with a line break goes into the field as text, not as Enter plus commands', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write(`${KEYS.pasteStart}3\nX${KEYS.pasteEnd}`);
    await waitFor(() => expect(app.lastFrame()).toContain('3 X'));
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.lastFrame()).toMatch(/Max retries\s+2/));
    expect(app.lastFrame()).not.toContain('all edits reverted');
  });

  it('a pasted line break is text even at the end of the paste (no Enter: the field stays open)', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write(`${KEYS.pasteStart}7\n${KEYS.pasteEnd}`);
    await waitFor(() => expect(app.lastFrame()).toMatch(/Max retries\s+7/));
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.lastFrame()).toMatch(/› \s*Max retries\s+2/));
    expect(app.lastFrame()).not.toContain('*Max retries');
  });

  it('Enter, ^U, then 5 Enter ^S in one read: sets 5, leaves edit mode and starts the save', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write(`5${KEYS.enter}${KEYS.ctrlS}`);
    await waitFor(() => expect(app.lastFrame()).toContain('network_config.max_retries: 2 → 5'));
  });

  it('"8" Enter "j" in one read sets 8 and moves down', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write('8\rj');
    await waitFor(() => expect(app.lastFrame()).toMatch(/› \s*Retry backoff initial/));
    expect(app.lastFrame()).toMatch(/\*Max retries\s+8/);
  });

  it('Esc then a key in one read is Esc, then the key (not Alt+key)', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write('7');
    app.stdin.write(`${KEYS.esc}j`);
    await waitFor(() => expect(app.lastFrame()).toMatch(/› \s*Retry backoff initial/));
    expect(app.lastFrame()).toMatch(/ Max retries\s+2/);
  });

  it('keys typed while the provider loads are applied once it is there', async () => {
    const { client, release } = gatedClient();
    const app = open(client);
    await waitFor(() => expect(app.lastFrame()).toContain('› openai'));
    app.stdin.write(KEYS.enter);
    await waitFor(() => expect(app.lastFrame()).toContain('Loading openai'));
    app.stdin.write('jjjj');
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write('5');
    app.stdin.write(KEYS.enter);
    release();
    await waitFor(() => expect(app.lastFrame()).toMatch(/\*Max retries\s+5/));
  });

  it('Ctrl+S while typing keeps the value and starts the save', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write('4');
    app.stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(app.lastFrame()).toContain('network_config.max_retries: 2 → 4'));
    app.stdin.write('y');
    await waitFor(() => expect(app.lastFrame()).toContain('saved openai'));
    expect(app.client.calls.filter((c) => c === 'put openai')).toHaveLength(1);
  });

  it('? then G in one read opens the help at its end (the key after a screen change is not undone)', async () => {
    const app = open();
    await toMaxRetries(app);
    app.stdin.write('?G');
    await waitFor(() => expect(app.lastFrame()).toMatch(/lines \d+-(\d+) of \1 · end/));
    expect(app.lastFrame()).toContain('Everywhere');
  });

  it('Esc while checking the gateway cancels; nothing is sent and the edit stays', async () => {
    const { client, release } = gatedClient();
    release();
    const app = open(client);
    await toMaxRetries(app);
    app.stdin.write(KEYS.enter);
    app.stdin.write(KEYS.ctrlU);
    app.stdin.write('6');
    app.stdin.write(KEYS.enter);
    // The re-GET before the save never answers.
    client.getProvider = () => new Promise(() => undefined);
    app.stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(app.lastFrame()).toContain('checking the gateway'));
    app.stdin.write(KEYS.esc);
    await waitFor(() => expect(app.lastFrame()).not.toContain('checking the gateway'));
    expect(app.lastFrame()).toMatch(/\*Max retries\s+6/);
    expect(app.client.calls).not.toContain('put openai');
  });
});
