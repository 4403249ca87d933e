/**
 * The base-URL SSRF check of §4.3 step 9, without DNS: only literal IP hosts
 * are classified. Loopback is allowed, link-local always refused, RFC 1918 and
 * unique-local IPv6 refused unless `allow_private_network`.
 */
import { isIP } from 'node:net';

type AddressClass = 'loopback' | 'link-local' | 'private' | 'unspecified' | 'public';

function classifyV4(ip: string): AddressClass {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 0) return 'unspecified';
  return 'public';
}

function classifyV6(ip: string): AddressClass {
  const lower = ip.toLowerCase();
  if (lower === '::1') return 'loopback';
  if (lower === '::') return 'unspecified';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return classifyV4(mapped[1]);
  if (/^fe[89ab]/.test(lower)) return 'link-local';
  if (/^f[cd]/.test(lower)) return 'private';
  return 'public';
}

/** The reason a base URL is refused, or undefined when it passes. */
export function baseUrlProblem(raw: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `invalid URL: ${raw}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `unsupported URL scheme "${url.protocol.replace(/:$/, '')}": only http and https are allowed`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === '') return 'URL has no host';
  const family = isIP(host);
  if (family === 0) return undefined; // a hostname: no DNS resolution in the demo
  const cls = family === 4 ? classifyV4(host) : classifyV6(host);
  if (cls === 'link-local') return `link-local address ${host} is not allowed`;
  if (cls === 'unspecified') return `unspecified address ${host} is not allowed`;
  if (cls === 'private' && !allowPrivate) {
    return `private network address ${host} is not allowed (set allow_private_network to allow it)`;
  }
  return undefined;
}
