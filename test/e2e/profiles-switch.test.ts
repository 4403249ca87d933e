/** Two demo gateways as two profiles, through the built CLI in a real terminal: start on A, switch to B; first-run setup; no key ever shown. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed, startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { CLI, requireBuiltCli, startTmux, type TmuxSession } from '../helpers/tmux.js';

const KEY_A = 'sk-bf-alpha-E2E-Secret-0001';
const KEY_B = 'sk-bf-bravo-E2E-Secret-7788';

let a: DemoGateway;
let b: DemoGateway;
let tmp: string;
let session: TmuxSession | undefined;
/** Every screen and every CLI output of this file, for the leak check at the end. */
const seen: string[] = [];

function record(s: TmuxSession): TmuxSession {
  const screen = s.screen;
  s.screen = () => {
    const text = screen();
    seen.push(text);
    return text;
  };
  return s;
}

/** tmux can report a dead pane a moment before its exit status: ask again until there is one. */
async function exitCode(s: TmuxSession): Promise<number> {
  for (let i = 0; ; i++) {
    const code = await s.waitForExit();
    if (!Number.isNaN(code) || i >= 20) return code;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function envFor(configDir: string): Record<string, string> {
  return { BIFROST_TUI_CONFIG_DIR: configDir, BIFROST_TUI_STATE_DIR: path.join(tmp, 'state'), BIFROST_API_KEY: '', BIFROST_URL: '', BIFROST_PROFILE: '' };
}

beforeAll(async () => {
  requireBuiltCli();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bt-e2e-prof-'));
  a = await startDemoGateway({ port: 0, auth: { kind: 'bearer', token: KEY_A } });
  const only = defaultSeed().find((p) => p.name === 'groq')!;
  b = await startDemoGateway({ port: 0, auth: { kind: 'bearer', token: KEY_B }, seed: [{ ...only, name: 'bravo-only' }] });
  const store = openProfileStore({ dir: path.join(tmp, 'config') });
  store.upsert({ name: 'alpha', url: a.url, auth: 'bearer', secret: { source: 'stored', value: KEY_A }, label: 'ALPHA', color: 'green' });
  store.upsert({ name: 'bravo', url: b.url, auth: 'bearer', secret: { source: 'stored', value: KEY_B }, label: 'PROD', color: 'red', readOnly: true });
});
afterEach(() => session?.kill());
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  // The leak check: no screen and no CLI output ever contained a stored key.
  expect(seen.length).toBeGreaterThan(5);
  for (const text of seen) {
    expect(text).not.toContain(KEY_A);
    expect(text).not.toContain(KEY_B);
    expect(text).not.toContain('E2E-Secret');
  }
  rmSync(tmp, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
});

describe('real terminal: profiles', () => {
  it('starts on profile A, P, switches to B (read-only) and shows B\'s providers', async () => {
    const env = envFor(path.join(tmp, 'config'));
    session = record(startTmux(`node ${CLI}`, 100, 30, env));
    const first = await session.waitFor('6 configured');
    expect(first).toContain('ALPHA');
    expect(first).toContain('acme-llm');
    expect(first).not.toContain('[read-only]');

    session.send('P');
    const list = await session.waitFor('alpha (default)');
    expect(list).toMatch(/›\*● alpha\s+ALPHA/);
    expect(list).toContain('PROD');
    expect(list).toContain(b.url);
    session.send('v');
    await session.waitFor('••••0001');

    session.send('j');
    await session.waitFor('bravo · ');
    session.send('Enter');
    const onB = await session.waitFor('bravo-only');
    expect(onB).toContain('PROD');
    expect(onB).toContain('[read-only]');
    expect(onB).toContain('1 configured');
    expect(onB).not.toContain('acme-llm');
    expect(onB.split('\n')[0]).toMatch(/^bifrost-tui/);
    expect(b.requests.some((r) => r.headers.authorization === `Bearer ${KEY_B}`)).toBe(true);

    session.send('q');
    expect(await exitCode(session)).toBe(0);
  });

  it('is readable at 60x15 on the profiles screen', async () => {
    session = record(startTmux(`NO_COLOR=1 node ${CLI} --profile bravo`, 60, 15, envFor(path.join(tmp, 'config'))));
    const screen = await session.waitFor('bravo-only');
    expect(screen).toContain('[read-only]');
    session.send(':');
    const profiles = await session.waitFor(/● bravo/);
    expect(profiles).toContain('bravo · http');
    for (const line of profiles.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(profiles).toContain('alpha');
    session.send('C-c');
    expect(await exitCode(session)).toBe(0);
  });

  it('first run: setup tests the gateway, saves the profile and opens the list; the CLI never prints the key', async () => {
    const dir = path.join(tmp, 'fresh');
    const env = envFor(dir);
    session = record(startTmux(`node ${CLI}`, 80, 24, env));
    await session.waitFor('first-run setup');
    session.send('C-u');
    session.type('lab');
    session.send('Tab', 'C-u');
    session.type(a.url);
    session.send('Tab', 'Tab');
    session.type(KEY_A);
    await session.waitFor('•'.repeat(KEY_A.length));
    session.send('Enter');
    const list = await session.waitFor('6 configured');
    expect(list).toContain('lab');
    session.send('q');
    expect(await exitCode(session)).toBe(0);

    for (const args of [['profiles', 'list'], ['profiles', 'show', 'lab'], ['profiles', 'list', '--json'], ['profiles', 'test', 'lab']]) {
      // Not spawnSync: the demo gateways live in this process and must keep answering.
      const r = await run(args, env);
      seen.push(r.stdout, r.stderr);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    expect(seen.at(-2)).toContain('ok:');
  });

  it('first run without a terminal still says what to do in one line', () => {
    const r = spawnSync('node', [CLI], { encoding: 'utf8', input: '', env: { ...process.env, ...envFor(path.join(tmp, 'none')) } });
    seen.push(r.stdout, r.stderr);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
