import { PassThrough } from 'node:stream';
import { waitFor } from '../helpers/fake-client.js';
import { describe, expect, it } from 'vitest';
import { runDemoGatewayCommand } from '../../src/commands/demo-gateway.js';
import { startDemoGateway } from '../../src/demo-gateway/index.js';
import { call, gateway } from './helpers.js';

describe('demo gateway: fault switches', () => {
  it('latency delays the answer', async () => {
    const gw = await gateway();
    gw.addFault({ path: '/api/providers', latencyMs: 120 });
    const t0 = Date.now();
    expect((await call(gw, 'GET', '/api/providers')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('status answers the standard error body, matched by method and path, `times` limited', async () => {
    const gw = await gateway();
    gw.addFault({ method: 'PUT', path: '/api/providers/openai', status: 503, message: 'upstream down', times: 1 });
    expect((await call(gw, 'GET', '/api/providers/openai')).status).toBe(200);
    const res = await call(gw, 'PUT', '/api/providers/openai', {});
    expect(res.status).toBe(503);
    expect(res.json).toEqual({ is_bifrost_error: false, status_code: 503, error: { message: 'upstream down' }, extra_fields: {} });
    expect((await call(gw, 'PUT', '/api/providers/openai', {})).status).toBe(400);
  });

  it('a status without a message uses the HTTP reason phrase', async () => {
    const gw = await gateway();
    gw.addFault({ status: 403 });
    expect((await call(gw, 'GET', '/api/providers')).json.error.message).toBe('Forbidden');
  });

  it('rawBody answers non-JSON text (502 by default)', async () => {
    const gw = await gateway();
    const remove = gw.addFault({ rawBody: '<html>Bad Gateway</html>' });
    const res = await call(gw, 'GET', '/api/providers');
    expect(res.status).toBe(502);
    expect(res.text).toBe('<html>Bad Gateway</html>');
    remove();
    expect((await call(gw, 'GET', '/api/providers')).status).toBe(200);
  });

  it('truncate sends half of the real body and closes', async () => {
    const gw = await gateway();
    gw.addFault({ truncate: true, times: 1 });
    const res = await fetch(`${gw.url}/api/providers`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('reset destroys the connection without an answer', async () => {
    const gw = await gateway();
    gw.addFault({ reset: true });
    await expect(fetch(`${gw.url}/api/providers`)).rejects.toThrow();
    gw.clearFaults();
    expect((await call(gw, 'GET', '/api/providers')).status).toBe(200);
  });

  it('hang never answers, and close() still finishes (it does not wait for the hung request)', async () => {
    const gw = await startDemoGateway();
    gw.addFault({ hang: true });
    const pending = fetch(`${gw.url}/api/providers`).then(() => 'answered', () => 'failed');
    await waitFor(() => expect(gw.requests).toHaveLength(1));
    // The request would hang for ever: close() resolving at all (within the test's limit) is the point.
    await gw.close();
    expect(await pending).toBe('failed');
  });

  it('close() cancels a pending latency or save delay', async () => {
    const gw = await startDemoGateway({ saveDelayMs: 600_000 });
    gw.addFault({ latencyMs: 600_000, method: 'GET' });
    const a = fetch(`${gw.url}/api/providers`).catch(() => 'failed');
    await waitFor(() => expect(gw.requests).toHaveLength(1));
    // 10 minutes of latency are pending: close() resolving within the test's limit means it cancelled them.
    await gw.close();
    expect(await a).toBe('failed');
  });

  it('accepts faults over HTTP at /__demo/faults (never faulted or authenticated itself)', async () => {
    const gw = await gateway({ auth: { kind: 'bearer', token: 't' } });
    const added = await call(gw, 'POST', '/__demo/faults', { status: 500, message: 'boom', times: 2 });
    expect(added.status).toBe(200);
    expect((await call(gw, 'GET', '/__demo/faults')).json.faults).toEqual([{ status: 500, message: 'boom', times: 2 }]);
    expect((await call(gw, 'GET', '/api/providers')).json.error.message).toBe('boom');
    expect((await call(gw, 'POST', '/__demo/faults', { statsu: 500 })).status).toBe(400);
    expect((await call(gw, 'DELETE', '/__demo/faults')).status).toBe(200);
    expect((await call(gw, 'GET', '/api/providers')).status).toBe(401);
  });

  it('mutateProvider changes the store; storedProvider returns a copy', async () => {
    const gw = await gateway();
    gw.mutateProvider('openai', (p) => { p.concurrency_and_buffer_size = { concurrency: 7, buffer_size: 70 }; });
    expect((await call(gw, 'GET', '/api/providers/openai')).json.concurrency_and_buffer_size).toEqual({ concurrency: 7, buffer_size: 70 });
    const copy = gw.storedProvider('openai');
    copy!.concurrency_and_buffer_size = { concurrency: 1, buffer_size: 1 };
    expect(gw.storedProvider('openai')?.concurrency_and_buffer_size).toEqual({ concurrency: 7, buffer_size: 70 });
    expect(() => gw.mutateProvider('nope', () => {})).toThrow();
  });
});

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => { out += String(c); });
  stderr.on('data', (c) => { err += String(c); });
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {}, isTTY: false }, out: () => out, err: () => err };
}

describe('demo-gateway command', () => {
  it('prints the URL, serves, and exits 0 on SIGINT', async () => {
    const t = io();
    const run = runDemoGatewayCommand(['--api-key', 'k1', '--providers', '3'], t.io);
    await expect.poll(() => t.out(), { timeout: 3000 }).toMatch(/^demo gateway \(Bifrost 2\.2\) listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const url = t.out().trim().split(' ').at(-1)!;
    const res = await fetch(`${url}/api/providers`, { headers: { authorization: 'Bearer k1' } });
    expect(((await res.json()) as { total: number }).total).toBe(9);
    process.emit('SIGINT');
    expect(await run).toBe(0);
  });

  it('--gateway-version plays that line (v1.4: /api/version behind the key; keys inside providers)', async () => {
    const t = io();
    const ac = new AbortController();
    const run = runDemoGatewayCommand(['--gateway-version', '1.4', '--api-key', 'k1'], t.io, ac.signal);
    await expect.poll(() => t.out(), { timeout: 3000 }).toMatch(/^demo gateway \(Bifrost 1\.4\) listening on /);
    const url = t.out().trim().split(' ').at(-1)!;
    expect((await fetch(`${url}/api/version`)).status).toBe(401);
    const openai = await (await fetch(`${url}/api/providers/openai`, { headers: { authorization: 'Bearer k1' } })).json() as { keys: unknown[] };
    expect(openai.keys).toHaveLength(2);
    ac.abort();
    expect(await run).toBe(0);
    const bad = io();
    expect(await runDemoGatewayCommand(['--gateway-version', '3.0'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--gateway-version must be one of 1.4, 1.5, 1.6, 2.2, got "3.0"');
    const wrongLine = io();
    expect(await runDemoGatewayCommand(['--gateway-version', '1.5', '--auth-bypassed'], wrongLine.io)).toBe(2);
  });

  it('stops on an abort signal; rejects bad arguments with exit 2; prints help', async () => {
    const t = io();
    const ac = new AbortController();
    const run = runDemoGatewayCommand(['--save-delay', '10'], t.io, ac.signal);
    await expect.poll(() => t.out(), { timeout: 3000 }).toContain('listening');
    ac.abort();
    expect(await run).toBe(0);
    const b = io();
    expect(await runDemoGatewayCommand(['--port', 'abc'], b.io)).toBe(2);
    expect(b.err()).toContain('--port must be a non-negative integer');
    expect(await runDemoGatewayCommand(['--bogus'], io().io)).toBe(2);
    const h = io();
    expect(await runDemoGatewayCommand(['--help'], h.io)).toBe(0);
    expect(h.out()).toContain('/__demo/faults');
  });
});
