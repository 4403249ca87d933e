/**
 * A v1.4 gateway keeps a provider's keys inside the provider object and takes
 * `keys` in a provider PUT as the complete list (VERSIONS.md §3.1, §6): a body
 * without them deletes every key. Every writer speaks that dialect: each
 * provider PUT carries the keys exactly as the gateway has them, byte for
 * byte, and the client refuses a keyless provider PUT as the last guard.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/client.js';
import { runProvidersCommand } from '../../src/commands/providers.js';
import { runFleetCommand } from '../../src/commands/fleet.js';
import { openProfileStore } from '../../src/store/profile-store.js';
import { defaultSeed, startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';
import { runKeysCommand } from '../../src/commands/keys.js';
import { sortedJson, storedKeys } from '../helpers/gateway-versions.js';

/** openai as a v1.4.23 gateway shows it: EnvVar objects, plain proxy strings, keys inside. */
const V14_OPENAI = {
  name: 'openai',
  keys: [
    {
      id: 'k-1', name: 'openai-prod', value: { value: 'sk-p************************0001', env_var: '', from_env: false },
      models: [], blacklisted_models: [], weight: 1, use_for_batch_api: false,
    },
  ],
  network_config: { default_request_timeout_in_seconds: 30, max_retries: 2, retry_backoff_initial: 500, retry_backoff_max: 5000 },
  concurrency_and_buffer_size: { concurrency: 1000, buffer_size: 5000 },
  proxy_config: null,
  send_back_raw_request: false,
  send_back_raw_response: false,
  store_raw_request_response: false,
  provider_status: 'active',
};

interface V14Stub {
  url: string;
  writes: string[];
  /** The raw text of each write's body. */
  bodies: string[];
  close(): Promise<void>;
}

/** The read side of a v1.4 gateway; every write is recorded with its raw body (and answered with the provider unchanged). */
async function startV14(): Promise<V14Stub> {
  const writes: string[] = [];
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(body)}\n`);
    };
    if (req.method !== 'GET') {
      writes.push(`${req.method} ${req.url}`);
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => {
        bodies.push(text);
        send(200, V14_OPENAI);
      });
      return;
    }
    if (req.url === '/api/providers') send(200, { providers: [V14_OPENAI], total: 1 });
    else if (req.url === '/api/providers/openai') send(200, V14_OPENAI);
    else if (req.url === '/api/version') send(200, 'v1.4.23');
    else send(404, { is_bifrost_error: false, status_code: 404, error: { message: 'Provider not found: not found' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, writes, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

let v14: V14Stub;
let dir: string;
beforeEach(async () => {
  v14 = await startV14();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-v14-'));
});
afterEach(async () => {
  await v14.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function io(): { io: Parameters<typeof runProvidersCommand>[1]; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: new PassThrough().on('data', (d: Buffer) => (out += d.toString())),
      stderr: new PassThrough().on('data', (d: Buffer) => (err += d.toString())),
      stdin: Readable.from([]),
      env: { PATH: process.env.PATH },
      isTTY: false,
    },
    out: () => out,
    err: () => err,
  };
}

/** The `keys` of a raw body text, as text: byte for byte what was fetched. */
const keysText = (body: string): string => JSON.stringify((JSON.parse(body) as { keys?: unknown }).keys);
const FETCHED_KEYS = JSON.stringify(V14_OPENAI.keys);

describe('writes to a v1.4 gateway (keys inside providers) keep every key', () => {
  it('the client refuses a provider PUT without keys (the last guard), and sends one with them', async () => {
    const client = createClient({ baseUrl: v14.url, auth: { kind: 'none' } });
    const fetched = await client.getProvider('openai');
    const { keys: _keys, ...body } = fetched as Record<string, unknown>;
    await expect(client.updateProvider('openai', body)).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(/a provider PUT without its keys would delete them all; nothing was sent/) });
    expect(v14.writes).toEqual([]);
    await client.updateProvider('openai', { ...body, keys: V14_OPENAI.keys });
    expect(v14.writes).toEqual(['PUT /api/providers/openai']);
    await client.close();
  });

  it('providers set: the PUT carries the keys byte for byte as fetched', async () => {
    const run = io();
    const code = await runProvidersCommand(['set', 'openai', 'network_config.max_retries=3', '--yes', '--url', v14.url], run.io, {
      store: openProfileStore({ dir: path.join(dir, 'config') }),
      historyDir: path.join(dir, 'state'),
    });
    expect(code, run.err()).toBe(0);
    expect(v14.writes).toEqual(['PUT /api/providers/openai']);
    expect(keysText(v14.bodies[0]!)).toBe(FETCHED_KEYS);
    expect(JSON.parse(v14.bodies[0]!).network_config.max_retries).toBe(3);
  });

  it('providers apply -f DIR: the PUT carries the keys byte for byte as fetched', async () => {
    const files = path.join(dir, 'desired');
    fs.mkdirSync(files);
    fs.writeFileSync(path.join(files, 'openai.json'), JSON.stringify({ network_config: { ...V14_OPENAI.network_config, max_retries: 4 }, concurrency_and_buffer_size: V14_OPENAI.concurrency_and_buffer_size }));
    const run = io();
    const code = await runProvidersCommand(['apply', '-f', files, '--yes', '--url', v14.url], run.io, {
      store: openProfileStore({ dir: path.join(dir, 'config') }),
      historyDir: path.join(dir, 'state'),
    });
    expect(code, run.err()).toBe(0);
    expect(v14.writes).toEqual(['PUT /api/providers/openai']);
    expect(keysText(v14.bodies[0]!)).toBe(FETCHED_KEYS);
  });

  it('fleet push from a v1.5 gateway to a v1.4 one: the PUT carries the target\'s keys byte for byte; the source is untouched', async () => {
    const source: DemoGateway = await startDemoGateway({ port: 0, version: '1.5' });
    try {
      const store = openProfileStore({ dir: path.join(dir, 'config') });
      store.upsert({ name: 'new', url: source.url, auth: 'none' });
      store.upsert({ name: 'old', url: v14.url, auth: 'none' });
      source.mutateProvider('openai', (p) => {
        p.network_config!.max_retries = 5;
      });
      const run = io();
      const code = await runFleetCommand(['push', 'openai', '--from', 'new', '--to', 'old', '--yes'], run.io, {
        store, historyDir: path.join(dir, 'state'),
      });
      expect([0, 9]).toContain(code);
      expect(v14.writes).toEqual(['PUT /api/providers/openai']);
      expect(keysText(v14.bodies[0]!)).toBe(FETCHED_KEYS);
      expect(JSON.parse(v14.bodies[0]!).network_config.max_retries).toBe(5);
      expect(source.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await source.close();
    }
  });
});

describe('the demo gateway playing v1.4', () => {
  it('a Hugging Face provider with keys: every write is refused with one line (GET drops huggingface_key_config: an echo would erase it); nothing sent, the config kept', async () => {
    const hf = {
      name: 'huggingface', network_config: { max_retries: 1 }, concurrency_and_buffer_size: { concurrency: 1, buffer_size: 1 }, proxy_config: null,
      keys: [{ id: 'hf-1', name: 'hf', value: { value: 'hf_secret_token_000001', env_var: '', from_env: false }, models: [], weight: 1, huggingface_key_config: { deployments: { a: 'b' } } }],
    };
    const gw = await startDemoGateway({ port: 0, version: '1.4', seed: [hf as never, ...defaultSeed()] });
    try {
      const deps = { store: openProfileStore({ dir: path.join(dir, 'config') }), historyDir: path.join(dir, 'state') };
      const runs = [
        await (async () => { const r = io(); return { code: await runProvidersCommand(['set', 'huggingface', 'network_config.max_retries=3', '--yes', '--url', gw.url], r.io, deps), err: r.err() }; })(),
        await (async () => { const r = io(); return { code: await runKeysCommand(['set', 'huggingface', 'hf', 'weight=0.5', '--yes', '--url', gw.url], r.io, deps), err: r.err() }; })(),
      ];
      for (const r of runs) {
        expect(r.code, r.err).toBe(3);
        expect(r.err.trimEnd().split('\n').filter((l) => l.includes('huggingface_key_config'))).toHaveLength(1);
      }
      expect(gw.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect(storedKeys(gw, 'huggingface')[0]!.huggingface_key_config).toEqual({ deployments: { a: 'b' } });
    } finally {
      await gw.close();
    }
  });

  it('a provider save keeps every stored key byte for byte (was: every write refused, and before that, every key deleted)', async () => {
    const gw = await startDemoGateway({ port: 0, version: '1.4' });
    try {
      const before = sortedJson(storedKeys(gw, 'openai'));
      const shown = sortedJson((await (await fetch(`${gw.url}/api/providers/openai`)).json()).keys);
      const run = io();
      const code = await runProvidersCommand(['set', 'openai', 'network_config.max_retries=3', '--yes', '--url', gw.url], run.io, {
        store: openProfileStore({ dir: path.join(dir, 'config') }),
        historyDir: path.join(dir, 'state'),
      });
      expect(code, run.err()).toBe(0);
      expect(gw.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /api/providers/openai']);
      // The store holds the same keys, real secrets included (not their masks); the gateway shows them as before (members in any order).
      expect(sortedJson(storedKeys(gw, 'openai'))).toBe(before);
      expect((gw.storedProvider('openai')?.keys as unknown[]).length).toBe(2);
      expect(sortedJson((await (await fetch(`${gw.url}/api/providers/openai`)).json()).keys)).toBe(shown);
    } finally {
      await gw.close();
    }
  });
});
