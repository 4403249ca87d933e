/**
 * The six defects of issue 21, each as a user meets it, end to end against the
 * demo gateway (the app through its keys, the commands through argv). Each
 * failed before the write pipeline and passes with it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../src/api/types.js';
import { runFleetCommand } from '../../src/commands/fleet.js';
import { runKeysCommand } from '../../src/commands/keys.js';
import { DEMO_CA_PEM } from '../../src/demo-gateway/seed.js';
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { KEYS } from '../helpers/keys.js';
import { APP_GW, goToField, openProvider, startApp, typeValue, type AppHarness } from '../helpers/app-harness.js';
import { fetchJson, setup, writable, type CommandRunner, type Harness } from '../commands/providers-harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app(): Promise<AppHarness> {
  const h = await startApp();
  cleanups.push(() => h.close());
  return h;
}

async function cli(command?: CommandRunner): Promise<Harness> {
  const h = await setup(command ? { command } : {});
  cleanups.push(() => h.close());
  return h;
}

/** Another CA certificate: every PEM masks to the same text (its first and last four characters). */
const OTHER_PEM = DEMO_CA_PEM.replace('MIIBvDCCAWOgAwIBAgIUDnX6', 'MIIBvDCCAWOgAwIBAgIUZZZZ');

describe('1. the TUI reverts a concurrent reset to a default, an unset or a 0 without a conflict', () => {
  // anthropic holds values a gateway also fills in for "unset" (300 s, 1000 ms, 120 s): the old rule took them for no change.
  const RESETS: Array<[string, (nc: Record<string, unknown>) => void, string]> = [
    ['unsets the request timeout (300)', (nc) => delete nc.default_request_timeout_in_seconds, 'default_request_timeout_in_seconds'],
    ['sets the request timeout to 0', (nc) => (nc.default_request_timeout_in_seconds = 0), 'default_request_timeout_in_seconds'],
    ['sets retry backoff initial (1000) to 0', (nc) => (nc.retry_backoff_initial = 0), 'retry_backoff_initial'],
    ['unsets retry backoff initial', (nc) => delete nc.retry_backoff_initial, 'retry_backoff_initial'],
    ['sets the stream idle timeout (120) to 0', (nc) => (nc.stream_idle_timeout_in_seconds = 0), 'stream_idle_timeout_in_seconds'],
    ['unsets the stream idle timeout', (nc) => delete nc.stream_idle_timeout_in_seconds, 'stream_idle_timeout_in_seconds'],
  ];
  it.each(RESETS)('with the review open, another writer %s: y shows the conflict and writes nothing', async (_t, reset, field) => {
    const h = await app();
    await openProvider(h, 'anthropic');
    await goToField(h, 1, 4, 'Max retries');
    typeValue(h, '5');
    await h.see('1 changed');
    h.press(KEYS.ctrlS);
    await h.see('Review: saving anthropic changes 1 field');
    h.gw.mutateProvider('anthropic', (p) => reset(p.network_config as Record<string, unknown>));
    const theirs = (await h.get('anthropic')).network_config[field];
    const mark = h.gw.requests.length;
    h.press('y');
    await h.see(/saved anthropic at|changed on the gateway/);
    expect(h.frame()).toContain('anthropic changed on the gateway');
    expect(h.frame()).toContain(`network_config.${field}`);
    expect(h.writes(mark)).toEqual([]);
    expect((await h.get('anthropic')).network_config[field]).toEqual(theirs);
  });
});

describe('2. re-apply after a conflict keeps the other writer\'s map entry', () => {
  it('add X-Env in the form, another writer changes X-Team: r re-applies only X-Env', async () => {
    const h = await app();
    await openProvider(h, 'openai');
    await goToField(h, 1, 2, 'Extra headers');
    h.press(KEYS.enter);
    await h.see('Extra headers · 2 entries');
    h.press('a', 'X-Env', KEYS.enter, 'prod', KEYS.enter);
    await h.see('Extra headers · 3 entries');
    h.press(KEYS.esc);
    await h.see(/\*Extra headers /);
    h.gw.mutateProvider('openai', (p) => {
      (p.network_config!.extra_headers as Record<string, string>)['X-Team'] = 'infra';
    });
    const theirs = await h.get('openai');
    h.press(KEYS.ctrlS);
    await h.see('openai changed on the gateway');
    h.press('r');
    await h.see('Review: saving openai changes 1 field');
    expect(h.frame()).toContain('+ network_config.extra_headers.X-Env: "prod"');
    expect(h.frame()).not.toContain('X-Team');
    const mark = h.gw.requests.length;
    h.press('y');
    await h.see(/saved openai at/);
    const [put] = h.writes(mark);
    expect(put!.json).toEqual({
      ...writable(theirs),
      network_config: { ...theirs.network_config, extra_headers: { ...theirs.network_config.extra_headers, 'X-Env': 'prod' } },
    });
  });
});

describe('3. one stale-mask policy: keep the gateway\'s current secret and say so', () => {
  it('apply and set keep the current secret where a value is a mask that is not the current one (no refusal)', async () => {
    const h = await cli();
    const before = await fetchJson(h.gw, 'groq');
    const oldProxy = before.proxy_config as Record<string, unknown>;
    // The username is rotated on the gateway: the copy in the file now holds an old mask.
    h.gw.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).username = { value: 'svc-rotated-user', env_var: '', from_env: false };
    });
    const current = (await fetchJson(h.gw, 'groq')).proxy_config as Record<string, unknown>;
    const file = path.join(h.dir, 'groq.json');
    fs.writeFileSync(file, JSON.stringify({ proxy_config: oldProxy, network_config: { max_retries: 4 } }));
    const applied = await h.run(['apply', 'groq', '-f', file, '--yes']);
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('proxy_config.username');
    expect(applied.stderr).toMatch(/kept the gateway's current secret/);
    const put = h.puts().at(-1)!.json as Record<string, any>;
    expect(put.proxy_config.username).toEqual(current.username);
    expect(put.network_config.max_retries).toBe(4);
    // `set` with a masked value: the same policy.
    const set = await h.run(['set', 'groq', 'proxy_config.username=********', 'network_config.max_retries=6', '--yes']);
    expect(set.code).toBe(0);
    expect(set.stderr).toMatch(/kept the gateway's current secret.*proxy_config\.username/);
    expect((h.puts().at(-1)!.json as Record<string, any>).proxy_config.username).toEqual(current.username);
    expect(JSON.stringify(h.gw.storedProvider('groq')!.proxy_config)).toContain('svc-rotated-user');
  });
});

describe('4. one way to create a provider, with its backup', () => {
  it('the TUI creates an unconfigured built-in with POST (never an upsert PUT) and keeps a backup that says it did not exist', async () => {
    const h = await app();
    await h.see('configured');
    h.press('a');
    await h.see('mistral');
    h.press('/', 'mistral');
    await h.see(/› mistral/);
    h.press(KEYS.enter, KEYS.enter);
    await h.see('mistral is not configured on this gateway yet: saving creates it');
    await goToField(h, 1, 4, 'Max retries');
    typeValue(h, '3');
    h.press(KEYS.ctrlS);
    // The review of a create says so: a POST, not the PUT of the complete object.
    await h.see(/Review: saving mistral changes \d+ fields? on the gateway \(creates it\)/);
    await h.see('It is created with one POST (refused if the name appears there meanwhile). y saves, Esc goes back.');
    h.press('y');
    await h.see(/saved mistral at/);
    expect(h.writes().map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/providers']);
    expect(h.writes()[0]!.json).toMatchObject({ provider: 'mistral', network_config: { max_retries: 3 } });
    const backups = h.history.listHistory(APP_GW, 'mistral');
    expect(backups).toHaveLength(1);
    expect(backups[0]!.object).toMatchObject({ name: 'mistral', _bifrost_tui: { absent: true } });
  });

  it('apply -f DIR creates with POST after a backup; restore of that backup deletes the provider again', async () => {
    const h = await cli();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-create-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, 'mistral.json'), JSON.stringify({ network_config: { max_retries: 2 }, concurrency_and_buffer_size: { concurrency: 10, buffer_size: 20 } }));
    const r = await h.run(['apply', '-f', dir, '--yes']);
    expect(r.code).toBe(0);
    expect(h.writes().map((q) => `${q.method} ${q.url}`)).toEqual(['POST /api/providers']);
    const list = await h.run(['history', 'mistral']);
    expect(list.stdout).toMatch(/did not exist/);
    const undo = await h.run(['restore', 'mistral', '--yes']);
    expect(undo.code).toBe(0);
    expect(h.writes().map((q) => `${q.method} ${q.url}`)).toEqual(['POST /api/providers', 'DELETE /api/providers/mistral']);
    expect(h.gw.storedProvider('mistral')).toBeUndefined();
  });
});

describe('5. the keys commands re-read the key right before every write, as the keys screen does', () => {
  it('keys set --yes: another writer changes the key after the command read it: exit 6, nothing written', async () => {
    const h = await cli(runKeysCommand);
    const PROD = '3b1f6c2e-8a4d-4e7b-9c1a-5d2e8f0a7b61';
    let landed = false;
    const wrap = (c: GatewayClient): GatewayClient => ({
      ...c,
      getKey: async (p, id, o) => {
        const k = await c.getKey(p, id, o);
        if (!landed) {
          landed = true;
          h.gw.mutateProvider('openai', (pr) => {
            (pr.keys as Record<string, unknown>[]).find((x) => x.id === PROD)!.models = ['gpt-4.1'];
          });
        }
        return k;
      },
    });
    const r = await h.run(['set', 'openai', 'openai-prod', 'weight=0.5', '--yes'], { wrapClient: wrap });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain('changed on the gateway');
    expect(h.writes()).toEqual([]);
    expect((h.gw.storedProvider('openai')!.keys as Record<string, unknown>[]).find((x) => x.id === PROD)).toMatchObject({ models: ['gpt-4.1'], weight: 0.7 });
  });
});

describe('6. sameness is never claimed on masks', () => {
  let other: DemoGateway;
  async function twoGateways(): Promise<Harness> {
    const h = await cli();
    other = await startDemoGateway({ port: 0 });
    cleanups.push(() => other.close());
    // Different CA certificates that mask alike.
    other.mutateProvider('openai', (p) => {
      p.network_config!.ca_cert_pem = OTHER_PEM;
    });
    h.store.upsert({ name: 'a', url: h.gw.url, auth: 'none' });
    h.store.upsert({ name: 'b', url: other.url, auth: 'none' });
    return h;
  }
  it('fleet diff: "same mask, cannot be verified", exit 9', async () => {
    const h = await twoGateways();
    const r = await runWith(h, runFleetCommand, ['diff', 'openai', '--profiles', 'a,b']);
    expect(r.stdout).toContain('network_config.ca_cert_pem');
    expect(r.stdout).toContain('same mask, cannot be verified');
    expect(r.stdout).not.toMatch(/^openai: same$/m);
    expect(r.code).toBe(9);
  });

  it('providers diff -f DIR exported from another gateway: "same mask, cannot be verified", exit 9', async () => {
    const h = await twoGateways();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-same-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    expect((await h.run(['export', '--all', '-o', dir])).code).toBe(0);
    for (const f of fs.readdirSync(dir)) if (f !== 'openai.json') fs.rmSync(path.join(dir, f));
    const r = await h.run(['diff', '-f', dir], { noUrl: true, env: { PATH: process.env.PATH, BIFROST_URL: other.url } });
    expect(r.stdout).toContain('network_config.ca_cert_pem: same mask, cannot be verified');
    expect(r.code).toBe(9);
  });

  it('fleet push: reports the secret it left as the target has it, per field; exit 9', async () => {
    const h = await twoGateways();
    h.gw.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 9;
    });
    const r = await runWith(h, runFleetCommand, ['push', 'openai', '--from', 'a', '--to', 'b', '--yes']);
    expect(r.stdout).toContain('network_config.ca_cert_pem: same mask, cannot be verified');
    expect(r.stdout).not.toMatch(/^pushed to 1 of 1$/m);
    expect(r.code).toBe(9);
    expect(other.storedProvider('openai')!.network_config!.ca_cert_pem).toBe(OTHER_PEM);
    expect(other.storedProvider('openai')!.network_config!.max_retries).toBe(9);
  });
});

/** Runs another command group with the harness's stores (no --url: the profiles say where). */
async function runWith(h: Harness, command: typeof runFleetCommand, argv: string[]) {
  const { PassThrough, Readable } = await import('node:stream');
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
  const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await command(argv, { stdout: out, stderr: err, stdin: Readable.from([]), env: { PATH: process.env.PATH }, isTTY: false }, {
    store: h.store, historyDir: path.join(h.dir, 'state'),
  });
  return { code, stdout, stderr };
}
