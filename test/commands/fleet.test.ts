/**
 * `fleet diff` and `fleet push` end to end, on a fleet of one Bifrost line
 * (every line the demo plays, describeEachVersion): exact bodies, what each
 * gateway stores afterwards, honest sameness of masks in each line's styles.
 * The mixed fleet (v1.4 next to v2.2) is test/versions/mixed-fleet.test.ts.
 */
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFleetCommand } from '../../src/commands/fleet.js';
import { startDemoGateway, type DemoGateway, type DemoVersion } from '../../src/demo-gateway/index.js';
import { isRedacted } from '../../src/api/secrets.js';
import { fetchJson, setup, writable, type Harness } from './providers-harness.js';
import { describeEachVersion, envSecret, literalSecret, sortedJson, storedKeys } from '../helpers/gateway-versions.js';

describeEachVersion('fleet', (version: DemoVersion) => {
let h: Harness;
let eu: DemoGateway;
let us: DemoGateway;
beforeEach(async () => {
  h = await setup({ version }); // "staging"
  eu = await startDemoGateway({ port: 0, version });
  us = await startDemoGateway({ port: 0, version });
  h.store.upsert({ name: 'staging', url: h.gw.url, auth: 'none' });
  h.store.upsert({ name: 'eu', url: eu.url, auth: 'none' });
  h.store.upsert({ name: 'us', url: us.url, auth: 'none' });
  h.store.upsert({ name: 'down', url: 'http://127.0.0.1:1', auth: 'none' });
});
afterEach(async () => {
  await Promise.all([eu.close(), us.close()]);
  await h.close();
});

/**
 * What groq's proxy looks like across gateways of this line: v2.2 masks the user name (an equal mask proves
 * nothing), v1.5/v1.6 show it plain (equal: the same) and keep the password a reference, v1.4 shows the
 * password as `<REDACTED>` (equal: proves nothing).
 */
const GROQ_UNVERIFIED: Record<DemoVersion, string | undefined> = { '1.4': 'proxy_config.password', '1.5': undefined, '1.6': undefined, '2.2': 'proxy_config.username' };
const groqLine = (unknownOn: string, columns: string): string[] => {
  const path = GROQ_UNVERIFIED[version];
  return path
    ? [`groq: same as far as can be seen; unknown on ${unknownOn}`, `  ${path}: same mask, cannot be verified (${columns})`]
    : [`groq: same; unknown on ${unknownOn}`];
};

async function fleet(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
  const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await runFleetCommand(argv, { stdout: out, stderr: err, stdin: Readable.from([]), env: { PATH: process.env.PATH }, isTTY: false }, {
    store: h.store, historyDir: path.join(h.dir, 'state'),
  });
  return { code, stdout, stderr };
}

/** Every string leaf of a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (v === null || typeof v !== 'object') return [];
  return Object.values(v).flatMap(strings);
}

describe('fleet diff', () => {
  it('per provider, the fields that differ and each gateway\'s value; an unreachable gateway is a column saying why', async () => {
    eu.mutateProvider('openai', (p) => {
      p.network_config!.max_retries = 3;
    });
    us.mutateProvider('anthropic', (p) => {
      p.concurrency_and_buffer_size = { concurrency: 100, buffer_size: 2000 };
    });
    const r = await fleet(['diff', 'openai', 'anthropic', 'groq', '--profiles', 'staging,eu,us,down']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'Gateways:',
      `  staging (${h.gw.url})`,
      `  eu (${eu.url})`,
      `  us (${us.url})`,
      '  down (http://127.0.0.1:1): unreachable: cannot connect to http://127.0.0.1:1: connection refused',
      'openai: 1 field differs; unknown on down',
      '  FIELD                       staging  eu  us  down',
      '  network_config.max_retries  2        3   2   ? unreachable',
      // Equal masks prove nothing (every CA certificate masks alike): never "same".
      '  network_config.ca_cert_pem: same mask, cannot be verified (staging, eu, us)',
      'anthropic: 1 field differs; unknown on down',
      '  FIELD                                    staging  eu   us   down',
      '  concurrency_and_buffer_size.concurrency  500      500  100  ? unreachable',
      ...groqLine('down', 'staging, eu, us'),
      '',
    ].join('\n'));
    expect(h.writes()).toEqual([]);
  });

  it('a provider missing on one gateway differs (exit 1); all the same is exit 0; JSON masks secrets', async () => {
    us.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).username = 'svc-us-NEVERSHOWN-other';
    });
    await fetch(`${eu.url}/api/providers/ollama`, { method: 'DELETE' });
    const same = await fleet(['diff', 'anthropic', '--profiles', 'staging,eu,us']);
    expect(same).toMatchObject({ code: 0, stdout: expect.stringContaining('\nanthropic: same\n') });
    const missing = await fleet(['diff', 'ollama', '--profiles', 'staging,eu,us']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('\nollama: same where configured; not configured on eu\n');
    const j = await fleet(['diff', 'groq', '--profiles', 'staging,us', '--json']);
    expect(j.code).toBe(1);
    const json = JSON.parse(j.stdout);
    expect(json.providers[0]).toMatchObject({ provider: 'groq', differs: true, cells: { staging: 'same', us: 'differs' } });
    expect(json.providers[0].fields.map((f: { path: string }) => f.path)).toEqual(['proxy_config.username']);
    expect(j.stdout).not.toContain('NEVERSHOWN');
    const t = await fleet(['diff', 'groq', '--profiles', 'staging,us']);
    // v2.2 masks both user names; the older lines show them plain, and the table masks them.
    expect(t.stdout).toContain(version === '2.2'
      ? '  proxy_config.username  •••• (set, redacted)  •••• (set, redacted)\n'
      : '  proxy_config.username  •••• (set, 11 chars)  •••• (set, 23 chars)\n');
  });

  it('a gateway that never answers is cut off by its own deadline (the profile\'s timeout); the others are still compared', async () => {
    us.addFault({ path: '/api/providers', hang: true });
    h.store.upsert({ name: 'us', url: us.url, auth: 'none', timeoutMs: 300 });
    const r = await fleet(['diff', 'groq', '--profiles', 'staging,eu,us']);
    expect(r.code).toBe(7);
    expect(r.stdout).toMatch(/\n {2}us \(http:\/\/127\.0\.0\.1:\d+\): unreachable: no answer within 300 ms\n/);
    expect(r.stdout).toContain(`\n${groqLine('us', 'staging, eu').join('\n')}\n`);
  });
});

describe('fleet push', () => {
  it('copies editable fields; a secret the target shows masked is reported and kept; a plain one is a value; references go as references; never a mask', async () => {
    const v14 = version === '1.4';
    h.gw.mutateProvider('groq', (p) => {
      p.network_config!.max_retries = 5;
      // v1.4 keeps proxy fields as plain strings (no references there).
      if (!v14) (p.proxy_config as Record<string, unknown>).password = envSecret(version, 'x', 'env.GROQ_PROXY_PASSWORD_V2');
    });
    eu.mutateProvider('groq', (p) => {
      (p.proxy_config as Record<string, unknown>).username = v14 ? 'svc-eu-different' : literalSecret(eu.version, 'svc-eu-different');
    });
    const euBefore = await fetchJson(eu, 'groq');
    const source = await fetchJson(h.gw, 'groq');
    const keys = sortedJson(storedKeys(eu, 'groq'));
    const r = await fleet(['push', 'groq', '--from', 'staging', '--to', 'eu', '--yes']);
    expect(r.stderr).toBe('');
    const masked = version === '2.2';
    if (masked) {
      // Pushed, but a secret is left as eu has it: said per field, and exit 9.
      expect(r.code).toBe(9);
      expect(r.stdout).toContain('      proxy_config.username differs and cannot be copied: set it on the target\n');
      expect(r.stdout).toContain('updated groq on eu; secrets left as eu has them: proxy_config.username\npushed to 1 of 1; secrets not copied or not verifiable on eu (see above)\n');
    } else {
      // A user name the gateways show plain is a value like any other: copied.
      expect(r.stdout).toContain('~ proxy_config.username:');
      expect(r.stdout).toContain('updated groq on eu');
    }
    const puts = eu.requests.filter((q) => q.method === 'PUT');
    expect(puts).toHaveLength(1);
    const before = writable(euBefore, version) as Record<string, any>;
    expect(puts[0]!.json).toEqual({
      ...before,
      network_config: { ...before.network_config, max_retries: 5 },
      proxy_config: {
        ...before.proxy_config,
        // A reference goes as the plain string every line understands (VERSIONS.md §4).
        ...(v14 ? {} : { password: 'env.GROQ_PROXY_PASSWORD_V2' }),
        ...(masked ? {} : { username: (source.proxy_config as Record<string, unknown>).username }),
      },
    });
    // The user name the body carried is eu's own current mask (v2.2): eu keeps its secret; else staging's value.
    const user = (eu.storedProvider('groq')!.proxy_config as Record<string, unknown>).username;
    expect(JSON.stringify(user)).toContain(masked ? 'svc-eu-different' : 'svc-bifrost');
    // v1.4: the PUT carried groq's keys as eu had them, and eu still has every one.
    expect(sortedJson(storedKeys(eu, 'groq'))).toBe(keys);
  });

  it('creates the provider where it is missing without sending any mask; one unreachable target does not stop the rest (exit 8)', async () => {
    await fetch(`${us.url}/api/providers/openai`, { method: 'DELETE' });
    const r = await fleet(['push', 'openai', '--from', 'staging', '--to', 'down,us', '--yes']);
    expect(r.code).toBe(8);
    expect(r.stderr).toBe('bifrost-tui: down: cannot connect to http://127.0.0.1:1: connection refused\n');
    expect(r.stdout).toContain('created openai on us; secrets left as us has them: network_config.ca_cert_pem\npushed to 1 of 2; failed: down; secrets not copied or not verifiable on us (see above)\n');
    const posts = us.requests.filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    // A new provider gets its settings, never keys (v1.4's live in the provider: they are not copied between gateways).
    const src = writable(await fetchJson(h.gw, 'openai')) as Record<string, any>;
    const { ca_cert_pem: _ca, ...network } = src.network_config;
    expect(posts[0]!.json).toEqual({ ...src, network_config: network, provider: 'openai' });
    for (const s of strings(posts[0]!.json)) expect(isRedacted(s)).toBe(false);
  });

  it('--dry-run writes nothing; without --yes and no terminal nothing is written', async () => {
    h.gw.mutateProvider('azure', (p) => {
      p.send_back_raw_response = true;
    });
    const dry = await fleet(['push', 'azure', '--from', 'staging', '--to', 'eu,us', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('  update  azure  (1 field)\n      ~ send_back_raw_response: false → true\n');
    const no = await fleet(['push', 'azure', '--from', 'staging', '--to', 'eu']);
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('refusing to write without confirmation');
    expect([...eu.requests, ...us.requests].filter((q) => q.method !== 'GET')).toEqual([]);
  });
});
});
