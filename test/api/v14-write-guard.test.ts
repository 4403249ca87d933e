/**
 * A v1.4 gateway keeps a provider's keys inside the provider object and takes
 * `keys` in a provider PUT as the complete list (VERSIONS.md §3.1, §6): a body
 * without them deletes every key. Until the writers speak that dialect, the
 * client refuses every write to a gateway whose providers carry `keys`, and
 * nothing reaches it.
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
import { startDemoGateway, type DemoGateway } from '../../src/demo-gateway/index.js';

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
  close(): Promise<void>;
}

/** The read side of a v1.4 gateway; any write is recorded (and would have deleted the keys). */
async function startV14(): Promise<V14Stub> {
  const writes: string[] = [];
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(`${JSON.stringify(body)}\n`);
    };
    if (req.method !== 'GET') {
      writes.push(`${req.method} ${req.url}`);
      req.resume();
      send(200, V14_OPENAI);
      return;
    }
    if (req.url === '/api/providers') send(200, { providers: [V14_OPENAI], total: 1 });
    else if (req.url === '/api/providers/openai') send(200, V14_OPENAI);
    else if (req.url === '/api/version') send(200, 'v1.4.23');
    else send(404, { is_bifrost_error: false, status_code: 404, error: { message: 'Provider not found: not found' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, writes, close: () => new Promise((r) => server.close(() => r())) };
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

const REFUSAL = /keeps keys inside its providers \(Bifrost v1\.4\): writing to it is not supported yet.*nothing was sent/;

describe('writes to a v1.4 gateway (keys inside providers) are refused', () => {
  it('the client refuses every write once it has seen a provider carrying keys', async () => {
    const client = createClient({ baseUrl: v14.url, auth: { kind: 'none' } });
    const fetched = await client.getProvider('openai');
    const { keys: _keys, ...body } = fetched as Record<string, unknown>;
    await expect(client.updateProvider('openai', body)).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringMatching(REFUSAL) });
    await expect(client.createProvider({ ...body, provider: 'groq' })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(client.deleteProvider('openai')).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(client.createKey('openai', { name: 'x', value: 'sk-x' })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(client.updateKey('openai', 'k-1', { weight: 2 })).rejects.toMatchObject({ kind: 'unsupported' });
    await expect(client.deleteKey('openai', 'k-1')).rejects.toMatchObject({ kind: 'unsupported' });
    expect(v14.writes).toEqual([]);
    await client.close();
  });

  it('providers set: one line, exit 7, nothing sent', async () => {
    const run = io();
    const code = await runProvidersCommand(['set', 'openai', 'network_config.max_retries=3', '--yes', '--url', v14.url], run.io, {
      store: openProfileStore({ dir: path.join(dir, 'config') }),
      historyDir: path.join(dir, 'state'),
    });
    expect(code).toBe(7);
    expect(run.err()).toMatch(REFUSAL);
    expect(run.err().trim().split('\n')).toHaveLength(1);
    expect(v14.writes).toEqual([]);
  });

  it('providers apply -f DIR: refused for the provider, nothing sent', async () => {
    const files = path.join(dir, 'desired');
    fs.mkdirSync(files);
    fs.writeFileSync(path.join(files, 'openai.json'), JSON.stringify({ network_config: { max_retries: 4 } }));
    const run = io();
    const code = await runProvidersCommand(['apply', '-f', files, '--yes', '--url', v14.url], run.io, {
      store: openProfileStore({ dir: path.join(dir, 'config') }),
      historyDir: path.join(dir, 'state'),
    });
    expect(code).toBe(7);
    expect(run.out() + run.err()).toMatch(REFUSAL);
    expect(v14.writes).toEqual([]);
  });

  it('fleet push to a v1.4 target: refused, nothing sent; the v1.5 source is untouched', async () => {
    const source: DemoGateway = await startDemoGateway({ port: 0 });
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
      expect(code).toBe(7);
      expect(run.out() + run.err()).toMatch(REFUSAL);
      expect(v14.writes).toEqual([]);
      expect(source.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await source.close();
    }
  });
});

describe('the guard against the demo gateway playing v1.4', () => {
  it('engages once the version is known as v1.4, before any provider was read; the keys stay in the store', async () => {
    const gw = await startDemoGateway({ port: 0, version: '1.4' });
    try {
      const client = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
      expect((await client.version()).line).toBe('v1.4');
      await expect(client.createKey('openai', { name: 'x', value: 'sk-x' })).rejects.toMatchObject({ kind: 'unsupported' });
      await client.close();
      const run = io();
      const code = await runProvidersCommand(['set', 'openai', 'network_config.max_retries=3', '--yes', '--url', gw.url], run.io, {
        store: openProfileStore({ dir: path.join(dir, 'config') }),
        historyDir: path.join(dir, 'state'),
      });
      expect(code).toBe(7);
      expect(gw.requests.filter((r) => r.method !== 'GET')).toEqual([]);
      expect((gw.storedProvider('openai')?.keys as unknown[]).length).toBe(2);
    } finally {
      await gw.close();
    }
  });
});
