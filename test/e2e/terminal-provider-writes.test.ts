/**
 * Writes of a whole provider in a real terminal (tmux, 80x24) against a demo gateway: the whole-object
 * edit in $EDITOR (a scripted editor), delete with review and backup (and `providers restore` of that
 * backup creating it again), the saved versions and their restore, and a new custom provider. Each
 * through the write pipeline: exact request bodies at the gateway.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { appDirs } from '../helpers/temp-dir.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

const run = promisify(execFile);
const dirs = appDirs('bt-term-writes-');
let gw: DemoGateway;
let sessions: TmuxSession[] = [];
let dir: string;
let env: Record<string, string>;

beforeAll(() => requireBuiltCli());
beforeEach(async () => {
  gw = await startDemoGateway({ port: 0 });
  const made = dirs.create();
  dir = made.dir;
  env = made.env;
});
afterEach(async () => {
  for (const s of sessions) s.kill();
  sessions = [];
  await gw.close();
  await dirs.removeAll();
});

const READ_ONLY = ['name', 'provider_status', 'status', 'description', 'config_hash', 'keys'];
const writable = (p: Record<string, any>): Record<string, any> => Object.fromEntries(Object.entries(p).filter(([k]) => !READ_ONLY.includes(k)));
const fetchProvider = async (name: string): Promise<Record<string, any>> => (await fetch(`${gw.url}/api/providers/${name}`)).json() as Promise<Record<string, any>>;
const writes = () => gw.requests.filter((r) => r.method !== 'GET');
const editFiles = (): string[] => {
  const root = path.join(dir, 'state', 'edits');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).map(String).filter((f) => /\.edit\.(yaml|json)$/.test(f)) : [];
};

/** An editor whose run N copies the file to seen-N and runs `steps[N-1]` (a shell line on "$1"). */
function editor(steps: string[]): { EDITOR: string; seen(n: number): string } {
  const script = path.join(dir, 'editor.sh');
  const count = path.join(dir, 'count');
  fs.writeFileSync(script, `#!/bin/sh
n=$(cat '${count}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '${count}'
cp "$1" '${dir}/seen-'$n
case $n in
${steps.map((s, i) => `  ${i + 1}) ${s || ':'} ;;`).join('\n')}
  *) exit 9 ;;
esac
`, { mode: 0o700 });
  return { EDITOR: script, seen: (n) => fs.readFileSync(path.join(dir, `seen-${n}`), 'utf8') };
}

function start(extra: Record<string, string> = {}): TmuxSession {
  const s = startTmux(`node ${CLI} --url ${gw.url}`, 80, 24, { ...env, ...extra });
  sessions.push(s);
  return s;
}

/** Focuses a provider on the list (rows sorted by name). */
async function focus(s: TmuxSession, name: string): Promise<void> {
  await s.waitFor('6 configured');
  for (let i = 0; i < 8 && !new RegExp(`^› ${name} `, 'm').test(s.screen()); i++) {
    s.send('j');
    await new Promise((r) => setTimeout(r, 100));
  }
  await s.waitFor(new RegExp(`^› ${name} `, 'm'));
}

describe('real terminal: writes of a whole provider', () => {
  it('e on the list: the provider in $EDITOR; a value out of range reopens it with the reason on top and the typed text kept; then review, y: exact PUT', async () => {
    const before = await fetchProvider('openai');
    const ed = editor([
      `sed -i -e 's/^  max_retries: 2$/  max_retries: 12/' -e 's/^  default_request_timeout_in_seconds: 60$/  default_request_timeout_in_seconds: 90/' "$1"`,
      `sed -i 's/^  max_retries: 12$/  max_retries: 5/' "$1"`,
    ]);
    const s = start({ EDITOR: ed.EDITOR });
    await focus(s, 'openai');
    s.send('e');
    const review = await s.waitFor('y saves openai');
    expect(review).toContain('Edit openai on ');
    expect(review).toContain('~ network_config.default_request_timeout_in_seconds: 60 → 90');
    expect(review).toContain('~ network_config.max_retries: 2 → 5');
    expect(review).toContain('y saves openai · n or Esc: nothing is sent');
    expect(review.split('\n')[0]).toMatch(/^bifrost-tui /);
    // Run 2 got the text of run 1 under the reason.
    const second = ed.seen(2);
    expect(second).toContain('# ERROR: the file was not sent. Fix what is below, then save again (an empty file gives up):\n#   network_config.max_retries (Max retries): must be 0–10 (got 12)\n');
    expect(second).toContain('  default_request_timeout_in_seconds: 90\n');
    expect(writes()).toEqual([]);
    s.send('y');
    await s.waitFor('saved openai');
    const puts = writes();
    expect(puts.map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /api/providers/openai']);
    expect(puts[0]!.json).toEqual({ ...writable(before), network_config: { ...before.network_config, max_retries: 5, default_request_timeout_in_seconds: 90 } });
    expect(editFiles()).toEqual([]);
    s.send('Enter');
    await s.waitFor('6 configured');
  });

  it('a file that does not parse opens again with the parser\'s error on top and every typed line kept; fixed, it is reviewed and written', async () => {
    const before = await fetchProvider('openai');
    const ed = editor([
      // A changed value and a broken line.
      `sed -i -e 's/^  max_retries: 2$/  max_retries: 3/' -e 's/^  retry_backoff_max: 5000$/  retry_backoff_max: 5000\\n  oops: [unclosed/' "$1"`,
      `sed -i '/^  oops: \\[unclosed$/d' "$1"`,
    ]);
    const s = start({ EDITOR: ed.EDITOR });
    await focus(s, 'openai');
    s.send('e');
    const review = await s.waitFor('y saves openai');
    const second = ed.seen(2);
    expect(second).toMatch(/^# Editing openai on /);
    expect(second).toMatch(/\n# ERROR: the file was not sent\. Fix what is below, then save again \(an empty file gives up\):\n# {3}not valid YAML: .+\n/);
    // Everything typed in run 1 is there, below the header, as typed.
    const typed = ed.seen(1).replace(/^(#.*\n)+/, '').replace('  max_retries: 2\n', '  max_retries: 3\n').replace('  retry_backoff_max: 5000\n', '  retry_backoff_max: 5000\n  oops: [unclosed\n');
    expect(second.replace(/^(#.*\n)+/, '')).toBe(typed);
    expect(review).toContain('~ network_config.max_retries: 2 → 3');
    expect(writes()).toEqual([]);
    s.send('y');
    await s.waitFor('saved openai');
    expect(writes().map((r) => r.json)).toEqual([{ ...writable(before), network_config: { ...before.network_config, max_retries: 3 } }]);
    expect(editFiles()).toEqual([]);
  });

  it('someone else\'s change while the editor is open, and between the review and y: each time the file opens again with theirs in and the edit re-applied, then the review again; y writes both', async () => {
    const before = await fetchProvider('openai');
    const other = `node ${CLI} providers set openai network_config.retry_backoff_max=6000 --url ${gw.url} --yes >/dev/null`;
    const ed = editor([
      `sed -i 's/^  max_retries: 2$/  max_retries: 5/' "$1"; ${other}`,
      '',
      '',
    ]);
    const s = start({ EDITOR: ed.EDITOR });
    await focus(s, 'openai');
    s.send('e');
    let review = await s.waitFor('y saves openai');
    let second = ed.seen(2);
    expect(second).toContain("# CHANGED ON THE GATEWAY while you edited: openai's network_config.retry_backoff_max. Nothing was sent.\n");
    expect(second).toContain('  max_retries: 5\n');
    expect(second).toContain('  retry_backoff_max: 6000\n');
    // The review is of the edit on their copy: their change is not in it.
    expect(review).toContain('~ network_config.max_retries: 2 → 5');
    expect(review).not.toContain('retry_backoff_max');
    expect(writes().map((r) => r.method)).toEqual(['PUT']);

    // A change after the review: y re-reads first, writes nothing, and the file opens again.
    gw.mutateProvider('openai', (p) => {
      p.network_config!.retry_backoff_initial = 750;
    });
    s.send('y');
    for (let i = 0; i < 300 && !fs.existsSync(path.join(dir, 'seen-3')); i++) await new Promise((r) => setTimeout(r, 50));
    // The review again, drawn whole (it once stayed blank but for the lines that differ from the frame before the editor).
    review = await s.waitFor('y saves openai', 5000);
    expect(review.split('\n')[0]).toMatch(/^bifrost-tui /);
    expect(review).toContain('~ network_config.max_retries: 2 → 5');
    expect(review).not.toContain('retry_backoff');
    second = ed.seen(3);
    expect(second).toContain("# CHANGED ON THE GATEWAY while you edited: openai's network_config.retry_backoff_initial. Nothing was sent.\n");
    expect(second).toContain('  retry_backoff_initial: 750\n');
    expect(writes().map((r) => r.method)).toEqual(['PUT']);
    s.send('y');
    await s.waitFor('saved openai');
    const puts = writes();
    expect(puts).toHaveLength(2);
    expect(puts[1]!.json).toEqual({ ...writable(before), network_config: { ...before.network_config, max_retries: 5, retry_backoff_max: 6000, retry_backoff_initial: 750 } });
    expect(editFiles()).toEqual([]);
  });

  it('an edit cut short (the app killed while $EDITOR is open) is offered again by e, and r resumes it as it was', async () => {
    const before = await fetchProvider('groq');
    // Run 1 changes a value, then kills the app that opened the editor (and so itself).
    const ed = editor([
      `sed -i 's/^  max_retries: 1$/  max_retries: 4/' "$1"; kill -9 $(ps -o ppid= -p $PPID)`,
      '',
    ]);
    const first = start({ EDITOR: ed.EDITOR });
    await focus(first, 'groq');
    first.send('e');
    await first.waitForExit();
    expect(editFiles()).toHaveLength(1);
    expect(writes()).toEqual([]);

    const s = start({ EDITOR: ed.EDITOR });
    await focus(s, 'groq');
    s.send('e');
    await s.waitFor(/An unfinished edit of groq from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d is kept/);
    s.send('r');
    await s.waitFor('~ network_config.max_retries: 1 → 4');
    expect(ed.seen(2)).toContain('  max_retries: 4\n');
    s.send('y');
    await s.waitFor('saved groq');
    expect(writes().map((r) => r.json)).toEqual([{ ...writable(before), network_config: { ...before.network_config, max_retries: 4 } }]);
    expect(editFiles()).toEqual([]);
  });

  it('e in a form without edits opens the whole provider; with edits it says to save or revert first', async () => {
    const ed = editor(['']);
    const s = start({ EDITOR: ed.EDITOR });
    await focus(s, 'anthropic');
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
    s.send('j', 'j', 'j', 'j', 'Enter', 'C-u');
    s.type('4');
    s.send('Enter');
    await s.waitFor('1 changed');
    s.send('e');
    await s.waitFor('unsaved edits: save (^S) or revert (X) first, then e edits the whole provider');
    s.send('X');
    await s.waitFor('all edits reverted');
    s.send('e');
    // Saved as it was: nothing to write, and nothing kept.
    await s.waitFor('no changes: anthropic already matches, nothing was sent');
    expect(ed.seen(1)).toMatch(/^# Editing anthropic on /);
    expect(writes()).toEqual([]);
    expect(editFiles()).toEqual([]);
    s.send('Enter');
    await s.waitFor('› ▾ 1 Network');
  });

  it('d deletes after a review and y (Enter answers no); the backup is what `providers restore` creates it again from: exact DELETE, then POST', async () => {
    const before = await fetchProvider('openai');
    const s = start();
    await focus(s, 'openai');
    s.send('d');
    // The title shows while the provider is read; the review (and its question) once it is checked.
    const review = await s.waitFor('y deletes openai · n or Esc: nothing is sent');
    expect(review).toContain('Delete openai on ');
    expect(review).toContain('  - network_config.base_url: "https://api.openai.com"');
    s.send('Enter');
    await s.waitFor(/^› openai /m);
    expect(writes()).toEqual([]);
    s.send('d');
    await s.waitFor('y deletes openai · n or Esc: nothing is sent');
    s.send('y');
    const done = await s.waitFor(/deleted openai[\s\S]*--url http/);
    expect(writes().map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /api/providers/openai']);
    expect(gw.storedProvider('openai')).toBeUndefined();
    // The undo it prints runs as printed (the wrapped lines joined again): the connection is in it.
    const printed = /or (bifrost-tui providers restore openai --at \d{8}T\d{9}Z --url \S+?)\)/.exec(done.split('\n').map((l) => l.trim()).join(' '))?.[1];
    expect(printed).toBe(`bifrost-tui providers restore openai --at ${/--at (\S+)/.exec(printed ?? '')?.[1]} --url ${gw.url}`);
    s.send('Enter');
    await s.waitFor('5 configured');

    gw.requests.length = 0;
    const cli = await run('node', [CLI, ...printed!.split(' ').slice(1), '--yes'], { env: { ...process.env, ...env } });
    expect(cli.stdout).toMatch(/^Changes to openai on http:\/\/127\.0\.0\.1:\d+:\n/);
    expect(cli.stdout).toMatch(/\ncreated openai as saved in \d{8}T\d{9}Z; previous version kept as (\d{8}T\d{9}Z) \(undo: bifrost-tui providers restore openai --at \1 --url http:\/\/127\.0\.0\.1:\d+\)\n$/);
    expect(cli.stderr).toBe([
      "note: the gateway's dashboard auth is off: changing network_config.base_url needs an authenticated admin session, and Bifrost v2 will refuse it (403)",
      'note: left out network_config.ca_cert_pem: a masked value cannot be sent (set the real value on the gateway)',
      '',
    ].join('\n'));
    const posts = writes();
    expect(posts.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/providers']);
    const { ca_cert_pem: _mask, ...network } = before.network_config;
    expect(posts[0]!.json).toEqual({ ...writable(before), network_config: network, provider: 'openai' });
  });

  it('H lists the saved versions; Enter restores one through the review: exact PUT; a deleted custom provider comes back by n, its name, H', async () => {
    const before = await fetchProvider('acme-llm');
    await run('node', [CLI, 'providers', 'set', 'acme-llm', 'network_config.max_retries=7', '--url', gw.url, '--yes'], { env: { ...process.env, ...env } });
    gw.requests.length = 0;
    const s = start();
    await focus(s, 'acme-llm');
    s.send('H');
    await s.waitFor('Saved versions of acme-llm');
    await s.waitFor(/^›\d{8}T\d{9}Z  \d{4}-\d\d-\d\d \d\d:\d\d  1 field differs from now$/m);
    s.send('Enter');
    await s.waitFor('~ network_config.max_retries: 7 → 2');
    s.send('y');
    await s.waitFor(/restored acme-llm to \d{8}T\d{9}Z/);
    expect(writes().map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /api/providers/acme-llm']);
    expect(writes()[0]!.json).toEqual(writable(before));
    s.send('Enter');
    // The version restored is now the same as the gateway's; the backup the restore took is the newest.
    await s.waitFor(/^›\d{8}T\d{9}Z .* 1 field differs from now\n \d{8}T\d{9}Z .* the same as now$/m);
    s.send('Escape');
    await s.waitFor('6 configured');

    // Deleted, then found again by its name.
    gw.requests.length = 0;
    s.send('d');
    await s.waitFor('y deletes acme-llm · n or Esc: nothing is sent');
    s.send('y');
    await s.waitFor('deleted acme-llm');
    s.send('Enter');
    await s.waitFor('5 configured');
    s.send('n');
    await s.waitFor('New provider:');
    s.type('acme-llm');
    s.send('Enter');
    await s.waitFor('acme-llm is not on the gateway, but 3 saved versions are kept here (deleted?)');
    s.send('H');
    await s.waitFor(/^›\d{8}T\d{9}Z .* gone now: restore creates it again$/m);
    s.send('Enter');
    await s.waitFor('y creates acme-llm');
    s.send('y');
    await s.waitFor(/restored acme-llm to \d{8}T\d{9}Z \(created it\)/);
    expect(writes().map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /api/providers/acme-llm', 'POST /api/providers']);
    expect(writes()[1]!.json).toEqual({ ...writable(before), provider: 'acme-llm' });
  });

  it('keys in one burst: a name and Enter, j j on the base types, j and Enter on the saved versions each act on what the key before left', async () => {
    for (const retries of ['7', '8']) await run('node', [CLI, 'providers', 'set', 'acme-llm', `network_config.max_retries=${retries}`, '--url', gw.url, '--yes'], { env: { ...process.env, ...env } });
    const s = start();
    await s.waitFor('6 configured');
    s.send('n');
    await s.waitFor('New provider:');
    s.type('burst-llm\r');
    await s.waitFor('Custom provider burst-llm: the API it speaks');
    s.type('jj');
    await s.waitFor('› bedrock');
    s.send('Escape');
    await s.waitFor('name: burst-llm');
    s.send('Escape');
    await focus(s, 'acme-llm');
    s.send('H');
    await s.waitFor(/^›\d{8}T\d{9}Z .* 1 field differs from now\n \d{8}T\d{9}Z .* 1 field differs from now$/m);
    s.type('j\r');
    // The older version (before both sets), not the newest one the cursor was on before j.
    await s.waitFor('~ network_config.max_retries: 8 → 2');
  });

  it('n: a custom provider with its base type, created by the form\'s save: exact POST', async () => {
    const s = start();
    await s.waitFor('6 configured');
    s.send('n');
    await s.waitFor('New provider:');
    s.type('my-llm');
    await s.waitFor('a custom provider: Enter picks its base type');
    s.send('Enter');
    let screen = await s.waitFor('Custom provider my-llm: the API it speaks');
    // The footer says what Esc does here: back to the name, which is kept.
    expect(screen.trimEnd().split('\n').at(-1)).toBe('↑↓/jk move  Enter next  Esc back  ? help');
    s.send('Escape');
    screen = await s.waitFor('name: my-llm');
    expect(screen.trimEnd().split('\n').at(-1)).toBe('Enter next  Esc cancel');
    s.send('Enter');
    await s.waitFor('Custom provider my-llm: the API it speaks');
    s.send('j');
    await s.waitFor('› anthropic');
    s.send('Enter');
    await s.waitFor('my-llm is not configured on this gateway yet: saving creates it');
    s.send('j', 'Enter');
    s.type('https://llm.example.com');
    s.send('Enter', 'C-s');
    screen = await s.waitFor('Review: saving my-llm changes 9 fields on the gateway (creates it)');
    expect(screen).toContain('It is created with one POST');
    expect(screen).not.toContain('(PUT)');
    s.send('y');
    await s.waitFor(/saved my-llm at \d\d:\d\d:\d\d/);
    const posts = writes();
    expect(posts.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/providers']);
    expect(posts[0]!.json).toEqual({
      provider: 'my-llm',
      custom_provider_config: { base_provider_type: 'anthropic', is_key_less: false },
      network_config: { base_url: 'https://llm.example.com' },
      concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 },
      proxy_config: null,
      send_back_raw_request: false,
      send_back_raw_response: false,
      store_raw_request_response: false,
    });
  });
});
