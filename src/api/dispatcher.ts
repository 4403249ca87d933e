/** Builds the undici dispatcher for the management connection: TLS trust and proxy env vars. */
import { LOCAL_LIMITS, readTextFileSync, type LocalFileError } from './local-file.js';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from './undici-core.js';
import { ApiError } from './api-error.js';

/** TLS and proxy settings for one gateway connection. */
export interface DispatcherOptions {
  baseUrl: string;
  caFile?: string;
  insecure?: boolean;
  /** Defaults to `process.env`; tests pass their own. */
  env?: NodeJS.ProcessEnv;
}

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const;

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** True when any proxy variable is set (NO_PROXY alone does not count). */
export function proxyEnvSet(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARS.some((k) => (env[k] ?? '') !== '');
}

/**
 * One dispatcher per client. A loopback gateway is never proxied (a corporate
 * HTTPS_PROXY must not swallow the local demo or an SSH tunnel); otherwise,
 * when a proxy variable is set, `EnvHttpProxyAgent` applies it and NO_PROXY.
 */
export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const env = opts.env ?? process.env;
  const tls: { ca?: string; rejectUnauthorized?: boolean } = {};
  if (opts.caFile) {
    try {
      tls.ca = readTextFileSync(opts.caFile, LOCAL_LIMITS.pem);
    } catch (err) {
      const le = err as LocalFileError;
      const why = le.problem === 'missing' ? 'ENOENT' : le.problem === 'io' ? ((le.cause as { code?: string } | undefined)?.code ?? 'unreadable') : le.reason;
      throw new ApiError('tls', `cannot read CA file ${opts.caFile} (${why})`);
    }
  }
  if (opts.insecure) tls.rejectUnauthorized = false;

  const host = new URL(opts.baseUrl).hostname;
  if (proxyEnvSet(env) && !isLoopbackHost(host)) {
    const pick = (a: string, b: string): string | undefined => env[a] || env[b] || undefined;
    return new EnvHttpProxyAgent({
      httpProxy: pick('http_proxy', 'HTTP_PROXY'),
      httpsProxy: pick('https_proxy', 'HTTPS_PROXY'),
      noProxy: pick('no_proxy', 'NO_PROXY') ?? '',
      connect: tls,
      // The gateway's TLS runs inside the CONNECT tunnel: trust settings apply there.
      requestTls: tls,
    });
  }
  return new Agent({ connect: tls });
}
