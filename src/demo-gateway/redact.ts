/**
 * Redaction of secrets in responses and restoration of unchanged masks on
 * writes (CONTRACT.md §7).
 */
import { isRedacted } from '../api/secrets.js';
import { isObject, jsonEqual, type JsonObject } from './json.js';

/** What the newer core sends for proxy password / CA cert instead of the value. */
export const PROXY_SECRET_PLACEHOLDER = '<REDACTED>';

/** 4 + 24 `*` + 4 for values over 8 characters; all `*` otherwise. */
export function mask(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(24)}${value.slice(-4)}`;
}

/** The stored EnvVar shape (old wire shape; see CONTRACT.md §7.1). */
export interface StoredEnvVar extends JsonObject {
  value: string;
  env_var: string;
  from_env: boolean;
}

/**
 * Brings a string or EnvVar object to the stored EnvVar object, as the server's
 * EnvVar decoder does (`env.NAME` reads the process environment).
 */
export function toEnvVar(v: unknown): StoredEnvVar {
  if (typeof v === 'string') {
    if (v.startsWith('env.')) return { value: process.env[v.slice(4)] ?? '', env_var: v, from_env: true };
    return { value: v, env_var: '', from_env: false };
  }
  if (isObject(v)) {
    return {
      ...v,
      value: typeof v.value === 'string' ? v.value : '',
      env_var: typeof v.env_var === 'string' ? v.env_var : '',
      from_env: v.from_env === true,
    };
  }
  return { value: '', env_var: '', from_env: false };
}

/** The newer `{value, ref, type}` EnvVar object (CONTRACT.md §7.1), stored and answered in that shape. */
export function isRefShaped(v: unknown): v is JsonObject & { value: string } {
  return isObject(v) && typeof v.value === 'string' && ('ref' in v || 'type' in v) && !('env_var' in v) && !('from_env' in v);
}

/** A stored EnvVar: the newer object shape is kept as it is, anything else becomes the old shape. */
export function toStoredEnvVar(v: unknown): JsonObject {
  return isRefShaped(v) ? { ...v } : toEnvVar(v);
}

/** Redacts an EnvVar; `placeholder` replaces plain (not env-backed) values when given. */
export function redactEnvVar(v: unknown, placeholder?: string): JsonObject {
  if (isRefShaped(v)) return v.value === '' ? { ...v } : { ...v, value: mask(v.value) };
  const e = toEnvVar(v);
  if (e.value === '') return e;
  if (placeholder !== undefined && !e.from_env) return { ...e, value: placeholder };
  return { ...e, value: mask(e.value) };
}

/** The server's idea of "this is a redacted value" (§7), for strings and EnvVar objects. */
export function looksRedacted(v: unknown): boolean {
  if (typeof v === 'string') return isRedacted(v);
  if (isObject(v)) return v.from_env === true || (typeof v.value === 'string' && isRedacted(v.value));
  return false;
}

/**
 * Keeps the stored secret when the incoming value is redacted AND equals the
 * current redacted form; anything else (including '') overwrites.
 */
export function restoreSecret(incoming: unknown, stored: unknown, redactedNow: unknown): unknown {
  if (stored === undefined || !looksRedacted(incoming)) return incoming;
  if (jsonEqual(incoming, redactedNow)) return stored;
  // A string sent for an EnvVar object (or the reverse) compares by its value.
  const valueOf = (v: unknown): unknown => (isObject(v) ? v.value : v);
  if (typeof incoming !== typeof redactedNow && valueOf(incoming) === valueOf(redactedNow)) return stored;
  return incoming;
}

const PROXY_MASKED = ['url', 'username'] as const;
const PROXY_PLACEHOLDER = ['password', 'ca_cert_pem'] as const;

/** Redacts a stored `proxy_config` (newer builds: url/username masked, password/CA replaced). */
export function redactProxy(proxy: JsonObject): JsonObject {
  const out: JsonObject = { ...proxy };
  for (const f of PROXY_MASKED) if (proxy[f] !== undefined) out[f] = redactEnvVar(proxy[f]);
  for (const f of PROXY_PLACEHOLDER) if (proxy[f] !== undefined) out[f] = redactEnvVar(proxy[f], PROXY_SECRET_PLACEHOLDER);
  return out;
}

/** Redacts a stored `ca_cert_pem` (string or EnvVar) to the masked string the server sends. */
export function redactCaCert(v: unknown): string {
  return String(redactEnvVar(v).value);
}

/** Applies mask restoration to an incoming `proxy_config` object against the stored one. */
export function restoreProxy(incoming: JsonObject, stored: unknown): JsonObject {
  const out: JsonObject = { ...incoming };
  const prev = isObject(stored) ? stored : {};
  const redacted = redactProxy(prev);
  for (const f of [...PROXY_MASKED, ...PROXY_PLACEHOLDER]) {
    if (out[f] === undefined || out[f] === null) continue;
    out[f] = toEnvVar(restoreSecret(out[f], prev[f], redacted[f]));
  }
  return out;
}

/** Key credential fields redacted per provider-specific key config (§7). */
const KEY_CONFIG_SECRETS: Record<string, readonly string[]> = {
  azure_key_config: ['endpoint', 'client_id', 'client_secret', 'tenant_id'],
  vertex_key_config: ['project_id', 'project_number', 'region', 'auth_credentials'],
  bedrock_key_config: ['access_key', 'secret_key', 'session_token', 'region', 'arn'],
};

/** A key as the key endpoints send it: value and credentials masked. */
export function redactKey(key: JsonObject): JsonObject {
  const out: JsonObject = { ...key };
  if (key.value !== undefined) out.value = redactEnvVar(key.value);
  for (const [block, fields] of Object.entries(KEY_CONFIG_SECRETS)) {
    const cfg = key[block];
    if (!isObject(cfg)) continue;
    const red: JsonObject = { ...cfg };
    for (const f of fields) if (cfg[f] !== undefined && cfg[f] !== null) red[f] = redactEnvVar(cfg[f]);
    out[block] = red;
  }
  return out;
}

/** Key endpoints (newer builds): any redacted value that is not a reference keeps the stored credential. */
export function restoreKey(incoming: JsonObject, stored: JsonObject): JsonObject {
  const keep = (v: unknown, prev: unknown): unknown => {
    if (prev === undefined || !looksRedacted(v)) return v;
    const isRef = (typeof v === 'string' && /^(env|vault)\./.test(v)) || (isObject(v) && v.from_env === true && v.env_var !== (isObject(prev) ? prev.env_var : undefined));
    return isRef ? v : prev;
  };
  const out: JsonObject = { ...incoming };
  if (out.value !== undefined) out.value = toStoredEnvVar(keep(out.value, stored.value));
  for (const [block, fields] of Object.entries(KEY_CONFIG_SECRETS)) {
    const cfg = out[block];
    const prev = stored[block];
    if (!isObject(cfg)) continue;
    const merged: JsonObject = { ...cfg };
    for (const f of fields) if (cfg[f] !== undefined && cfg[f] !== null) merged[f] = keep(cfg[f], isObject(prev) ? prev[f] : undefined);
    out[block] = merged;
  }
  return out;
}
