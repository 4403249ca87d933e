/**
 * The client's TLS trust and proxy handling, against throwaway loopback
 * servers (an HTTPS endpoint with a self-signed certificate and a CONNECT proxy).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { createClient } from '../../src/api/client.js';

const LIST = JSON.stringify({ providers: [{ name: 'openai' }], total: 1 }) + '\n';
const answer = (_req: unknown, res: import('node:http').ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' }).end(LIST);
};

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('TLS', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bifrost-tls-'));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, answer);
    url = `https://127.0.0.1:${await listen(server)}`;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  });

  it('an untrusted certificate is a tls error with a hint', async () => {
    const client = createClient({ baseUrl: url, auth: { kind: 'none' }, getRetries: 0 });
    const e = await failure(client.listProviders());
    expect(e.kind).toBe('tls');
    expect(e.message).toMatch(/DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED/);
    expect(e.message).toMatch(/CA file.*insecure/);
    await client.close();
  });

  it('a CA file makes it trusted', async () => {
    const client = createClient({ baseUrl: url, auth: { kind: 'none' }, caFile: join(dir, 'cert.pem') });
    expect(await client.listProviders()).toEqual([{ name: 'openai' }]);
    await client.close();
  });

  it('insecure mode skips verification', async () => {
    const client = createClient({ baseUrl: url, auth: { kind: 'none' }, insecure: true });
    expect(await client.listProviders()).toEqual([{ name: 'openai' }]);
    await client.close();
  });

  it('an unreadable CA file rejects every call with ApiError (no throw at creation)', async () => {
    const client = createClient({ baseUrl: url, auth: { kind: 'none' }, caFile: join(dir, 'missing.pem') });
    const e = await failure(client.listProviders());
    expect(e.kind).toBe('tls');
    expect(e.message).toContain('cannot read CA file');
    await client.close();
  });
});

describe('proxy environment variables', () => {
  let gateway: Server;
  let proxy: Server;
  let gatewayPort: number;
  let proxyPort: number;
  const tunnels: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    gateway = createHttpServer(answer);
    gatewayPort = await listen(gateway);
    // A CONNECT proxy that sends every tunnel to the local gateway, whatever host was asked for.
    proxy = createHttpServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, socket, head) => {
      tunnels.push(req.url ?? '');
      const upstream = connect(gatewayPort, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    proxyPort = await listen(proxy);
  });
  afterEach(() => {
    for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    tunnels.length = 0;
  });
  afterAll(() => {
    gateway?.close();
    proxy?.close();
  });

  it('goes through HTTP_PROXY for a remote gateway', async () => {
    process.env.http_proxy = `http://127.0.0.1:${proxyPort}`;
    const client = createClient({ baseUrl: 'http://gw.invalid:8080', auth: { kind: 'none' }, getRetries: 0 });
    expect(await client.listProviders()).toEqual([{ name: 'openai' }]);
    expect(tunnels).toEqual(['gw.invalid:8080']);
    await client.close();
  });

  it('honours NO_PROXY', async () => {
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
    process.env.NO_PROXY = 'localhost,.invalid';
    const client = createClient({ baseUrl: 'http://gw.invalid:8080', auth: { kind: 'none' }, getRetries: 0 });
    const e = await failure(client.listProviders());
    expect(e.kind).toBe('dns');
    expect(tunnels).toEqual([]);
    await client.close();
  });

  it('never proxies a loopback gateway', async () => {
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
    const client = createClient({ baseUrl: `http://127.0.0.1:${gatewayPort}`, auth: { kind: 'none' } });
    expect(await client.listProviders()).toEqual([{ name: 'openai' }]);
    expect(tunnels).toEqual([]);
    await client.close();
  });
});
