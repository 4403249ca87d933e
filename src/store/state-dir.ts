/** Where drafts and history live (XDG state dir), and how gateways and providers map to file names. */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { APP_DIR_NAME, xdgBase, type DirOptions } from './config-dir.js';

/**
 * The state directory: `dir`, else `$BIFROST_TUI_STATE_DIR`, else
 * `$XDG_STATE_HOME/bifrost-tui`, else `~/.local/state/bifrost-tui`.
 */
export function resolveStateDir(opts: DirOptions = {}): string {
  const env = opts.env ?? process.env;
  if (opts.dir) return path.resolve(opts.dir);
  if (env.BIFROST_TUI_STATE_DIR) return path.resolve(env.BIFROST_TUI_STATE_DIR);
  return path.join(xdgBase(env, 'XDG_STATE_HOME', ['.local', 'state']), APP_DIR_NAME);
}

function shortHash(text: string, chars = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, chars);
}

/** Normalises a URL for keying, so `http://h:80/` and `http://h` share drafts. */
function normaliseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

/**
 * A stable, filesystem-safe key for one gateway: `profile-<name>` for a
 * profile, else `url-<sha256(url) prefix>`. The prefixes keep the two
 * namespaces apart and make `.`/`..` profile names harmless.
 */
export function gatewayKey(profileName: string | undefined, url: string): string {
  if (profileName) return `profile-${encodeName(profileName)}`;
  return `url-${shortHash(normaliseUrl(url))}`;
}

/**
 * Encodes any string as one safe path segment: `[A-Za-z0-9_-]` kept, every
 * other UTF-8 byte as `%XX` (so `.`, `/`, `..` can never escape a folder).
 * Very long names are cut and suffixed with a hash to stay under NAME_MAX.
 */
export function encodeName(name: string): string {
  if (name.length === 0) return '%';
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out.length > 180 ? `${out.slice(0, 160)}~${shortHash(name)}` : out;
}
