/**
 * What counts as a secret and how it is shown. Used by every output path
 * (screen, diff, JSON, errors) so a secret is masked the same way everywhere.
 */

/** Header or map-key names whose values are secrets. */
const SECRET_NAME = /(authori[sz]ation|token|secret|passw(or)?d|api[-_]?key|(^|[-_])key($|[-_])|cookie|credential|signature)/i;

/** Wire paths (dotted, from the provider root) whose values are secrets. */
export const SECRET_PATHS: ReadonlySet<string> = new Set([
  'network_config.ca_cert_pem',
  'proxy_config.url',
  'proxy_config.username',
  'proxy_config.password',
  'proxy_config.ca_cert_pem',
]);

/** True when a header/map key name looks like it carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** True when the value at this dotted path is a secret (including secret-named extra headers). */
export function isSecretPath(path: string): boolean {
  if (SECRET_PATHS.has(path)) return true;
  const parts = path.split('.');
  const last = parts[parts.length - 1] ?? '';
  if (parts[0] === 'network_config' && parts[1] === 'extra_headers' && parts.length === 3) return isSecretName(last);
  return /(^|\.)(value|password|api_key|secret|token)$/.test(path);
}

/** True when the gateway has already redacted this text (CONTRACT.md §7). */
export function isRedacted(text: string): boolean {
  if (text.length === 0) return false;
  if (text.length <= 8 && /^\*+$/.test(text)) return true;
  if (text.length === 32 && text.slice(4, 28) === '*'.repeat(24)) return true;
  const lower = text.toLowerCase();
  return lower === '<redacted>' || lower === '[redacted]';
}

/**
 * A literal as the gateway itself masks one (VERSIONS.md §3.4 `Redacted`): empty stays empty, up to 8
 * characters become that many `*`, anything longer its first 4 + 24 `*` + its last 4. Used where a line
 * shows a secret plain (v1.4/v1.5 proxy user names) and this client prints it as data: the gateway reads
 * such a mask as a mask, never as a new value.
 */
export function redactLikeGateway(text: string): string {
  if (text === '') return '';
  if (text.length <= 8) return '*'.repeat(text.length);
  return `${text.slice(0, 4)}${'*'.repeat(24)}${text.slice(-4)}`;
}

/**
 * Masks a secret for display. Never reveals more than the gateway's own
 * redaction would; an already-redacted value shows as "set, redacted".
 */
export function maskSecret(text: string): string {
  if (text.length === 0) return '(empty)';
  if (/^(env|vault)\./.test(text)) return text; // a reference, not a secret
  if (isRedacted(text)) return '•••• (set, redacted)';
  return `•••• (set, ${text.length} chars)`;
}

/** `scheme://user:pass@` in any text: the userinfo part of a URL. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/** The text with every URL's `user:password@` replaced by `***@`. */
export function hideUrlUserinfo(text: string): string {
  return text.replace(URL_USERINFO, '$1***@');
}

/** True when `url` carries a user name or password (`http://user:pass@host`). */
export function urlHasUserinfo(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return hideUrlUserinfo(url) !== url;
  }
}

/** Why a gateway URL cannot be used because it carries credentials (never sent, and they would show), or undefined. */
export function urlCredentialsProblem(url: string): string | undefined {
  if (!urlHasUserinfo(url)) return undefined;
  return `the gateway URL ${hideUrlUserinfo(url)} holds credentials, which are never sent: remove them and use BIFROST_API_KEY, --api-key or a profile with basic auth`;
}

/**
 * `text` with each of `values` replaced by `****`: the one scrubbing of known
 * literal secrets (a profile's key, a typed key value). Values shorter than 4
 * characters are left alone, since they would mask ordinary text.
 */
export function scrubLiterals(text: string, values: Iterable<string | undefined>): string {
  let out = text;
  for (const s of values) {
    if (s && s.length >= 4) out = out.split(s).join('****');
  }
  return out;
}

/**
 * Removes known secret values from free text (error messages, logs).
 * `secrets` are the literal values to scrub (e.g. the profile's API key).
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  return hideUrlUserinfo(scrubLiterals(text, secrets))
    .replace(/(authorization\s*[:=]\s*)(bearer|basic)?\s*[^\s,;"]+/gi, '$1$2 ****')
    .replace(/(bfst-|sk-bf-)[A-Za-z0-9_-]+/g, '$1****');
}
