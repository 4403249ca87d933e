/**
 * A fleet of gateways on different Bifrost lines (a v1.4 next to a v2.2, and
 * every line next to v2.2): `fleet diff` and `providers diff -f DIR` compare
 * by meaning (a reference is the same in `{value, env_var, from_env}` and
 * `{value, ref, type}`; a field one line lacks is no difference; masks of two
 * lines' styles prove nothing), and `fleet push` / `apply -f DIR` write each
 * target in its own dialect, refusing per field what it cannot hold. A push
 * from v2.2 to an older line and back reproduces every editable field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFleetCommand } from '../../src/commands/fleet.js';
import { runProvidersCommand } from '../../src/commands/providers.js';
import { startDemoGateway, type DemoGateway, type DemoVersion } from '../../src/demo-gateway/index.js';
import { fetchJson, setup, writable, type Harness } from '../commands/providers-harness.js';
import { describeEachVersion, sortedJson, storedKeys, storedSecretProblems } from '../helpers/gateway-versions.js';

interface Fleet {
  h: Harness;
  /** The second gateway: `new` (v2.2) when the harness plays an older line. */
  other: DemoGateway;
  run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  providers(argv: string[], gw: DemoGateway): Promise<{ code: number; stdout: string; stderr: string }>;
}

async function fleetOf(oldVersion: DemoVersion, newVersion: DemoVersion = '2.2'): Promise<Fleet> {
  const h = await setup({ version: oldVersion });
  const other = await startDemoGateway({ port: 0, version: newVersion });
  h.store.upsert({ name: 'old', url: h.gw.url, auth: 'none' });
  h.store.upsert({ name: 'new', url: other.url, auth: 'none' });
  const io = () => {
    let stdout = '';
    let stderr = '';
    return {
      io: {
        stdout: new PassThrough().on('data', (d: Buffer) => (stdout += d.toString())),
        stderr: new PassThrough().on('data', (d: Buffer) => (stderr += d.toString())),
        stdin: Readable.from([]), env: { PATH: process.env.PATH }, isTTY: false,
      },
      out: () => ({ stdout, stderr }),
    };
  };
  const deps = { store: h.store, historyDir: path.join(h.dir, 'state') };
  return {
    h, other,
    async run(argv) {
      const r = io();
      const code = await runFleetCommand(argv, r.io, deps);
      return { code, ...r.out() };
    },
    async providers(argv, gw) {
      const r = io();
      const code = await runProvidersCommand([...argv, '--url', gw.url], r.io, deps);
      return { code, ...r.out() };
    },
  };
}

/** Editable settings of v2.2's openai and acme-llm, changed so a push has something to carry. */
function editEverything(gw: DemoGateway): void {
  gw.mutateProvider('openai', (p) => {
    p.network_config = {
      ...p.network_config!, base_url: 'https://eu.api.openai.com', extra_headers: { 'OpenAI-Organization': 'org-eu', 'X-Team': 'ml' },
      default_request_timeout_in_seconds: 45, max_retries: 4, retry_backoff_initial: 750, retry_backoff_max: 9000, max_conns_per_host: 800,
    };
    p.concurrency_and_buffer_size = { concurrency: 64, buffer_size: 256 };
    p.send_back_raw_request = true;
    p.store_raw_request_response = false;
    p.openai_config = { disable_store: false };
  });
  gw.mutateProvider('acme-llm', (p) => {
    const cpc = p.custom_provider_config as Record<string, any>;
    cpc.allowed_requests = { ...cpc.allowed_requests, embedding: false, speech: true };
    cpc.request_path_overrides = { chat_completion: '/v3/chat', embedding: '/v3/embed' };
    p.network_config = { ...p.network_config!, extra_headers: { 'X-Acme-Tenant': 'us-prod' } };
  });
}

describe('a v1.4 and a v2.2 gateway in one fleet', () => {
  let f: Fleet;
  beforeEach(async () => {
    f = await fleetOf('1.4');
  });
  afterEach(async () => {
    await f.other.close();
    await f.h.close();
  });

  it('fleet diff compares meaning: no difference from keys inside v1.4 providers, fields one line lacks, secret shapes; masks of two styles prove nothing', async () => {
    const r = await f.run(['diff', '--profiles', 'old,new']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe([
      'Gateways:',
      `  old (${f.h.gw.url})`,
      `  new (${f.other.url})`,
      'acme-llm: same',
      'anthropic: same',
      // Each line's own default for an unset setting: a real difference (30 s against 300 s).
      'azure: 2 fields differ',
      '  FIELD                                              old  new',
      '  network_config.default_request_timeout_in_seconds  30   300',
      '  network_config.stream_idle_timeout_in_seconds      60   120',
      // v1.4 keeps proxy settings as plain text; v2.2 has references there. The user name: v1.4 shows it, v2.2 masks it.
      'groq: 2 fields differ',
      '  FIELD                  old                   new',
      '  proxy_config.url       •••• (set, 34 chars)  env.GROQ_PROXY_URL',
      '  proxy_config.password  •••• (set, redacted)  env.GROQ_PROXY_PASSWORD',
      '  proxy_config.username: same mask, cannot be verified (old, new)',
      'ollama: same',
      // `<REDACTED>` (v1.4) against a 4+24+4 mask: neither same nor different.
      'openai: same as far as can be seen',
      '  network_config.ca_cert_pem: same mask, cannot be verified (old, new)',
      '',
    ].join('\n'));
  });

  it('fleet push v2.2 → v1.4 writes the v1.4 dialect: the PUT carries the target\'s keys byte for byte, a reference v1.4 cannot hold is refused per field, nothing stored as a mask or JSON text', async () => {
    const keys = sortedJson(storedKeys(f.h.gw, 'groq'));
    const before = await fetchJson(f.h.gw, 'groq');
    f.other.mutateProvider('groq', (p) => {
      p.network_config = { ...p.network_config!, max_retries: 7 };
    });
    const r = await f.run(['push', 'groq', '--from', 'new', '--to', 'old', '--yes']);
    expect(r.stderr).toBe('');
    // Written, but fields were left as v1.4 has them: said per field, exit 9.
    expect(r.code).toBe(9);
    expect(r.stdout).toContain('      proxy_config.url: env.GROQ_PROXY_URL is a reference, and Bifrost v1.4 reads this setting as plain text, not as a reference: not copied, left as the target has it\n');
    expect(r.stdout).toContain('      proxy_config.password: env.GROQ_PROXY_PASSWORD is a reference, and Bifrost v1.4 reads this setting as plain text, not as a reference: not copied, left as the target has it\n');
    expect(r.stdout).toContain('      proxy_config.username: same mask, cannot be verified (left as the target has it)\n');
    const puts = f.h.gw.requests.filter((q) => q.method === 'PUT');
    expect(puts).toHaveLength(1);
    const w = writable(before, '1.4') as Record<string, any>;
    expect(puts[0]!.json).toEqual({ ...w, network_config: { ...w.network_config, max_retries: 7 } });
    expect(JSON.stringify((puts[0]!.json as Record<string, unknown>).keys)).toBe(JSON.stringify(before.keys));
    expect(sortedJson(storedKeys(f.h.gw, 'groq'))).toBe(keys);
    expect(storedSecretProblems(f.h.gw, 'groq')).toEqual([]);
  });

  it('providers apply -f DIR exported from v2.2 onto v1.4: references v1.4 cannot hold are refused per field; keys kept; diff -f DIR then has nothing to apply', async () => {
    const dir = path.join(f.h.dir, 'from-new');
    f.other.mutateProvider('anthropic', (p) => {
      (p as Record<string, unknown>).ignore_provider_cost = true;
    });
    expect((await f.providers(['export', '--all', '--output-dir', dir], f.other)).code).toBe(0);
    const keys = Object.fromEntries(['openai', 'groq', 'azure'].map((n) => [n, sortedJson(storedKeys(f.h.gw, n))]));
    const r = await f.providers(['apply', '-f', dir, '--yes'], f.h.gw);
    expect(r.stderr).toBe(`note: no record of exporting ${dir} from or applying it to this gateway: drift cannot be checked for azure\n`);
    expect(r.stdout).toContain('      proxy_config.url: env.GROQ_PROXY_URL is a reference, and Bifrost v1.4 reads this setting as plain text, not as a reference: not copied, left as the target has it\n');
    // A field v1.4 has no place for is not sent (it would be ignored, and the re-read would say so): one line, only where it sets something.
    expect(r.stdout).toContain('  same    anthropic  (the same as far as can be seen)\n      ignore_provider_cost: Bifrost v1.4 has no ignore_provider_cost: not copied\n');
    expect(r.stdout).not.toContain('keep_alive_timeout_in_seconds');
    expect(f.h.gw.requests.filter((q) => q.method === 'PUT').map((q) => q.url)).toEqual(['/api/providers/azure']);
    for (const [n, k] of Object.entries(keys)) expect(sortedJson(storedKeys(f.h.gw, n)), n).toBe(k);
    for (const n of ['openai', 'groq', 'azure', 'anthropic', 'acme-llm', 'ollama']) expect(storedSecretProblems(f.h.gw, n), n).toEqual([]);
    for (const q of f.h.gw.requests.filter((x) => x.method === 'PUT')) expect(Array.isArray((q.json as Record<string, unknown>).keys), q.url).toBe(true);
    const again = await f.providers(['diff', '-f', dir], f.h.gw);
    expect(again.stdout).not.toMatch(/^\s+(update|create)\s/m);
  });
});

describe('a v1.5 and a v2.2 gateway: a reference in {value, env_var, from_env} is the same as in {value, ref, type}', () => {
  it('fleet diff says groq is the same as far as can be seen (the user name: shown on v1.5, masked on v2.2)', async () => {
    const f = await fleetOf('1.5');
    try {
      const r = await f.run(['diff', 'groq', '--profiles', 'old,new']);
      expect(r.stdout).toContain('groq: same as far as can be seen\n  proxy_config.username: same mask, cannot be verified (old, new)\n');
      expect(r.code).toBe(9);
    } finally {
      await f.other.close();
      await f.h.close();
    }
  });
});

describeEachVersion('a push from v2.2 to this line and back', (version) => {
  let f: Fleet;
  beforeEach(async () => {
    f = await fleetOf(version);
    editEverything(f.other);
  });
  afterEach(async () => {
    await f.other.close();
    await f.h.close();
  });

  it('reproduces every editable field in each gateway\'s own dialect; the target keeps its keys; nothing is stored as a mask or JSON text', async () => {
    const names = ['openai', 'acme-llm'];
    const start = Object.fromEntries(await Promise.all(names.map(async (n) => [n, writable(await fetchJson(f.other, n))] as const)));
    const keys = Object.fromEntries(names.map((n) => [n, sortedJson(storedKeys(f.h.gw, n))]));
    for (const n of names) {
      const there = await f.run(['push', n, '--from', 'new', '--to', 'old', '--yes']);
      expect(there.stderr, n).toBe('');
      expect([0, 9], there.stdout).toContain(there.code);
    }
    // On the older line: every editable setting as v2.2 has it (the CA PEM, a secret, stays the target's: a mask is never sent).
    const diff = await f.run(['diff', ...names, '--profiles', 'old,new']);
    expect(diff.stdout).not.toMatch(/fields? differs?\n/);
    for (const n of names) {
      expect(sortedJson(storedKeys(f.h.gw, n)), n).toBe(keys[n]);
      expect(storedSecretProblems(f.h.gw, n), n).toEqual([]);
    }
    const opened = await fetchJson(f.h.gw, 'openai');
    expect(opened.network_config).toMatchObject({ base_url: 'https://eu.api.openai.com', extra_headers: { 'OpenAI-Organization': 'org-eu', 'X-Team': 'ml' }, max_retries: 4, default_request_timeout_in_seconds: 45 });
    expect(opened).toMatchObject({ concurrency_and_buffer_size: { concurrency: 64, buffer_size: 256 }, send_back_raw_request: true, openai_config: { disable_store: false } });
    // And back: v2.2 ends exactly as it started.
    for (const n of names) {
      const back = await f.run(['push', n, '--from', 'old', '--to', 'new', '--yes']);
      expect(back.stderr, n).toBe('');
    }
    for (const n of names) expect(writable(await fetchJson(f.other, n)), n).toEqual(start[n]);
    for (const n of names) expect(storedSecretProblems(f.other, n), n).toEqual([]);
  });
});

describe('helpers', () => {
  it('the mask scan finds a mask and JSON text stored as a secret', () => {
    const gw = { storedProvider: () => ({ proxy_config: { password: { value: `abcd${'*'.repeat(24)}wxyz` }, url: '{"value":"x","ref":"env.X","type":"env"}' } }) } as unknown as DemoGateway;
    expect(storedSecretProblems(gw, 'x')).toHaveLength(2);
    const wildcard = { storedProvider: () => ({ keys: [{ models: ['*'], value: { value: 'sk-real-value-000001' } }] }) } as unknown as DemoGateway;
    expect(storedSecretProblems(wildcard, 'x')).toEqual([]);
    expect(fs.existsSync(__filename)).toBe(true);
  });
});
