/** How profiles are shown by `profiles list|show`: text and JSON, never any part of a stored key. */
import type { Profile, SecretSource } from '../state/local-types.js';
import { describeSecret } from '../connection/secret-source.js';
import { hideUrlUserinfo } from '../api/secrets.js';

/** The JSON view of a profile: only known fields, secret reduced to its kind (unknown keys might hold secrets). */
export interface ProfileView {
  name: string;
  url: string;
  auth: Profile['auth'];
  default: boolean;
  username?: string;
  secret?: { source: 'stored' } | { source: 'env'; name: string } | { source: 'command'; command: string };
  /** Where the setup token comes from (never the token). */
  setupToken?: { source: 'stored' } | { source: 'env'; name: string } | { source: 'command'; command: string };
  caFile?: string;
  insecure?: boolean;
  timeoutMs?: number;
  refreshSeconds?: number;
  label?: string;
  color?: string;
  readOnly?: boolean;
}

function secretView(src: SecretSource | undefined): ProfileView['secret'] {
  if (!src) return undefined;
  if (src.source === 'stored') return { source: 'stored' };
  if (src.source === 'env') return { source: 'env', name: src.name };
  return { source: 'command', command: src.command };
}

/** Profile → JSON-safe view. */
export function profileView(p: Profile, isDefault: boolean): ProfileView {
  const view: ProfileView = { name: p.name, url: hideUrlUserinfo(p.url), auth: p.auth, default: isDefault };
  if (p.username !== undefined) view.username = p.username;
  const secret = secretView(p.secret);
  if (secret) view.secret = secret;
  const setupToken = secretView(p.setupToken);
  if (setupToken) view.setupToken = setupToken;
  if (p.caFile !== undefined) view.caFile = p.caFile;
  if (p.insecure !== undefined) view.insecure = p.insecure;
  if (p.timeoutMs !== undefined) view.timeoutMs = p.timeoutMs;
  if (p.refreshSeconds !== undefined) view.refreshSeconds = p.refreshSeconds;
  if (p.label !== undefined) view.label = p.label;
  if (p.color !== undefined) view.color = p.color;
  if (p.readOnly !== undefined) view.readOnly = p.readOnly;
  return view;
}

function labelText(p: Profile): string {
  if (!p.label) return p.color ? `(${p.color})` : '';
  return p.color ? `${p.label} (${p.color})` : p.label;
}

/** `list` as an aligned table; `*` marks the default. */
export function formatProfileTable(profiles: Profile[], defaultName: string | undefined): string {
  const rows = [['', 'NAME', 'URL', 'AUTH', 'KEY', 'LABEL', 'FLAGS']];
  for (const p of profiles) {
    const flags = [p.readOnly ? 'read-only' : '', p.insecure ? 'insecure-tls' : ''].filter(Boolean).join(',');
    const auth = p.auth === 'basic' && p.username ? `basic (${p.username})` : p.auth;
    rows.push([p.name === defaultName ? '*' : ' ', p.name, hideUrlUserinfo(p.url), auth, p.auth === 'none' ? '-' : describeSecret(p.secret), labelText(p) || '-', flags || '-']);
  }
  const widths = rows[0]!.map((_, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0));
  const line = (r: string[]): string => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).slice(1).join('  ');
  return rows.map((r) => `${r[0]!.padEnd(1)} ${line(r)}`.trimEnd()).join('\n') + '\n';
}

/** `show` as `key: value` lines. */
export function formatProfileDetails(p: Profile, isDefault: boolean): string {
  const lines: Array<[string, string]> = [
    ['name', isDefault ? `${p.name} (default)` : p.name],
    ['url', hideUrlUserinfo(p.url)],
    ['auth', p.auth],
  ];
  if (p.auth === 'basic') lines.push(['username', p.username ?? '(none)']);
  if (p.auth !== 'none') lines.push([p.auth === 'basic' ? 'password' : 'key', describeSecret(p.secret)]);
  if (p.setupToken) lines.push(['setup token', describeSecret(p.setupToken)]);
  if (p.caFile) lines.push(['ca file', p.caFile]);
  if (p.insecure) lines.push(['tls', 'insecure (certificate not verified)']);
  if (p.timeoutMs !== undefined) lines.push(['timeout', `${p.timeoutMs} ms`]);
  if (p.refreshSeconds !== undefined) lines.push(['refresh', p.refreshSeconds ? `every ${p.refreshSeconds} s` : 'off']);
  if (p.label || p.color) lines.push(['label', labelText(p)]);
  lines.push(['read-only', p.readOnly ? 'yes' : 'no']);
  const w = lines.reduce((m, [k]) => Math.max(m, k.length), 0) + 1;
  return lines.map(([k, v]) => `${`${k}:`.padEnd(w)} ${v}`).join('\n') + '\n';
}
