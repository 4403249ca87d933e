/** End to end over loopback: the real undici client against the demo gateway. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { createClient } from '../../src/api/client.js';
import type { ClientOptions, GatewayClient } from '../../src/api/types.js';
import { buildUpdateBody, type Edit } from '../../src/api/update-body.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';
import type { DemoGateway, DemoGatewayOptions } from '../../src/demo-gateway/types.js';

const TOKEN = 'bfst-Zq8wX3vN7mK2pL9rT4yU';

let gw: DemoGateway;
let client: GatewayClient;
/** Every ApiError seen in this file, checked for the token at the end. */
const seen: ApiError[] = [];

async function start(gwOpts: DemoGatewayOptions = {}, clientOpts: Partial<ClientOptions> = {}): Promise<void> {
  gw = await startDemoGateway({ auth: { kind: 'bearer', token: TOKEN }, ...gwOpts });
  client = createClient({ baseUrl: gw.url, auth: { kind: 'bearer', token: TOKEN }, ...clientOpts });
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.message).not.toMatch(/[\r\n]/);
    seen.push(e);
    return e;
  }
  throw new Error('expected the call to reject');
}

const requestsTo = (method: string, url: string): number => gw.requests.filter((r) => r.method === method && r.url === url).length;
const lastPut = () => [...gw.requests].reverse().find((r) => r.method === 'PUT');

afterEach(async () => {
  await client?.close();
  await gw?.close();
});

describe('reads', () => {
  beforeEach(() => start());

  it('lists providers with the bearer token', async () => {
    const providers = await client.listProviders();
    expect(providers.map((p) => p.name)).toContain('openai');
    expect(providers.length).toBeGreaterThan(3);
    const req = gw.requests.at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/api/providers');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('gets one provider, keeping fields this client does not know', async () => {
    const p = await client.getProvider('openai');
    expect(p.name).toBe('openai');
    expect(p).toHaveProperty('pricing_overrides');
    expect(p).not.toHaveProperty('keys');
    // The gateway redacts the CA PEM; the client passes it on as received.
    expect(p.network_config?.ca_cert_pem).not.toContain('BEGIN CERTIFICATE');
  });

  it('lists keys and reads the auth status', async () => {
    const keys = await client.listKeys('openai');
    expect(keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(keys)).not.toContain('sk-proj-Xq7rT2vLm9KpW4sZ8bNc3HdF6gJy1QeA');
    const status = await client.authStatus();
    expect(status.is_auth_enabled).toBe(true);
  });

  it('URL-encodes provider names with a space or a slash', async () => {
    const name = 'team a/eu';
    await client.createProvider({ provider: name, custom_provider_config: { base_provider_type: 'openai' } }).catch(() => undefined);
    const post = gw.requests.at(-1)!;
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.json).toEqual({ provider: name, custom_provider_config: { base_provider_type: 'openai' } });
    await client.getProvider(name).catch(() => undefined);
    expect(gw.requests.at(-1)!.url).toBe('/api/providers/team%20a%2Feu');
    await client.listKeys(name).catch(() => undefined);
    expect(gw.requests.at(-1)!.url).toBe('/api/providers/team%20a%2Feu/keys');
  });

  it('the created provider with an awkward name can be read back', async () => {
    const name = 'team a/eu';
    const created = await client.createProvider({ provider: name, custom_provider_config: { base_provider_type: 'openai' } });
    expect(created.name).toBe(name);
    expect((await client.getProvider(name)).name).toBe(name);
  });
});

describe('saves', () => {
  beforeEach(() => start());

  it('PUTs exactly buildUpdateBody(fetched, edits), unknown fields and redacted secrets included', async () => {
    const fetched = await client.getProvider('openai');
    const edits: Edit[] = [
      { path: ['network_config', 'max_retries'], value: 4 },
      { path: ['send_back_raw_response'], value: true },
    ];
    const body = buildUpdateBody(fetched, edits);
    const saved = await client.updateProvider('openai', body);
    const put = lastPut()!;
    expect(put.url).toBe('/api/providers/openai');
    expect(put.headers['content-type']).toBe('application/json');
    expect(put.json).toStrictEqual(buildUpdateBody(fetched, edits));
    expect(put.json).toHaveProperty('pricing_overrides');
    expect(saved.network_config?.max_retries).toBe(4);
    // The redacted PEM went back unchanged, so the gateway kept the real one.
    expect(gw.storedProvider('openai')?.network_config?.ca_cert_pem).toContain('BEGIN CERTIFICATE');
    expect((await client.getProvider('openai')).send_back_raw_response).toBe(true);
  });

  it('a custom provider keeps unknown allowed_requests flags through a save', async () => {
    const fetched = await client.getProvider('acme-llm');
    const body = buildUpdateBody(fetched, [{ path: ['custom_provider_config', 'allowed_requests', 'embedding'], value: false }]);
    await client.updateProvider('acme-llm', body);
    expect(lastPut()!.json).toStrictEqual(body);
    const after = await client.getProvider('acme-llm');
    expect(after.custom_provider_config?.allowed_requests).toMatchObject({ websocket_responses: true, embedding: false });
  });

  it('writes get at least 30 s even when reads are short', async () => {
    await client.close();
    client = createClient({ baseUrl: gw.url, auth: { kind: 'bearer', token: TOKEN }, timeoutMs: 100 });
    // The read gets a per-call allowance so a busy machine cannot fail it; the PUT uses the defaults.
    const body = buildUpdateBody(await client.getProvider('groq', { timeoutMs: 5_000 }));
    gw.addFault({ method: 'PUT', latencyMs: 400 });
    await expect(client.updateProvider('groq', body)).resolves.toMatchObject({ name: 'groq' });
  });

  it('deletes', async () => {
    await client.deleteProvider('groq');
    expect(gw.requests.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/providers/groq' });
    expect((await failure(client.getProvider('groq'))).status).toBe(404);
  });
});

describe('HTTP errors', () => {
  beforeEach(() => start({}, { getRetries: 0 }));

  it('400: the gateway validation message', async () => {
    const body = buildUpdateBody(await client.getProvider('openai'), [{ path: ['concurrency_and_buffer_size', 'concurrency'], value: 0 }]);
    const e = await failure(client.updateProvider('openai', body));
    expect(e).toMatchObject({ kind: 'http', status: 400, method: 'PUT', path: '/api/providers/openai' });
    expect(e.message).toBe('400 Bad Request: Concurrency must be greater than 0');
  });

  it('401 without credentials: says a management key is needed', async () => {
    const anon = createClient({ baseUrl: gw.url, auth: { kind: 'none' } });
    const e = await failure(anon.listProviders());
    await anon.close();
    expect(e).toMatchObject({ kind: 'http', status: 401, isAuth: true });
    expect(e.message).toBe('401 Unauthorized: the gateway needs a management API key (--api-key or a profile)');
  });

  it('401 with a wrong token: says the credentials were rejected', async () => {
    const wrong = createClient({ baseUrl: gw.url, auth: { kind: 'bearer', token: 'bfst-wrong-token-123' } });
    const e = await failure(wrong.getProvider('openai'));
    await wrong.close();
    expect(e.status).toBe(401);
    expect(e.message).toMatch(/^401 Unauthorized: the gateway rejected the credentials/);
    expect(e.message).not.toContain('bfst-wrong-token-123');
  });

  it('403: prefixed gateway message', async () => {
    gw.addFault({ method: 'PUT', status: 403, message: 'missing permission ModelProvider:Update' });
    const e = await failure(client.updateProvider('openai', buildUpdateBody(await client.getProvider('openai'))));
    expect(e).toMatchObject({ kind: 'http', status: 403 });
    expect(e.message).toBe('403 Forbidden: missing permission ModelProvider:Update');
  });

  it('404: provider not found', async () => {
    const e = await failure(client.getProvider('nope'));
    expect(e).toMatchObject({ kind: 'http', status: 404, isNotFound: true });
    expect(e.message).toMatch(/^404 Not Found: Provider not found/);
  });

  it('409: provider already exists', async () => {
    const e = await failure(client.createProvider({ provider: 'acme-llm', custom_provider_config: { base_provider_type: 'openai' } }));
    expect(e).toMatchObject({ kind: 'http', status: 409 });
    expect(e.message).toMatch(/^409 Conflict: .*already exists/);
  });

  it('500: the gateway message', async () => {
    gw.addFault({ path: '/api/providers', status: 500, message: 'Failed to get providers: db is locked' });
    const e = await failure(client.listProviders());
    expect(e).toMatchObject({ kind: 'http', status: 500 });
    expect(e.message).toBe('500 Internal Server Error: Failed to get providers: db is locked');
  });

  it('non-JSON error body: first line of the raw text', async () => {
    gw.addFault({ method: 'DELETE', path: '/api/providers/openai/keys/k-1', status: 404, rawBody: '404 page not found\n<pre>router detail</pre>\n' });
    const e = await failure(client.deleteKey('openai', 'k-1'));
    expect(e).toMatchObject({ kind: 'http', status: 404 });
    expect(e.message).toBe('404 Not Found: 404 page not found');
  });

  it('long HTML from a proxy is cut to one short line', async () => {
    gw.addFault({ path: '/api/providers', status: 502, rawBody: `<html><body>${'Bad gateway. '.repeat(100)}</body></html>` });
    const e = await failure(client.listProviders());
    expect(e.status).toBe(502);
    expect(e.message.length).toBeLessThanOrEqual(230);
  });

  it('a write answered by a 2xx that is not JSON is a bad-response (it may have been applied)', async () => {
    gw.addFault({ method: 'PUT', path: '/api/providers/openai', status: 200, rawBody: '<html>captive portal</html>' });
    const e = await failure(client.updateProvider('openai', buildUpdateBody(await client.getProvider('openai'))));
    expect(e).toMatchObject({ kind: 'bad-response', status: 200 });
    expect(e.message).toMatch(/succeeded \(200\) but the reply was not understood: body is not JSON; reload/);
  });

  it('a read answered by a 2xx that is not JSON is never data: a route the version lacks', async () => {
    gw.addFault({ path: '/api/providers/openai/keys', status: 200, rawBody: '<!doctype html><html>dashboard</html>' });
    const e = await failure(client.listKeys('openai'));
    expect(e).toMatchObject({ kind: 'absent', status: 200 });
    expect(e.message).toBe('this gateway has no GET /api/providers/openai/keys: it answered 200 with a page, not JSON (a Bifrost version without that route)');
  });
});

describe('transport failures', () => {
  it('connection refused', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    await start();
    await client.close();
    client = createClient({ baseUrl: `http://127.0.0.1:${port}`, auth: { kind: 'bearer', token: TOKEN }, getRetries: 0 });
    const e = await failure(client.listProviders());
    expect(e.kind).toBe('refused');
    expect(e.message).toBe(`cannot connect to http://127.0.0.1:${port}: connection refused`);
  });

  it('timeout on a hanging GET', async () => {
    await start({}, { timeoutMs: 200, getRetries: 2 });
    gw.addFault({ path: '/api/providers', hang: true });
    const e = await failure(client.listProviders());
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('GET /api/providers timed out after 0.2 s');
    expect(requestsTo('GET', '/api/providers')).toBe(1); // the deadline covers retries too
  });

  it('per-call timeout on a slow PUT', async () => {
    await start();
    const body = buildUpdateBody(await client.getProvider('groq'));
    gw.addFault({ method: 'PUT', latencyMs: 2_000 });
    const e = await failure(client.updateProvider('groq', body, { timeoutMs: 150 }));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('PUT /api/providers/groq timed out after 0.15 s; the change may have been applied, reload to check');
  });

  it('a socket reset is a network error', async () => {
    await start({}, { getRetries: 0 });
    gw.addFault({ path: '/api/providers', reset: true });
    const e = await failure(client.listProviders());
    expect(e.kind).toBe('network');
  });

  it('a truncated body is a network error, never half-parsed', async () => {
    await start({}, { getRetries: 0 });
    gw.addFault({ path: '/api/providers/openai', truncate: true });
    const e = await failure(client.getProvider('openai'));
    expect(['network', 'bad-response']).toContain(e.kind);
  });

  it('caller abort mid-request', async () => {
    await start();
    gw.addFault({ path: '/api/providers', hang: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = await failure(client.listProviders({ signal: ac.signal }));
    expect(e.kind).toBe('aborted');
    expect(e.message).toBe('GET /api/providers was cancelled');
  });

  it('an already aborted signal sends nothing', async () => {
    await start();
    const ac = new AbortController();
    ac.abort();
    const e = await failure(client.getProvider('openai', { signal: ac.signal }));
    expect(e.kind).toBe('aborted');
    expect(gw.requests).toHaveLength(0);
  });
});

describe('retries', () => {
  it('GET is retried after a 503, then succeeds', async () => {
    await start();
    gw.addFault({ method: 'GET', path: '/api/providers', status: 503, times: 1 });
    const providers = await client.listProviders();
    expect(providers.length).toBeGreaterThan(0);
    expect(requestsTo('GET', '/api/providers')).toBe(2);
  });

  it('GET is retried after a socket reset', async () => {
    await start();
    gw.addFault({ method: 'GET', path: '/api/providers/openai', reset: true, times: 1 });
    expect((await client.getProvider('openai')).name).toBe('openai');
    expect(requestsTo('GET', '/api/providers/openai')).toBe(2);
  });

  it('GET retries are bounded by getRetries', async () => {
    await start({}, { getRetries: 2 });
    gw.addFault({ method: 'GET', path: '/api/providers', status: 502, times: 10 });
    const e = await failure(client.listProviders());
    expect(e.status).toBe(502);
    expect(requestsTo('GET', '/api/providers')).toBe(3);
  });

  it('GET is not retried on 4xx/500', async () => {
    await start();
    gw.addFault({ method: 'GET', path: '/api/providers', status: 500, times: 1 });
    await failure(client.listProviders());
    expect(requestsTo('GET', '/api/providers')).toBe(1);
  });

  it('PUT is never retried, neither on 503 nor on a reset', async () => {
    await start({}, { getRetries: 5 });
    const body = buildUpdateBody(await client.getProvider('groq'));
    gw.addFault({ method: 'PUT', status: 503, times: 1 });
    expect((await failure(client.updateProvider('groq', body))).status).toBe(503);
    expect(requestsTo('PUT', '/api/providers/groq')).toBe(1);
    gw.addFault({ method: 'PUT', reset: true, times: 1 });
    expect((await failure(client.updateProvider('groq', body))).kind).toBe('network');
    expect(requestsTo('PUT', '/api/providers/groq')).toBe(2);
  });

  it('POST and DELETE are never retried', async () => {
    await start();
    gw.addFault({ method: 'POST', status: 503, times: 1 });
    gw.addFault({ method: 'DELETE', status: 504, times: 1 });
    await failure(client.createProvider({ provider: 'new-one', custom_provider_config: { base_provider_type: 'openai' } }));
    await failure(client.deleteProvider('groq'));
    expect(requestsTo('POST', '/api/providers')).toBe(1);
    expect(requestsTo('DELETE', '/api/providers/groq')).toBe(1);
  });
});

describe('secrets stay out of error messages', () => {
  it('a 401 (and others) echoing the token never shows it', async () => {
    await start({}, { getRetries: 0 });
    gw.addFault({ path: '/api/providers/openai', status: 401, message: `invalid token ${TOKEN}` });
    const e401 = await failure(client.getProvider('openai'));
    expect(e401.status).toBe(401);
    gw.clearFaults();
    gw.addFault({ path: '/api/providers/openai', status: 403, message: `token ${TOKEN} lacks ModelProvider:View` });
    gw.addFault({ path: '/api/providers', status: 500, message: `Authorization: Bearer ${TOKEN}` });
    await failure(client.getProvider('openai'));
    await failure(client.listProviders());
    gw.clearFaults();
    gw.addFault({ path: '/api/providers', status: 502, rawBody: `proxy error for ${TOKEN}` });
    await failure(client.listProviders());
  });

  it('Basic credentials never show either', async () => {
    await start({ auth: { kind: 'basic', username: 'admin', password: 'hunter2-long-pass' } }, { auth: { kind: 'basic', username: 'admin', password: 'hunter2-long-pass' }, getRetries: 0 });
    expect((await client.listProviders()).length).toBeGreaterThan(0);
    gw.addFault({ status: 500, message: `bad login admin:hunter2-long-pass (${Buffer.from('admin:hunter2-long-pass').toString('base64')})` });
    const e = await failure(client.listProviders());
    expect(e.message).not.toContain('hunter2-long-pass');
    expect(e.message).not.toContain(Buffer.from('admin:hunter2-long-pass').toString('base64'));
  });

  it('no ApiError in this file carried the token', () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const e of seen) {
      expect(e.message).not.toContain(TOKEN);
      expect(e.message).not.toContain('hunter2-long-pass');
    }
  });
});
