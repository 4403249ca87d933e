import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { App } from '../../src/ui/app.js';
import { waitFor } from '../helpers/fake-client.js';
import { KEYS } from '../helpers/keys.js';
import { allText, fixture, KEY_A, KEY_B, servicesFor, type Fixture } from './profiles-helpers.js';

let f: Fixture;
let frames: string[][] = [];
beforeEach(async () => {
  f = await fixture();
  frames = [];
});
afterEach(async () => {
  // No frame of any test ever shows a stored key.
  for (const fr of frames) {
    const text = allText(fr);
    expect(text).not.toContain(KEY_A);
    expect(text).not.toContain(KEY_B);
    expect(text).not.toContain('Secret-Key');
  }
  await f.close();
});

async function start(name = 'alpha', width = 100, rows = 24) {
  const services = await servicesFor(f, name);
  const app = render(<App services={services} mono size={{ columns: width, rows }} />);
  frames.push(app.frames);
  return { services, ...app };
}

const type = async (stdin: { write(s: string): void }, text: string) => {
  for (const ch of text) stdin.write(ch);
};

describe('profiles screen', () => {
  it('lists profiles with the default marked, label, URL, auth and key source; P and Esc move between screens', async () => {
    const { lastFrame, stdin } = await start();
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
    expect(lastFrame()).toContain('ALPHA');
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('bravo'));
    const frame = lastFrame()!;
    expect(frame).toMatch(/›\*● alpha/);
    expect(frame).toContain('PROD');
    expect(frame).toContain(f.b.url);
    expect(frame).toContain('stored');
    expect(frame).toContain('alpha (default)');
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
  });

  it('reveal shows only the last 4 characters of the focused profile key', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write(':');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('v');
    await waitFor(() => expect(lastFrame()).toContain('••••0001'));
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('bravo · http'));
    expect(lastFrame()).not.toContain('0001');
    expect(lastFrame()).not.toContain('7788');
  });

  it('reveal on a profile without a key says so', async () => {
    f.store.upsert({ name: 'open', url: f.a.url, auth: 'none' });
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('G');
    await waitFor(() => expect(lastFrame()).toContain('open · http'));
    stdin.write('v');
    await waitFor(() => expect(lastFrame()).toMatch(/open has no key \(auth none\): nothing to reveal/));
  });

  it('tests a connection and shows the one-line result', async () => {
    f.store.upsert({ name: 'broken', url: f.a.url, auth: 'bearer', secret: { source: 'stored', value: 'wrong-key-123456' } });
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('t');
    await waitFor(() => expect(lastFrame()).toMatch(/✔ alpha: ok: .*6 providers/));
    stdin.write('j');
    stdin.write('j');
    await waitFor(() => expect(lastFrame()).toContain('broken · '));
    stdin.write('t');
    await waitFor(() => expect(lastFrame()).toMatch(/✖ broken: .*401 Unauthorized/));
    expect(lastFrame()).not.toContain('wrong-key');
  });

  it('adds a profile with a masked key, then edits it', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('a');
    await waitFor(() => expect(lastFrame()).toContain('profiles › add'));
    await type(stdin, 'gamma');
    stdin.write(KEYS.tab);
    await type(stdin, f.b.url);
    stdin.write(KEYS.tab);
    stdin.write(' '); // auth: bearer
    await waitFor(() => expect(lastFrame()).toContain('‹ bearer ›'));
    stdin.write(KEYS.tab);
    stdin.write(KEYS.tab); // key source stays "stored"
    stdin.write(KEY_B); // a paste arrives whole
    await waitFor(() => expect(lastFrame()).toContain('•'.repeat(KEY_B.length - 5)));
    expect(lastFrame()).toContain('typed keys are masked');
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('✔ added profile gamma'));
    expect(f.store.get('gamma')).toMatchObject({ url: f.b.url, auth: 'bearer', secret: { source: 'stored', value: KEY_B } });

    // Edit: label, colour, read-only; the stored key is kept.
    stdin.write('e');
    await waitFor(() => expect(lastFrame()).toContain('profiles › edit gamma'));
    expect(lastFrame()).toContain('stored key kept');
    for (let i = 0; i < 9; i++) stdin.write(KEYS.down);
    await waitFor(() => expect(lastFrame()).toMatch(/› Label/));
    await type(stdin, 'QA');
    stdin.write(KEYS.down);
    stdin.write(KEYS.right);
    stdin.write(KEYS.down);
    stdin.write(' ');
    await waitFor(() => expect(lastFrame()).toMatch(/Read-only\s+\[x\] yes/));
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('✔ saved profile gamma'));
    expect(f.store.get('gamma')).toMatchObject({ label: 'QA', color: 'red', readOnly: true, secret: { source: 'stored', value: KEY_B } });
  });

  it('unticking Default on the default profile leaves no default', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('e');
    await waitFor(() => expect(lastFrame()).toContain('profiles › edit alpha'));
    for (let i = 0; i < 20 && !/› Default/.test(lastFrame() ?? ''); i++) {
      stdin.write(KEYS.down);
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor(() => expect(lastFrame()).toMatch(/› Default\s+\[x\] yes/));
    stdin.write(' ');
    await waitFor(() => expect(lastFrame()).toMatch(/› Default\s+\[ \] no/));
    stdin.write(KEYS.ctrlS);
    // Saved, then reconnected (alpha is the live session).
    await waitFor(() => expect(lastFrame()).toContain('✔ reconnected to alpha'));
    expect(f.store.getDefaultName()).toBeUndefined();
    expect(f.store.get('alpha')).toBeDefined();
    expect(lastFrame()).not.toContain('(default)');
  });

  it('refuses to save an invalid form and says which field', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('a');
    await waitFor(() => expect(lastFrame()).toContain('profiles › add'));
    await type(stdin, 'bad name');
    stdin.write(KEYS.ctrlS);
    await waitFor(() => expect(lastFrame()).toContain('fix the marked fields'));
    expect(lastFrame()).toContain('✖ profile name');
    stdin.write(KEYS.esc);
    await waitFor(() => expect(lastFrame()).toContain('nothing saved'));
    expect(f.store.list().map((p) => p.name)).toEqual(['alpha', 'bravo']);
  });

  it('the page keys move over the profiles like every other list (issue 22)', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toMatch(/^›.*alpha/m));
    stdin.write(KEYS.pageDown);
    await waitFor(() => expect(lastFrame()).toMatch(/^›.*bravo/m));
    stdin.write(KEYS.pageUp);
    await waitFor(() => expect(lastFrame()).toMatch(/^›.*alpha/m));
    stdin.write('\x06'); // ^F
    await waitFor(() => expect(lastFrame()).toMatch(/^›.*bravo/m));
  });

  it('deletes after y, keeps the profile after n, and sets the default', async () => {
    const { lastFrame, stdin } = await start();
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('j');
    stdin.write('u');
    await waitFor(() => expect(lastFrame()).toContain('✔ default profile: bravo'));
    expect(f.store.getDefaultName()).toBe('bravo');
    stdin.write('d');
    await waitFor(() => expect(lastFrame()).toContain('Delete profile "bravo"? [y/N]'));
    stdin.write('n');
    await waitFor(() => expect(lastFrame()).toContain('not deleted'));
    expect(f.store.get('bravo')).toBeDefined();
    // Enter is no, as at the shell's [y/N] (issue 22)
    stdin.write('d');
    await waitFor(() => expect(lastFrame()).toContain('Delete profile "bravo"? [y/N]'));
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('not deleted'));
    expect(f.store.get('bravo')).toBeDefined();
    stdin.write('d');
    await waitFor(() => expect(lastFrame()).toContain('Delete profile "bravo"?'));
    stdin.write('y');
    await waitFor(() => expect(lastFrame()).toContain('✔ deleted profile bravo'));
    expect(f.store.get('bravo')).toBeUndefined();
  });

  it('switching connects, closes nothing it still needs, and reloads the list with the new header', async () => {
    const { lastFrame, stdin } = await start();
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('alpha (default)'));
    stdin.write('j');
    stdin.write(KEYS.enter);
    await waitFor(() => expect(lastFrame()).toContain('bravo-llm'));
    const frame = lastFrame()!;
    expect(frame).toContain('PROD');
    expect(frame).toContain('[read-only]');
    expect(frame).toContain(f.b.url);
    expect(frame).not.toContain('anthropic');
    expect(frame).toContain('1 configured');
    // The list was fetched from B with B's key.
    const lists = f.b.requests.filter((r) => r.url === '/api/providers');
    expect(lists.at(-1)?.headers.authorization).toBe(`Bearer ${KEY_B}`);
  });

  it('shows a corrupt config file as one line and does not touch it', async () => {
    const { writeFileSync, readFileSync } = await import('node:fs');
    const { lastFrame, stdin } = await start();
    await waitFor(() => expect(lastFrame()).toContain('acme-llm'));
    writeFileSync(f.store.path, '{ broken');
    stdin.write('P');
    await waitFor(() => expect(lastFrame()).toContain('invalid JSON'));
    expect(lastFrame()).toContain('config.json');
    expect(readFileSync(f.store.path, 'utf8')).toBe('{ broken');
  });
});
