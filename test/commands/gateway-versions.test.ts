/**
 * The connection side of gateway versions, through the commands as a user runs them:
 * `profiles test` names the version on every line; a profile carries a setup token
 * (never printed) for a gateway locked until setup; a URL that is not a Bifrost
 * management API is one line and exit 7, in every command.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runProfilesCommand } from '../../src/commands/profiles.js';
import { runProvidersCommand } from '../../src/commands/providers.js';
import { runKeysCommand } from '../../src/commands/keys.js';
import { runFleetCommand } from '../../src/commands/fleet.js';
import type { CommandIO } from '../../src/commands/types.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openProfileStore, type ProfileStore } from '../../src/store/profile-store.js';
import { describeEachVersion, REPORTED } from '../helpers/gateway-versions.js';

const KEY = 'bfst-Versions-Key-0123456789';
const SETUP_TOKEN = 'setup-tok-9f8e7d6c5b4a';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let store: ProfileStore;
const allOutput: string[] = [];

type Runner = (argv: string[], io: CommandIO, deps: { store: ProfileStore; historyDir: string }) => Promise<number>;

async function run(command: Runner, argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: new PassThrough().on('data', (d: Buffer) => (stdout += d.toString())),
    stderr: new PassThrough().on('data', (d: Buffer) => (stderr += d.toString())),
    stdin: Readable.from(opts.stdin === undefined ? [] : [opts.stdin]),
    env: opts.env ?? { PATH: process.env.PATH },
    isTTY: false,
  };
  const code = await command(argv, io, { store, historyDir: path.join(dir, 'state') });
  allOutput.push(stdout, stderr);
  return { code, stdout, stderr };
}
const profiles = (argv: string[], opts?: { stdin?: string; env?: NodeJS.ProcessEnv }) => run(runProfilesCommand, argv, opts);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-versions-'));
  store = openProfileStore({ dir: path.join(dir, 'config') });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

describeEachVersion('profiles test names the gateway version', (version) => {
  let gw: DemoGateway;
  beforeEach(async () => {
    gw = await startDemoGateway({ version, auth: { kind: 'bearer', token: KEY } });
  });
  afterEach(() => gw.close());

  it('in the ok line and in --json (v1.4 answers /api/version only with the key)', async () => {
    await profiles(['add', 'gw', '--url', gw.url, '--api-key-stdin'], { stdin: KEY });
    const text = await profiles(['test', 'gw']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`, 6 providers, gateway ${REPORTED[version].replace(/\./g, '\\.')}, \\d+ ms\\)\\n$`));
    const json = JSON.parse((await profiles(['test', 'gw', '--json'])).stdout);
    expect(json).toMatchObject({ ok: true, gatewayVersion: REPORTED[version], gatewayLine: version === '2.2' ? 'v2' : `v${version}` });
    // auth status, list, version: one read more than the list, none of them a write.
    expect(gw.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('a dev build (v1.0.0) is found by probing, and says so', async () => {
    await gw.close();
    gw = await startDemoGateway({ version, reportedVersion: 'v1.0.0' });
    await profiles(['add', 'dev', '--url', gw.url]);
    const json = JSON.parse((await profiles(['test', 'dev', '--json'])).stdout);
    const line = version === '2.2' ? 'v2' : `v${version}`;
    expect(json).toMatchObject({ ok: true, gatewayLine: line });
    expect(json.gatewayVersion).toMatch(new RegExp(`^${line.replace('.', '\\.')}\\+? \\(probed\\)$`));
  });
});

describe('a setup token (v2.2.6 gateway locked until setup)', () => {
  let gw: DemoGateway;
  beforeEach(async () => {
    gw = await startDemoGateway({ version: '2.2', setupToken: SETUP_TOKEN });
  });
  afterEach(() => gw.close());

  it('without one, the test says the gateway is locked and how to give the token (exit 4)', async () => {
    await profiles(['add', 'locked', '--url', gw.url]);
    const r = await profiles(['test', 'locked']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^bifrost-tui profiles: profile "locked": 401 Unauthorized: the gateway is locked until its first admin is set up: give its setup token \(store it: profiles edit PROFILE --setup-token-stdin; or BIFROST_SETUP_TOKEN, --setup-token-env NAME\)/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('from the same sources as the key: stored (stdin), env, command; sent as X-Bifrost-Setup-Token; never printed', async () => {
    await profiles(['add', 'stored', '--url', gw.url, '--setup-token-stdin'], { stdin: `${SETUP_TOKEN}\n` });
    expect(store.get('stored')?.setupToken).toEqual({ source: 'stored', value: SETUP_TOKEN });
    expect((await profiles(['test', 'stored'])).code).toBe(0);
    expect(gw.requests.at(-1)?.headers['x-bifrost-setup-token']).toBe(SETUP_TOKEN);

    await profiles(['add', 'env', '--url', gw.url, '--setup-token-env', 'GW_SETUP']);
    expect((await profiles(['test', 'env'], { env: { PATH: process.env.PATH, GW_SETUP: SETUP_TOKEN } })).code).toBe(0);
    const unset = await profiles(['test', 'env']);
    expect([unset.code, unset.stderr]).toEqual([4, 'bifrost-tui profiles: profile "env": environment variable $GW_SETUP (the setup token) is not set\n']);

    const file = path.join(dir, 'token');
    fs.writeFileSync(file, `${SETUP_TOKEN}\n`);
    await profiles(['add', 'cmd', '--url', gw.url, '--setup-token-command', `cat ${file}`]);
    expect((await profiles(['test', 'cmd'])).code).toBe(0);

    const shown = await profiles(['show', 'stored']);
    expect(shown.stdout).toMatch(/setup token: stored/);
    expect(JSON.parse((await profiles(['show', 'stored', '--json'])).stdout).setupToken).toEqual({ source: 'stored' });
    expect(JSON.parse((await profiles(['list', '--json'])).stdout).profiles.find((p: { name: string }) => p.name === 'env').setupToken).toEqual({ source: 'env', name: 'GW_SETUP' });

    await profiles(['edit', 'stored', '--no-setup-token']);
    expect(store.get('stored')?.setupToken).toBeUndefined();
  });

  it('a wrong token is refused by the gateway (403) and the message does not repeat it', async () => {
    await profiles(['add', 'wrong', '--url', gw.url, '--setup-token-env', 'GW_SETUP']);
    const r = await profiles(['test', 'wrong'], { env: { PATH: process.env.PATH, GW_SETUP: 'not-the-token-123' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/403 Forbidden: the gateway refused the setup token/);
    expect(r.stderr).not.toContain('not-the-token-123');
  });

  it('one run can give it with BIFROST_SETUP_TOKEN or --setup-token, as with the key', async () => {
    const env = { PATH: process.env.PATH, BIFROST_SETUP_TOKEN: SETUP_TOKEN };
    expect((await run(runProvidersCommand, ['list', '--url', gw.url], { env })).code).toBe(0);
    const flag = await run(runProvidersCommand, ['list', '--url', gw.url, '--setup-token', SETUP_TOKEN]);
    expect(flag.code, flag.stderr).toBe(0);
    expect(gw.requests.at(-1)?.headers['x-bifrost-setup-token']).toBe(SETUP_TOKEN);
  });

  it('is refused as a profiles argument (shell history, ps); two sources at once are refused', async () => {
    const arg = await profiles(['add', 'x', '--url', gw.url, `--setup-token=${SETUP_TOKEN}`]);
    expect(arg.code).toBe(2);
    expect(arg.stderr).toMatch(/--setup-token is not accepted here/);
    const two = await profiles(['add', 'y', '--url', gw.url, '--setup-token-env', 'A', '--setup-token-command', 'b']);
    expect(two.code).toBe(2);
  });

  it('never appears in any output above', () => {
    expect(allOutput.join('\n')).not.toContain(SETUP_TOKEN);
  });
});

/** Web servers that answer, but are not a Bifrost management API. */
async function startImpostor(kind: 'nginx-404' | 'spa' | 'other-json'): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (kind === 'nginx-404') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>\n');
    } else if (kind === 'spa') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><div id="root"></div></body></html>');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [], status: 'ok', path: req.url }));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('a URL that is not a Bifrost management API', () => {
  it.each([
    ['nginx-404', '404 with an HTML page'],
    ['spa', '200 with an HTML page'],
    ['other-json', '200 with JSON of another shape'],
  ] as const)('%s: one line saying so, exit 7, in every command', async (kind, answered) => {
    const site = await startImpostor(kind);
    try {
      const line = `${site.url} is not a Bifrost management API: GET /api/providers`;
      const cases: Array<[Runner, string[]]> = [
        [runProvidersCommand, ['list', '--url', site.url]],
        [runProvidersCommand, ['export', '--all', '--output-dir', path.join(dir, 'out'), '--url', site.url]],
        [runKeysCommand, ['list', 'openai', '--url', site.url]],
      ];
      for (const [command, argv] of cases) {
        const r = await run(command, argv);
        expect([r.code, r.stdout], argv.join(' ')).toEqual([7, '']);
        expect(r.stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
        expect(r.stderr, argv.join(' ')).toContain('is not a Bifrost management API');
      }
      const list = await run(runProvidersCommand, ['list', '--url', site.url]);
      expect(list.stderr).toBe(`bifrost-tui: ${line} answered ${answered}; check the URL (the gateway's address, without /api)\n`);
      const get = await run(runProvidersCommand, ['get', 'openai', '--url', site.url]);
      expect([get.code, get.stderr]).toEqual([7, expect.stringContaining(`is not a Bifrost management API: GET /api/providers/openai answered`)]);

      await profiles(['add', 'impostor', '--url', site.url]);
      const test = await profiles(['test', 'impostor']);
      // The test asks first whether auth is on: that route, on every version too, is the one named.
      expect([test.code, test.stderr]).toEqual([7, `bifrost-tui profiles: profile "impostor": ${site.url} is not a Bifrost management API: GET /api/session/is-auth-enabled answered ${answered}; check the URL (the gateway's address, without /api)\n`]);
      const fleet = await run(runFleetCommand, ['diff', '--profiles', 'impostor']);
      expect(fleet.stdout).toContain('is not a Bifrost management API');
    } finally {
      await site.close();
    }
  });
});

describe('the v2 admin-session gates (dashboard auth off)', () => {
  it('set: the review warns first (auth status off), then the 403 is one line naming the fields, exit 4, nothing stored; a key endpoint the same', async () => {
    const gw = await startDemoGateway({ version: '2.2', authBypassed: true });
    try {
      const r = await run(runProvidersCommand, ['set', 'groq', 'proxy_config.url=http://other-proxy.example.com:3128', '--yes', '--url', gw.url]);
      expect(r.code).toBe(4);
      expect(r.stderr).toBe([
        'note: the gateway\'s dashboard auth is off: changing proxy_config.url needs an authenticated admin session, and Bifrost v2 will refuse it (403)',
        'bifrost-tui: 403 Forbidden: changing proxy_config.url needs an authenticated admin session (the gateway\'s dashboard auth is off): turn dashboard authentication on and connect as an admin\n',
      ].join('\n'));
      expect((gw.storedProvider('groq')?.proxy_config as Record<string, { ref?: string }>).url?.ref).toBe('env.GROQ_PROXY_URL');
      const key = await run(runKeysCommand, ['set', 'azure', 'azure-eastus', 'azure_key_config.endpoint=env.AZURE_OTHER_ENDPOINT', '--yes', '--url', gw.url]);
      expect(key.code).toBe(4);
      const [warning, refusal, ...rest] = key.stderr.trimEnd().split('\n');
      expect(warning).toMatch(/^note: .*changing azure_key_config\.endpoint needs an authenticated admin session/);
      expect(refusal).toMatch(/changing azure_key_config\.endpoint needs an authenticated admin session/);
      expect(rest).toEqual([]);
    } finally {
      await gw.close();
    }
  });
});

describe('--demo --gateway-version', () => {
  it('plays that line for any command; without --demo it is a usage error', async () => {
    const v14 = await run(runProvidersCommand, ['get', 'openai', '--demo', '--gateway-version', '1.4', '--json']);
    expect(v14.code, v14.stderr).toBe(0);
    expect(JSON.parse(v14.stdout).keys).toHaveLength(2);
    const v22 = await run(runProvidersCommand, ['get', 'openai', '--demo', '--json']);
    expect(JSON.parse(v22.stdout)).toMatchObject({ ignore_provider_cost: false });
    expect(JSON.parse(v22.stdout).keys).toBeUndefined();
    const alone = await run(runProvidersCommand, ['list', '--gateway-version', '1.4', '--url', 'http://127.0.0.1:1']);
    expect([alone.code, alone.stderr]).toEqual([2, 'bifrost-tui: --gateway-version picks the version the embedded demo gateway plays: use it with --demo (see --help)\n']);
    const bad = await run(runProvidersCommand, ['list', '--demo', '--gateway-version', '9']);
    expect(bad.code).toBe(2);
  });
});

describe('keys on v1.4 (keys live inside providers)', () => {
  it('keys list reads them from the provider (the key route answers the dashboard), models in v1.4\'s meaning; nothing is written', async () => {
    const gw = await startDemoGateway({ version: '1.4' });
    try {
      const list = await run(runKeysCommand, ['list', 'openai', '--url', gw.url]);
      expect([list.code, list.stderr]).toEqual([0, '']);
      // `[]` is every model on v1.4.
      expect(list.stdout).toMatch(/openai-batch .* all models /);
      expect(gw.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect((gw.storedProvider('openai')?.keys as unknown[]).length).toBe(2);
    } finally {
      await gw.close();
    }
  });
});
