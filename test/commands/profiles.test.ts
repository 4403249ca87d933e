import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProfilesCommand } from '../../src/commands/profiles.js';
import { helpText } from '../../src/commands/help.js';
import type { CommandIO } from '../../src/commands/types.js';
import { openProfileStore, type ProfileStore } from '../../src/store/profile-store.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';

const KEY = 'bfst-Zq9TopSecretKeyValue-7731';
const PASSWORD = 'hunter2-basic-password-xyz';

/** Every byte any run wrote to stdout or stderr, to prove the keys never leak. */
const allOutput: string[] = [];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString('utf8')));
  return { stream, text: () => text };
}

let dir: string;
let store: ProfileStore;

async function run(argv: string[], opts: { stdin?: string; isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const out = sink();
  const err = sink();
  const io: CommandIO = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
    env: opts.env ?? { PATH: process.env.PATH },
    isTTY: opts.isTTY ?? false,
  };
  const code = await runProfilesCommand(argv, io, { store });
  const result = { code, stdout: out.text(), stderr: err.text() };
  allOutput.push(result.stdout, result.stderr);
  return result;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-cmd-'));
  store = openProfileStore({ dir });
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('profiles add / list / show', () => {
  it('adds with --api-key-stdin, stores the key, and never prints it', async () => {
    const r = await run(['add', 'prod', '--url', 'https://gw.example.com/', '--api-key-stdin', '--label', 'PROD', '--color', 'red', '--read-only'], {
      stdin: `${KEY}\n`,
    });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('added profile prod (default): https://gw.example.com, auth bearer\n');
    expect(store.get('prod')).toEqual({
      name: 'prod',
      url: 'https://gw.example.com',
      auth: 'bearer',
      secret: { source: 'stored', value: KEY },
      label: 'PROD',
      color: 'red',
      readOnly: true,
    });
    expect(fs.statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('lists and shows as text and JSON with only the key source', async () => {
    await run(['add', 'prod', '--url', 'https://gw.example.com', '--api-key-stdin', '--label', 'PROD'], { stdin: KEY });
    await run(['add', 'gw.local', '--url', 'http://127.0.0.1:8080']);
    await run(['add', 'cmd', '--url', 'http://h:1', '--api-key-command', 'pass show bifrost/cmd', '--timeout', '5000']);
    await run(['add', 'ci', '--url', 'http://h:2', '--username', 'admin', '--api-key-env', 'CI_PW']);

    const list = await run(['list']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+NAME\s+URL\s+AUTH\s+KEY\s+LABEL\s+FLAGS$/);
    expect(lines.find((l) => l.includes(' prod '))).toMatch(/^\* prod\s+https:\/\/gw\.example\.com\s+bearer\s+stored\s+PROD/);
    expect(lines.find((l) => l.includes('gw.local'))).toMatch(/^\s+gw\.local\s+http:\/\/127\.0\.0\.1:8080\s+none\s+-/);
    expect(list.stdout).toContain('command "pass show bifrost/cmd"');
    expect(list.stdout).toContain('basic (admin)');
    expect(list.stdout).toContain('env $CI_PW');

    const json = await run(['list', '--json']);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.defaultProfile).toBe('prod');
    expect(parsed.profiles.map((p: { name: string }) => p.name)).toEqual(['ci', 'cmd', 'gw.local', 'prod']);
    expect(parsed.profiles[3]).toEqual({ name: 'prod', url: 'https://gw.example.com', auth: 'bearer', default: true, secret: { source: 'stored' }, label: 'PROD' });
    expect(parsed.profiles[0].secret).toEqual({ source: 'env', name: 'CI_PW' });

    const show = await run(['show', 'prod']);
    expect(show.stdout).toContain('name:      prod (default)');
    expect(show.stdout).toMatch(/key:\s+stored\n/);
    const showJson = await run(['show', 'cmd', '--json']);
    expect(JSON.parse(showJson.stdout)).toEqual({
      name: 'cmd', url: 'http://h:1', auth: 'bearer', default: false, secret: { source: 'command', command: 'pass show bifrost/cmd' }, timeoutMs: 5000,
    });
  });

  it('on a terminal, --api-key-stdin prompts without echo', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (_on: boolean) => stdin });
    const err = sink();
    const io: CommandIO = { stdout: sink().stream, stderr: err.stream, stdin, env: {}, isTTY: true };
    const done = runProfilesCommand(['add', 'tty', '--url', 'http://h', '--api-key-stdin'], io, { store });
    setTimeout(() => stdin.write(`${KEY}x\u007f\r`), 20); // typed, one backspace, Enter
    expect(await done).toBe(0);
    expect(store.get('tty')?.secret).toEqual({ source: 'stored', value: KEY });
    expect(err.text()).toBe('API key (input hidden): \n');
    allOutput.push(err.text());
  });

  it('an empty list says how to add one', async () => {
    const r = await run(['list']);
    expect(r.stdout).toMatch(/no profiles yet/);
    expect(JSON.parse((await run(['list', '--json'])).stdout)).toEqual({ defaultProfile: null, profiles: [] });
  });

  it('refuses keys in argv, bad names, bad flags and duplicates', async () => {
    const leak = await run(['add', 'x', '--url', 'http://h', `--api-key=${KEY}`]);
    expect(leak.code).toBe(2);
    expect(leak.stderr).toMatch(/--api-key is not accepted here/);
    const unknown = await run(['add', 'x', '--url', 'http://h', `--apikey=${KEY}`]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('bifrost-tui profiles: unknown option --apikey; usage: bifrost-tui profiles add NAME --url URL [settings] (more: bifrost-tui profiles add --help)\n');
    expect(unknown.stderr.split('\n').length).toBe(2); // one line
    expect((await run(['add', 'a/b', '--url', 'http://h'])).code).toBe(2);
    expect((await run(['add', 'x'])).stderr).toMatch(/--url is required/);
    expect((await run(['add', 'x', '--url', 'ftp://h'])).code).toBe(2);
    expect((await run(['add', 'x', '--url', 'http://h', '--auth', 'bearer'])).stderr).toMatch(/bearer auth needs a key/);
    expect((await run(['add', 'x', '--url', 'http://h', '--auth', 'basic', '--api-key-env', 'P'])).stderr).toMatch(/needs --username/);
    expect((await run(['add', 'x', '--url', 'http://h', '--color', 'pink'])).code).toBe(2);
    expect((await run(['add', 'x', '--url', 'http://h', '--timeout', 'soon'])).code).toBe(2);
    expect((await run(['add', 'x', '--url', 'http://h', '--api-key-stdin'], { stdin: '' })).stderr).toMatch(/no API key on stdin/);
    expect((await run(['list', '--url', 'http://h'])).stderr).toMatch(/--url is not used by `bifrost-tui profiles list`/);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['add', 'x', '--url', 'http://h'])).code).toBe(0);
    expect((await run(['add', 'x', '--url', 'http://h'])).code).toBe(1);
    expect((await run(['show', 'nope'])).code).toBe(5);
  });

  it('--help prints the help with examples; no args prints it on stderr with exit 2', async () => {
    const help = await run(['--help']);
    expect(help).toMatchObject({ code: 0, stdout: helpText(['profiles']) });
    expect((await run(['add', '--help'])).stdout).toBe(helpText(['profiles', 'add']));
    expect(helpText(['profiles', 'add'])).toMatch(/Examples:/);
    expect((await run([])).code).toBe(2);
  });
});

describe('profiles edit / use / remove', () => {
  beforeEach(async () => {
    await run(['add', 'prod', '--url', 'https://gw.example.com', '--api-key-stdin', '--read-only'], { stdin: KEY });
    await run(['add', 'dev', '--url', 'http://dev:8080']);
  });

  it('edit changes only the given settings and keeps the key', async () => {
    const r = await run(['edit', 'prod', '--label', 'LIVE', '--no-read-only', '--timeout', '2500']);
    expect(r.code).toBe(0);
    expect(store.get('prod')).toEqual({ name: 'prod', url: 'https://gw.example.com', auth: 'bearer', secret: { source: 'stored', value: KEY }, label: 'LIVE', timeoutMs: 2500 });
    await run(['edit', 'prod', '--label', '']);
    expect(store.get('prod')?.label).toBeUndefined();
    expect((await run(['edit', 'prod'])).code).toBe(2);
    expect((await run(['edit', 'nope', '--label', 'x'])).code).toBe(5);
  });

  it('edit --refresh sets the list auto-refresh interval (0 off, empty back to the default); bad values are refused', async () => {
    expect((await run(['edit', 'dev', '--refresh', '30'])).code).toBe(0);
    expect(store.get('dev')?.refreshSeconds).toBe(30);
    expect((await run(['edit', 'dev', '--refresh', '0'])).code).toBe(0);
    expect(store.get('dev')?.refreshSeconds).toBe(0);
    const bad = await run(['edit', 'dev', '--refresh', 'often']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--refresh takes a number of seconds');
    expect((await run(['edit', 'dev', '--refresh', ''])).code).toBe(0);
    expect(store.get('dev')?.refreshSeconds).toBeUndefined();
  });

  it('edit switches auth kinds and key sources', async () => {
    await run(['edit', 'dev', '--auth', 'basic', '--username', 'admin', '--password-stdin'], { stdin: `${PASSWORD}\n` });
    expect(store.get('dev')).toMatchObject({ auth: 'basic', username: 'admin', secret: { source: 'stored', value: PASSWORD } });
    expect((await run(['edit', 'dev', '--auth', 'bearer'])).stderr).toMatch(/bearer auth needs a key/);
    await run(['edit', 'dev', '--auth', 'none']);
    expect(store.get('dev')).toEqual({ name: 'dev', url: 'http://dev:8080', auth: 'none' });
    await run(['edit', 'prod', '--api-key-env', 'PROD_KEY']);
    expect(store.get('prod')?.secret).toEqual({ source: 'env', name: 'PROD_KEY' });
  });

  it('edit takes every label colour the app and the profile editor offer (white included)', async () => {
    const { COLOR_CHOICES } = await import('../../src/state/profiles/profile-form.js');
    for (const colour of COLOR_CHOICES.filter((c) => c !== '')) {
      const r = await run(['edit', 'prod', '--color', colour]);
      expect(r.stderr).toBe('');
      expect(store.get('prod')?.color).toBe(colour);
    }
  });

  it('--help and the README name the same label colours as the one list', async () => {
    const { LABEL_COLOURS } = await import('../../src/state/profiles/label-colours.js');
    const named = (text: string): string[] => /--color NAME.*?label colour: ([a-z, ]+)/.exec(text)![1]!.trim().split(', ');
    expect(named(helpText(['profiles', 'add']).replace(/\s+/g, ' '))).toEqual([...LABEL_COLOURS]);
    expect(named(fs.readFileSync('README.md', 'utf8'))).toEqual([...LABEL_COLOURS]);
  });

  it('use sets the default; add --default too', async () => {
    expect(store.getDefaultName()).toBe('prod');
    expect((await run(['use', 'dev'])).stdout).toBe('default profile: dev\n');
    expect(store.getDefaultName()).toBe('dev');
    expect((await run(['use', 'nope'])).code).toBe(5);
    await run(['add', 'third', '--url', 'http://t', '--default']);
    expect(store.getDefaultName()).toBe('third');
  });

  it('remove needs --yes without a terminal', async () => {
    const refused = await run(['remove', 'prod']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/pass --yes/);
    expect(store.get('prod')).toBeDefined();
    const ok = await run(['remove', 'prod', '--yes']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/no default profile now/);
    expect(store.get('prod')).toBeUndefined();
    expect((await run(['remove', 'prod', '--yes'])).code).toBe(5);
  });

  it('remove asks on a terminal', async () => {
    const no = await run(['remove', 'dev'], { isTTY: true, stdin: 'n\n' });
    expect(no.code).toBe(1);
    expect(store.get('dev')).toBeDefined();
    const yes = await run(['remove', 'dev'], { isTTY: true, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect(yes.stderr).toMatch(/Remove profile "dev"\? \[y\/N\]/);
    expect(store.get('dev')).toBeUndefined();
  });

  it('a corrupt config file: one-line error naming it, exit 3, bytes untouched', async () => {
    fs.writeFileSync(store.path, '{"profiles": oops');
    const r = await run(['list']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(store.path);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(store.path, 'utf8')).toBe('{"profiles": oops');
  });
});

describe('profiles test against the demo gateway', () => {
  it('bearer: ok line; wrong key: exit 4; unreachable: exit 7', async () => {
    const gw = await startDemoGateway({ port: 0, auth: { kind: 'bearer', token: KEY } });
    try {
      await run(['add', 'demo', '--url', gw.url, '--api-key-stdin'], { stdin: KEY });
      const ok = await run(['test', 'demo']);
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(new RegExp(`^ok: ${gw.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(auth: bearer, \\d+ providers?, gateway v2\\.2\\.6, \\d+ ms\\)\\n$`));
      const sent = gw.requests.filter((q) => q.url.startsWith('/api/providers'));
      expect(sent[0]?.headers.authorization).toBe(`Bearer ${KEY}`);

      const json = await run(['test', '--json']); // the default profile
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, profile: 'demo', auth: 'bearer', authEnabled: true, gatewayVersion: 'v2.2.6', gatewayLine: 'v2' });

      await run(['add', 'wrong', '--url', gw.url, '--api-key-stdin'], { stdin: 'bfst-not-the-right-key-0000' });
      const bad = await run(['test', 'wrong']);
      expect(bad.code).toBe(4);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(bad.stderr).not.toContain('bfst-not-the-right-key-0000');

      await run(['add', 'envkey', '--url', gw.url, '--api-key-env', 'DEMO_KEY']);
      expect((await run(['test', 'envkey'], { env: { DEMO_KEY: KEY } })).code).toBe(0);
      const unset = await run(['test', 'envkey']);
      expect(unset.code).toBe(4);
      expect(unset.stderr).toMatch(/\$DEMO_KEY \(the key\) is not set/);
      // BIFROST_URL / BIFROST_API_KEY do not change what `test` checks.
      expect((await run(['test', 'envkey'], { env: { DEMO_KEY: KEY, BIFROST_URL: 'http://127.0.0.1:1', BIFROST_API_KEY: 'x' } })).code).toBe(0);
    } finally {
      await gw.close();
    }
    const down = await run(['test', 'demo']);
    expect(down.code).toBe(7);
    expect(down.stderr.trimEnd().split('\n')).toHaveLength(1);
    const downJson = await run(['test', 'demo', '--json']);
    expect(JSON.parse(downJson.stdout)).toMatchObject({ ok: false, profile: 'demo' });
  });
});

// Declared last, so it runs after every test above (vitest runs a file's tests in order).
describe('leaks', () => {
  it('no stdout/stderr of any run above contains a key or its tail', () => {
    const all = allOutput.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of [KEY, PASSWORD, KEY.slice(-8), PASSWORD.slice(-8)]) expect(all).not.toContain(secret);
  });
});
