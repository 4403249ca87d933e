/** What the app shows and keys its local files by for one connected gateway. */
import type { Auth, ClientOptions } from '../api/types.js';
import type { Profile } from '../state/local-types.js';
import { gatewayKey } from '../store/state-dir.js';
import { shellLine } from '../state/cli/shell-quote.js';

/** Where the app is connected, as shown in headers and used to key drafts and history. */
export interface ConnectionInfo {
  url: string;
  authMode: 'none' | 'bearer' | 'basic';
  /** Profile name, when connected through a profile. */
  profile?: string;
  label?: string;
  /** Label colour name (red, yellow, ...). */
  color?: string;
  readOnly: boolean;
  /** Stable key of this gateway for drafts and history. */
  gatewayKey: string;
  /** The read timeout of this connection (the profile's or --timeout), ms; undefined: the client's default. */
  timeoutMs?: number;
  /** The secret in use, so output can be scrubbed of it. Never rendered. */
  secret?: string;
  /** The setup token in use, for scrubbing too. Never rendered. */
  setupToken?: string;
}

/** The secret an Auth carries (bearer token or Basic password), if any. */
export function secretOf(auth: Auth): string | undefined {
  return auth.kind === 'bearer' ? auth.token : auth.kind === 'basic' ? auth.password : undefined;
}

/**
 * The connection a profile (or none) with these options makes. `urlOverridden`: the URL came from
 * `--url`/`BIFROST_URL` rather than the profile, so drafts and history are keyed by the URL alone.
 */
export function connectionInfo(profile: Profile | undefined, opts: ClientOptions, urlOverridden = false): ConnectionInfo {
  return {
    url: opts.baseUrl,
    authMode: opts.auth.kind,
    profile: profile?.name,
    label: profile?.label,
    color: profile?.color,
    readOnly: Boolean(profile?.readOnly),
    gatewayKey: gatewayKey(urlOverridden ? undefined : profile?.name, opts.baseUrl),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    secret: secretOf(opts.auth),
    ...(opts.setupToken ? { setupToken: opts.setupToken } : {}),
  };
}

/**
 * The options that make a command reach this gateway and its local history: `--profile P` (the profile's
 * URL and key), `--url URL` too when the URL overrode the profile's (history is then keyed by the URL), or
 * `--url URL` alone. Never a key.
 */
export function connectionWordsOf(c: Pick<ConnectionInfo, 'profile' | 'url' | 'gatewayKey'>): string[] {
  if (!c.profile) return ['--url', c.url];
  return c.gatewayKey === gatewayKey(c.profile, c.url) ? ['--profile', c.profile] : ['--profile', c.profile, '--url', c.url];
}

/** `bifrost-tui WORDS… --profile P` (or `--url URL`), shell-quoted: a command the app names that runs as printed. */
export function rerunLineOn(c: Pick<ConnectionInfo, 'profile' | 'url' | 'gatewayKey'>, words: readonly string[]): string {
  return shellLine(['bifrost-tui', ...words, ...connectionWordsOf(c)]);
}
