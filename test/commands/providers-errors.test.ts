import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CA_PEM, startDemoGateway } from '../../src/demo-gateway/index.js';
import { setup, type Harness } from './providers-harness.js';

const TOKEN = 'bfst-Kx9TopSecretManagementKey-4417';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function closedPortUrl(): Promise<string> {
  const gw = await startDemoGateway({ port: 0 });
  const url = gw.url;
  await gw.close();
  return url;
}

describe('transport and auth failures', () => {
  it('a gateway that is down is exit 7 with one line, for reads and writes', async () => {
    h = await setup();
    const url = await closedPortUrl();
    for (const argv of [['list'], ['get', 'openai'], ['set', 'openai', 'network_config.max_retries=3', '--yes']]) {
      const r = await h.run([...argv, '--url', url], { noUrl: true });
      expect(r.code, argv.join(' ')).toBe(7);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`bifrost-tui: cannot connect to ${url}: connection refused\n`);
    }
  });

  it('a timeout is exit 7', async () => {
    h = await setup();
    h.gw.addFault({ method: 'GET', path: '/api/providers', hang: true });
    const r = await h.run(['list', '--timeout', '300']);
    expect(r.code).toBe(7);
    expect(r.stderr).toBe('bifrost-tui: GET /api/providers timed out after 0.3 s\n');
  });

  it('a failing PUT is exit 7; the backup stays and the message says why (and that the write may have landed)', async () => {
    h = await setup();
    h.gw.addFault({ method: 'PUT', status: 500, message: 'Failed to update provider: disk full' });
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(r.code).toBe(7);
    const [backup] = JSON.parse((await h.run(['history', 'openai', '--json'])).stdout).versions;
    expect(r.stderr).toBe(`bifrost-tui: 500 Internal Server Error: Failed to update provider: disk full (the write may still have reached the gateway; the previous version is kept as ${backup.id})\n`);
  });

  it('401 without a key is exit 4 and nothing is written; the key works and never shows', async () => {
    h = await setup({ auth: { kind: 'bearer', token: TOKEN } });
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('bifrost-tui: 401 Unauthorized: the gateway needs a management API key (--api-key or a profile)\n');
    expect(h.writes()).toEqual([]);
    const wrong = await h.run(['list', '--api-key', 'bfst-wrong-key-000']);
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('rejected the credentials');
    expect((await h.run(['list', '--api-key', TOKEN])).code).toBe(0);
    expect((await h.run(['get', 'groq'], { env: { PATH: process.env.PATH, BIFROST_API_KEY: TOKEN } })).code).toBe(0);
    expect(h.output.join('')).not.toContain(TOKEN);
    expect(h.output.join('')).not.toContain('bfst-wrong-key-000');
  });

  it('403 is exit 4', async () => {
    h = await setup();
    h.gw.addFault({ method: 'PUT', status: 403, message: 'missing permission ModelProvider:Update' });
    const r = await h.run(['set', 'openai', 'network_config.max_retries=3', '--yes']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('bifrost-tui: 403 Forbidden: missing permission ModelProvider:Update\n');
  });
});

describe('secrets never appear in any output', () => {
  it('across every command, text and JSON, success and failure', async () => {
    h = await setup({ auth: { kind: 'bearer', token: TOKEN } });
    const key = ['--api-key', TOKEN];
    const file = path.join(h.dir, 'groq.json');
    const runs: string[][] = [
      ['list'], ['list', '--json'], ['get', 'groq'], ['get', 'groq', '--json'], ['get', 'openai'], ['get', 'openai', '--json'],
      ['export', 'openai'], ['export', 'groq', '--output-file', file], ['diff', 'groq', '-f', file], ['diff', 'groq', '-f', file, '--json'],
      ['set', 'groq', 'network_config.max_retries=4', '--dry-run'], ['set', 'groq', 'network_config.max_retries=4', '--dry-run', '--json'],
      ['set', 'groq', 'network_config.max_retries=4', '--yes'], ['apply', 'groq', '-f', file, '--yes', '--force'],
      ['set', 'openai', `network_config.extra_headers.Authorization=Bearer ${TOKEN}`, '--dry-run'],
      ['history', 'groq'], ['restore', 'groq', '--yes'], ['restore', 'groq', '--dry-run', '--json'],
      ['get', 'missing'], ['set', 'openai', 'bogus=1'],
    ];
    for (const argv of runs) await h.run([...argv, ...key]);
    const all = h.output.join('\n');
    const stored = [h.gw.storedProvider('groq')!, h.gw.storedProvider('openai')!];
    const proxy = stored[0]!.proxy_config as Record<string, { value: string }>;
    const secrets = [TOKEN, proxy.password!.value, proxy.url!.value, proxy.username!.value, DEMO_CA_PEM.split('\n')[1]!];
    for (const s of secrets) expect(all, s.slice(0, 6)).not.toContain(s);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(proxy.password!.value);
  });
});

// `npm test` bundles first; rebuilding here would rewrite dist/ under the other tests that run it.
const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli.js'));

describe(built ? 'the built CLI' : 'the built CLI (skipped: run `npm run bundle` first)', () => {
  it.skipIf(!built)('node dist/cli.js providers list --url ... prints the table and exits 0', async () => {
    h = await setup();
    const cli = path.resolve(__dirname, '../../dist/cli.js');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'providers', 'list', '--url', h.gw.url], {
      env: { PATH: process.env.PATH, HOME: h.dir },
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^NAME\s+KIND\s+STATUS/);
    expect(stdout).toContain('acme-llm');
    const fail = await promisify(execFile)(process.execPath, [cli, 'providers', 'get', 'nope', '--url', h.gw.url], { env: { PATH: process.env.PATH, HOME: h.dir } }).catch((e: { code: number; stderr: string }) => e);
    expect((fail as { code: number }).code).toBe(5);
    expect((fail as { stderr: string }).stderr).toMatch(/^bifrost-tui: provider "nope" is not configured/);
  });
});
