import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { isLoopbackHost, proxyEnvSet } from '../../src/api/dispatcher.js';
import { errorDetail, formatSeconds, httpError, timeoutError, transportError, type RequestContext } from '../../src/api/transport-errors.js';

const TOKEN = 'bfst-s3cr3t-token-value';
const ctx: RequestContext = {
  method: 'GET',
  path: '/api/providers',
  origin: 'https://gw.example:8443',
  secrets: [TOKEN],
  hasAuth: true,
};

const sysErr = (code: string, message = code): Error => Object.assign(new Error(message), { code });
/** undici wraps the socket error as `cause`. */
const wrapped = (inner: Error): Error => Object.assign(new TypeError('fetch failed'), { cause: inner, code: 'UND_ERR_SOCKET' });

describe('transportError', () => {
  it.each([
    ['ECONNREFUSED', sysErr('ECONNREFUSED'), 'refused', 'cannot connect to https://gw.example:8443: connection refused'],
    ['ENOTFOUND', sysErr('ENOTFOUND', 'getaddrinfo ENOTFOUND gw.example'), 'dns', 'cannot resolve gw.example (ENOTFOUND)'],
    ['EAI_AGAIN', sysErr('EAI_AGAIN'), 'dns', 'cannot resolve gw.example (EAI_AGAIN)'],
    ['connect timeout', sysErr('UND_ERR_CONNECT_TIMEOUT'), 'timeout', 'GET /api/providers timed out (UND_ERR_CONNECT_TIMEOUT)'],
  ])('%s', (_l, err, kind, message) => {
    const e = transportError(err, ctx);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.kind).toBe(kind);
    expect(e.message).toBe(message);
    expect(e.method).toBe('GET');
    expect(e.path).toBe('/api/providers');
  });

  it('finds ECONNREFUSED inside an AggregateError (localhost resolving to ::1 and 127.0.0.1)', () => {
    const agg = Object.assign(new AggregateError([sysErr('ECONNREFUSED'), sysErr('ECONNREFUSED')], ''), {});
    expect(transportError(agg, ctx).kind).toBe('refused');
  });

  it.each(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER'])(
    'TLS %s gets a CA-file / insecure hint',
    (code) => {
      const e = transportError(wrapped(sysErr(code, 'certificate problem')), ctx);
      expect(e.kind).toBe('tls');
      expect(e.message).toContain(code);
      expect(e.message).toMatch(/CA file/);
      expect(e.message).toMatch(/insecure/);
    },
  );

  it('socket resets are network errors, on one line', () => {
    const e = transportError(wrapped(sysErr('ECONNRESET', 'read ECONNRESET\n  at stack')), ctx);
    expect(e.kind).toBe('network');
    expect(e.message).not.toContain('\n');
    expect(e.message).toContain('ECONNRESET');
  });

  it('scrubs secrets from transport messages', () => {
    const e = transportError(new Error(`proxy said: bad header Authorization: Bearer ${TOKEN}`), ctx);
    expect(e.message).not.toContain(TOKEN);
  });

  it('timeouts read in seconds', () => {
    expect(timeoutError(30_000, ctx).message).toBe('GET /api/providers timed out after 30 s');
    expect(timeoutError(30_000, { ...ctx, method: 'PUT' }).message).toBe(
      'PUT /api/providers timed out after 30 s; the change may have been applied, reload to check',
    );
    expect(formatSeconds(150)).toBe('0.15 s');
  });
});

describe('httpError', () => {
  const body = (message: string): string => JSON.stringify({ is_bifrost_error: false, status_code: 400, error: { message } }) + '\n';

  it('uses error.message with a status prefix', () => {
    const e = httpError(400, body('Concurrency must be greater than 0'), ctx);
    expect(e.kind).toBe('http');
    expect(e.status).toBe(400);
    expect(e.message).toBe('400 Bad Request: Concurrency must be greater than 0');
  });

  it('explains 401 with and without credentials', () => {
    expect(httpError(401, body('Unauthorized'), { ...ctx, hasAuth: false }).message).toBe(
      '401 Unauthorized: the gateway needs a management API key (--api-key or a profile)',
    );
    expect(httpError(401, body('Unauthorized'), ctx).message).toMatch(/^401 Unauthorized: the gateway rejected the credentials/);
  });

  it('403 carries the gateway message', () => {
    expect(httpError(403, body('missing permission ModelProvider:Update'), ctx).message).toBe('403 Forbidden: missing permission ModelProvider:Update');
  });

  it('falls back to the raw text, first line, truncated', () => {
    const html = `\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>${'x'.repeat(500)}</body></html>`;
    expect(errorDetail(html)).toBe('<html>');
    const long = 'y'.repeat(500);
    const e = httpError(502, long, ctx);
    expect(e.message.length).toBeLessThan(230);
    expect(e.message.startsWith('502 Bad Gateway: yyyy')).toBe(true);
    expect(httpError(404, '404 page not found\n', ctx).message).toBe('404 Not Found: 404 page not found');
    // A body that only repeats the reason phrase adds nothing.
    expect(httpError(405, 'Method Not Allowed', ctx).message).toBe('HTTP 405 Method Not Allowed');
  });

  it('says HTTP <status> <reason> for an empty body', () => {
    expect(httpError(504, '', ctx).message).toBe('HTTP 504 Gateway Timeout');
    expect(httpError(599, '  \n', ctx).message).toBe('HTTP 599 Error');
  });

  it('JSON that is not an error body falls back to its text', () => {
    expect(httpError(500, '{"oops":true}', ctx).message).toBe('500 Internal Server Error: {"oops":true}');
  });

  it('multi-line gateway messages become one line; secrets are scrubbed', () => {
    const e = httpError(500, body(`failed:\n  token ${TOKEN} rejected`), ctx);
    expect(e.message).toBe('500 Internal Server Error: failed: token **** rejected');
    expect(httpError(401, body(`bad token ${TOKEN}`), ctx).message).not.toContain(TOKEN);
  });
});

describe('dispatcher helpers', () => {
  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1', 'app.localhost']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['gw.example', '10.0.0.1', '128.0.0.1', 'localhost.example.com']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('notices proxy variables in either case, but not NO_PROXY alone', () => {
    expect(proxyEnvSet({ https_proxy: 'http://p:3128' })).toBe(true);
    expect(proxyEnvSet({ HTTP_PROXY: 'http://p:3128' })).toBe(true);
    expect(proxyEnvSet({ NO_PROXY: '*' })).toBe(false);
    expect(proxyEnvSet({ HTTPS_PROXY: '' })).toBe(false);
  });
});
