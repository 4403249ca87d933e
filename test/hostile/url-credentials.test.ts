/** A URL with user:password@ is refused (the credentials would silently not be sent) and never printed back. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runProfilesCommand } from '../../src/commands/profiles.js';
import { runProvidersCommand } from '../../src/commands/providers.js';
import type { CommandIO } from '../../src/commands/types.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { initialForm, validateProfileForm } from '../../src/state/profiles/profile-form.js';
import { scrubSecrets } from '../../src/api/secrets.js';

const PASS = 'Pw-9f8e7d6c-secret';
let gw: DemoGateway | undefined;
let dir: string | undefined;
afterEach(async () => {
  await gw?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  gw = undefined;
  dir = undefined;
});

function io(env: NodeJS.ProcessEnv): CommandIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d) => (o += String(d)));
  stderr.on('data', (d) => (e += String(d)));
  return { stdout, stderr, stdin: new PassThrough(), env, isTTY: false, out: () => o, err: () => e };
}

async function start(): Promise<{ url: string; withCreds: string; env: NodeJS.ProcessEnv }> {
  gw = await startDemoGateway({ port: 0 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-urlcred-'));
  const withCreds = gw.url.replace('http://', `http://admin:${PASS}@`);
  return { url: gw.url, withCreds, env: { PATH: process.env.PATH, BIFROST_TUI_CONFIG_DIR: dir, BIFROST_TUI_STATE_DIR: dir } };
}

describe('credentials in a URL', () => {
  it('--url and BIFROST_URL with user:password@ are refused (exit 2) without a request and without printing them', async () => {
    const { withCreds, env } = await start();
    for (const [argv, e] of [[['list', '--url', withCreds], env], [['get', 'openai'], { ...env, BIFROST_URL: withCreds }]] as const) {
      const c = io(e);
      const code = await runProvidersCommand([...argv], c);
      expect(code).toBe(2);
      expect(c.err()).toContain('holds credentials');
      expect(c.err()).toContain('http://***@127.0.0.1');
      expect(c.out() + c.err()).not.toContain(PASS);
      expect(c.out() + c.err()).not.toContain('admin');
    }
    expect(gw!.requests).toEqual([]);
  });

  it('a hand-written profile URL with credentials is shown without them (list, show, --json) and refused on use', async () => {
    const { withCreds, env } = await start();
    fs.writeFileSync(path.join(dir!, 'config.json'), JSON.stringify({ version: 1, defaultProfile: 'p', profiles: { p: { name: 'p', url: withCreds, auth: 'none' } } }), { mode: 0o600 });
    for (const argv of [['list'], ['show', 'p'], ['list', '--json'], ['show', 'p', '--json']]) {
      const c = io(env);
      expect(await runProfilesCommand(argv, c), argv.join(' ')).toBe(0);
      expect(c.out(), argv.join(' ')).toContain('***@127.0.0.1');
      expect(c.out() + c.err()).not.toContain(PASS);
    }
    for (const run of [runProvidersCommand.bind(null, ['list']), runProfilesCommand.bind(null, ['test', 'p'])]) {
      const c = io(env);
      expect(await run(c)).toBe(2);
      expect(c.err()).toContain('holds credentials');
      expect(c.out() + c.err()).not.toContain(PASS);
    }
    expect(gw!.requests).toEqual([]);
  });

  it('the profile form (TUI) refuses a URL with credentials; any message has the userinfo scrubbed', () => {
    const form = initialForm('add');
    const errors = validateProfileForm({ ...form, values: { ...form.values, name: 'x', url: `http://admin:${PASS}@gw:8080` } });
    expect(errors.url).toContain('credentials');
    expect(scrubSecrets(`cannot reach http://admin:${PASS}@gw:8080/api`, [])).toBe('cannot reach http://***@gw:8080/api');
  });
});

describe('credentials in a profile URL, in the app', () => {
  it('switching to or testing such a profile is refused with the userinfo scrubbed', async () => {
    const { createProfilesService } = await import('../../src/app/profiles-service.js');
    const { openProfileStore } = await import('../../src/store/profile-store.js');
    const { url, withCreds } = await start();
    fs.writeFileSync(path.join(dir!, 'config.json'), JSON.stringify({ version: 1, profiles: { p: { name: 'p', url: withCreds, auth: 'none' } } }), { mode: 0o600 });
    const service = createProfilesService({ store: openProfileStore({ dir }), env: {} });
    const err = await service.connect('p').then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toContain('holds credentials');
    expect(err?.message).not.toContain(PASS);
    const tested = await service.test({ name: 'p', url: withCreds, auth: 'none' });
    expect(tested.ok).toBe(false);
    expect(tested.message).toContain(`${url.replace('http://', 'http://***@')}`);
    expect(gw!.requests).toEqual([]);
    await service.close();
  });
});
